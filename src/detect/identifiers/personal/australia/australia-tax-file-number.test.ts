import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { australiaTaxFileNumber } from './australia-tax-file-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['TFN: 876 543 210', ['876 543 210']],
  ['tax file number 876543210', ['876543210']],
  ['TFN 876-543-210', ['876-543-210']],
  ['tfn 81234563', ['81234563']], // older 8-digit form
  ['TFN: 876 543 211', []], // fails the check digit
  ['TFN: 123 456 782', []], // the ATO's example
  ['TFN: 876 543-210', []], // mixed separators
  ['reference 876 543 210', []], // no keyword
  ['stfn 876543210', []], // keyword inside another word
]

describe(australiaTaxFileNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(australiaTaxFileNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named tfn as the keyword', () => {
    assert.deepEqual(detectIn(australiaTaxFileNumber, '876543210', { labels: ['employee_tfn'] }).map((d) => d.match), ['876543210'])
  })
})
