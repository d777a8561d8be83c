import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { vinCheckDigit } from './vin-check-digit.js'

const cases: Array<[vin: string, expected: boolean]> = [
  ['1M8GDM9AXKP042788', true], // remainder 10: X
  ['3VW2K7AJ6LM402817', true],
  ['1FTFW1E50NP731946', true],
  ['2C4RC1BG3MR580273', true],
  ['11111111111111111', true],
  ['1M8GDM9A9KP042788', false],
  ['3VW2K7AJ5LM402817', false],
  ['3VW2K7AJ6LM4O2817', false], // O is not a VIN character
  ['3VW2K7AJ6LM40281', false], // 16 characters
]

describe('vinCheckDigit', () => {
  for (const [vin, expected] of cases) {
    it(vin, () => assert.equal(vinCheckDigit(vin), expected))
  }
})
