import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { phoneNumber } from './phone-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['phone: 212-736-4182', ['212-736-4182']],
  ['Tel (416) 823-5907', ['(416) 823-5907']],
  ['mobile 604.318.2291', ['604.318.2291']],
  ['fax 3125287716', ['3125287716']],
  ['call 1-800-642-7676 (contact)', ['1-800-642-7676']], // toll-free with trunk prefix
  ['reach us at +1 415 902 3381 any time', ['+1 415 902 3381']], // country code: no keyword needed
  ['+1-514-287-6601', ['+1-514-287-6601']],
  ['+12125550123', []], // 555-0100–0199 is fictional
  ['phone: 212-555-0142', []], // fictional range, with keyword
  ['phone: 212-555-0234', ['212-555-0234']], // 555 outside the fictional range
  ['phone: 911-736-4182', []], // N11 area code
  ['phone: 212-411-4182', []], // N11 exchange
  ['phone: 292-736-4182', []], // N9X area code
  ['phone: 112-736-4182', []], // area code cannot start with 1
  ['phone: 212-136-4182', []], // exchange cannot start with 1
  ['phone: 222-222-2222', []], // one repeated digit
  ['phone: (212 736-4182', ['212 736-4182']], // a stray parenthesis is not part of the number
  ['phone: +44 207 946 0321', []], // another country's number
  ['order 212-736-4182 shipped', []], // no keyword, no country code
  ['phone was mentioned here but the number is much further along: 212-736-4182', []], // keyword too far
  ['hotel 212-736-4182', []], // keyword only inside another word
  ['phone: 212-736-41825', []], // one digit too many
]

describe(phoneNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(phoneNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named phone_number as the keyword', () => {
    assert.deepEqual(detectIn(phoneNumber, '(212) 736-4182', { labels: ['phone_number'] }).map((d) => d.match), ['(212) 736-4182'])
  })
})
