import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { describe, it } from 'node:test'
import { signatureHeader, verifySignature } from './signature.js'

const SECRET = 'whsec-test-only'
const BODY = '{"version":"0","id":"e1"}'
const NOW = new Date('2026-03-01T10:00:00Z')
const T = NOW.getTime() / 1000

describe('webhook signatures', () => {
  it('signs `<t>.<body>` with HMAC-SHA256 under the secret', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex')
    assert.equal(signatureHeader(SECRET, BODY, NOW), `t=${T},v1=${expected}`)
  })

  it('verifies its own signatures, from a string or the raw bytes', () => {
    const header = signatureHeader(SECRET, BODY, NOW)
    assert.equal(verifySignature(SECRET, header, BODY, NOW), true)
    assert.equal(verifySignature(SECRET, header, Buffer.from(BODY), new Date(NOW.getTime() + 299_000)), true)
  })

  it('accepts any of several v1 signatures (a secret being rotated)', () => {
    const good = signatureHeader(SECRET, BODY, NOW).split(',')[1]!
    const other = signatureHeader('old-secret', BODY, NOW).split(',')[1]!
    assert.equal(verifySignature(SECRET, `t=${T},${other},${good}`, BODY, NOW), true)
  })

  const rejected: Array<[string, () => boolean]> = [
    ['another secret', () => verifySignature('wrong', signatureHeader(SECRET, BODY, NOW), BODY, NOW)],
    ['a changed body', () => verifySignature(SECRET, signatureHeader(SECRET, BODY, NOW), BODY.replace('e1', 'e2'), NOW)],
    ['a stale timestamp', () => verifySignature(SECRET, signatureHeader(SECRET, BODY, NOW), BODY, new Date(NOW.getTime() + 301_000))],
    ['a timestamp from the future', () => verifySignature(SECRET, signatureHeader(SECRET, BODY, new Date(NOW.getTime() + 600_000)), BODY, NOW)],
    ['a changed timestamp', () => verifySignature(SECRET, signatureHeader(SECRET, BODY, NOW).replace(`t=${T}`, `t=${T + 1}`), BODY, NOW)],
    ['no header', () => verifySignature(SECRET, undefined, BODY, NOW)],
    ['a repeated header', () => verifySignature(SECRET, [signatureHeader(SECRET, BODY, NOW)], BODY, NOW)],
    ['no timestamp', () => verifySignature(SECRET, signatureHeader(SECRET, BODY, NOW).replace(/^t=\d+,/, ''), BODY, NOW)],
    ['no signature', () => verifySignature(SECRET, `t=${T}`, BODY, NOW)],
    ['a malformed signature', () => verifySignature(SECRET, `t=${T},v1=zz`, BODY, NOW)],
    ['an empty secret', () => verifySignature('', signatureHeader('', BODY, NOW), BODY, NOW)],
  ]
  for (const [what, check] of rejected) {
    it(`rejects ${what}`, () => assert.equal(check(), false))
  }
})
