// The store's tables, written once with Kysely's schema builder so that the same migrations run
// on SQLite and PostgreSQL. Portable types only: text, integer, bigint; booleans are integers
// 0/1 and instants are epoch milliseconds (bigint), which sort and compare alike in both.
// JSON-valued fields are text. Every table carries account_id and region, except `accounts`
// (an account spans regions) and child tables keyed by a parent that has them.
import { Migrator, type CreateTableBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { membersMigration, type MembersTables } from './migrations/0003-members.js'
import { discoveryMigration, type DiscoveryTables } from './migrations/0004-discovery.js'
import { publicationMigration, type PublicationTables } from './migrations/0005-publication.js'
import { revealMigration, type RevealTables } from './migrations/0006-reveal.js'
import { findingIndexesMigration } from './migrations/0007-finding-indexes.js'
import { auditHistoryMigration, type AuditHistoryTables } from './migrations/0008-audit-history.js'
import { runObjectAccountsMigration } from './migrations/0009-run-object-accounts.js'

/** A registered account. */
export interface AccountsTable {
  account_id: string
  created_at: number
}

/** Macie's session of an account in a region. */
export interface MacieSessionsTable {
  account_id: string
  region: string
  status: string
  finding_publishing_frequency: string
  service_role: string | null
  created_at: number
  updated_at: number
}

/** Classification jobs; list-valued and structured fields are JSON text. */
export interface JobsTable {
  job_id: string
  account_id: string
  region: string
  job_arn: string
  name: string
  description: string | null
  job_type: string
  job_status: string
  client_token: string
  created_at: number
  initial_run: number
  sampling_percentage: number
  managed_data_identifier_selector: string
  managed_data_identifier_ids: string | null
  custom_data_identifier_ids: string | null
  allow_list_ids: string | null
  s3_job_definition: string
  schedule_frequency: string | null
  last_run_time: number | null
  last_run_error_code: string
  user_paused_at: number | null
  user_paused_expires_at: number | null
  is_paused_while_running: number | null
  approximate_number_of_objects_to_process: number
  number_of_runs: number
  next_run_at: number | null
}

/** Runs of jobs. */
export interface RunsTable {
  run_id: string
  account_id: string
  region: string
  job_id: string
  status: string
  started_at: number
  finished_at: number | null
  modified_after: number | null
  is_planned: number
  error_code: string
}

/** Objects planned into a run (child of runs). */
export interface RunObjectsTable {
  run_id: string
  seq: number
  bucket: string
  object_key: string
  size: number
  last_modified: number
  e_tag: string | null
  version_id: string | null
  storage_class: string | null
  state: string
  /** The account that owns the object (0009); null for the job's own account. */
  account_id: string | null
}

/**
 * Findings: the Macie JSON plus one column per scalar field that criteria and sorting use.
 * Sort columns are NOT NULL (absent values stored as '' or 0) so that keyset pages need no
 * NULL ordering, which the two dialects order differently.
 */
export interface FindingsTable {
  id: string
  account_id: string
  region: string
  run_id: string | null
  run_object_key: string | null
  finding_json: string
  type: string
  category: string | null
  archived: number
  count: number
  created_at: number
  updated_at: number
  severity_score: number
  severity_description: string | null
  sample: number | null
  job_id: string | null
  origin_type: string | null
  s3_bucket_name: string
  s3_object_key: string
  object_extension: string | null
  object_storage_class: string | null
  object_public_access: number | null
  object_encryption_type: string | null
  object_size: number | null
  object_last_modified: number | null
  bucket_effective_permission: string | null
  bucket_allows_unencrypted_uploads: string | null
  bucket_encryption_type: string | null
  result_status_code: string | null
  result_mime_type: string | null
  policy_api: string | null
  first_seen: number
  last_seen: number
}

/** Values of a finding's multi-valued fields, one row per (field, value) (child of findings). */
export interface FindingValuesTable {
  finding_id: string
  /** A code from finding-query.ts's field table: persisted, so never renumbered. */
  field: number
  value: string
}

/** The columns custom data identifiers, allow lists and findings filters open with. */
export interface ResourceColumns {
  id: string
  account_id: string
  region: string
  arn: string
  name: string
  description: string | null
}

/** Custom data identifiers (soft-deleted, never removed). */
export interface CustomDataIdentifiersTable extends ResourceColumns {
  regex: string
  keywords: string | null
  ignore_words: string | null
  maximum_match_distance: number | null
  severity_levels: string | null
  client_token: string | null
  created_at: number
  deleted: number
}

/** Allow lists. */
export interface AllowListsTable extends ResourceColumns {
  criteria: string
  client_token: string | null
  created_at: number
  updated_at: number
}

/** Findings filters and suppression rules. */
export interface FindingsFiltersTable extends ResourceColumns {
  action: string
  finding_criteria: string
  position: number
  client_token: string | null
}

/** Discovery results repository per account and region. */
export interface ExportConfigurationsTable {
  account_id: string
  region: string
  s3_destination: string
}

/** Usage totals per account, region, month and type. */
export interface UsageRecordsTable {
  account_id: string
  region: string
  month: string
  type: string
  bytes: number
  objects: number
}

/** Tags of every taggable resource, by ARN; the rows' `tags` are read from here. */
export interface ResourceTagsTable {
  account_id: string
  region: string
  arn: string
  tag_key: string
  tag_value: string
}

/** Account settings of a scope, one JSON value per name (reveal, publication, automated discovery, …). */
export interface SettingsTable {
  account_id: string
  region: string
  name: string
  value: string
}

/** The Kysely database type of the store. */
export interface Database extends MembersTables, DiscoveryTables, PublicationTables, RevealTables, AuditHistoryTables {
  accounts: AccountsTable
  macie_sessions: MacieSessionsTable
  jobs: JobsTable
  runs: RunsTable
  run_objects: RunObjectsTable
  findings: FindingsTable
  finding_values: FindingValuesTable
  custom_data_identifiers: CustomDataIdentifiersTable
  allow_lists: AllowListsTable
  findings_filters: FindingsFiltersTable
  export_configurations: ExportConfigurationsTable
  usage_records: UsageRecordsTable
  resource_tags: ResourceTagsTable
  settings: SettingsTable
}

// Column groups of 0001 only. A later migration writes its columns out rather than reusing these,
// so that editing them can never change what a shipped migration creates.

/** account_id and region: the scope of every row that has one. */
function scopeColumns<C extends string>(table: CreateTableBuilder<string, C>) {
  return table.addColumn('account_id', 'text', (c) => c.notNull()).addColumn('region', 'text', (c) => c.notNull())
}

/** What custom data identifiers, allow lists and findings filters open with: ID, scope, ARN, name, description. */
function resourceColumns<C extends string>(table: CreateTableBuilder<string, C>) {
  return table
    .addColumn('id', 'text', (c) => c.primaryKey())
    .$call(scopeColumns)
    .addColumn('arn', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
}

// Migrations take an untyped database: they describe the schema of their day, not today's.
const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('accounts')
      .addColumn('account_id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('macie_sessions')
      .$call(scopeColumns)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('finding_publishing_frequency', 'text', (c) => c.notNull())
      .addColumn('service_role', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('macie_sessions_pk', ['account_id', 'region'])
      .execute()

    await db.schema
      .createTable('jobs')
      .addColumn('job_id', 'text', (c) => c.primaryKey())
      .$call(scopeColumns)
      .addColumn('job_arn', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('job_type', 'text', (c) => c.notNull())
      .addColumn('job_status', 'text', (c) => c.notNull())
      .addColumn('client_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('initial_run', 'integer', (c) => c.notNull())
      .addColumn('sampling_percentage', 'integer', (c) => c.notNull())
      .addColumn('managed_data_identifier_selector', 'text', (c) => c.notNull())
      .addColumn('managed_data_identifier_ids', 'text')
      .addColumn('custom_data_identifier_ids', 'text')
      .addColumn('allow_list_ids', 'text')
      .addColumn('s3_job_definition', 'text', (c) => c.notNull())
      .addColumn('schedule_frequency', 'text')
      .addColumn('last_run_time', 'bigint')
      .addColumn('last_run_error_code', 'text', (c) => c.notNull())
      .addColumn('user_paused_at', 'bigint')
      .addColumn('user_paused_expires_at', 'bigint')
      .addColumn('is_paused_while_running', 'integer')
      .addColumn('approximate_number_of_objects_to_process', 'bigint', (c) => c.notNull())
      .addColumn('number_of_runs', 'integer', (c) => c.notNull())
      .addColumn('next_run_at', 'bigint')
      .execute()
    await db.schema.createIndex('jobs_client_token').unique().on('jobs').columns(['account_id', 'region', 'client_token']).execute()
    await db.schema.createIndex('jobs_created').on('jobs').columns(['account_id', 'region', 'created_at', 'job_id']).execute()
    await db.schema.createIndex('jobs_status').on('jobs').columns(['job_status']).execute()

    await db.schema
      .createTable('runs')
      .addColumn('run_id', 'text', (c) => c.primaryKey())
      .$call(scopeColumns)
      .addColumn('job_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .addColumn('modified_after', 'bigint')
      .addColumn('is_planned', 'integer', (c) => c.notNull())
      .addColumn('error_code', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('runs_job').on('runs').columns(['job_id', 'started_at']).execute()

    await db.schema
      .createTable('run_objects')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.run_id').onDelete('cascade'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('object_key', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('last_modified', 'bigint', (c) => c.notNull())
      .addColumn('e_tag', 'text')
      .addColumn('version_id', 'text')
      .addColumn('storage_class', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_objects_pk', ['run_id', 'seq'])
      .execute()
    await db.schema.createIndex('run_objects_state').on('run_objects').columns(['run_id', 'state', 'seq']).execute()

    await db.schema
      .createTable('findings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .$call(scopeColumns)
      .addColumn('run_id', 'text')
      .addColumn('run_object_key', 'text')
      .addColumn('finding_json', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('category', 'text')
      .addColumn('archived', 'integer', (c) => c.notNull())
      .addColumn('count', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('severity_score', 'integer', (c) => c.notNull())
      .addColumn('severity_description', 'text')
      .addColumn('sample', 'integer')
      .addColumn('job_id', 'text')
      .addColumn('origin_type', 'text')
      .addColumn('s3_bucket_name', 'text', (c) => c.notNull())
      .addColumn('s3_object_key', 'text', (c) => c.notNull())
      .addColumn('object_extension', 'text')
      .addColumn('object_storage_class', 'text')
      .addColumn('object_public_access', 'integer')
      .addColumn('object_encryption_type', 'text')
      .addColumn('object_size', 'bigint')
      .addColumn('object_last_modified', 'bigint')
      .addColumn('bucket_effective_permission', 'text')
      .addColumn('bucket_allows_unencrypted_uploads', 'text')
      .addColumn('bucket_encryption_type', 'text')
      .addColumn('result_status_code', 'text')
      .addColumn('result_mime_type', 'text')
      .addColumn('policy_api', 'text')
      .addColumn('first_seen', 'bigint', (c) => c.notNull())
      .addColumn('last_seen', 'bigint', (c) => c.notNull())
      .execute()
    // One index per sort order (keyset pages walk it) and per group-by column (statistics).
    // Each ends with `archived`, which the console always filters on: that check, and the
    // counts of statistics on it, then come from the index without reading the rows.
    const findingIndexes: Array<[string, string[]]> = [
      ['findings_updated', ['updated_at', 'id']],
      ['findings_created', ['created_at', 'id']],
      ['findings_type', ['type', 'id']],
      ['findings_severity', ['severity_score', 'id']],
      ['findings_severity_description', ['severity_description']],
      ['findings_resource', ['s3_bucket_name', 's3_object_key', 'id']],
      ['findings_count', ['count', 'id']],
      // A job's findings newest first is the console's view of a job: walk it, do not sort it.
      ['findings_job', ['job_id', 'updated_at', 'id']],
      ['findings_first_seen', ['first_seen', 'id']],
      ['findings_last_seen', ['last_seen', 'id']],
    ]
    for (const [name, columns] of findingIndexes) {
      await db.schema.createIndex(name).on('findings').columns(['account_id', 'region', ...columns, 'archived']).execute()
    }
    // One sensitive data finding per object per run, whoever commits it (NULLs never collide).
    await db.schema.createIndex('findings_run_object').unique().on('findings').columns(['run_id', 'run_object_key']).execute()

    await db.schema
      .createTable('finding_values')
      .addColumn('finding_id', 'text', (c) => c.notNull().references('findings.id').onDelete('cascade'))
      .addColumn('field', 'integer', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('finding_values_pk', ['finding_id', 'field', 'value'])
      .execute()
    await db.schema.createIndex('finding_values_value').on('finding_values').columns(['field', 'value', 'finding_id']).execute()

    await db.schema
      .createTable('custom_data_identifiers')
      .$call(resourceColumns)
      .addColumn('regex', 'text', (c) => c.notNull())
      .addColumn('keywords', 'text')
      .addColumn('ignore_words', 'text')
      .addColumn('maximum_match_distance', 'integer')
      .addColumn('severity_levels', 'text')
      .addColumn('client_token', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('cdis_client_token').unique().on('custom_data_identifiers').columns(['account_id', 'region', 'client_token']).execute()
    await db.schema.createIndex('cdis_created').on('custom_data_identifiers').columns(['account_id', 'region', 'deleted', 'created_at', 'id']).execute()

    await db.schema
      .createTable('allow_lists')
      .$call(resourceColumns)
      .addColumn('criteria', 'text', (c) => c.notNull())
      .addColumn('client_token', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('allow_lists_client_token').unique().on('allow_lists').columns(['account_id', 'region', 'client_token']).execute()
    await db.schema.createIndex('allow_lists_created').on('allow_lists').columns(['account_id', 'region', 'created_at', 'id']).execute()

    await db.schema
      .createTable('findings_filters')
      .$call(resourceColumns)
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('finding_criteria', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('client_token', 'text')
      .execute()
    // Not unique: UpdateFindingsFilter carries a client token of its own too.
    await db.schema.createIndex('findings_filters_client_token').on('findings_filters').columns(['account_id', 'region', 'client_token']).execute()
    await db.schema.createIndex('findings_filters_position').on('findings_filters').columns(['account_id', 'region', 'position', 'id']).execute()

    await db.schema
      .createTable('export_configurations')
      .$call(scopeColumns)
      .addColumn('s3_destination', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('export_configurations_pk', ['account_id', 'region'])
      .execute()

    await db.schema
      .createTable('usage_records')
      .$call(scopeColumns)
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('objects', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('usage_records_pk', ['account_id', 'region', 'month', 'type'])
      .execute()

    await db.schema
      .createTable('resource_tags')
      .$call(scopeColumns)
      .addColumn('arn', 'text', (c) => c.notNull())
      .addColumn('tag_key', 'text', (c) => c.notNull())
      .addColumn('tag_value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('resource_tags_pk', ['account_id', 'region', 'arn', 'tag_key'])
      .execute()
    await db.schema.createIndex('resource_tags_arn').on('resource_tags').columns(['arn']).execute()
  },
}

// Columns written out, not taken from scopeColumns: see the note above the column groups.
const settings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('settings')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('settings_pk', ['account_id', 'region', 'name'])
      .execute()
  },
}

/** Every migration, by name; names sort in the order they run. Append, never edit one that shipped. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-settings': settings,
  '0003-members': membersMigration,
  '0004-discovery': discoveryMigration,
  '0005-publication': publicationMigration,
  '0006-reveal': revealMigration,
  '0007-finding-indexes': findingIndexesMigration,
  '0008-audit-history': auditHistoryMigration,
  '0009-run-object-accounts': runObjectAccountsMigration,
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/**
 * Brings a database to the latest schema; Kysely's Migrator records what ran and serialises
 * concurrent callers (a lock table on SQLite, an advisory lock on PostgreSQL).
 * @example
 * await migrateToLatest(db)
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'trawl_migrations',
    migrationLockTableName: 'trawl_migrations_lock',
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`store migration ${failed} failed`, { cause: error })
  }
}
