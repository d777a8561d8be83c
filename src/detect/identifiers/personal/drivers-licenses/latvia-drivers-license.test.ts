import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { latviaDriversLicense } from './latvia-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['vadītāja apliecība AT418207', ['AT418207']],
  ['vadītāja apliecība 120787-12349', ['120787-12349']],
  ['vadītāja apliecība 03119215679', ['03119215679']],
  ['vadītāja apliecība 120787-12348', []],
  ['vadītāja apliecība 321387-12349', []],
  ['vadītāja apliecība AT123456', []],
  ['pasūtījums AT418207', []],
  ['vadītāja apliecībai AT418207', []],
]

describe(latviaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(latviaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(latviaDriversLicense, 'AT418207', { labels: ['vadītāja_apliecība'] }).map((d) => d.match), ['AT418207'])
  })
})
