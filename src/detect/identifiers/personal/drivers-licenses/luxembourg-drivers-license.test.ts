import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { luxembourgDriversLicense } from './luxembourg-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Führerschäin Nr. 407182', ['407182']],
  ['Fahrerlaubnis 930514', ['930514']],
  ['Fahrerlaubnis 123456', []],
  ['Fahrerlaubnis 40718', []],
  ['Bestellung 407182', []],
  ['Fahrerlaubnisse 407182', []],
]

describe(luxembourgDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(luxembourgDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(luxembourgDriversLicense, '407182', { labels: ['fahrerlaubnis'] }).map((d) => d.match), ['407182'])
  })
})
