import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { netherlandsDriversLicense } from './netherlands-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['rijbewijsnummer 4820193756', ['4820193756']],
  ['Nederlands rijbewijs 5107382946', ['5107382946']],
  ['rijbewijs 0123456789', []],
  ['rijbewijs 482019375', []],
  ['dossier 4820193756', []],
  ['rijbewijshouder 4820193756', []],
]

describe(netherlandsDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(netherlandsDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(netherlandsDriversLicense, '4820193756', { labels: ['rijbewijsnummer'] }).map((d) => d.match), ['4820193756'])
  })
})
