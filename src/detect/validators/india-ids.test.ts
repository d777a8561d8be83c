import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { isPanStructure, verhoeff, verhoeffCheckDigit } from './india-ids.js'

const verhoeffs: Array<[string, boolean]> = [
  ['2363', true],
  ['527361849053', true],
  ['527361849054', false],
  ['', false],
]
const pans: Array<[string, boolean]> = [
  ['BKRPS4721M', true],
  ['DXTCK8390Q', true],
  ['BKRDS4721M', false],
  ['BKRPS0000M', false],
  ['BKRPS472M', false],
]

describe('verhoeff', () => {
  for (const [v, ok] of verhoeffs) it(`${v} → ${ok}`, () => assert.equal(verhoeff(v), ok))
  it('computes the digit to append', () => assert.equal(verhoeffCheckDigit('236'), 3))
})
describe('isPanStructure', () => {
  for (const [v, ok] of pans) it(`${v} → ${ok}`, () => assert.equal(isPanStructure(v), ok))
})
