import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { pemBody } from './pem-body.js'

const cases: Array<[match: string, expected: string]> = [
  ['-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN', 'MIIEvQIBADAN'],
  ['-----BEGIN PRIVATE KEY-----\r\n  MIIEvQIBADAN', 'MIIEvQIBADAN'],
  ['-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN', 'MIIEvQIBADAN'], // escaped newline, not "nMIIE…"
  ['-----BEGIN PRIVATE KEY-----\\r\\nMIIEvQIBADAN', 'MIIEvQIBADAN'],
  ['-----BEGIN PRIVATE KEY----- MIIEvQIBADAN', 'MIIEvQIBADAN'],
  ['Public-Lines: 2\nAAAAC3NzaC1lZDI1NTE5', 'AAAAC3NzaC1lZDI1NTE5'],
]

describe('pemBody', () => {
  for (const [match, expected] of cases) {
    it(JSON.stringify(match), () => assert.equal(pemBody(match), expected))
  }
})
