import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError } from '../errors.js'
import type { JobRow } from '../store/types.js'
import { listJobs, type ListJobsRequest } from './list.js'

function job(jobId: string, name: string, jobType: JobRow['jobType'], jobStatus: JobRow['jobStatus'], createdAt: string): JobRow {
  return {
    accountId: '111122223333',
    region: 'us-east-1',
    jobId,
    jobArn: `arn:aws:macie2:us-east-1:111122223333:classification-job/${jobId}`,
    name,
    jobType,
    jobStatus,
    clientToken: jobId,
    createdAt: new Date(createdAt),
    initialRun: false,
    samplingPercentage: 100,
    managedDataIdentifierSelector: 'RECOMMENDED',
    s3JobDefinition: { bucketDefinitions: [{ accountId: '111122223333', buckets: ['b'] }] },
    tags: {},
    lastRunErrorCode: 'NONE',
    approximateNumberOfObjectsToProcess: 0,
    numberOfRuns: 0,
  }
}

const jobs: JobRow[] = [
  job('a1', 'nightly exports', 'SCHEDULED', 'IDLE', '2026-01-01T00:00:00Z'),
  job('b2', 'one-off audit', 'ONE_TIME', 'COMPLETE', '2026-01-02T00:00:00Z'),
  job('c3', 'Exports review', 'ONE_TIME', 'RUNNING', '2026-01-03T00:00:00Z'),
  job('d4', 'weekly logs', 'SCHEDULED', 'USER_PAUSED', '2026-01-04T00:00:00Z'),
  job('e5', 'cancelled test', 'ONE_TIME', 'CANCELLED', '2026-01-04T00:00:00Z'),
]
const idsOf = (request: ListJobsRequest) => listJobs(jobs, request).items.map((i) => i.jobId)
const include = (key: string, comparator: string, values: string[]): ListJobsRequest => ({ filterCriteria: { includes: [{ key, comparator, values }] } })
const exclude = (key: string, comparator: string, values: string[]): ListJobsRequest => ({ filterCriteria: { excludes: [{ key, comparator, values }] } })

const filters: Array<[what: string, request: ListJobsRequest, expected: string[]]> = [
  ['no filter: every job, oldest first', {}, ['a1', 'b2', 'c3', 'd4', 'e5']],
  ['jobType EQ', include('jobType', 'EQ', ['SCHEDULED']), ['a1', 'd4']],
  ['jobType NE', include('jobType', 'NE', ['SCHEDULED']), ['b2', 'c3', 'e5']],
  ['jobStatus EQ, values ORed', include('jobStatus', 'EQ', ['RUNNING', 'IDLE']), ['a1', 'c3']],
  ['jobStatus NE', include('jobStatus', 'NE', ['CANCELLED', 'COMPLETE']), ['a1', 'c3', 'd4']],
  ['createdAt EQ', include('createdAt', 'EQ', ['2026-01-02T00:00:00Z']), ['b2']],
  ['createdAt NE', include('createdAt', 'NE', ['2026-01-04T00:00:00Z']), ['a1', 'b2', 'c3']],
  ['createdAt GT', include('createdAt', 'GT', ['2026-01-03T00:00:00Z']), ['d4', 'e5']],
  ['createdAt GTE', include('createdAt', 'GTE', ['2026-01-03T00:00:00Z']), ['c3', 'd4', 'e5']],
  ['createdAt LT', include('createdAt', 'LT', ['2026-01-02T00:00:00Z']), ['a1']],
  ['createdAt LTE', include('createdAt', 'LTE', ['2026-01-02T00:00:00Z']), ['a1', 'b2']],
  ['name EQ', include('name', 'EQ', ['weekly logs']), ['d4']],
  ['name NE', include('name', 'NE', ['weekly logs']), ['a1', 'b2', 'c3', 'e5']],
  ['name CONTAINS, case-sensitive', include('name', 'CONTAINS', ['xports']), ['a1', 'c3']],
  ['name CONTAINS with another case', include('name', 'CONTAINS', ['EXPORTS']), []],
  ['name STARTS_WITH', include('name', 'STARTS_WITH', ['one', 'week']), ['b2', 'd4']],
  ['comparator defaults to EQ', { filterCriteria: { includes: [{ key: 'jobType', values: ['ONE_TIME'] }] } }, ['b2', 'c3', 'e5']],
  ['exclude', exclude('jobStatus', 'EQ', ['CANCELLED']), ['a1', 'b2', 'c3', 'd4']],
  [
    'includes ANDed',
    { filterCriteria: { includes: [{ key: 'jobType', comparator: 'EQ', values: ['ONE_TIME'] }, { key: 'createdAt', comparator: 'GT', values: ['2026-01-02T00:00:00Z'] }] } },
    ['c3', 'e5'],
  ],
  [
    'any exclude term leaves a job out',
    { filterCriteria: { excludes: [{ key: 'jobType', comparator: 'EQ', values: ['SCHEDULED'] }, { key: 'jobStatus', comparator: 'EQ', values: ['CANCELLED'] }] } },
    ['b2', 'c3'],
  ],
  [
    'exclude wins over include',
    { filterCriteria: { includes: [{ key: 'jobType', comparator: 'EQ', values: ['ONE_TIME'] }], excludes: [{ key: 'name', comparator: 'CONTAINS', values: ['audit'] }] } },
    ['c3', 'e5'],
  ],
]

