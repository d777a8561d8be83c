import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { httpBasicAuthHeader } from './http-basic-auth-header.js'

const token = 'c3ZjLXJlcG9ydGluZzpUcTcjdkxtMnBYOXc=' // svc-reporting:Tq7#vLm2pX9w

const cases: Array<[text: string, expected: string[]]> = [
  [`Authorization: Basic ${token}`, [`Authorization: Basic ${token}`]],
  [`curl -H 'authorization: basic ${token}' https://host`, [`authorization: basic ${token}`]],
  [`Proxy-Authorization: Basic ${token}`, [`Proxy-Authorization: Basic ${token}`]],
  ['Authorization:Basic ZGVwbG95Og==', ['Authorization:Basic ZGVwbG95Og==']], // deploy: (empty password)
  ['Authorization: Basic bm9jb2xvbg==', []], // "nocolon": no user:password
  ['Authorization: Basic Om9ubHlwYXNz', []], // ":onlypass": empty user-id
  ['Authorization: Basic AXg6eQ==', []], // control character
  ['Authorization: Basic c3ZjLXJlcG9ydGluZzpUcTcjdkxtMnBYOXd=', []], // not canonical base64
  ['Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==', []], // RFC 7617 example
  [`Authorization: Bearer ${token}`, []], // another scheme
  [`Basic ${token}`, []], // no field name
  [`X-Authorization: Basic ${token}`, []], // another field
]

describe(httpBasicAuthHeader.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(httpBasicAuthHeader, text).map((d) => d.match), expected))
  }
  it('needs no label: a column of headers is found as is', () => {
    const header = `Authorization: Basic ${token}`
    assert.deepEqual(detectIn(httpBasicAuthHeader, header, { labels: ['request_headers'] }).map((d) => d.match), [header])
  })
})
