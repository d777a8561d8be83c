import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { belgiumDriversLicense } from './belgium-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['rijbewijsnummer 5031927481', ['5031927481']],
  ['permis de conduire belge 7720415396', ['7720415396']],
  ['rijbewijs 1234567890', []],
  ['rijbewijs 503192748', []],
  ['rijbewijs 5555555555', []],
  ['dossier 5031927481', []],
  ['rijbewijsaanvraag 5031927481', []],
]

describe(belgiumDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(belgiumDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(belgiumDriversLicense, '5031927481', { labels: ['rijbewijs'] }).map((d) => d.match), ['5031927481'])
  })
})
