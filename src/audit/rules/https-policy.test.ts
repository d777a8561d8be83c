import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { deniesInsecureTransport } from './https-policy.js'

const B = 'results'
const both = [`arn:aws:s3:::${B}`, `arn:aws:s3:::${B}/*`]
const insecure = { Bool: { 'aws:SecureTransport': 'false' } }
const deny = (over: Record<string, unknown>): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: both, Condition: insecure, ...over }] })

const cases: Array<[what: string, policy: string, expected: boolean]> = [
  ["the runbook's statement", deny({}), true],
  ['Principal AWS "*"', deny({ Principal: { AWS: '*' } }), true],
  ['condition as a boolean, BoolIfExists', deny({ Condition: { BoolIfExists: { 'aws:SecureTransport': false } } }), true],
  ['object reads and writes only', deny({ Action: ['s3:GetObject', 's3:PutObject'] }), true],
  ['resource wildcard', deny({ Resource: 'arn:aws:s3:::res*' }), true],
  ['Allow, not Deny', deny({ Effect: 'Allow' }), false],
  ['writes only', deny({ Action: 's3:PutObject' }), false],
  ['objects only, not the bucket', deny({ Resource: `arn:aws:s3:::${B}/*` }), false],
  ['another bucket', deny({ Resource: ['arn:aws:s3:::other', 'arn:aws:s3:::other/*'] }), false],
  ['SecureTransport true', deny({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), false],
  ['no condition', deny({ Condition: undefined }), false],
  ['one principal only', deny({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }), false],
  ['not JSON', '{', false],
]

describe('deniesInsecureTransport', () => {
  for (const [what, policy, expected] of cases) it(what, () => assert.equal(deniesInsecureTransport(policy, B), expected))
})
