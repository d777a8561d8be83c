// The store's contract: every persistent thing trawl keeps, behind small repository functions
// that run the same on SQLite (embedded) and PostgreSQL (scale-out). Every row carries the
// account ID and region it belongs to; no function reads across accounts unless it says so.
// Shapes keep Macie's wire names; JSON-valued fields hold Macie's own structures.

import type { AuditHistoryRepository } from './audit-history-repository.js'
import type { DiscoveryRepository } from './discovery-repository.js'
import type { MembersRepository } from './members-repository.js'
import type { PublicationRepository } from './publication-repository.js'
import type { RevealRepository } from './reveal-repository.js'
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

/** Persistence: one implementation per backend, one contract suite for all. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres'
  close(): Promise<void>
  /** Deletes every row of an account in a region, in every table (DisableMacie); the account itself stays. */
  deleteScope(scope: Scope): Promise<void>

  accounts: {
    ensure(accountId: string): Promise<void>
    list(): Promise<string[]>
  }
  sessions: {
    get(scope: Scope): Promise<MacieSession | undefined>
    put(session: MacieSession): Promise<void>
    delete(scope: Scope): Promise<void>
  }
  jobs: {
    insert(job: JobRow): Promise<void>
    get(scope: Scope, jobId: string): Promise<JobRow | undefined>
    getByClientToken(scope: Scope, clientToken: string): Promise<JobRow | undefined>
    /** Updates some fields; `null` clears an optional one. */
    update(scope: Scope, jobId: string, patch: { [K in keyof JobRow]?: JobRow[K] | null }): Promise<void>
    /** Every job of a scope, in creation order (callers filter and sort: a scope holds few). */
    list(scope: Scope): Promise<JobRow[]>
    /** Jobs in these statuses, across every account (for the scheduler and recovery). */
    listByStatus(statuses: JobStatus[]): Promise<JobRow[]>
  }
  runs: {
    insert(run: RunRow): Promise<void>
    get(runId: string): Promise<RunRow | undefined>
    update(runId: string, patch: Partial<Pick<RunRow, 'status' | 'finishedAt' | 'isPlanned' | 'errorCode'>>): Promise<void>
    /** The job's runs, newest first. */
    listForJob(jobId: string): Promise<RunRow[]>
  }
  runObjects: {
    /** Plans objects into a run (idempotent on runId + seq). */
    insertMany(objects: RunObjectRow[]): Promise<void>
    /** Pending objects with seq > afterSeq, in seq order. */
    listPending(runId: string, afterSeq: number, limit: number): Promise<RunObjectRow[]>
    counts(runId: string): Promise<{ total: number; done: number }>
    /**
     * Marks an object DONE, inserts its findings and adds its usage in one transaction; a
     * second completion of the same object changes nothing and returns false.
     */
    complete(completion: ObjectCompletion): Promise<boolean>
    /**
     * Completes several objects in one transaction (a batch that shares a results file): all
     * of them or none; objects already DONE are left as they are. Returns how many it completed.
     */
    completeMany(completions: ObjectCompletion[]): Promise<number>
  }
  findings: {
    insertMany(findings: FindingRow[]): Promise<void>
    /** Findings by ID, in the order asked; unknown IDs are left out. */
    get(scope: ReadScope, ids: string[]): Promise<FindingRow[]>
    list(scope: ReadScope, criteria: FindingCriteria, sort: SortCriteria | undefined, page: PageRequest): Promise<Page<string>>
    statistics(
      scope: ReadScope,
      criteria: FindingCriteria,
      groupBy: 'classificationDetails.jobId' | 'resourcesAffected.s3Bucket.name' | 'severity.description' | 'type',
      options: { size?: number; sort?: { attributeName: 'groupKey' | 'count'; orderBy: 'ASC' | 'DESC' } },
    ): Promise<Array<{ groupKey: string; count: number }>>
    /** Sets `archived` on every finding the criteria match; returns how many changed. */
    setArchived(scope: Scope, criteria: FindingCriteria, archived: boolean): Promise<number>
    /** Policy findings aggregate: the existing one for this bucket and type, if any. */
    getPolicyFinding(scope: Scope, bucket: string, type: string): Promise<FindingRow | undefined>
    update(row: FindingRow): Promise<void>
  }
  customDataIdentifiers: {
    insert(row: CustomDataIdentifierRow): Promise<void>
    /** Also returns soft-deleted ones. */
    get(scope: Scope, id: string): Promise<CustomDataIdentifierRow | undefined>
    getByClientToken(scope: Scope, clientToken: string): Promise<CustomDataIdentifierRow | undefined>
    /** Not deleted ones, by creation order. */
    list(scope: Scope, page: PageRequest): Promise<Page<CustomDataIdentifierRow>>
    count(scope: Scope): Promise<number>
    softDelete(scope: Scope, id: string): Promise<void>
  }
  allowLists: {
    insert(row: AllowListRow): Promise<void>
    get(scope: Scope, id: string): Promise<AllowListRow | undefined>
    getByClientToken(scope: Scope, clientToken: string): Promise<AllowListRow | undefined>
    list(scope: Scope, page: PageRequest): Promise<Page<AllowListRow>>
    update(row: AllowListRow): Promise<void>
    delete(scope: Scope, id: string): Promise<void>
  }
  findingsFilters: {
    insert(row: FindingsFilterRow): Promise<void>
    get(scope: Scope, id: string): Promise<FindingsFilterRow | undefined>
    getByClientToken(scope: Scope, clientToken: string): Promise<FindingsFilterRow | undefined>
    /** In `position` order. */
    list(scope: Scope, page: PageRequest): Promise<Page<FindingsFilterRow>>
    update(row: FindingsFilterRow): Promise<void>
    delete(scope: Scope, id: string): Promise<void>
  }
  exportConfigurations: {
    get(scope: Scope): Promise<ExportConfigurationRow | undefined>
    put(row: ExportConfigurationRow): Promise<void>
  }
  usage: {
    add(row: UsageRow): Promise<void>
    /** Usage rows of a scope for the given months. */
    list(scope: Scope, months: string[]): Promise<UsageRow[]>
  }
  /** Account settings of a scope by name, each one JSON value (Dates read back as ISO strings; a missing one as undefined). */
  settings: {
    get(scope: Scope, name: string): Promise<unknown | undefined>
    /** Sets or replaces the value of a setting. */
    put(scope: Scope, name: string, value: unknown): Promise<void>
  }
  /** Administrator, member and invitation relationships between accounts, and the organization's configuration. */
  members: MembersRepository
  /** Automated sensitive data discovery: per-bucket profiles, artifacts and detections. */
  discovery: DiscoveryRepository
  /** Findings publication: events to deliver to webhooks, deliveries and dead letters. */
  publication: PublicationRepository
  /** Revealed sensitive data occurrences, encrypted. */
  reveal: RevealRepository
  /** Scheduled compliance audits' results, by account, run, region and rule. */
  auditHistory: AuditHistoryRepository
  tags: {
    get(scope: Scope, arn: string): Promise<TagMap>
    set(scope: Scope, arn: string, tags: TagMap): Promise<void>
    remove(scope: Scope, arn: string, keys: string[]): Promise<void>
  }
}
