// ListClassificationJobs over a scope's jobs: filter terms (jobType, jobStatus, createdAt, name),
// sorting, and pages behind an opaque nextToken. The caller loads the jobs; a scope holds few.
import { InvalidInputError } from '../errors.js'
import type { JobRow } from '../store/types.js'
import { jobSummary, type JobSummary } from './describe.js'
import { decodePageToken, pageAfter, queryFingerprint } from './page-token.js'
import { parseIsoTimestamp } from './validate.js'

/** Macie's `ListJobsFilterTerm`. */
export interface ListJobsFilterTerm {
  comparator?: string
  key?: string
  values?: string[]
}

/** Macie's `ListClassificationJobsRequest`. */
export interface ListJobsRequest {
  filterCriteria?: { includes?: ListJobsFilterTerm[]; excludes?: ListJobsFilterTerm[] }
  sortCriteria?: { attributeName?: string; orderBy?: string }
  maxResults?: number
  nextToken?: string
}

/** Page size when the request names none. */
export const DEFAULT_MAX_RESULTS = 100
/** Largest page; a larger `maxResults` is served as this many (Macie documents no bound). */
export const MAX_MAX_RESULTS = 1000

const COMPARATORS: Record<string, readonly string[]> = {
  jobType: ['EQ', 'NE'],
  jobStatus: ['EQ', 'NE'],
  createdAt: ['EQ', 'NE', 'GT', 'GTE', 'LT', 'LTE'],
  name: ['EQ', 'NE', 'CONTAINS', 'STARTS_WITH'],
}
const VALUES: Record<string, readonly string[] | undefined> = {
  jobType: ['ONE_TIME', 'SCHEDULED'],
  jobStatus: ['RUNNING', 'PAUSED', 'CANCELLED', 'COMPLETE', 'IDLE', 'USER_PAUSED'],
}
const SORT_ATTRIBUTES = ['createdAt', 'jobStatus', 'name', 'jobType'] as const

type SortAttribute = (typeof SORT_ATTRIBUTES)[number]
type SortValue = string | number

interface Term {
  key: string
  comparator: string
  values: string[]
  /** createdAt values as epoch milliseconds. */
  times: number[]
}

function fail(message: string): never {
  throw new InvalidInputError(message)
}

function validateTerms(value: unknown, field: string): Term[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) fail(`${field} must be an array`)
  return value.map((raw: unknown, i) => {
    const at = `${field}[${i}]`
    if (typeof raw !== 'object' || raw === null) fail(`${at} must be an object`)
    const term = raw as Record<string, unknown>
    const key = term.key
    if (typeof key !== 'string' || !(key in COMPARATORS)) fail(`${at}.key must be one of ${Object.keys(COMPARATORS).join(', ')}`)
    const comparator = term.comparator ?? 'EQ'
    const allowed = COMPARATORS[key]!
    if (typeof comparator !== 'string' || !allowed.includes(comparator)) fail(`${at}.comparator must be one of ${allowed.join(', ')} for ${key}`)
    const values = term.values
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) {
      fail(`${at}.values must list at least one string`)
    }
    if (key === 'createdAt' && comparator !== 'EQ' && comparator !== 'NE' && values.length !== 1) {
      fail(`${at}.values must hold exactly one timestamp for ${comparator}`)
    }
    const known = VALUES[key]
    const bad = known ? values.find((v) => !known.includes(v)) : undefined
    if (bad !== undefined) fail(`${at}.values must be ${known!.join(', ')} for ${key}, not ${bad}`)
    const timeOf = (v: string): number => parseIsoTimestamp(v)?.getTime() ?? fail(`${at}.values must be ISO-8601 timestamps such as 2026-03-04T10:00:00Z`)
    const times = key === 'createdAt' ? (values as string[]).map(timeOf) : []
    return { key, comparator, values: values as string[], times }
  })
}

