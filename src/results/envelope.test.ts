import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { InvalidInputError } from '../errors.js'
import { ENVELOPE_MAGIC, isEnvelope, openEnvelope, sealEnvelope } from './envelope.js'
import { Keyring } from './keyring.js'

const PLANTED = '4556737586899855'
const plain = Buffer.from(`{"note":"card ${PLANTED}"}\n`.repeat(3))

describe('envelope', () => {
  it('round-trips, and the sealed bytes hold nothing of the plaintext', () => {
    const keyring = Keyring.fromKeys([randomBytes(32)])
    const sealed = sealEnvelope(plain, keyring)
    assert.ok(isEnvelope(sealed))
    assert.ok(!sealed.includes(PLANTED))
    assert.deepEqual(openEnvelope(sealed, keyring), plain)
  })

  it('seals the same plaintext differently every time (a fresh data key and nonce per file)', () => {
    const keyring = Keyring.fromKeys([randomBytes(32)])
    const a = sealEnvelope(plain, keyring)
    const b = sealEnvelope(plain, keyring)
    assert.notDeepEqual(a, b)
    assert.deepEqual(openEnvelope(b, keyring), plain)
  })

  it('round-trips an empty plaintext', () => {
    const keyring = Keyring.fromKeys([randomBytes(32)])
    assert.deepEqual(openEnvelope(sealEnvelope(Buffer.alloc(0), keyring), keyring), Buffer.alloc(0))
  })

  it('starts with TRAWLENC and version 1, and names the wrapping key in the header', () => {
    const keyring = Keyring.fromKeys([randomBytes(32)])
    const sealed = sealEnvelope(plain, keyring)
    assert.equal(sealed.subarray(0, 8).toString('ascii'), 'TRAWLENC')
    assert.equal(sealed[8], 1)
    assert.equal(sealed.subarray(10, 10 + sealed[9]!).toString('ascii'), keyring.currentKeyId)
  })

  it('tells envelopes from gzip files and short buffers', () => {
    assert.equal(isEnvelope(gzipSync(plain)), false)
    assert.equal(isEnvelope(ENVELOPE_MAGIC.subarray(0, 7)), false)
    assert.equal(isEnvelope(Buffer.alloc(0)), false)
  })

  it('fails clearly on any flipped bit, header or body', () => {
    const keyring = Keyring.fromKeys([randomBytes(32)])
    const sealed = sealEnvelope(gzipSync(plain), keyring)
    for (let i = 0; i < sealed.length; i++) {
      const altered = Buffer.from(sealed)
      altered[i]! ^= 1 << i % 8
      assert.throws(() => openEnvelope(altered, keyring), InvalidInputError, `bit ${i % 8} of byte ${i}`)
    }
  })

  it('fails clearly when truncated anywhere', () => {
    const keyring = Keyring.fromKeys([randomBytes(32)])
    const sealed = sealEnvelope(plain, keyring)
    for (let n = 0; n < sealed.length; n++) {
      assert.throws(() => openEnvelope(sealed.subarray(0, n), keyring), InvalidInputError, `first ${n} bytes`)
    }
    assert.throws(() => openEnvelope(sealed.subarray(0, sealed.length - 3), keyring), /does not authenticate/)
  })

  it('fails clearly with another keyring, and opens with a rotated one', async () => {
    const keyring = Keyring.fromKeys([randomBytes(32)])
    const sealed = sealEnvelope(plain, keyring)
    assert.throws(() => openEnvelope(sealed, Keyring.fromKeys([randomBytes(32)])), /master key [0-9a-f]{16} is not in the keyring/)
    await keyring.rotate()
    assert.deepEqual(openEnvelope(sealed, keyring), plain)
    const newer = sealEnvelope(plain, keyring)
    assert.equal(newer.subarray(10, 10 + newer[9]!).toString('ascii'), keyring.currentKeyId)
  })

  it('refuses a version it does not know, by name', () => {
    const keyring = Keyring.fromKeys([randomBytes(32)])
    const sealed = sealEnvelope(plain, keyring)
    sealed[8] = 2
    assert.throws(() => openEnvelope(sealed, keyring), /envelope version 2 is not supported/)
  })
})
