import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { ukTaxIdentificationNumber } from './uk-tax-identification-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['UTR: 2472619305', ['2472619305']],
  ['unique taxpayer reference 24726 19305', ['24726 19305']],
  ['utr 2472619305K', ['2472619305K']],
  ['tax reference K2472619305', ['K2472619305']],
  ['UTR: 7472619305', []], // fails the HMRC check digit
  ['UTR: 1955839661', []], // the published example
  ['UTR: 1234567890', []], // HMRC's form hint, fails the check anyway
  ['UTR: 24726193051', []], // eleven digits
  ['invoice 2472619305 paid', []], // no keyword
  ['utr is in the letter header; the invoice is 2472619305', []], // keyword too far
  ['butr 2472619305', []], // keyword only inside another word
]

describe(ukTaxIdentificationNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(ukTaxIdentificationNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named utr as the keyword', () => {
    assert.deepEqual(detectIn(ukTaxIdentificationNumber, '2472619305', { labels: ['client_utr'] }).map((d) => d.match), ['2472619305'])
  })
})
