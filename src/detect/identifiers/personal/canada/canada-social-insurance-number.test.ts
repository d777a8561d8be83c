import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { canadaSocialInsuranceNumber } from './canada-social-insurance-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['SIN: 273 915 041', ['273 915 041']],
  ['social insurance number 518-206-370', ['518-206-370']],
  ["numéro d'assurance sociale 914720354", ['914720354']], // 9: temporary residents
  ['Canadian ID 464 542 869', ['464 542 869']],
  ['SIN: 273 915 042', []], // fails Luhn
  ['SIN: 046 454 286', []], // starts with 0 (the Service Canada sample card)
  ['SIN: 846 454 288', []], // passes Luhn but starts with 8: business numbers
  ['SIN: 123 456 782', []], // placeholder
  ['SIN: 273-915 041', []], // mixed separators
  ['SIN: 273 915 0411', []], // ten digits
  ['order 273 915 041 shipped', []], // no keyword
  ['sin was mentioned here but the number is much further along: 273 915 041', []], // keyword too far
  ['basin 273 915 041', []], // keyword only inside another word
]

describe(canadaSocialInsuranceNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(canadaSocialInsuranceNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named sin as the keyword', () => {
    assert.deepEqual(detectIn(canadaSocialInsuranceNumber, '273915041', { labels: ['employee_sin'] }).map((d) => d.match), ['273915041'])
  })
})
