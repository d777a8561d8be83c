// The job status machine (MACIE.md §4.5): what UpdateClassificationJob may do from each status,
// and the 30-day expiry of a user pause. Returns store patches; stopping work is the runner's.
import { ConflictError, InvalidInputError } from '../errors.js'
import type { JobRow, JobStatus } from '../store/types.js'
import { nextRunAt } from './schedule.js'

/** A change to a stored job, as the store's `jobs.update` takes it: `null` clears a field. */
export type JobPatch = { [K in keyof JobRow]?: JobRow[K] | null }

/** What expiry of a user pause changes, and whether the run it interrupted is to be cancelled. */
export interface PauseExpiry {
  patch: JobPatch
  isRunCancelled: boolean
}

/** Days a user pause lasts before the paused job (one-time) or run (scheduled) is cancelled. */
export const USER_PAUSE_DAYS = 30

const JOB_STATUSES: readonly JobStatus[] = ['RUNNING', 'PAUSED', 'CANCELLED', 'COMPLETE', 'IDLE', 'USER_PAUSED']
const DAY_MS = 24 * 60 * 60 * 1000

const CLEAR_USER_PAUSE: JobPatch = { userPausedAt: null, userPausedExpiresAt: null, isPausedWhileRunning: null }

function isExpired(job: JobRow, now: Date): boolean {
  return job.userPausedExpiresAt !== undefined && now.getTime() >= job.userPausedExpiresAt.getTime()
}

function conflict(from: string, to: string, why: string): ConflictError {
  return new ConflictError(`jobStatus cannot change from ${from} to ${to}: ${why}`)
}

/** The next run of a scheduled job that follows its schedule again, unless one is already due later. */
function followSchedule(job: JobRow, now: Date): JobPatch {
  if (!job.scheduleFrequency || (job.nextRunAt && job.nextRunAt.getTime() > now.getTime())) return {}
  return { nextRunAt: nextRunAt(job.scheduleFrequency, now) }
}

/**
 * The patch an UpdateClassificationJob request makes: USER_PAUSED from IDLE, PAUSED or RUNNING;
 * RUNNING (resume) from USER_PAUSED; CANCELLED from IDLE, PAUSED, RUNNING or USER_PAUSED.
 * Anything else is a ConflictError; a value that is no job status is an InvalidInputError.
 * Callers apply `expireUserPaused` first, so an expired one-time job is CANCELLED by then.
 * @example
 * applyStatusRequest(job, 'USER_PAUSED', new Date()) // { jobStatus: 'USER_PAUSED', userPausedAt: …, … }
 */
export function applyStatusRequest(job: JobRow, requested: string, now: Date): JobPatch {
  if (!(JOB_STATUSES as readonly string[]).includes(requested)) {
    throw new InvalidInputError(`jobStatus must be one of CANCELLED, RUNNING, USER_PAUSED, not ${requested}`)
  }
  const from = job.jobStatus
  switch (requested) {
    case 'USER_PAUSED': {
      if (from !== 'IDLE' && from !== 'PAUSED' && from !== 'RUNNING') {
        throw conflict(from, requested, 'only an IDLE, PAUSED or RUNNING job can be paused')
      }
      return {
        jobStatus: 'USER_PAUSED',
        userPausedAt: now,
        userPausedExpiresAt: new Date(now.getTime() + USER_PAUSE_DAYS * DAY_MS),
        // PAUSED is a run Macie stopped for the monthly quota: a run is in progress there too.
        isPausedWhileRunning: from !== 'IDLE',
      }
    }
    case 'RUNNING': {
      if (from !== 'USER_PAUSED') throw conflict(from, requested, 'only a USER_PAUSED job can be resumed')
      if (!isExpired(job, now) && (job.isPausedWhileRunning || job.jobType === 'ONE_TIME')) {
        // Within 30 days of a pause taken mid-run (a one-time job's only run): it continues
        // where it stopped.
        return { jobStatus: 'RUNNING', ...CLEAR_USER_PAUSE }
      }
      if (job.jobType === 'ONE_TIME') {
        throw conflict(from, requested, `the pause expired at ${job.userPausedExpiresAt?.toISOString()} and the job is cancelled`)
      }
      return { jobStatus: 'IDLE', ...CLEAR_USER_PAUSE, ...followSchedule(job, now) }
    }
    case 'CANCELLED': {
      if (from !== 'IDLE' && from !== 'PAUSED' && from !== 'RUNNING' && from !== 'USER_PAUSED') {
        throw conflict(from, requested, `a ${from} job cannot be cancelled`)
      }
      return { jobStatus: 'CANCELLED', nextRunAt: null, ...(from === 'USER_PAUSED' ? CLEAR_USER_PAUSE : {}) }
    }
  }
  throw conflict(from, requested, 'a job can only be set to CANCELLED, RUNNING or USER_PAUSED')
}

/**
 * What expiry of a user pause does at `now`, or undefined when nothing expires: a one-time job
 * paused over 30 days is CANCELLED; a scheduled job paused mid-run loses that run but stays
 * USER_PAUSED (Macie: "the job run expires", the job survives and follows its schedule once
 * resumed); a scheduled job paused while IDLE has no run to lose and never expires.
 * @example
 * expireUserPaused(job, new Date()) // { patch: { jobStatus: 'CANCELLED', … }, isRunCancelled: true }
 */
export function expireUserPaused(job: JobRow, now: Date): PauseExpiry | undefined {
  if (job.jobStatus !== 'USER_PAUSED' || !isExpired(job, now)) return undefined
  if (job.jobType === 'ONE_TIME') {
    return { patch: { jobStatus: 'CANCELLED', nextRunAt: null, ...CLEAR_USER_PAUSE }, isRunCancelled: true }
  }
  if (!job.isPausedWhileRunning) return undefined
  return { patch: { isPausedWhileRunning: false }, isRunCancelled: true }
}
