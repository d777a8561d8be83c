import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ConflictError, InvalidInputError } from '../errors.js'
import type { JobRow, JobStatus } from '../store/types.js'
import { applyStatusRequest, expireUserPaused } from './status.js'

const NOW = new Date('2026-03-04T10:00:00Z')
const DAY = 24 * 60 * 60 * 1000
const at = (days: number) => new Date(NOW.getTime() + days * DAY)

function job(jobType: JobRow['jobType'], jobStatus: JobStatus, extra: Partial<JobRow> = {}): JobRow {
  return {
    accountId: '111122223333',
    region: 'us-east-1',
    jobId: '0123456789abcdef0123456789abcdef',
    jobArn: 'arn:aws:macie2:us-east-1:111122223333:classification-job/0123456789abcdef0123456789abcdef',
    name: 'job',
    jobType,
    jobStatus,
    clientToken: 't',
    createdAt: at(-10),
    initialRun: false,
    samplingPercentage: 100,
    managedDataIdentifierSelector: 'RECOMMENDED',
    s3JobDefinition: { bucketDefinitions: [{ accountId: '111122223333', buckets: ['b'] }] },
    ...(jobType === 'SCHEDULED' ? { scheduleFrequency: { dailySchedule: {} }, nextRunAt: at(1) } : {}),
    tags: {},
    lastRunErrorCode: 'NONE',
    approximateNumberOfObjectsToProcess: 0,
    numberOfRuns: 0,
    ...extra,
  }
}
const paused = (jobType: JobRow['jobType'], whileRunning: boolean, pausedDaysAgo = 1, extra: Partial<JobRow> = {}) =>
  job(jobType, 'USER_PAUSED', {
    userPausedAt: at(-pausedDaysAgo),
    userPausedExpiresAt: at(30 - pausedDaysAgo),
    isPausedWhileRunning: whileRunning,
    ...extra,
  })
const CLEARED = { userPausedAt: null, userPausedExpiresAt: null, isPausedWhileRunning: null }

const allowed: Array<[what: string, job: JobRow, requested: string, expected: Record<string, unknown>]> = [
  ['pause a RUNNING one-time job', job('ONE_TIME', 'RUNNING'), 'USER_PAUSED', { jobStatus: 'USER_PAUSED', userPausedAt: NOW, userPausedExpiresAt: at(30), isPausedWhileRunning: true }],
  ['pause a PAUSED (quota) job: its run is in progress', job('ONE_TIME', 'PAUSED'), 'USER_PAUSED', { jobStatus: 'USER_PAUSED', userPausedAt: NOW, userPausedExpiresAt: at(30), isPausedWhileRunning: true }],
  ['pause an IDLE scheduled job', job('SCHEDULED', 'IDLE'), 'USER_PAUSED', { jobStatus: 'USER_PAUSED', userPausedAt: NOW, userPausedExpiresAt: at(30), isPausedWhileRunning: false }],
  ['pause a RUNNING scheduled job', job('SCHEDULED', 'RUNNING'), 'USER_PAUSED', { jobStatus: 'USER_PAUSED', userPausedAt: NOW, userPausedExpiresAt: at(30), isPausedWhileRunning: true }],
  ['resume a one-time job within 30 days', paused('ONE_TIME', true, 29), 'RUNNING', { jobStatus: 'RUNNING', ...CLEARED }],
  ['resume a scheduled job paused mid-run within 30 days', paused('SCHEDULED', true, 5), 'RUNNING', { jobStatus: 'RUNNING', ...CLEARED }],
  ['resume a scheduled job paused while IDLE: next run still ahead', paused('SCHEDULED', false, 5), 'RUNNING', { jobStatus: 'IDLE', ...CLEARED }],
  [
    'resume a scheduled job paused while IDLE: next run passed while paused',
    paused('SCHEDULED', false, 5, { nextRunAt: at(-2) }),
    'RUNNING',
    { jobStatus: 'IDLE', ...CLEARED, nextRunAt: new Date('2026-03-05T00:00:00Z') },
  ],
  ['resume a scheduled job whose mid-run pause expired', paused('SCHEDULED', true, 31, { nextRunAt: at(-20) }), 'RUNNING', { jobStatus: 'IDLE', ...CLEARED, nextRunAt: new Date('2026-03-05T00:00:00Z') }],
  ['resume exactly at expiry follows the schedule', paused('SCHEDULED', true, 30), 'RUNNING', { jobStatus: 'IDLE', ...CLEARED }],
  ['cancel an IDLE job', job('SCHEDULED', 'IDLE'), 'CANCELLED', { jobStatus: 'CANCELLED', nextRunAt: null }],
  ['cancel a RUNNING job', job('ONE_TIME', 'RUNNING'), 'CANCELLED', { jobStatus: 'CANCELLED', nextRunAt: null }],
  ['cancel a PAUSED job', job('ONE_TIME', 'PAUSED'), 'CANCELLED', { jobStatus: 'CANCELLED', nextRunAt: null }],
  ['cancel a USER_PAUSED job', paused('SCHEDULED', true), 'CANCELLED', { jobStatus: 'CANCELLED', nextRunAt: null, ...CLEARED }],
]

