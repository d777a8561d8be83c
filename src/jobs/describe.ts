// A stored job in Macie's reply shapes: DescribeClassificationJobResponse and JobSummary, with
// Macie's member names, ISO-8601 timestamps, and members left out where Macie has none.
import type { JobRow, JobScheduleFrequency, S3JobDefinition, TagMap } from '../store/types.js'

/** Macie's `UserPausedDetails` (present only while a job is USER_PAUSED). */
export interface UserPausedDetails {
  jobPausedAt?: string
  jobExpiresAt?: string
  jobImminentExpirationHealthEventArn?: string
}

/** Macie's `LastRunErrorStatus`. */
export interface LastRunErrorStatus {
  code: 'NONE' | 'ERROR'
}

/** Macie's `DescribeClassificationJobResponse`. */
export interface DescribeClassificationJobResponse {
  allowListIds: string[]
  clientToken: string
  createdAt: string
  customDataIdentifierIds?: string[]
  description?: string
  initialRun: boolean
  jobArn: string
  jobId: string
  jobStatus: JobRow['jobStatus']
  jobType: JobRow['jobType']
  lastRunErrorStatus: LastRunErrorStatus
  lastRunTime: string
  managedDataIdentifierIds?: string[]
  managedDataIdentifierSelector: string
  name: string
  s3JobDefinition: S3JobDefinition
  samplingPercentage: number
  scheduleFrequency?: JobScheduleFrequency
  statistics: { approximateNumberOfObjectsToProcess: number; numberOfRuns: number }
  tags: TagMap
  userPausedDetails?: UserPausedDetails
}

/** Macie's `JobSummary` (ListClassificationJobs items). */
export interface JobSummary {
  bucketCriteria?: S3JobDefinition['bucketCriteria']
  bucketDefinitions?: S3JobDefinition['bucketDefinitions']
  createdAt: string
  jobId: string
  jobStatus: JobRow['jobStatus']
  jobType: JobRow['jobType']
  lastRunErrorStatus: LastRunErrorStatus
  name: string
  userPausedDetails?: UserPausedDetails
}

/**
 * The pause details Macie shows while a job is USER_PAUSED. trawl raises no Health events, so
 * `jobImminentExpirationHealthEventArn` is always left out (Macie's is null for 23 days too).
 */
function userPausedDetails(job: JobRow): { userPausedDetails?: UserPausedDetails } {
  if (job.jobStatus !== 'USER_PAUSED') return {}
  return {
    userPausedDetails: {
      ...(job.userPausedAt ? { jobPausedAt: job.userPausedAt.toISOString() } : {}),
      ...(job.userPausedExpiresAt ? { jobExpiresAt: job.userPausedExpiresAt.toISOString() } : {}),
    },
  }
}

/**
 * A job as DescribeClassificationJob answers it: managed identifier IDs only for INCLUDE and
 * EXCLUDE, custom identifier IDs only when there are some, `lastRunTime` the creation time until
 * a run starts, `initialRun` false for one-time jobs.
 * @example
 * const body = describeJob(job) // { jobId, jobArn, jobStatus, createdAt: '2026-03-04T10:00:00.000Z', … }
 */
export function describeJob(job: JobRow): DescribeClassificationJobResponse {
  const hasManagedIds = job.managedDataIdentifierSelector === 'INCLUDE' || job.managedDataIdentifierSelector === 'EXCLUDE'
  return {
    allowListIds: [...(job.allowListIds ?? [])],
    clientToken: job.clientToken,
    createdAt: job.createdAt.toISOString(),
    ...(job.customDataIdentifierIds && job.customDataIdentifierIds.length > 0 ? { customDataIdentifierIds: [...job.customDataIdentifierIds] } : {}),
    ...(job.description !== undefined ? { description: job.description } : {}),
    initialRun: job.jobType === 'SCHEDULED' && job.initialRun,
    jobArn: job.jobArn,
    jobId: job.jobId,
    jobStatus: job.jobStatus,
    jobType: job.jobType,
    lastRunErrorStatus: { code: job.lastRunErrorCode },
    lastRunTime: (job.lastRunTime ?? job.createdAt).toISOString(),
    ...(hasManagedIds ? { managedDataIdentifierIds: [...(job.managedDataIdentifierIds ?? [])] } : {}),
    managedDataIdentifierSelector: job.managedDataIdentifierSelector,
    name: job.name,
    s3JobDefinition: structuredClone(job.s3JobDefinition),
    samplingPercentage: job.samplingPercentage,
    ...(job.jobType === 'SCHEDULED' && job.scheduleFrequency ? { scheduleFrequency: structuredClone(job.scheduleFrequency) } : {}),
    statistics: { approximateNumberOfObjectsToProcess: job.approximateNumberOfObjectsToProcess, numberOfRuns: job.numberOfRuns },
    tags: { ...job.tags },
    ...userPausedDetails(job),
  }
}

/**
 * A job as a ListClassificationJobs item.
 * @example
 * const item = jobSummary(job) // { jobId, name, jobType, jobStatus, createdAt, bucketDefinitions, … }
 */
export function jobSummary(job: JobRow): JobSummary {
  const { bucketCriteria, bucketDefinitions } = job.s3JobDefinition
  return {
    ...(bucketCriteria ? { bucketCriteria: structuredClone(bucketCriteria) } : {}),
    ...(bucketDefinitions ? { bucketDefinitions: structuredClone(bucketDefinitions) } : {}),
    createdAt: job.createdAt.toISOString(),
    jobId: job.jobId,
    jobStatus: job.jobStatus,
    jobType: job.jobType,
    lastRunErrorStatus: { code: job.lastRunErrorCode },
    name: job.name,
    ...userPausedDetails(job),
  }
}
