import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { romaniaDriversLicense } from './romania-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['permis de conducere B40817263', ['B40817263']],
  ['permis de conducere, CNP 1850712123451', ['1850712123451']],
  ['permis de conducere 1850712123452', []],
  ['permis de conducere 1851312123451', []],
  ['permis de conducere B12345678', []],
  ['comanda B40817263', []],
  ['permis de conducerea B40817263', []],
]

describe(romaniaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(romaniaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(romaniaDriversLicense, '2951104400719', { labels: ['permis_de_conducere'] }).map((d) => d.match), ['2951104400719'])
  })
})
