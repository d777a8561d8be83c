import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError } from '../errors.js'
import { compareNumbers } from './compare-numbers.js'

const cases: Array<[actual: number, comparator: string, expected: number, holds: boolean]> = [
  [2, 'EQ', 2, true],
  [2, 'EQ', 3, false],
  [2, 'NE', 3, true],
  [2, 'NE', 2, false],
  [3, 'GT', 2, true],
  [2, 'GT', 2, false],
  [2, 'GTE', 2, true],
  [1, 'GTE', 2, false],
  [1, 'LT', 2, true],
  [2, 'LT', 2, false],
  [2, 'LTE', 2, true],
  [3, 'LTE', 2, false],
]

describe('compareNumbers', () => {
  for (const [actual, comparator, expected, holds] of cases) {
    it(`${actual} ${comparator} ${expected}`, () => {
      assert.equal(compareNumbers(actual, comparator, expected), holds)
    })
  }

  it('refuses a comparator that is not an order', () => {
    assert.throws(() => compareNumbers(1, 'CONTAINS', 1), InvalidInputError)
  })
})
