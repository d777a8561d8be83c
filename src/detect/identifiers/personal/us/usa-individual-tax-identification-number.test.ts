import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { usaIndividualTaxIdentificationNumber } from './usa-individual-tax-identification-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['ITIN: 912-70-3456', ['912-70-3456']],
  ['individual taxpayer identification number 947 52 1183', ['947 52 1183']],
  ['itin=983941207', ['983941207']],
  ['I.T.I.N. 900-65-0042', ['900-65-0042']],
  ['ITIN: 912-66-3456', []], // group 66–69 is not assigned
  ['ITIN: 912-89-3456', []], // group 89
  ['ITIN: 912-93-3456', []], // group 93
  ['ITIN: 912-49-3456', []], // group below 50
  ['ITIN: 812-70-3456', []], // does not start with 9
  ['ITIN: 999-99-9999', []], // one repeated digit
  ['ITIN: 912-70 3456', []], // mixed separators
  ['invoice 912-70-3456 paid', []], // no keyword
  ['itin was mentioned here but the number is much further along: 912-70-3456', []], // keyword too far
  ['splitting 912-70-3456', []], // keyword only inside another word
]

describe(usaIndividualTaxIdentificationNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(usaIndividualTaxIdentificationNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named itin as the keyword', () => {
    assert.deepEqual(detectIn(usaIndividualTaxIdentificationNumber, '912-70-3456', { labels: ['taxpayer_itin'] }).map((d) => d.match), ['912-70-3456'])
  })
})
