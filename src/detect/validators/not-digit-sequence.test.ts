import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { notDigitSequence } from './not-digit-sequence.js'

const cases: Array<[string, boolean]> = [
  ['1234567', false],
  ['D1234567', false],
  ['987654321', false],
  ['7890123', false],
  ['1234568', true],
  ['A8315520', true],
  ['12', true],
]

describe('notDigitSequence', () => {
  for (const [v, ok] of cases) it(`${v} → ${ok}`, () => assert.equal(notDigitSequence(v), ok))
})