function holds(job: JobRow, term: Term): boolean {
  if (term.key === 'createdAt') {
    const t = job.createdAt.getTime()
    switch (term.comparator) {
      case 'EQ':
        return term.times.includes(t)
      case 'NE':
        return !term.times.includes(t)
      case 'GT':
        return t > term.times[0]!
      case 'GTE':
        return t >= term.times[0]!
      case 'LT':
        return t < term.times[0]!
      case 'LTE':
        return t <= term.times[0]!
    }
  }
  const actual = term.key === 'name' ? job.name : term.key === 'jobType' ? job.jobType : job.jobStatus
  switch (term.comparator) {
    case 'EQ':
      return term.values.includes(actual)
    case 'NE':
      return !term.values.includes(actual)
    case 'CONTAINS':
      return term.values.some((v) => actual.includes(v))
    case 'STARTS_WITH':
      return term.values.some((v) => actual.startsWith(v))
  }
  return false
}

function sortValue(job: JobRow, attribute: SortAttribute): SortValue {
  return attribute === 'createdAt' ? job.createdAt.getTime() : job[attribute]
}

/** Orders by the sort value, then by job ID so equal values keep one order across pages. */
function compareKeys(a: [SortValue, string], b: [SortValue, string], direction: 1 | -1): number {
  if (a[0] !== b[0]) return (a[0] < b[0] ? -1 : 1) * direction
  return a[1] === b[1] ? 0 : (a[1] < b[1] ? -1 : 1) * direction
}

const isSortValue = (k: unknown): k is SortValue => typeof k === 'string' || typeof k === 'number'

/**
 * One page of ListClassificationJobs: jobs meeting every include term and no exclude term
 * (values of one term are ORed; case-sensitive), sorted (default `createdAt` ASC), as JobSummary
 * items. The token names the last item, so jobs created between pages do not shift a page.
 * @example
 * listJobs(jobs, { filterCriteria: { includes: [{ key: 'jobStatus', comparator: 'EQ', values: ['RUNNING'] }] }, maxResults: 10 })
 */
export function listJobs(jobs: readonly JobRow[], request: ListJobsRequest = {}): { items: JobSummary[]; nextToken?: string } {
  const criteria: unknown = request.filterCriteria ?? {}
  if (typeof criteria !== 'object' || criteria === null) fail('filterCriteria must be an object')
  const includes = validateTerms((criteria as Record<string, unknown>).includes, 'filterCriteria.includes')
  const excludes = validateTerms((criteria as Record<string, unknown>).excludes, 'filterCriteria.excludes')

  const sort: unknown = request.sortCriteria ?? {}
  if (typeof sort !== 'object' || sort === null) fail('sortCriteria must be an object')
  const { attributeName = 'createdAt', orderBy = 'ASC' } = sort as Record<string, unknown>
  if (typeof attributeName !== 'string' || !(SORT_ATTRIBUTES as readonly string[]).includes(attributeName)) {
    fail(`sortCriteria.attributeName must be one of ${SORT_ATTRIBUTES.join(', ')}`)
  }
  if (orderBy !== 'ASC' && orderBy !== 'DESC') fail('sortCriteria.orderBy must be ASC or DESC')
  const attribute = attributeName as SortAttribute
  const direction = orderBy === 'ASC' ? 1 : -1

  const maxResults: unknown = request.maxResults ?? DEFAULT_MAX_RESULTS
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1) fail('maxResults must be a positive integer')
  const pageSize = Math.min(maxResults, MAX_MAX_RESULTS)

  const fingerprint = queryFingerprint([includes, excludes, attribute, direction])
  const after = decodePageToken(request.nextToken, fingerprint, isSortValue, 'filter and sort')

  const keyOf = (job: JobRow): [SortValue, string] => [sortValue(job, attribute), job.jobId]
  const compare = (a: [SortValue, string], b: [SortValue, string]): number => compareKeys(a, b, direction)
  const selected = jobs
    .filter((job) => includes.every((t) => holds(job, t)) && !excludes.some((t) => holds(job, t)))
    .sort((a, b) => compare(keyOf(a), keyOf(b)))
  const { items, nextToken } = pageAfter(selected, { after, pageSize, fingerprint, keyOf, compare })
  return { items: items.map(jobSummary), ...(nextToken ? { nextToken } : {}) }
}
