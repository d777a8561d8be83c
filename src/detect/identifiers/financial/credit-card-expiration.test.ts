import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { creditCardExpiration } from './credit-card-expiration.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Expiry: 05/27', ['05/27']],
  ['expiration date 11/2028', ['11/2028']],
  ['Exp date: 5/28', ['5/28']],
  ['expiry 09 / 29', ['09 / 29']],
  ['expiry 09-29', ['09-29']],
  ['expiration: 2029-09', ['2029-09']],
  ['expiration: 2029/09', ['2029/09']],
  ['Expiration: February 2027', ['February 2027']],
  ['expiry FEB/27', ['FEB/27']],
  ['valid thru Sept. 2030', ['Sept. 2030']],
  ['expY=2026, expM=02', ['2026', '02']], // Macie's example
  ['{"exp_month": "2", "exp_year": "2026"}', ['2', '2026']],
  ['Expiry: 13/27', []], // no month 13
  ['expiration 2027-00', []],
  ['expiry 12/05/2026', []], // a full date, not a card's month and year
  ['expiration 2027-05-31', []],
  ['expiry May 26', []], // a day of May, not a year
  ['Expiry: 05/275', []],
  ['shipped 05/27', []], // no keyword
  ['expiry is printed on the front of the card next to 05/27', []], // keyword too far
  ['inexpiry 05/27', []], // keyword only inside another word
]

describe(creditCardExpiration.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(creditCardExpiration, text).map((d) => d.match), expected))
  }
  it('counts a column named card_expiry as the keyword', () => {
    assert.deepEqual(detectIn(creditCardExpiration, '05/27', { labels: ['card_expiry'] }).map((d) => d.match), ['05/27'])
  })
})