describe('applyStatusRequest: allowed transitions', () => {
  for (const [what, row, requested, expected] of allowed) {
    it(what, () => assert.deepEqual(applyStatusRequest(row, requested, NOW), expected))
  }
})

const refused: Array<[from: JobStatus, requested: string]> = [
  ['COMPLETE', 'USER_PAUSED'],
  ['COMPLETE', 'RUNNING'],
  ['COMPLETE', 'CANCELLED'],
  ['CANCELLED', 'USER_PAUSED'],
  ['CANCELLED', 'RUNNING'],
  ['CANCELLED', 'CANCELLED'],
  ['USER_PAUSED', 'USER_PAUSED'],
  ['IDLE', 'RUNNING'],
  ['RUNNING', 'RUNNING'],
  ['PAUSED', 'RUNNING'],
  ['RUNNING', 'IDLE'],
  ['RUNNING', 'COMPLETE'],
  ['IDLE', 'PAUSED'],
]

describe('applyStatusRequest: refused transitions', () => {
  for (const [from, requested] of refused) {
    it(`${from} → ${requested} is a ConflictError naming both`, () => {
      assert.throws(
        () => applyStatusRequest(job('SCHEDULED', from), requested, NOW),
        (err: unknown) => err instanceof ConflictError && err.message.includes(from) && err.message.includes(requested),
      )
    })
  }

  it('an expired one-time job cannot be resumed', () => {
    assert.throws(() => applyStatusRequest(paused('ONE_TIME', true, 31), 'RUNNING', NOW), (err: unknown) => err instanceof ConflictError && /expired/.test(err.message))
  })

  it('a value that is no job status is an InvalidInputError', () => {
    assert.throws(() => applyStatusRequest(job('ONE_TIME', 'RUNNING'), 'STOPPED', NOW), InvalidInputError)
    assert.throws(() => applyStatusRequest(job('ONE_TIME', 'RUNNING'), 'user_paused', NOW), InvalidInputError)
  })
})

describe('expireUserPaused', () => {
  const cases: Array<[what: string, job: JobRow, expected: ReturnType<typeof expireUserPaused>]> = [
    ['one-time, paused 31 days: the job is cancelled', paused('ONE_TIME', true, 31), { patch: { jobStatus: 'CANCELLED', nextRunAt: null, ...CLEARED }, isRunCancelled: true }],
    ['one-time, paused exactly 30 days', paused('ONE_TIME', true, 30), { patch: { jobStatus: 'CANCELLED', nextRunAt: null, ...CLEARED }, isRunCancelled: true }],
    ['one-time, paused 29 days: nothing yet', paused('ONE_TIME', true, 29), undefined],
    ['scheduled, paused mid-run 31 days: the run is cancelled, the job stays paused', paused('SCHEDULED', true, 31), { patch: { isPausedWhileRunning: false }, isRunCancelled: true }],
    ['scheduled, paused while IDLE 31 days: nothing to expire', paused('SCHEDULED', false, 31), undefined],
    ['scheduled, paused mid-run 10 days', paused('SCHEDULED', true, 10), undefined],
    ['a job that is not USER_PAUSED', job('ONE_TIME', 'RUNNING', { userPausedExpiresAt: at(-1) }), undefined],
  ]
  for (const [what, row, expected] of cases) it(what, () => assert.deepEqual(expireUserPaused(row, NOW), expected))

  it('fires once: the expired scheduled job then resumes on its schedule', () => {
    const row = paused('SCHEDULED', true, 31)
    const expired = { ...row, isPausedWhileRunning: false }
    assert.ok(expireUserPaused(row, NOW))
    assert.equal(expireUserPaused(expired, NOW), undefined)
    assert.equal(applyStatusRequest(expired, 'RUNNING', NOW).jobStatus, 'IDLE')
  })
})
