import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { jsonWebToken } from './json-web-token.js'

const part = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
const claims = part({ sub: 'svc-batch-7', scope: 'reports:read', iat: 1717171717, exp: 1717175317 })
const signature = 'q3V8xK2mT9pLw0nR7sY2bH-dF5gJ9cA4eU6iO2tZb1c'
const signed = `${part({ alg: 'HS256', typ: 'JWT' })}.${claims}.${signature}`
const unsigned = `${part({ alg: 'none' })}.${claims}.`

const cases: Array<[text: string, expected: string[]]> = [
  [`Authorization: Bearer ${signed}`, [signed]],
  [`{"id_token":"${signed}"}`, [signed]],
  [`token=${unsigned} next`, [unsigned]],
  [`${part({ typ: 'JWT' })}.${claims}.${signature}`, []], // header without alg (and not eyJ-led)
  [`${part({ kid: 'k1', typ: 'JWT' })}.${claims}.${signature}`, []], // header without alg
  [`${part({ alg: 'HS256' })}.${part('[1,2]')}.${signature}`, []], // claims not a JSON object
  [`${part({ alg: 'HS256' })}.${claims.slice(0, -3)}.${signature}`, []], // truncated claims
  [`${signed}.${signature}.${signature}`, []], // five parts: a JWE, not a JWS
  [
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    [],
  ], // jwt.io example
  [
    'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    [],
  ], // RFC 7519 §3.1 example
  ['eyJhbGciOi and some prose', []], // no structure
]

describe(jsonWebToken.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(jsonWebToken, text).map((d) => d.match), expected))
  }
  it('needs no label: a token in a column is found as is', () => {
    assert.deepEqual(detectIn(jsonWebToken, signed, { labels: ['session'] }).map((d) => d.match), [signed])
  })
})
