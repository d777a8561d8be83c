import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { JobRow } from '../store/types.js'
import { describeJob, jobSummary } from './describe.js'

const CREATED = new Date('2026-03-04T10:00:00Z')
const JOB_ID = '0123456789abcdef0123456789abcdef'
const definitions = { bucketDefinitions: [{ accountId: '111122223333', buckets: ['exports'] }] }

function job(extra: Partial<JobRow> = {}): JobRow {
  return {
    accountId: '111122223333',
    region: 'us-east-1',
    jobId: JOB_ID,
    jobArn: `arn:aws:macie2:us-east-1:111122223333:classification-job/${JOB_ID}`,
    name: 'exports',
    jobType: 'ONE_TIME',
    jobStatus: 'RUNNING',
    clientToken: 'token-1',
    createdAt: CREATED,
    initialRun: false,
    samplingPercentage: 100,
    managedDataIdentifierSelector: 'RECOMMENDED',
    s3JobDefinition: definitions,
    tags: { team: 'data' },
    lastRunErrorCode: 'NONE',
    approximateNumberOfObjectsToProcess: 12,
    numberOfRuns: 0,
    ...extra,
  }
}

describe('describeJob', () => {
  it('a one-time job that has not run', () => {
    assert.deepEqual(describeJob(job()), {
      allowListIds: [],
      clientToken: 'token-1',
      createdAt: '2026-03-04T10:00:00.000Z',
      initialRun: false,
      jobArn: `arn:aws:macie2:us-east-1:111122223333:classification-job/${JOB_ID}`,
      jobId: JOB_ID,
      jobStatus: 'RUNNING',
      jobType: 'ONE_TIME',
      lastRunErrorStatus: { code: 'NONE' },
      lastRunTime: '2026-03-04T10:00:00.000Z',
      managedDataIdentifierSelector: 'RECOMMENDED',
      name: 'exports',
      s3JobDefinition: definitions,
      samplingPercentage: 100,
      statistics: { approximateNumberOfObjectsToProcess: 12, numberOfRuns: 0 },
      tags: { team: 'data' },
    })
  })

  it('a scheduled job that has run, with everything set', () => {
    const body = describeJob(
      job({
        jobType: 'SCHEDULED',
        jobStatus: 'IDLE',
        initialRun: true,
        description: 'weekly',
        scheduleFrequency: { weeklySchedule: { dayOfWeek: 'MONDAY' } },
        managedDataIdentifierSelector: 'EXCLUDE',
        managedDataIdentifierIds: ['CREDIT_CARD_NUMBER'],
        customDataIdentifierIds: ['cdi-1'],
        allowListIds: ['allow1'],
        lastRunTime: new Date('2026-03-09T00:00:00Z'),
        lastRunErrorCode: 'ERROR',
        numberOfRuns: 3,
        nextRunAt: new Date('2026-03-16T00:00:00Z'),
      }),
    )
    assert.equal(body.initialRun, true)
    assert.equal(body.description, 'weekly')
    assert.deepEqual(body.scheduleFrequency, { weeklySchedule: { dayOfWeek: 'MONDAY' } })
    assert.deepEqual(body.managedDataIdentifierIds, ['CREDIT_CARD_NUMBER'])
    assert.deepEqual(body.customDataIdentifierIds, ['cdi-1'])
    assert.deepEqual(body.allowListIds, ['allow1'])
    assert.equal(body.lastRunTime, '2026-03-09T00:00:00.000Z')
    assert.deepEqual(body.lastRunErrorStatus, { code: 'ERROR' })
    assert.deepEqual(body.statistics, { approximateNumberOfObjectsToProcess: 12, numberOfRuns: 3 })
    assert.equal('nextRunAt' in body, false)
    assert.equal('userPausedDetails' in body, false)
  })

  const leftOut: Array<[what: string, row: JobRow, member: string]> = [
    ['managed IDs for ALL', job({ managedDataIdentifierSelector: 'ALL', managedDataIdentifierIds: ['X'] }), 'managedDataIdentifierIds'],
    ['managed IDs for NONE', job({ managedDataIdentifierSelector: 'NONE', customDataIdentifierIds: ['c'] }), 'managedDataIdentifierIds'],
    ['managed IDs for RECOMMENDED', job(), 'managedDataIdentifierIds'],
    ['custom IDs when none', job({ customDataIdentifierIds: [] }), 'customDataIdentifierIds'],
    ['description when none', job(), 'description'],
    ['schedule of a one-time job', job(), 'scheduleFrequency'],
    ['pause details while not USER_PAUSED', job({ userPausedAt: CREATED, userPausedExpiresAt: CREATED }), 'userPausedDetails'],
  ]
  for (const [what, row, member] of leftOut) it(`leaves out ${what}`, () => assert.equal(member in describeJob(row), false))

  it('reports initialRun false for a one-time job whatever is stored', () => {
    assert.equal(describeJob(job({ initialRun: true })).initialRun, false)
  })

  it('shows pause details only while USER_PAUSED', () => {
    const body = describeJob(
      job({ jobStatus: 'USER_PAUSED', userPausedAt: new Date('2026-03-05T00:00:00Z'), userPausedExpiresAt: new Date('2026-04-04T00:00:00Z'), isPausedWhileRunning: true }),
    )
    assert.deepEqual(body.userPausedDetails, { jobPausedAt: '2026-03-05T00:00:00.000Z', jobExpiresAt: '2026-04-04T00:00:00.000Z' })
  })

  it('returns copies: changing the reply leaves the job alone', () => {
    const row = job()
    const body = describeJob(row)
    body.s3JobDefinition.bucketDefinitions![0]!.buckets.push('other')
    body.tags.x = 'y'
    assert.deepEqual(row.s3JobDefinition, definitions)
    assert.deepEqual(row.tags, { team: 'data' })
  })

  it('serialises as JSON with ISO-8601 strings only', () => {
    const text = JSON.stringify(describeJob(job()))
    assert.doesNotMatch(text, /null/)
    assert.match(text, /"createdAt":"2026-03-04T10:00:00.000Z"/)
  })
})

describe('jobSummary', () => {
  it('a job with bucket definitions', () => {
    assert.deepEqual(jobSummary(job()), {
      bucketDefinitions: definitions.bucketDefinitions,
      createdAt: '2026-03-04T10:00:00.000Z',
      jobId: JOB_ID,
      jobStatus: 'RUNNING',
      jobType: 'ONE_TIME',
      lastRunErrorStatus: { code: 'NONE' },
      name: 'exports',
    })
  })

  it('a paused job with bucket criteria', () => {
    const bucketCriteria = { includes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'EQ', values: ['a'] } }] } }
    const summary = jobSummary(
      job({ s3JobDefinition: { bucketCriteria }, jobStatus: 'USER_PAUSED', userPausedAt: CREATED, userPausedExpiresAt: new Date('2026-04-03T10:00:00Z') }),
    )
    assert.deepEqual(summary.bucketCriteria, bucketCriteria)
    assert.equal('bucketDefinitions' in summary, false)
    assert.deepEqual(summary.userPausedDetails, { jobPausedAt: '2026-03-04T10:00:00.000Z', jobExpiresAt: '2026-04-03T10:00:00.000Z' })
  })
})
