import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { franceTaxIdentificationNumber } from './france-tax-identification-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['tax number 1478213960314', ['1478213960314']],
  ["numéro d'identification fiscal : 14 78 213 960 314", ['14 78 213 960 314']],
  ['TIN 1478213960315', []], // fails mod 511
  ['TIN 4478213960052', []], // first digit past 3
  ['TIN 30 23 217 600 053', []], // the published example
  ['TIN 0000000000000', []], // one repeated digit
  ['TIN 14 78213 960314', []], // mixed spacing
  ['ref 1478213960314', []], // no keyword
  ['tax number requested by the notary, the file is 1478213960314', []], // keyword too far
  ['latin 1478213960314', []], // keyword only inside another word
]

describe(franceTaxIdentificationNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(franceTaxIdentificationNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named tax_id as the keyword', () => {
    assert.deepEqual(detectIn(franceTaxIdentificationNumber, '1478213960314', { labels: ['tax_id'] }).map((d) => d.match), ['1478213960314'])
  })
})
