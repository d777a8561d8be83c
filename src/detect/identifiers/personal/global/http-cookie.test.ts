import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { httpCookie } from './http-cookie.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Cookie: sid=q3V8xK2mT9pLw0nR7sY2; theme=dark\r\nAccept: */*', ['Cookie: sid=q3V8xK2mT9pLw0nR7sY2; theme=dark']],
  [
    'Set-Cookie: session=7f3a9c2e41b8; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly\n',
    ['Set-Cookie: session=7f3a9c2e41b8; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly'],
  ],
  ['{"headers":"cookie: _ga=GA1.2.4417;csrftoken=Lw0nR7sY2bHd","status":200}', ['cookie: _ga=GA1.2.4417;csrftoken=Lw0nR7sY2bHd']],
  ["curl -H 'Cookie: token=\"b1c2d3e4f5\"' https://host", ['Cookie: token="b1c2d3e4f5"']],
  ['Set-Cookie: session=; Max-Age=0', []], // a deletion: empty value
  ['Cookie: chocolate chip', []], // no name=value pair
  ['Cookie: sessionId=38afes7a8', []], // MDN example
  ['Cookie: SID=31d4d96e407aad42; lang=en-US', []], // RFC 6265 example
  ['session=7f3a9c2e41b8; Path=/', []], // no field name
  ['X-Cookie: session=7f3a9c2e41b8', []], // another field
]

describe(httpCookie.id, () => {
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => assert.deepEqual(detectIn(httpCookie, text).map((d) => d.match), expected))
  }
  it('needs no label: a header in a column is found as is', () => {
    const header = 'Cookie: sid=q3V8xK2mT9pLw0nR7sY2'
    assert.deepEqual(detectIn(httpCookie, header, { labels: ['request_headers'] }).map((d) => d.match), [header])
  })
})
