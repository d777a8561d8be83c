import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { austriaDriversLicense } from './austria-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Führerschein Nr. 40517283', ['40517283']],
  ['führerschein republik österreich 19283746', ['19283746']],
  ['Führerschein 12345678', []],
  ['Führerschein 4051728', []],
  ['Führerschein 405172830', []],
  ['Kundennummer 40517283', []],
  ['Führerscheinstelle 40517283', []],
]

describe(austriaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(austriaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(austriaDriversLicense, '40517283', { labels: ['fuhrerschein'] }).map((d) => d.match), ['40517283'])
  })
})