describe('listJobs: filters', () => {
  for (const [what, request, expected] of filters) it(what, () => assert.deepEqual(idsOf(request), expected))
})

const sorts: Array<[attributeName: string, orderBy: string | undefined, expected: string[]]> = [
  ['createdAt', 'ASC', ['a1', 'b2', 'c3', 'd4', 'e5']],
  ['createdAt', 'DESC', ['e5', 'd4', 'c3', 'b2', 'a1']], // equal times: job ID breaks the tie
  ['name', 'ASC', ['c3', 'e5', 'a1', 'b2', 'd4']], // code-point order: upper case first
  ['name', 'DESC', ['d4', 'b2', 'a1', 'e5', 'c3']],
  ['jobStatus', 'ASC', ['e5', 'b2', 'a1', 'c3', 'd4']],
  ['jobType', 'ASC', ['b2', 'c3', 'e5', 'a1', 'd4']],
  ['jobType', 'DESC', ['d4', 'a1', 'e5', 'c3', 'b2']],
  ['name', undefined, ['c3', 'e5', 'a1', 'b2', 'd4']], // orderBy defaults to ASC
]

describe('listJobs: sorting', () => {
  for (const [attributeName, orderBy, expected] of sorts) {
    it(`${attributeName} ${orderBy ?? '(default)'}`, () => {
      assert.deepEqual(idsOf({ sortCriteria: { attributeName, ...(orderBy ? { orderBy } : {}) } }), expected)
    })
  }
})

