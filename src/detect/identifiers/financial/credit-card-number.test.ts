import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { creditCardNumber } from './credit-card-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['card number 4929 1234 5678 9015', ['4929 1234 5678 9015']],
  ['Visa: 4929-1234-5678-9015, exp 05/27', ['4929-1234-5678-9015']],
  ['credit card 4929123456789015', ['4929123456789015']],
  ['visa 4929123456788', ['4929123456788']], // 13 digits
  ['visa 4929 1234 5678 9012 343', ['4929 1234 5678 9012 343']], // 19 digits, 4-4-4-4-3
  ['amex 3760 123456 78909', ['3760 123456 78909']], // 4-6-5
  ['diners club 3012 345678 9019', ['3012 345678 9019']], // 4-6-4
  ['Discover 6011001234567891', ['6011001234567891']],
  ['jcb 3530123456789018', ['3530123456789018']],
  ['mastercard 2221 1234 5678 9014', ['2221 1234 5678 9014']],
  ['Dankort 5019123456789013', ['5019123456789013']],
  ['union pay 62201234567890126', ['62201234567890126']],
  ['card 4929 1234 5678 9015 2027', ['4929 1234 5678 9015']], // a year after it is not part of it
  ['card 4929 1234 5678 9016', []], // fails Luhn
  ['card 9123 4567 8901 2349', []], // passes Luhn, no issuer prefix
  ['amex 3760123456789019', []], // passes Luhn, Amex has 15 digits
  ['card 4929 1234-5678 9015', []], // mixed separators
  ['card 4929-1234-5678-9015-1234', []], // one dashed run of five groups
  ['card 04929123456789015', []], // part of a longer number
  ['card DE44 4929 1234 5678 9015 00', []], // inside a printed IBAN
  ['card data ;4929123456789015=27051010000000000?', []], // the PAN of track 2
  ['Visa 4111 1111 1111 1111', []], // issuer test number
  ['mastercard 5555555555554444', []],
  ['amex 378282246310005', []],
  ['card 4444 4444 4444 4448', []], // a run of one digit
  ['order 4929 1234 5678 9015 shipped', []], // no keyword
  ['card holder name and address on file, then 4929 1234 5678 9015', []], // keyword too far
  ['discard 4929 1234 5678 9015', []], // keyword only inside another word
]

describe(creditCardNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(creditCardNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named card_number as the keyword', () => {
    assert.deepEqual(detectIn(creditCardNumber, '4929123456789015', { labels: ['card_number'] }).map((d) => d.match), ['4929123456789015'])
  })
})
