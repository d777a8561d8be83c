import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { luhn, luhnCheckDigit } from './luhn.js'

const cases: Array<[string, boolean]> = [
  ['79927398713', true],
  ['79927398710', false],
  ['4539578763621486', true],
  ['4539578763621487', false],
  ['', false],
  ['12a4', false],
]

describe('luhn', () => {
  for (const [digits, ok] of cases) it(`${digits} → ${ok}`, () => assert.equal(luhn(digits), ok))
})

describe('luhnCheckDigit', () => {
  for (const [body, digit] of [['7992739871', 3], ['453957876362148', 6], ['80840123456789', 3]] as const) {
    it(`${body} → ${digit}`, () => {
      assert.equal(luhnCheckDigit(body), digit)
      assert.equal(luhn(body + digit), true)
    })
  }
})
