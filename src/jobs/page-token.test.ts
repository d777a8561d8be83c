import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError } from '../errors.js'
import { decodePageToken, encodePageToken, pageAfter, queryFingerprint, type PageToken } from './page-token.js'

const isNumber = (k: unknown): k is number => typeof k === 'number'
const invalid = (pattern: RegExp) => (err: unknown) => err instanceof InvalidInputError && pattern.test(err.message)

describe('queryFingerprint', () => {
  it('is short and tells queries apart', () => {
    assert.match(queryFingerprint(['a', 1]), /^[\w-]{16}$/)
    assert.equal(queryFingerprint(['a', 1]), queryFingerprint(['a', 1]))
    assert.notEqual(queryFingerprint(['a', 1]), queryFingerprint(['a', -1]))
  })
})

describe('decodePageToken', () => {
  const q = queryFingerprint('query')

  it('reads back what encodePageToken wrote', () => {
    assert.deepEqual(decodePageToken(encodePageToken({ k: 7, id: 'x', q }), q, isNumber, 'query'), { k: 7, id: 'x', q })
  })

  it('takes an absent, null or empty token as none', () => {
    for (const text of [undefined, null, '']) assert.equal(decodePageToken(text, q, isNumber, 'query'), undefined)
  })

  const cases: Array<[name: string, text: unknown, expected: RegExp]> = [
    ['a number', 5, /nextToken must be a string/],
    ['no base64url JSON', 'not-a-token', /nextToken is not valid/],
    ['JSON of another shape', Buffer.from('{"x":1}').toString('base64url'), /nextToken is not valid/],
    ['a sort value the list does not use', encodePageToken({ k: 'seven', id: 'x', q }), /nextToken is not valid/],
    ['a token of another query', encodePageToken({ k: 7, id: 'x', q: queryFingerprint('other') }), /nextToken does not belong to this query/],
  ]
  for (const [name, text, expected] of cases) {
    it(`refuses ${name}`, () => {
      assert.throws(() => decodePageToken(text, q, isNumber, 'query'), invalid(expected))
    })
  }
})

describe('pageAfter', () => {
  const sorted = [1, 2, 3, 4, 5]
  const options = {
    pageSize: 2,
    fingerprint: queryFingerprint('numbers'),
    keyOf: (n: number): [number, string] => [n, `id${n}`],
    compare: (a: [number, string], b: [number, string]) => a[0] - b[0],
  }

  it('walks every item once, page by page', () => {
    const seen: number[] = []
    let after: PageToken<number> | undefined
    do {
      const page = pageAfter(sorted, { ...options, after })
      seen.push(...page.items)
      after = page.nextToken === undefined ? undefined : decodePageToken(page.nextToken, options.fingerprint, isNumber, 'numbers')
    } while (after)
    assert.deepEqual(seen, sorted)
  })

  it('gives no token on the last page, and nothing after the last item', () => {
    assert.deepEqual(pageAfter(sorted, { ...options, pageSize: 5, after: undefined }), { items: sorted })
    assert.deepEqual(pageAfter(sorted, { ...options, after: { k: 5, id: 'id5', q: options.fingerprint } }), { items: [] })
  })

  it('starts after the token item even when that item is gone', () => {
    const page = pageAfter([1, 2, 4, 5], { ...options, after: { k: 3, id: 'id3', q: options.fingerprint } })
    assert.deepEqual(page.items, [4, 5])
    assert.equal(page.nextToken, undefined)
  })
})
