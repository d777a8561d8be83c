import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { decodeBase64Text } from './decode-base64-text.js'

const cases: Array<[value: string, alphabet: 'base64' | 'base64url', expected: string | undefined]> = [
  ['dXNlcjpwYXNz', 'base64', 'user:pass'],
  ['dXNlcjpwYXNzMQ==', 'base64', 'user:pass1'],
  ['dXNlcjpwYXNzMQ', 'base64', 'user:pass1'], // padding is optional
  ['dXNlcjpwYXNzMTI=', 'base64', 'user:pass12'],
  ['dGVzdDoxMjPCow==', 'base64', 'test:123£'], // UTF-8 (RFC 7617 §2.1)
  ['eyJhbGciOiJub25lIn0', 'base64url', '{"alg":"none"}'],
  ['Pz8_', 'base64url', '???'],
  ['Pz8_', 'base64', undefined], // '_' is base64url only
  ['Pz8/', 'base64url', undefined], // '/' is base64 only
  ['dXNlcjpwYXNzM', 'base64', undefined], // length 4n+1 is impossible
  ['dXNlcjpwYXNzMR==', 'base64', undefined], // spare bits not zero
  ['dXNlcjpwYXNzMQ=', 'base64', undefined], // wrong padding
  ['/w==', 'base64', undefined], // 0xff is not UTF-8
  ['', 'base64', ''],
]

describe('decodeBase64Text', () => {
  for (const [value, alphabet, expected] of cases) {
    it(`${value} (${alphabet})`, () => assert.equal(decodeBase64Text(value, alphabet), expected))
  }
})
