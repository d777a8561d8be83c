import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { italyPhoneNumber } from './italy-phone-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['tel. 347 582 9163', ['347 582 9163']],
  ['mobile 3475829163', ['3475829163']],
  ['phone: 06 4829 1736', ['06 4829 1736']],
  ['fax 0571-482917', ['0571-482917']],
  ['phone 0039 02 48291736', ['0039 02 48291736']],
  ['chiamare +39 347 582 9163 dopo le 18', ['+39 347 582 9163']], // country code: no keyword needed
  ['+39 06 48291736', ['+39 06 48291736']],
  ['phone 247 582 9163', []], // neither 0 nor 3
  ['phone 3075829163', []], // 30 is not a mobile prefix
  ['phone 347 58', []], // too short
  ['phone 347 582 9163 12', []], // part of a longer number
  ['phone 333 333 3333', []], // one repeated digit
  ['contact date 03.12.2024', []], // a date
  ['order 347 582 9163', []], // no keyword, no country code
  ['telephone lines were busy all morning, ticket 347 582 9163', []], // keyword too far
  ['hotel 347 582 9163', []], // "tel" only inside another word
]

describe(italyPhoneNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(italyPhoneNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named phone_number as the keyword', () => {
    assert.deepEqual(detectIn(italyPhoneNumber, '347 582 9163', { labels: ['phone_number'] }).map((d) => d.match), ['347 582 9163'])
  })
})
