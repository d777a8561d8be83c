import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { croatiaDriversLicense } from './croatia-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['vozačka dozvola 30718264', ['30718264']],
  ['vozačka dozvola, OIB 69384720159', ['69384720159']],
  ['vozačka dozvola 69384720158', []],
  ['vozačka dozvola 12345678', []],
  ['broj 30718264', []],
  ['vozačka dozvolaa 30718264', []],
]

describe(croatiaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(croatiaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(croatiaDriversLicense, '28173649508', { labels: ['vozačka_dozvola'] }).map((d) => d.match), ['28173649508'])
  })
})
