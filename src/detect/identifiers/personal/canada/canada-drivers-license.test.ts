import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { canadaDriversLicense } from './canada-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ["driver's licence: S5778-30416-80812", ['S5778-30416-80812']], // Ontario, born 1968-08-12
  ['driver licence K2093-71749-15523', ['K2093-71749-15523']], // Ontario, month 55 (May, women)
  ['DL# M46103074191203', ['M46103074191203']], // Ontario, plain
  ['permis de conduire T6128-100590-07', ['T6128-100590-07']], // Quebec
  ['driving licence B047392815', ['B047392815']], // Newfoundland and Labrador
  ['drivers licence MACDO150387214', ['MACDO150387214']], // Nova Scotia
  ['driver licence 153627-840', ['153627-840']], // Alberta
  ['dlno# 5830172', ['5830172']], // British Columbia
  ["driver's licence: S5778-30416-81312", []], // Ontario, month 13
  ["driver's licence: S5778-30416-80800", []], // Ontario, day 00
  ["driver's licence: S5778-30416-8081", []], // Ontario, group too short
  ['driver licence 1111111', []], // one repeated digit
  ['driver licence 1234567', []], // placeholder run
  ['driver licence 1234', []], // too short
  ['driver licence s5778-30416-80812', []], // lower case
  ['order S5778-30416-80812 shipped', []], // no keyword
  ['driver licence was mentioned here but the number is much further along: 5830172', []], // keyword too far
  ['redl: 5830172', []], // keyword only inside another word
]

describe(canadaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(canadaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named driver_licence as the keyword', () => {
    assert.deepEqual(detectIn(canadaDriversLicense, 'S5778-30416-80812', { labels: ['driver_licence'] }).map((d) => d.match), ['S5778-30416-80812'])
  })
})
