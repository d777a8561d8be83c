import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { hasCifControl, hasNafCheckDigits, hasSpainControlLetter, nafCheckDigits, spainControlLetter } from './spain-ids.js'

const letters: Array<[string, boolean]> = [
  ['12345678Z', true],
  ['12345678z', true],
  ['12345678A', false],
  ['X1234567L', true],
  ['Y1234567X', true],
  ['Z1234567R', true],
  ['X1234567X', false],
  ['K1234567L', true],
  ['K1234567Z', false],
  ['A1234567L', false],
  ['1234567Z', false],
]

const cifs: Array<[string, boolean]> = [
  ['A58818501', true],
  ['A58818502', false],
  ['A5881850A', false], // A takes a digit
  ['P1234567D', true],
  ['P12345674', false], // P takes a letter
  ['C12345674', true], // C takes either
  ['C1234567D', true],
  ['K12345674', false],
]

const nafs: Array<[string, boolean]> = [
  ['281234567840', true],
  ['281234567841', false],
  ['080123456774', true], // number below 10,000,000: 8 × 10^7 + 1234567
  ['080123456717', false], // plain concatenation would give 801234567 mod 97 = 17
  ['08012345672', false],
]

describe('hasSpainControlLetter', () => {
  for (const [v, ok] of letters) it(`${v} → ${ok}`, () => assert.equal(hasSpainControlLetter(v), ok))
  it('indexes the table by n mod 23', () => assert.equal(spainControlLetter(23), 'T'))
})

describe('hasCifControl', () => {
  for (const [v, ok] of cifs) it(`${v} → ${ok}`, () => assert.equal(hasCifControl(v), ok))
})

describe('hasNafCheckDigits', () => {
  for (const [v, ok] of nafs) it(`${v} → ${ok}`, () => assert.equal(hasNafCheckDigits(v), ok))
  it('pads the check pair', () => assert.equal(nafCheckDigits(1, 5).length, 2))
})
