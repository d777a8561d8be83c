import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { canadaPassportNumber } from './canada-passport-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Passport: GK704318', ['GK704318']],
  ['passeport# HM291857', ['HM291857']],
  ['passportno WR508263 issued in Ottawa', ['WR508263']],
  ['passport: GK000000', []], // one repeated digit
  ['passport: AB123456', []], // placeholder run
  ['passport: GK70431', []], // too short
  ['passport: GK7043185', []], // too long
  ['passport: gk704318', []], // lower case
  ['booking GK704318 confirmed', []], // no keyword
  ['passport was mentioned here but the number is much further along: GK704318', []], // keyword too far
  ['nonpassport GK704318', []], // keyword only inside another word
]

describe(canadaPassportNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(canadaPassportNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named passport_number as the keyword', () => {
    assert.deepEqual(detectIn(canadaPassportNumber, 'GK704318', { labels: ['passport_number'] }).map((d) => d.match), ['GK704318'])
  })
})
