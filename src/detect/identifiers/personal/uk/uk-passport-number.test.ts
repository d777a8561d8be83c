import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { ukPassportNumber } from './uk-passport-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Passport number: 537184029', ['537184029']],
  ['passport no 120754386 (UK)', ['120754386']],
  ['passport# 537184029', ['537184029']],
  ['passport number: 000000000', []], // one repeated digit
  ['passport number: 123456789', []], // placeholder run
  ['passport number: 5371840291', []], // ten digits
  ['passport number: 53718402', []], // eight digits
  ['order 537184029 shipped', []], // no keyword
  ['passport number is on page two, and the booking is 537184029', []], // keyword too far
  ['mypassport# 537184029', []], // keyword only inside another word
]

describe(ukPassportNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(ukPassportNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named passport_number as the keyword', () => {
    assert.deepEqual(detectIn(ukPassportNumber, '537184029', { labels: ['passport_number'] }).map((d) => d.match), ['537184029'])
  })
})
