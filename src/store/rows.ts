// The rows and requests the store's repositories read and write: plain data in Macie's wire
// names. The Store interface that gathers the repositories is in types.ts, which re-exports these.
import type { Scope } from './scope.js'

export type { Scope } from './scope.js'

/** A scope widened to other accounts of its region: what an administrator reads of its members' findings. */
export interface ReadScope extends Scope {
  /** Accounts read besides `accountId` (the caller's associated members). */
  memberAccountIds?: readonly string[]
}

/** A page of items and the token of the next page, absent on the last one. */
export interface Page<T> {
  items: T[]
  nextToken?: string
}

/** Paging of a list: `maxResults` items after `nextToken`. */
export interface PageRequest {
  maxResults?: number
  nextToken?: string
}

/** Macie's status of an account in a region (EnableMacie / UpdateMacieSession). */
export interface MacieSession extends Scope {
  status: 'ENABLED' | 'PAUSED'
  findingPublishingFrequency: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS'
  serviceRole?: string
  createdAt: Date
  updatedAt: Date
}

export type JobStatus = 'RUNNING' | 'PAUSED' | 'CANCELLED' | 'COMPLETE' | 'IDLE' | 'USER_PAUSED'
export type JobType = 'ONE_TIME' | 'SCHEDULED'
export type TagMap = Record<string, string>

/** Macie's `S3JobDefinition`, `JobScheduleFrequency` and friends, as the request carries them. */
export interface S3JobDefinition {
  bucketDefinitions?: Array<{ accountId: string; buckets: string[] }>
  bucketCriteria?: {
    includes?: { and?: CriteriaForJob[] }
    excludes?: { and?: CriteriaForJob[] }
  }
  scoping?: {
    includes?: { and?: JobScopeTerm[] }
    excludes?: { and?: JobScopeTerm[] }
  }
}
export interface CriteriaForJob {
  simpleCriterion?: { comparator: string; key: string; values: string[] }
  tagCriterion?: { comparator: string; tagValues: Array<{ key?: string; value?: string }> }
}
export interface JobScopeTerm {
  simpleScopeTerm?: { comparator: string; key: string; values: string[] }
  tagScopeTerm?: { comparator: string; key: string; tagValues: Array<{ key: string; value: string }>; target: string }
}
export interface JobScheduleFrequency {
  dailySchedule?: Record<string, never>
  weeklySchedule?: { dayOfWeek: string }
  monthlySchedule?: { dayOfMonth: number }
}

/** A classification job: CreateClassificationJob's request plus its state. */
export interface JobRow extends Scope {
  jobId: string
  jobArn: string
  name: string
  description?: string
  jobType: JobType
  jobStatus: JobStatus
  clientToken: string
  createdAt: Date
  initialRun: boolean
  samplingPercentage: number
  managedDataIdentifierSelector: string
  managedDataIdentifierIds?: string[]
  customDataIdentifierIds?: string[]
  allowListIds?: string[]
  s3JobDefinition: S3JobDefinition
  scheduleFrequency?: JobScheduleFrequency
  tags: TagMap
  lastRunTime?: Date
  lastRunErrorCode: 'NONE' | 'ERROR'
  /** While USER_PAUSED: when, until when, and whether a run was in progress then. */
  userPausedAt?: Date
  userPausedExpiresAt?: Date
  isPausedWhileRunning?: boolean
  approximateNumberOfObjectsToProcess: number
  numberOfRuns: number
  /** Scheduled jobs: when the next run is due. */
  nextRunAt?: Date
}

/** One run of a job. Objects are planned into it before any is analysed. */
export interface RunRow extends Scope {
  runId: string
  jobId: string
  /** RUNNING: being planned or analysed; then COMPLETE or CANCELLED. */
  status: 'RUNNING' | 'COMPLETE' | 'CANCELLED'
  startedAt: Date
  finishedAt?: Date
  /** Incremental runs: objects modified after this instant only. */
  modifiedAfter?: Date
  /** True once every object of the run is planned. */
  isPlanned: boolean
  errorCode: 'NONE' | 'ERROR'
}

/** An object planned into a run; `DONE` once its findings and results are committed. */
export interface RunObjectRow {
  runId: string
  seq: number
  bucket: string
  key: string
  size: number
  lastModified: Date
  eTag?: string
  versionId?: string
  storageClass?: string
  state: 'PENDING' | 'DONE'
  /** The member account that owns the object, when it is not the job's own account. */
  accountId?: string
}

/** A stored finding: its Macie JSON plus the columns criteria and sorting use. */
export interface FindingRow extends Scope {
  id: string
  /** Run and object of a sensitive data finding: one finding per object per run. */
  runId?: string
  objectKey?: string
  /** Macie's finding JSON (GetFindings item), `archived` and `count` kept in step with the row. */
  finding: Record<string, unknown> & { id: string; type: string; createdAt: string; updatedAt: string; archived: boolean; count: number }
}

/** Macie's FindingCriteria: `{criterion: {field: {eq, neq, gt, gte, lt, lte, eqExactMatch}}}`. */
export interface FindingCriteria {
  criterion?: Record<string, { eq?: string[]; neq?: string[]; gt?: number; gte?: number; lt?: number; lte?: number; eqExactMatch?: string[] }>
}
export interface SortCriteria {
  attributeName?: string
  orderBy?: 'ASC' | 'DESC'
}

/** A custom data identifier (immutable; soft-deleted). */
export interface CustomDataIdentifierRow extends Scope {
  id: string
  arn: string
  name: string
  description?: string
  regex: string
  keywords?: string[]
  ignoreWords?: string[]
  maximumMatchDistance?: number
  severityLevels?: Array<{ occurrencesThreshold: number; severity: 'LOW' | 'MEDIUM' | 'HIGH' }>
  clientToken?: string
  tags: TagMap
  createdAt: Date
  deleted: boolean
}

/** An allow list. */
export interface AllowListRow extends Scope {
  id: string
  arn: string
  name: string
  description?: string
  criteria: { regex?: string; s3WordsList?: { bucketName: string; objectKey: string } }
  clientToken?: string
  tags: TagMap
  createdAt: Date
  updatedAt: Date
}

/** A findings filter (saved filter, or suppression rule with action ARCHIVE). */
export interface FindingsFilterRow extends Scope {
  id: string
  arn: string
  name: string
  description?: string
  action: 'ARCHIVE' | 'NOOP'
  findingCriteria: FindingCriteria
  position: number
  clientToken?: string
  tags: TagMap
}

/** The discovery results repository of an account in a region. */
export interface ExportConfigurationRow extends Scope {
  s3Destination: { bucketName: string; keyPrefix?: string; kmsKeyArn: string; expectedBucketOwner?: string }
}

/** Usage of one type in one month ('2026-11'). */
export interface UsageRow extends Scope {
  month: string
  type: 'SENSITIVE_DATA_DISCOVERY' | 'DATA_INVENTORY_EVALUATION' | 'AUTOMATED_SENSITIVE_DATA_DISCOVERY' | 'AUTOMATED_OBJECT_MONITORING'
  bytes: number
  objects: number
}

/** What the analysis of one object commits, all at once or not at all. */
export interface ObjectCompletion {
  runId: string
  seq: number
  findings: FindingRow[]
  usage?: { month: string; bytes: number; objects: number }
}
