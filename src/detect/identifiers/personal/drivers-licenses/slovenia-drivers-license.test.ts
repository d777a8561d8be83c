import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { sloveniaDriversLicense } from './slovenia-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['vozniško dovoljenje 408172639', ['408172639']],
  ['vozniško dovoljenje, EMŠO 0108972500572', ['0108972500572']],
  ['vozniško dovoljenje 0108972500573', []],
  ['vozniško dovoljenje 123456789', []],
  ['naročilo 408172639', []],
  ['vozniško dovoljenjex 408172639', []],
]

describe(sloveniaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(sloveniaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(sloveniaDriversLicense, '0108972500580', { labels: ['vozniško_dovoljenje'] }).map((d) => d.match), ['0108972500580'])
  })
})
