import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { usaPassportNumber } from './usa-passport-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Passport: A48213907', ['A48213907']],
  ['travel document C03917264', ['C03917264']],
  ['passport no. 530918472', ['530918472']],
  ['passport: A00000000', []], // one repeated digit
  ['passport: 123456789', []], // placeholder run
  ['passport: A4821390', []], // too short
  ['passport: AB4821390', []], // two letters
  ['passport: a48213907', []], // lower-case letter
  ['booking A48213907 confirmed', []], // no keyword
  ['passport was mentioned here but the number is much further along: A48213907', []], // keyword too far
  ['nonpassport A48213907', []], // keyword only inside another word
]

describe(usaPassportNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(usaPassportNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named passport_no as the keyword', () => {
    assert.deepEqual(detectIn(usaPassportNumber, 'A48213907', { labels: ['passport_no'] }).map((d) => d.match), ['A48213907'])
  })
})
