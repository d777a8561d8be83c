// The store's contract: every persistent thing trawl keeps, behind small repository functions
// that run the same on SQLite (embedded) and PostgreSQL (scale-out). Every row carries the
// account ID and region it belongs to; no function reads across accounts unless it says so.
// Shapes keep Macie's wire names; JSON-valued fields hold Macie's own structures (rows.ts).
import type { AuditHistoryRepository } from './audit-history-repository.js'
import type { DiscoveryRepository } from './discovery-repository.js'
import type { MembersRepository } from './members-repository.js'
import type { PublicationRepository } from './publication-repository.js'
import type { RevealRepository } from './reveal-repository.js'
import type {
  AllowListRow,
  CustomDataIdentifierRow,
  ExportConfigurationRow,
  FindingCriteria,
  FindingRow,
  FindingsFilterRow,
  JobRow,
  JobStatus,
  MacieSession,
  ObjectCompletion,
  Page,
  PageRequest,
  ReadScope,
  RunObjectRow,
  RunRow,
  SortCriteria,
  TagMap,
  UsageRow,
} from './rows.js'
import type { Scope } from './scope.js'

export type * from './rows.js'

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
