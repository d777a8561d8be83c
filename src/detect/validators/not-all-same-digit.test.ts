import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { notAllSameDigit } from './not-all-same-digit.js'

const cases: Array<[string, boolean]> = [
  ['000-00-0000', false],
  ['99999999', false],
  ['123-45-6789', true],
  ['1111111112', true],
]

describe('notAllSameDigit', () => {
  for (const [v, ok] of cases) it(`${v} → ${ok}`, () => assert.equal(notAllSameDigit(v), ok))
})