describe('listJobs: pages', () => {
  function walk(request: ListJobsRequest, rows: JobRow[] = jobs): string[][] {
    const pages: string[][] = []
    let nextToken: string | undefined
    do {
      const page = listJobs(rows, { ...request, ...(nextToken ? { nextToken } : {}) })
      pages.push(page.items.map((i) => i.jobId))
      nextToken = page.nextToken
    } while (nextToken)
    return pages
  }

  it('walks every job once, in order, with no token on the last page', () => {
    assert.deepEqual(walk({ maxResults: 2 }), [['a1', 'b2'], ['c3', 'd4'], ['e5']])
    assert.deepEqual(walk({ maxResults: 2, sortCriteria: { attributeName: 'createdAt', orderBy: 'DESC' } }), [['e5', 'd4'], ['c3', 'b2'], ['a1']])
    assert.deepEqual(walk({ maxResults: 5 }), [['a1', 'b2', 'c3', 'd4', 'e5']])
  })

  it('a job created between pages does not repeat or skip one', () => {
    const first = listJobs(jobs, { maxResults: 2, sortCriteria: { attributeName: 'createdAt', orderBy: 'DESC' } })
    const grown = [...jobs, job('f6', 'new', 'ONE_TIME', 'RUNNING', '2026-02-01T00:00:00Z')]
    const second = listJobs(grown, { maxResults: 2, sortCriteria: { attributeName: 'createdAt', orderBy: 'DESC' }, nextToken: first.nextToken! })
    assert.deepEqual(second.items.map((i) => i.jobId), ['c3', 'b2'])
  })

  it('items are JobSummary objects', () => {
    const [item] = listJobs(jobs, { maxResults: 1 }).items
    assert.deepEqual(Object.keys(item!).sort(), ['bucketDefinitions', 'createdAt', 'jobId', 'jobStatus', 'jobType', 'lastRunErrorStatus', 'name'])
    assert.equal(item!.createdAt, '2026-01-01T00:00:00.000Z')
  })

  it('an empty list has one empty page', () => assert.deepEqual(listJobs([], {}), { items: [] }))
})

const rejected: Array<[what: string, request: unknown, message: RegExp]> = [
  ['unknown filter key', include('jobName', 'EQ', ['x']), /filterCriteria.includes\[0\].key must be one of jobType, jobStatus, createdAt, name/],
  ['CONTAINS on jobType', include('jobType', 'CONTAINS', ['ONE']), /comparator must be one of EQ, NE for jobType/],
  ['GT on name', exclude('name', 'GT', ['a']), /filterCriteria.excludes\[0\].comparator must be one of EQ, NE, CONTAINS, STARTS_WITH for name/],
  ['unknown job status', include('jobStatus', 'EQ', ['DONE']), /values must be RUNNING, PAUSED, CANCELLED, COMPLETE, IDLE, USER_PAUSED for jobStatus, not DONE/],
  ['unknown job type', include('jobType', 'EQ', ['DAILY']), /for jobType, not DAILY/],
  ['a date that is no timestamp', include('createdAt', 'GT', ['yesterday']), /values must be ISO-8601 timestamps/],
  ['two dates for GT', include('createdAt', 'GT', ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z']), /exactly one timestamp for GT/],
  ['no values', include('name', 'EQ', []), /values must list at least one string/],
  ['includes not an array', { filterCriteria: { includes: {} } }, /filterCriteria.includes must be an array/],
  ['unknown sort attribute', { sortCriteria: { attributeName: 'lastRunTime' } }, /sortCriteria.attributeName must be one of createdAt, jobStatus, name, jobType/],
  ['unknown sort order', { sortCriteria: { attributeName: 'name', orderBy: 'UP' } }, /sortCriteria.orderBy must be ASC or DESC/],
  ['maxResults 0', { maxResults: 0 }, /maxResults must be a positive integer/],
  ['maxResults not an integer', { maxResults: 2.5 }, /maxResults must be a positive integer/],
  ['a token that is no token', { nextToken: 'not-a-token' }, /nextToken is not valid/],
  ['a token of another query', 'other-query', /nextToken does not belong to this filter and sort/],
]

describe('listJobs: rejected requests', () => {
  for (const [what, request, message] of rejected) {
    it(what, () => {
      let body = request as ListJobsRequest
      if (request === 'other-query') {
        const { nextToken } = listJobs(jobs, { maxResults: 1 })
        body = { maxResults: 1, nextToken: nextToken!, sortCriteria: { attributeName: 'name' } }
      }
      assert.throws(() => listJobs(jobs, body), (err: unknown) => err instanceof InvalidInputError && message.test(err.message), `expected ${message}`)
    })
  }

  it('serves a larger maxResults than the cap as the cap', () => {
    assert.equal(listJobs(jobs, { maxResults: 1_000_000 }).items.length, 5)
  })
})
