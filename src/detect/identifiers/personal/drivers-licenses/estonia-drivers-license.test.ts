import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { estoniaDriversLicense } from './estonia-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['juhiluba ET401928', ['ET401928']],
  ['juhiloa number 38706182713', ['38706182713']],
  ['juhiluba 38706182714', []],
  ['juhiluba 38713182713', []],
  ['juhiluba ET123456', []],
  ['tellimus ET401928', []],
  ['juhilubade ET401928', []],
]

describe(estoniaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(estoniaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(estoniaDriversLicense, '49203010538', { labels: ['juhiluba'] }).map((d) => d.match), ['49203010538'])
  })
})
