import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { creditCardSecurityCode } from './credit-card-security-code.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['CVV: 482', ['482']],
  ['cvc2 4821', ['4821']],
  ['card security code (on the back): 907', ['907']],
  ['"cvv":"318"', ['318']],
  ['CVV: 48', []], // too short
  ['CVV: 48213', []], // too long
  ['CVV: 111', []], // one repeated digit
  ['CVV: 123', []], // placeholder
  ['cvv 482 913', []], // one of a list of digit groups
  ['cvv checked at 10:45', []], // a time
  ['CVV fee $482', []], // an amount
  ['CVV fee 482.50', []],
  ['cvv on 05/27', []], // a date
  ['cvv tries 482-913', []], // a range
  ['code 482', []], // no keyword
  ['cvv is printed on the back of the card, the number 482', []], // keyword too far
  ['xcvv 482', []], // keyword only inside another word
]

describe(creditCardSecurityCode.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(creditCardSecurityCode, text).map((d) => d.match), expected))
  }
  it('counts a column named cvv as the keyword', () => {
    assert.deepEqual(detectIn(creditCardSecurityCode, '482', { labels: ['cvv'] }).map((d) => d.match), ['482'])
  })
})
