import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { finnishHetu, gs1CheckDigit, hibcCheckCharacter, hibcMod43 } from './health-ids.js'

const gs1: Array<[string, boolean]> = [
  ['00614141999996', true], // GS1's example GTIN-14
  ['51022222233336', true], // the FDA's UDI example
  ['4006381333931', true], // GTIN-13
  ['00614141999995', false], // wrong check digit
  ['0061414199999', false], // 13 digits, wrong check digit
  ['006141419999961', false], // 15 digits
  ['0061414199999A', false],
]

const hibc: Array<[string, boolean]> = [
  ['+A123BJC5D6E71G', true], // the HIBC supplier labeling standard's example
  ['+A123BJC5D6E71H', false],
  ['+A123BJC5D6E71', false],
  ['+a123BJC5D6E71G', false], // lower case is outside the character set
]

const hetu: Array<[string, boolean]> = [
  ['131052-308T', true], // the agency's example
  ['010101-123N', true],
  ['131052-308U', false], // wrong check character
  ['290200A3088', true], // 29 February 2000
  ['290200-3088', false], // 29 February 1900: no leap year
  ['310252-308T', false], // 31 February
  ['131352-308T', false], // month 13
  ['131052-001T', false], // individual number 001 is never issued
  ['131052-908T', false], // 900–999: temporary codes
  ['131052/308T', false], // not a century sign
]

describe('gs1CheckDigit', () => {
  for (const [v, ok] of gs1) it(`${v} → ${ok}`, () => assert.equal(gs1CheckDigit(v), ok))
})
describe('hibcMod43', () => {
  for (const [v, ok] of hibc) it(`${v} → ${ok}`, () => assert.equal(hibcMod43(v), ok))
  it('has no check character for characters outside the set', () => assert.equal(hibcCheckCharacter('+A1#'), undefined))
})
describe('finnishHetu', () => {
  for (const [v, ok] of hetu) it(`${v} → ${ok}`, () => assert.equal(finnishHetu(v), ok))
})
