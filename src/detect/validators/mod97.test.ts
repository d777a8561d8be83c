import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ibanMod97 } from './mod97.js'

const cases: Array<[string, boolean]> = [
  ['GB82WEST12345698765432', true], // ISO 13616 / ECBS example
  ['GB82 WEST 1234 5698 7654 32', true],
  ['GB82WEST12345698765433', false],
  ['DE89370400440532013000', true],
  ['DE89370400440532013001', false],
  ['XX', false],
]

describe('ibanMod97', () => {
  for (const [iban, ok] of cases) it(`${iban} → ${ok}`, () => assert.equal(ibanMod97(iban), ok))
})
