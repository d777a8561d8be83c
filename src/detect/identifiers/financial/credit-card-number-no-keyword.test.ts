import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { creditCardNumberNoKeyword } from './credit-card-number-no-keyword.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['order 4929 1234 5678 9015 shipped', ['4929 1234 5678 9015']],
  ['ref 6011001234567891', ['6011001234567891']],
  ['ref 3760-123456-78909', ['3760-123456-78909']],
  ['card holder name and address on file, then 4929 1234 5678 9015', ['4929 1234 5678 9015']], // keyword too far
  ['visa 4929 1234 5678 9015', []], // a keyword is near: CREDIT_CARD_NUMBER's
  ['4929 1234 5678 9015 (mastercard)', []],
  ['ref 4929 1234 5678 9016', []], // fails Luhn
  ['ref 9123456789012349', []], // no issuer prefix
  ['ref 4111111111111111', []], // issuer test number
  ['ref 3056 930902 5904', []],
]

describe(creditCardNumberNoKeyword.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(creditCardNumberNoKeyword, text).map((d) => d.match), expected))
  }
  it('is silent in a column whose name carries a keyword, reports in another', () => {
    assert.deepEqual(detectIn(creditCardNumberNoKeyword, '4929123456789015', { labels: ['card_number'] }).map((d) => d.match), [])
    assert.deepEqual(detectIn(creditCardNumberNoKeyword, '4929123456789015', { labels: ['reference'] }).map((d) => d.match), ['4929123456789015'])
  })
})
