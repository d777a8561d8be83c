import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { denmarkDriversLicense } from './denmark-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['kørekortnummer 29301847', ['29301847']],
  ['kørekort nr. 61048273', ['61048273']],
  ['kørekort 12345678', []],
  ['kørekort 2930184', []],
  ['ordre 29301847', []],
  ['kørekortet 29301847', []],
]

describe(denmarkDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(denmarkDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(denmarkDriversLicense, '29301847', { labels: ['kørekort'] }).map((d) => d.match), ['29301847'])
  })
})
