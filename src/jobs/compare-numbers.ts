import { InvalidInputError } from '../errors.js'

/**
 * Whether `actual <comparator> expected` holds, for Macie's order comparators (EQ, NE, GT, GTE,
 * LT, LTE); callers check comparators first, so any other is an InvalidInputError.
 * @example
 * compareNumbers(2048, 'GT', 1024) // true
 */
export function compareNumbers(actual: number, comparator: string, expected: number): boolean {
  switch (comparator) {
    case 'EQ':
      return actual === expected
    case 'NE':
      return actual !== expected
    case 'GT':
      return actual > expected
    case 'GTE':
      return actual >= expected
    case 'LT':
      return actual < expected
    case 'LTE':
      return actual <= expected
  }
  throw new InvalidInputError(`comparator ${comparator} is not valid for a numeric term`)
}
