import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { australiaDriversLicense } from './australia-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['NSW driver licence 51830274', ['51830274']],
  ['driving licence: S48213', ['S48213']],
  ["driver's licence 731504298", ['731504298']],
  ['driver licence 12345678', []],
  ['driver licence 00000000', []],
  ['driver licence 51830', []],
  ['reference 51830274 filed', []],
  ['driver licence was noted in the file but much further along: 51830274', []],
  ['mydriver licence 51830274', []],
]

describe(australiaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(australiaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(australiaDriversLicense, '51830274', { labels: ['drivers_licence'] }).map((d) => d.match), ['51830274'])
  })
})
