// GetFindingStatistics input (MACIE.md §6.5): the four fields findings can be grouped by, and the
// check of a request; counting is the store's job.
import { InvalidInputError } from '../errors.js'
import type { FindingCriteria } from '../store/types.js'
import { validateFindingCriteria } from './criteria.js'

/** The fields GetFindingStatistics groups by (the API model's `GroupBy`). */
export const GROUP_BY_FIELDS = ['classificationDetails.jobId', 'resourcesAffected.s3Bucket.name', 'severity.description', 'type'] as const

/** One of `GROUP_BY_FIELDS`. */
export type GroupBy = (typeof GROUP_BY_FIELDS)[number]

/** A checked GetFindingStatistics request. */
export interface FindingStatisticsRequest {
  findingCriteria: FindingCriteria
  groupBy: GroupBy
  /** Most groups returned; absent: all. */
  size?: number
  /** Absent: the store's order. */
  sortCriteria?: { attributeName: 'groupKey' | 'count'; orderBy: 'ASC' | 'DESC' }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Checks a GetFindingStatistics request body: `groupBy` required and one of the four fields,
 * `size` a positive integer, `sortCriteria` by groupKey or count (count when only orderBy is
 * given), ASC or DESC (DESC when only attributeName is given), findingCriteria valid.
 * @example
 * validateFindingStatisticsRequest({ groupBy: 'type', sortCriteria: { attributeName: 'count', orderBy: 'DESC' } })
 */
export function validateFindingStatisticsRequest(request: unknown): FindingStatisticsRequest {
  if (!isPlainObject(request)) throw new InvalidInputError('the request body must be an object')
  const { groupBy, size, sortCriteria } = request
  if (groupBy === undefined || groupBy === null) throw new InvalidInputError('groupBy is required')
  if (typeof groupBy !== 'string' || !(GROUP_BY_FIELDS as readonly string[]).includes(groupBy)) {
    throw new InvalidInputError(`groupBy must be one of ${GROUP_BY_FIELDS.join(', ')}`)
  }
  const out: FindingStatisticsRequest = { findingCriteria: validateFindingCriteria(request.findingCriteria), groupBy: groupBy as GroupBy }
  if (size !== undefined && size !== null) {
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) throw new InvalidInputError('size must be an integer of at least 1')
    out.size = size
  }
  if (sortCriteria !== undefined && sortCriteria !== null) {
    if (!isPlainObject(sortCriteria)) throw new InvalidInputError('sortCriteria must be an object')
    const attributeName = sortCriteria.attributeName ?? 'count'
    const orderBy = sortCriteria.orderBy ?? 'DESC'
    if (attributeName !== 'groupKey' && attributeName !== 'count') throw new InvalidInputError('sortCriteria.attributeName must be groupKey or count')
    if (orderBy !== 'ASC' && orderBy !== 'DESC') throw new InvalidInputError('sortCriteria.orderBy must be ASC or DESC')
    out.sortCriteria = { attributeName, orderBy }
  }
  return out
}
