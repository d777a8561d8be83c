import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { allowsMacieWrites, hasHttpsOnlyDeny, mergePolicy, partitionOf, resultsBucketPolicy, resultsKeyPolicy, type PolicyDocument } from './policies.js'

const ACCOUNT = '111122223333'
const BUCKET = 'macie-results-111122223333-eu-west-1'

describe('resultsKeyPolicy', () => {
  const policy = resultsKeyPolicy({ accountId: ACCOUNT, region: 'eu-west-1' })

  it('lets the account administer the key', () => {
    const admin = policy.Statement.find((s) => s.Effect === 'Allow' && typeof s.Principal === 'object' && s.Principal.AWS === `arn:aws:iam::${ACCOUNT}:root`)
    assert.equal(admin?.Action, 'kms:*')
  })

  it('lets Macie encrypt with it on behalf of the account only', () => {
    const macie = policy.Statement.find((s) => typeof s.Principal === 'object' && s.Principal.Service === 'macie.amazonaws.com')
    assert.ok(macie)
    assert.equal(macie.Effect, 'Allow')
    assert.deepEqual([...(macie.Action as string[])].sort(), ['kms:Encrypt', 'kms:GenerateDataKey'])
    assert.equal(macie.Condition?.StringEquals?.['aws:SourceAccount'], ACCOUNT)
  })

  it('names the partition of China and GovCloud regions', () => {
    assert.equal(partitionOf('cn-north-1'), 'aws-cn')
    assert.equal(partitionOf('us-gov-west-1'), 'aws-us-gov')
    assert.match(JSON.stringify(resultsKeyPolicy({ accountId: ACCOUNT, region: 'cn-north-1' })), /arn:aws-cn:iam::111122223333:root/)
  })
})

describe('resultsBucketPolicy', () => {
  const policy = resultsBucketPolicy({ bucket: BUCKET, accountId: ACCOUNT, region: 'eu-west-1' })

  it('denies every S3 action on the bucket and its objects without HTTPS', () => {
    const deny = policy.Statement.find((s) => s.Effect === 'Deny')
    assert.ok(deny)
    assert.equal(deny.Principal, '*')
    assert.equal(deny.Action, 's3:*')
    assert.deepEqual(deny.Resource, [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`])
    assert.deepEqual(deny.Condition, { Bool: { 'aws:SecureTransport': 'false' } })
    assert.equal(hasHttpsOnlyDeny(policy, BUCKET), true)
  })

  it('allows Macie PutObject and GetBucketLocation, conditioned on the account', () => {
    const allows = policy.Statement.filter((s) => s.Effect === 'Allow')
    const put = allows.find((s) => s.Action === 's3:PutObject')
    const location = allows.find((s) => s.Action === 's3:GetBucketLocation')
    assert.equal(put?.Resource, `arn:aws:s3:::${BUCKET}/*`)
    assert.equal(location?.Resource, `arn:aws:s3:::${BUCKET}`)
    for (const s of [put!, location!]) {
      assert.deepEqual(s.Principal, { Service: 'macie.amazonaws.com' })
      assert.equal(s.Condition?.StringEquals?.['aws:SourceAccount'], ACCOUNT)
    }
    assert.equal(allowsMacieWrites(policy, BUCKET), true)
  })

  it('is about its own bucket only', () => {
    assert.equal(hasHttpsOnlyDeny(policy, 'other-bucket'), false)
    assert.equal(allowsMacieWrites(policy, 'other-bucket'), false)
  })
})

describe('hasHttpsOnlyDeny', () => {
  const deny = (over: Record<string, unknown>): PolicyDocument =>
    ({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } }, ...over }] }) as PolicyDocument
  const cases: Array<[string, PolicyDocument, boolean]> = [
    ["the runbook's statement", deny({}), true],
    ['GetObject and PutObject rather than s3:*', deny({ Action: ['s3:GetObject', 's3:PutObject'] }), true],
    ['BoolIfExists', deny({ Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }), true],
    ['an Allow', deny({ Effect: 'Allow' }), false],
    ['only PutObject', deny({ Action: 's3:PutObject' }), false],
    ['no condition', deny({ Condition: undefined }), false],
    ['SecureTransport true', deny({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), false],
    ['one principal only', deny({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }), false],
    ['the bucket but not its objects', deny({ Resource: `arn:aws:s3:::${BUCKET}` }), false],
  ]
  for (const [name, policy, expected] of cases) it(name, () => assert.equal(hasHttpsOnlyDeny(policy, BUCKET), expected))
})

describe('mergePolicy', () => {
  const ours = resultsBucketPolicy({ bucket: BUCKET, accountId: ACCOUNT, region: 'eu-west-1' })

  it('keeps statements someone else wrote and replaces ours', () => {
    const existing: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AuditorsRead', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` },
        { Sid: 'DenyNonHttpsAccess', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*' },
      ],
    }
    const merged = mergePolicy(existing, ours)
    assert.deepEqual(
      merged.Statement.map((s) => s.Sid),
      ['AuditorsRead', 'DenyNonHttpsAccess', 'AllowMacieToUploadObjects', 'AllowMacieToGetBucketLocation'],
    )
    assert.equal(merged.Statement.find((s) => s.Sid === 'DenyNonHttpsAccess')?.Action, 's3:*')
  })

  it('is our policy when there is none', () => {
    assert.deepEqual(mergePolicy(undefined, ours), ours)
  })
})
