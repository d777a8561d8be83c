import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError } from '../errors.js'
import { GROUP_BY_FIELDS, validateFindingStatisticsRequest } from './statistics.js'

describe('validateFindingStatisticsRequest', () => {
  it('knows the four groupBy fields of the API model', () => {
    assert.deepEqual([...GROUP_BY_FIELDS].sort(), ['classificationDetails.jobId', 'resourcesAffected.s3Bucket.name', 'severity.description', 'type'])
  })
  it('accepts each groupBy field', () => {
    for (const groupBy of GROUP_BY_FIELDS) assert.deepEqual(validateFindingStatisticsRequest({ groupBy }), { findingCriteria: {}, groupBy })
  })
  it('normalises size, sort criteria and finding criteria', () => {
    const findingCriteria = { criterion: { archived: { eq: ['false'] } } }
    assert.deepEqual(validateFindingStatisticsRequest({ groupBy: 'type', size: 10, sortCriteria: { attributeName: 'groupKey', orderBy: 'ASC' }, findingCriteria }), {
      findingCriteria,
      groupBy: 'type',
      size: 10,
      sortCriteria: { attributeName: 'groupKey', orderBy: 'ASC' },
    })
  })
  it('fills a partial sortCriteria: count, DESC', () => {
    assert.deepEqual(validateFindingStatisticsRequest({ groupBy: 'type', sortCriteria: { orderBy: 'ASC' } }).sortCriteria, { attributeName: 'count', orderBy: 'ASC' })
    assert.deepEqual(validateFindingStatisticsRequest({ groupBy: 'type', sortCriteria: { attributeName: 'groupKey' } }).sortCriteria, { attributeName: 'groupKey', orderBy: 'DESC' })
  })
  const bad: Array<[name: string, request: unknown, message: RegExp]> = [
    ['a body that is not an object', null, /must be an object/],
    ['a missing groupBy', { size: 3 }, /groupBy is required/],
    ['another groupBy field', { groupBy: 'severity.score' }, /groupBy must be one of/],
    ['size 0', { groupBy: 'type', size: 0 }, /size must be an integer of at least 1/],
    ['a fractional size', { groupBy: 'type', size: 2.5 }, /size must be an integer/],
    ['size as a string', { groupBy: 'type', size: '5' }, /size must be an integer/],
    ['an unknown sort attribute', { groupBy: 'type', sortCriteria: { attributeName: 'createdAt' } }, /groupKey or count/],
    ['an unknown sort order', { groupBy: 'type', sortCriteria: { orderBy: 'UP' } }, /ASC or DESC/],
    ['invalid finding criteria', { groupBy: 'type', findingCriteria: { criterion: { type: { gt: 1 } } } }, /gt compares numbers and dates/],
  ]
  for (const [name, request, message] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(() => validateFindingStatisticsRequest(request), (err: unknown) => err instanceof InvalidInputError && message.test(err.message))
    })
  }
})
