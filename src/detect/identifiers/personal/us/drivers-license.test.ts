import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { driversLicense } from './drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ["driver's license: D8315520", ['D8315520']], // CA
  ['DL# 40917733', ['40917733']], // PA
  ['drivers license W426-545-30-761-0', ['W426-545-30-761-0']], // FL printed
  ['driver license S530-4172-8305', ['S530-4172-8305']], // IL printed
  ['driver licence M-275-604-118-392', ['M-275-604-118-392']], // MD printed
  ['DL: 08ABC29164', ['08ABC29164']], // NH
  ['driving permit 312RT4471', ['312RT4471']], // IA
  ['dlno# WDL4Y7K29QX3', ['WDL4Y7K29QX3']], // WA since 2018
  ['driver license SMITH*J527AB', ['SMITH*J527AB']], // WA name-coded
  ['driver license AB302918C', ['AB302918C']], // ID
  ['drivers permit number 7102385A', ['7102385A']], // VT
  ['driver license K4T9B', ['K4T9B']], // KS
  ['driver license 1111111', []], // one repeated digit
  ['driver license 1234567', []], // placeholder run
  ['driver license D000000', []], // letter and repeated digit
  ['driver license LICENSED', []], // a word, no digits
  ['driver license WDLOCATIONSX', []], // a word in the WA shape
  ['driver license 1234', []], // too short
  ['driver license d8315520', []], // lower-case letter
  ['driver license W426-545-30-761', []], // incomplete printed form
  ['order D8315520 shipped', []], // no keyword
  ['driver license was mentioned here but the number is much further along: D8315520', []], // keyword too far
  ['redl: D8315520', []], // keyword only inside another word
]

describe(driversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(driversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named drivers_license as the keyword', () => {
    assert.deepEqual(detectIn(driversLicense, 'D8315520', { labels: ['drivers_license'] }).map((d) => d.match), ['D8315520'])
  })
})
