import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { finlandDriversLicense } from './finland-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['ajokortti 131052-308T', ['131052-308T']],
  ['ajokortin numero 070598-215S', ['070598-215S']],
  ['ajokortti 131052-308U', []],
  ['ajokortti 131352-308T', []],
  ['tilaus 131052-308T', []],
  ['ajokorttiin 131052-308T', []],
]

describe(finlandDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(finlandDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(finlandDriversLicense, '070598-215S', { labels: ['ajokortti'] }).map((d) => d.match), ['070598-215S'])
  })
})
