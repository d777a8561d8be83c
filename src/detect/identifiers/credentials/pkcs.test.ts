import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { pkcs } from './pkcs.js'

const rsaLine = 'MIIEowIBAAKCAQEAq3V8xK2mT9pLw0nR7sY2bHdF5gJ9cA4eU6iO2tZb1cXw7Lk4'
const p8Line = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCq3V8xK2mT9pLw'
const ecLine = 'MHcCAQEEIBq3V8xK2mT9pLw0nR7sY2bHdF5gJ9cA4eU6iO2tZb1coAoGCCqGSM49'
const cipherLine = 'q3V8xK2mT9pLw0nR7sY2bHdF5gJ9cA4eU6iO2tZb1cXw7Lk4Jm0Pa8Ns6Dt2Vu5Q'

const cases: Array<[text: string, expected: string[]]> = [
  [`-----BEGIN RSA PRIVATE KEY-----\n${rsaLine}\n-----END RSA PRIVATE KEY-----`, [`-----BEGIN RSA PRIVATE KEY-----\n${rsaLine}`]],
  [`-----BEGIN PRIVATE KEY-----\n${p8Line}\n`, [`-----BEGIN PRIVATE KEY-----\n${p8Line}`]],
  [`-----BEGIN EC PRIVATE KEY-----\r\n${ecLine}`, [`-----BEGIN EC PRIVATE KEY-----\r\n${ecLine}`]],
  [`-----BEGIN DSA PRIVATE KEY-----\n${rsaLine}`, [`-----BEGIN DSA PRIVATE KEY-----\n${rsaLine}`]],
  [`-----BEGIN ENCRYPTED PRIVATE KEY-----\n${p8Line}`, [`-----BEGIN ENCRYPTED PRIVATE KEY-----\n${p8Line}`]],
  [`"private_key": "-----BEGIN PRIVATE KEY-----\\n${p8Line}\\n"`, [`-----BEGIN PRIVATE KEY-----\\n${p8Line}`]], // escaped newlines
  [
    `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,7B8E2C41A9D05F36E1C4B82D9A0F7E53\n\n${cipherLine}`,
    [`-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,7B8E2C41A9D05F36E1C4B82D9A0F7E53\n\n${cipherLine}`],
  ], // legacy encrypted PEM: ciphertext body
  [`-----BEGIN RSA PRIVATE KEY-----\n${cipherLine}`, []], // body is not DER
  ['-----BEGIN RSA PRIVATE KEY-----\nXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', []], // placeholder
  ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKC\n', []], // under 16 body characters
  ['-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----', []], // documentation placeholder
  [`-----BEGIN PUBLIC KEY-----\n${p8Line}`, []], // a public key
]

describe(pkcs.id, () => {
  for (const [text, expected] of cases) {
    it(JSON.stringify(text).slice(0, 80), () => assert.deepEqual(detectIn(pkcs, text).map((d) => d.match), expected))
  }
  it('needs no label: a key in a column is found as is', () => {
    const text = `-----BEGIN PRIVATE KEY-----\n${p8Line}`
    assert.deepEqual(detectIn(pkcs, text, { labels: ['tls_key'] }).map((d) => d.match), [text])
  })
})
