import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { ukPhoneNumber } from './uk-phone-number.js'

// 01632 is Ofcom's fictional area code: outside the drama block 960xxx it is not allocated either.
const cases: Array<[text: string, expected: string[]]> = [
  ['tel: 01632 123456', ['01632 123456']],
  ['phone (01632) 123456', ['(01632) 123456']],
  ['mobile 01632-123-456', ['01632-123-456']],
  ['fax 0163212345', ['0163212345']], // 9-digit national significant number
  ['+44 1632 123456', ['+44 1632 123456']], // no keyword needed with +44
  ['call +44 (0)1632 123456 today', ['+44 (0)1632 123456']],
  ['+441632123456', ['+441632123456']],
  ['tel: 01632 960123', []], // Ofcom drama block
  ['+44 7700 900461', []], // Ofcom drama block (mobile)
  ['tel: 020 7946 0018', []], // Ofcom drama block (London)
  ['tel: 05632 123456', []], // 05 is not in the plan
  ['tel: 02132 123456', []], // 021 is not in use
  ['tel: 07632 12345', []], // mobile numbers have ten digits after the 0
  ['tel: 0163212345678', []], // too long
  ['mobile 07777 777777', []], // one repeated digit
  ['ref 01632 123456', []], // national form without keyword
  ['phone numbers are listed on the back page, see 01632 123456', []], // keyword too far
  ['hotel 01632 123456', []], // keyword only inside another word
  ['iban GB33 BUKB 2020 1555 5555 55 tel', []], // digits inside a longer run
]

describe(ukPhoneNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(ukPhoneNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named phone as the keyword', () => {
    assert.deepEqual(detectIn(ukPhoneNumber, '01632 123456', { labels: ['contact_phone'] }).map((d) => d.match), ['01632 123456'])
  })
})
