// The whole Store on any Kysely instance: SQLite embedded, PostgreSQL scale-out. Only portable
// SQL here (ON CONFLICT, row values, EXISTS); connection setup and pragmas live in each backend's
// folder. Rows map to the contract's types (Dates, booleans, JSON) at this edge and nowhere else;
// tags of every resource live in one table by ARN, so TagResource and the rows never disagree.
import type { Kysely, Selectable, Transaction } from 'kysely'
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js'
import { auditHistoryRepository } from './audit-history-repository.js'
import { discoveryRepository } from './discovery-repository.js'
import {
  decodePageToken,
  encodePageToken,
  findingColumns,
  findingStatistics,
  findingValues,
  keysetAfter,
  listFindingIds,
  pageSize,
  setFindingsArchived,
} from './finding-query.js'
import { membersRepository } from './members-repository.js'
import { insertFindingEvents, publicationRepository } from './publication-repository.js'
import { revealRepository } from './reveal-repository.js'
import type {
  AllowListsTable,
  CustomDataIdentifiersTable,
  Database,
  FindingsFiltersTable,
  FindingsTable,
  JobsTable,
  MacieSessionsTable,
  ResourceColumns,
  RunObjectsTable,
  RunsTable,
} from './schema.js'
import type {
  AllowListRow,
  CustomDataIdentifierRow,
  FindingRow,
  FindingsFilterRow,
  JobRow,
  MacieSession,
  ObjectCompletion,
  Page,
  PageRequest,
  RunObjectRow,
  RunRow,
  Scope,
  Store,
  TagMap,
  UsageRow,
} from './types.js'

type Db = Kysely<Database> | Transaction<Database>

// Both drivers cap bound parameters per statement (SQLite 32766, PostgreSQL 65535).
const FINDINGS_PER_INSERT = 200
const ROWS_PER_INSERT = 1000
const IDS_PER_QUERY = 500

const SOME_FINDING = 'a finding with one of these IDs (or of the same run and object)'

const toMs = (d: Date): number => d.getTime()
const toDate = (v: number | string): Date => new Date(Number(v))
const toFlag = (v: boolean): number => (v ? 1 : 0)
const parse = <T>(text: string): T => JSON.parse(text) as T

// PostgreSQL returns bigint as strings; Number() on every numeric read keeps both dialects alike.
const n = (v: number | string): number => Number(v)

/** Adds `key: value` unless the value is null (optional fields stay absent, not undefined). */
function opt<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  // better-sqlite3's extended codes; PostgreSQL's SQLSTATE unique_violation.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505'
}

/** Runs an insert, turning a unique-key violation into a ConflictError about `what`. */
async function insertOnce<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`${what} already exists`, { cause: err })
    throw err
  }
}

function pageOf<R, T>(rows: R[], limit: number, map: (r: R) => T, keyOf: (r: R) => string): Page<T> {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return rows.length > limit && last !== undefined ? { items: items.map(map), nextToken: keyOf(last) } : { items: items.map(map) }
}

// ---------------------------------------------------------------------------------------------
// Tags

interface Tagged {
  account_id: string
  region: string
  arn: string
}

const tagKey = (r: Tagged): string => `${r.account_id}\u0000${r.region}\u0000${r.arn}`

/** Tags of resources, keyed by tagKey(resource); a row's tags are those of its own scope only. */
async function loadTags(db: Db, resources: Tagged[]): Promise<Map<string, TagMap>> {
  const out = new Map<string, TagMap>(resources.map((r) => [tagKey(r), {}]))
  for (const part of chunks([...new Set(resources.map((r) => r.arn))], IDS_PER_QUERY)) {
    const rows = await db.selectFrom('resource_tags').selectAll().where('arn', 'in', part).orderBy('tag_key').execute()
    for (const r of rows) {
      const tags = out.get(tagKey(r))
      if (tags) tags[r.tag_key] = r.tag_value
    }
  }
  return out
}

const jobTagged = (r: Selectable<JobsTable>): Tagged => ({ account_id: r.account_id, region: r.region, arn: r.job_arn })

async function tagsOf(db: Db, resource: Tagged): Promise<TagMap> {
  return (await loadTags(db, [resource])).get(tagKey(resource))!
}

async function mergeTags(db: Db, scope: Scope, arn: string, tags: TagMap): Promise<void> {
  const rows = Object.entries(tags).map(([tag_key, tag_value]) => ({ account_id: scope.accountId, region: scope.region, arn, tag_key, tag_value }))
  for (const part of chunks(rows, ROWS_PER_INSERT)) {
    await db
      .insertInto('resource_tags')
      .values(part)
      .onConflict((oc) => oc.columns(['account_id', 'region', 'arn', 'tag_key']).doUpdateSet((eb) => ({ tag_value: eb.ref('excluded.tag_value') })))
      .execute()
  }
}

async function replaceTags(db: Db, scope: Scope, arn: string, tags: TagMap): Promise<void> {
  await deleteTags(db, scope, arn)
  await mergeTags(db, scope, arn, tags)
}

async function deleteTags(db: Db, scope: Scope, arn: string): Promise<void> {
  await db.deleteFrom('resource_tags').where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('arn', '=', arn).execute()
}

// ---------------------------------------------------------------------------------------------
// Row mapping

type Encoder = (v: unknown) => string | number
const asText: Encoder = (v) => v as string
const asNumber: Encoder = (v) => v as number
const asMs: Encoder = (v) => toMs(v as Date)
const asFlag: Encoder = (v) => toFlag(v as boolean)
const asJson: Encoder = (v) => JSON.stringify(v)

// JobRow field → column; `tags` lives in resource_tags, the key fields cannot change.
const JOB_COLUMNS: Record<Exclude<keyof JobRow, 'tags' | 'accountId' | 'region' | 'jobId'>, [keyof JobsTable, Encoder]> = {
  jobArn: ['job_arn', asText],
  name: ['name', asText],
  description: ['description', asText],
  jobType: ['job_type', asText],
  jobStatus: ['job_status', asText],
  clientToken: ['client_token', asText],
  createdAt: ['created_at', asMs],
  initialRun: ['initial_run', asFlag],
  samplingPercentage: ['sampling_percentage', asNumber],
  managedDataIdentifierSelector: ['managed_data_identifier_selector', asText],
  managedDataIdentifierIds: ['managed_data_identifier_ids', asJson],
  customDataIdentifierIds: ['custom_data_identifier_ids', asJson],
  allowListIds: ['allow_list_ids', asJson],
  s3JobDefinition: ['s3_job_definition', asJson],
  scheduleFrequency: ['schedule_frequency', asJson],
  lastRunTime: ['last_run_time', asMs],
  lastRunErrorCode: ['last_run_error_code', asText],
  userPausedAt: ['user_paused_at', asMs],
  userPausedExpiresAt: ['user_paused_expires_at', asMs],
  isPausedWhileRunning: ['is_paused_while_running', asFlag],
  approximateNumberOfObjectsToProcess: ['approximate_number_of_objects_to_process', asNumber],
  numberOfRuns: ['number_of_runs', asNumber],
  nextRunAt: ['next_run_at', asMs],
}

function jobColumns(patch: { [K in keyof JobRow]?: JobRow[K] | null }): Partial<JobsTable> {
  const out: Record<string, string | number | null> = {}
  for (const [key, value] of Object.entries(patch)) {
    // Identity and tags are written elsewhere (update refuses identity changes up front).
    if (value === undefined || key === 'tags' || key === 'accountId' || key === 'region' || key === 'jobId') continue
    const spec = JOB_COLUMNS[key as keyof typeof JOB_COLUMNS]
    if (!spec) throw new InvalidInputError(`a job's ${key} cannot be changed`)
    out[spec[0]] = value === null ? null : spec[1](value)
  }
  return out as Partial<JobsTable>
}

function jobFromRow(r: Selectable<JobsTable>, tags: TagMap): JobRow {
  return {
    accountId: r.account_id,
    region: r.region,
    jobId: r.job_id,
    jobArn: r.job_arn,
    name: r.name,
    ...opt('description', r.description),
    jobType: r.job_type as JobRow['jobType'],
    jobStatus: r.job_status as JobRow['jobStatus'],
    clientToken: r.client_token,
    createdAt: toDate(r.created_at),
    initialRun: n(r.initial_run) === 1,
    samplingPercentage: n(r.sampling_percentage),
    managedDataIdentifierSelector: r.managed_data_identifier_selector,
    ...opt('managedDataIdentifierIds', r.managed_data_identifier_ids === null ? null : parse<string[]>(r.managed_data_identifier_ids)),
    ...opt('customDataIdentifierIds', r.custom_data_identifier_ids === null ? null : parse<string[]>(r.custom_data_identifier_ids)),
    ...opt('allowListIds', r.allow_list_ids === null ? null : parse<string[]>(r.allow_list_ids)),
    s3JobDefinition: parse(r.s3_job_definition),
    ...opt('scheduleFrequency', r.schedule_frequency === null ? null : parse<JobRow['scheduleFrequency']>(r.schedule_frequency)),
    tags,
    ...opt('lastRunTime', r.last_run_time === null ? null : toDate(r.last_run_time)),
    lastRunErrorCode: r.last_run_error_code as JobRow['lastRunErrorCode'],
    ...opt('userPausedAt', r.user_paused_at === null ? null : toDate(r.user_paused_at)),
    ...opt('userPausedExpiresAt', r.user_paused_expires_at === null ? null : toDate(r.user_paused_expires_at)),
    ...opt('isPausedWhileRunning', r.is_paused_while_running === null ? null : n(r.is_paused_while_running) === 1),
    approximateNumberOfObjectsToProcess: n(r.approximate_number_of_objects_to_process),
    numberOfRuns: n(r.number_of_runs),
    ...opt('nextRunAt', r.next_run_at === null ? null : toDate(r.next_run_at)),
  }
}

function runFromRow(r: Selectable<RunsTable>): RunRow {
  return {
    accountId: r.account_id,
    region: r.region,
    runId: r.run_id,
    jobId: r.job_id,
    status: r.status as RunRow['status'],
    startedAt: toDate(r.started_at),
    ...opt('finishedAt', r.finished_at === null ? null : toDate(r.finished_at)),
    ...opt('modifiedAfter', r.modified_after === null ? null : toDate(r.modified_after)),
    isPlanned: n(r.is_planned) === 1,
    errorCode: r.error_code as RunRow['errorCode'],
  }
}

function runObjectFromRow(r: Selectable<RunObjectsTable>): RunObjectRow {
  return {
    runId: r.run_id,
    seq: n(r.seq),
    bucket: r.bucket,
    key: r.object_key,
    size: n(r.size),
    lastModified: toDate(r.last_modified),
    ...opt('eTag', r.e_tag),
    ...opt('versionId', r.version_id),
    ...opt('storageClass', r.storage_class),
    state: r.state as RunObjectRow['state'],
    ...opt('accountId', r.account_id),
  }
}

function findingFromRow(r: Pick<FindingsTable, 'id' | 'account_id' | 'region' | 'run_id' | 'run_object_key' | 'finding_json' | 'archived' | 'count'>): FindingRow {
  const finding = parse<FindingRow['finding']>(r.finding_json)
  // Bulk archiving updates the column only; the JSON's copies are overlaid here (keys keep their place).
  finding.archived = n(r.archived) === 1
  finding.count = n(r.count)
  return { accountId: r.account_id, region: r.region, id: r.id, ...opt('runId', r.run_id), ...opt('objectKey', r.run_object_key), finding }
}

// The fields every resource table opens with: scope, ID, ARN, name and description.
type ResourceFields = Pick<AllowListRow, 'accountId' | 'region' | 'id' | 'arn' | 'name' | 'description'>

function resourceFieldsFromRow(r: ResourceColumns): ResourceFields {
  return { accountId: r.account_id, region: r.region, id: r.id, arn: r.arn, name: r.name, ...opt('description', r.description) }
}

function resourceColumnsOf(row: ResourceFields): ResourceColumns {
  return { id: row.id, account_id: row.accountId, region: row.region, arn: row.arn, name: row.name, description: row.description ?? null }
}

function cdiFromRow(r: Selectable<CustomDataIdentifiersTable>, tags: TagMap): CustomDataIdentifierRow {
  return {
    ...resourceFieldsFromRow(r),
    regex: r.regex,
    ...opt('keywords', r.keywords === null ? null : parse<string[]>(r.keywords)),
    ...opt('ignoreWords', r.ignore_words === null ? null : parse<string[]>(r.ignore_words)),
    ...opt('maximumMatchDistance', r.maximum_match_distance === null ? null : n(r.maximum_match_distance)),
    ...opt('severityLevels', r.severity_levels === null ? null : parse<CustomDataIdentifierRow['severityLevels']>(r.severity_levels)),
    ...opt('clientToken', r.client_token),
    tags,
    createdAt: toDate(r.created_at),
    deleted: n(r.deleted) === 1,
  }
}

function cdiColumns(row: CustomDataIdentifierRow): CustomDataIdentifiersTable {
  return {
    ...resourceColumnsOf(row),
    regex: row.regex,
    keywords: row.keywords ? JSON.stringify(row.keywords) : null,
    ignore_words: row.ignoreWords ? JSON.stringify(row.ignoreWords) : null,
    maximum_match_distance: row.maximumMatchDistance ?? null,
    severity_levels: row.severityLevels ? JSON.stringify(row.severityLevels) : null,
    client_token: row.clientToken ?? null,
    created_at: toMs(row.createdAt),
    deleted: toFlag(row.deleted),
  }
}

function allowListFromRow(r: Selectable<AllowListsTable>, tags: TagMap): AllowListRow {
  return {
    ...resourceFieldsFromRow(r),
    criteria: parse(r.criteria),
    ...opt('clientToken', r.client_token),
    tags,
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
  }
}

function allowListColumns(row: AllowListRow): AllowListsTable {
  return {
    ...resourceColumnsOf(row),
    criteria: JSON.stringify(row.criteria),
    client_token: row.clientToken ?? null,
    created_at: toMs(row.createdAt),
    updated_at: toMs(row.updatedAt),
  }
}

function filterFromRow(r: Selectable<FindingsFiltersTable>, tags: TagMap): FindingsFilterRow {
  return {
    ...resourceFieldsFromRow(r),
    action: r.action as FindingsFilterRow['action'],
    findingCriteria: parse(r.finding_criteria),
    position: n(r.position),
    ...opt('clientToken', r.client_token),
    tags,
  }
}

function filterColumns(row: FindingsFilterRow): FindingsFiltersTable {
  return {
    ...resourceColumnsOf(row),
    action: row.action,
    finding_criteria: JSON.stringify(row.findingCriteria),
    position: row.position,
    client_token: row.clientToken ?? null,
  }
}

function sessionFromRow(r: Selectable<MacieSessionsTable>): MacieSession {
  return {
    accountId: r.account_id,
    region: r.region,
    status: r.status as MacieSession['status'],
    findingPublishingFrequency: r.finding_publishing_frequency as MacieSession['findingPublishingFrequency'],
    ...opt('serviceRole', r.service_role),
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
  }
}

// ---------------------------------------------------------------------------------------------
// Shared writes

async function insertFindings(db: Db, rows: FindingRow[]): Promise<void> {
  const columns = rows.map(findingColumns)
  for (const part of chunks(columns, FINDINGS_PER_INSERT)) await db.insertInto('findings').values(part).execute()
  const values = rows.flatMap(findingValues)
  for (const part of chunks(values, ROWS_PER_INSERT)) await db.insertInto('finding_values').values(part).execute()
  // The outbox, in the same transaction: a finding is published once its write commits, never
  // before and never lost. Findings archived at creation (suppressed) are not published.
  const published = rows.filter((r) => !r.finding.archived)
  await insertFindingEvents(db, published.map((r) => ({ accountId: r.accountId, region: r.region, findingId: r.id, kind: 'NEW' as const })))
}

async function addUsage(db: Db, row: UsageRow): Promise<void> {
  await db
    .insertInto('usage_records')
    .values({ account_id: row.accountId, region: row.region, month: row.month, type: row.type, bytes: row.bytes, objects: row.objects })
    .onConflict((oc) =>
      oc.columns(['account_id', 'region', 'month', 'type']).doUpdateSet((eb) => ({
        bytes: eb('usage_records.bytes', '+', eb.ref('excluded.bytes')),
        objects: eb('usage_records.objects', '+', eb.ref('excluded.objects')),
      })),
    )
    .execute()
}

/** The columns an update may change: all but the row's identity (scope and ID). */
function changesOf<T extends { account_id: string; region: string }>(row: T): Omit<T, 'account_id' | 'region' | 'id'> {
  const copy: Record<string, unknown> = { ...row }
  delete copy.account_id
  delete copy.region
  delete copy.id
  return copy as Omit<T, 'account_id' | 'region' | 'id'>
}

/**
 * Marks an object DONE, inserts its findings and adds its usage, in the caller's transaction;
 * false when the object was done already. The write comes first: on SQLite it takes the write
 * lock before anything is read.
 */
async function completeObject(trx: Transaction<Database>, runId: string, seq: number, findings: FindingRow[], usage: ObjectCompletion['usage']): Promise<boolean> {
  const marked = await trx
    .updateTable('run_objects')
    .set({ state: 'DONE' })
    .where('run_id', '=', runId)
    .where('seq', '=', seq)
    .where('state', '=', 'PENDING')
    .executeTakeFirst()
  if (Number(marked.numUpdatedRows) !== 1) {
    const exists = await trx.selectFrom('run_objects').select('seq').where('run_id', '=', runId).where('seq', '=', seq).executeTakeFirst()
    if (!exists) throw new NotFoundError('run object', `${runId}/${seq}`)
    return false
  }
  await insertFindings(trx, findings)
  if (usage) {
    // A member's object analysed by its administrator's job counts to the member (its owner).
    const run = await trx
      .selectFrom('runs')
      .innerJoin('run_objects', 'run_objects.run_id', 'runs.run_id')
      .select(['runs.account_id as account_id', 'runs.region as region', 'run_objects.account_id as owner'])
      .where('runs.run_id', '=', runId)
      .where('run_objects.seq', '=', seq)
      .executeTakeFirst()
    if (!run) throw new NotFoundError('run', runId)
    await addUsage(trx, { accountId: run.owner ?? run.account_id, region: run.region, type: 'SENSITIVE_DATA_DISCOVERY', ...usage })
  }
  return true
}

function mustChange(result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }, resource: string, id: string): void {
  if (Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n) === 0) throw new NotFoundError(resource, id)
}

// ---------------------------------------------------------------------------------------------
// Tagged resources: custom data identifiers, allow lists and findings filters

type ResourceTable = 'custom_data_identifiers' | 'allow_lists' | 'findings_filters'

/** A resource row: scoped, found by ID, named by an ARN that its tags hang on. */
type ResourceRow = Scope & { id: string; arn: string; tags: TagMap }

/** How one resource table maps to its rows, and how its lists are ordered. */
interface ResourceSpec<T extends ResourceTable, Row extends ResourceRow> {
  table: T
  /** The resource in error messages: 'allow list'. */
  what: string
  fromRow: (r: Selectable<Database[T]>, tags: TagMap) => Row
  columns: (row: Row) => Database[T]
  /** Page order: this column, then `id`; the page token's kind names the list. */
  orderBy: 'created_at' | 'position'
  tokenKind: string
  /** A unique index holds the client token (else getByClientToken returns the first in list order). */
  isClientTokenUnique: boolean
  /** Soft-deleted rows: left out of lists, still found by ID. */
  hasSoftDelete?: boolean
}

/**
 * The repository functions the resource tables share. The queries name the table through the
 * union of the three, whose common columns (id, account_id, region, arn, client_token, the order
 * column) are all they use; rows come back as the spec's own table type.
 */
function resourceRepository<T extends ResourceTable, Row extends ResourceRow>(db: Kysely<Database>, spec: ResourceSpec<T, Row>) {
  const table: ResourceTable = spec.table
  const fromRow = (r: unknown, tags: TagMap): Row => spec.fromRow(r as Selectable<Database[T]>, tags)
  const inScope = (scope: Scope) => db.selectFrom(table).selectAll().where('account_id', '=', scope.accountId).where('region', '=', scope.region)
  return {
    async insert(row: Row): Promise<void> {
      const what = `${spec.what} ${row.id}${spec.isClientTokenUnique ? ' (or one with its client token)' : ''}`
      await insertOnce(what, () =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto(table).values(spec.columns(row)).execute()
          await replaceTags(trx, row, row.arn, row.tags)
        }),
      )
    },
    async get(scope: Scope, id: string): Promise<Row | undefined> {
      const r = await inScope(scope).where('id', '=', id).executeTakeFirst()
      return r && fromRow(r, await tagsOf(db, r))
    },
    async getByClientToken(scope: Scope, clientToken: string): Promise<Row | undefined> {
      const r = await inScope(scope).where('client_token', '=', clientToken).orderBy(spec.orderBy).orderBy('id').executeTakeFirst()
      return r && fromRow(r, await tagsOf(db, r))
    },
    async list(scope: Scope, page: PageRequest): Promise<Page<Row>> {
      const limit = pageSize(page)
      let q = inScope(scope)
      if (spec.hasSoftDelete) q = q.where('deleted', '=', 0)
      if (page.nextToken !== undefined) {
        const after = decodePageToken(page.nextToken, spec.tokenKind, [true, false])
        q = q.where(keysetAfter([`${table}.${spec.orderBy}`, `${table}.id`], 'asc', after))
      }
      const rows = await q.orderBy(spec.orderBy).orderBy('id').limit(limit + 1).execute()
      const tags = await loadTags(db, rows.slice(0, limit))
      return pageOf(
        rows,
        limit,
        (r) => fromRow(r, tags.get(tagKey(r))!),
        (r) => encodePageToken(spec.tokenKind, [n(r[spec.orderBy]), r.id]),
      )
    },
    async update(row: Row): Promise<void> {
      const columns = changesOf(spec.columns(row))
      await db.transaction().execute(async (trx) => {
        const result = await trx.updateTable(table).set(columns).where('account_id', '=', row.accountId).where('region', '=', row.region).where('id', '=', row.id).executeTakeFirst()
        mustChange(result, spec.what, row.id)
        await replaceTags(trx, row, row.arn, row.tags)
      })
    },
    async delete(scope: Scope, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await trx.deleteFrom(table).where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('id', '=', id).returning('arn').executeTakeFirst()
        if (!row) throw new NotFoundError(spec.what, id)
        await deleteTags(trx, scope, row.arn)
      })
    },
  }
}

const CDI_SPEC: ResourceSpec<'custom_data_identifiers', CustomDataIdentifierRow> = {
  table: 'custom_data_identifiers',
  what: 'custom data identifier',
  fromRow: cdiFromRow,
  columns: cdiColumns,
  orderBy: 'created_at',
  tokenKind: 'custom-data-identifiers',
  isClientTokenUnique: true,
  hasSoftDelete: true,
}

const ALLOW_LIST_SPEC: ResourceSpec<'allow_lists', AllowListRow> = {
  table: 'allow_lists',
  what: 'allow list',
  fromRow: allowListFromRow,
  columns: allowListColumns,
  orderBy: 'created_at',
  tokenKind: 'allow-lists',
  isClientTokenUnique: true,
}

// Not unique: UpdateFindingsFilter carries a client token of its own too.
const FINDINGS_FILTER_SPEC: ResourceSpec<'findings_filters', FindingsFilterRow> = {
  table: 'findings_filters',
  what: 'findings filter',
  fromRow: filterFromRow,
  columns: filterColumns,
  orderBy: 'position',
  tokenKind: 'findings-filters',
  isClientTokenUnique: false,
}

/** The tables of 0001–0002 whose rows carry a scope, children (finding values, run objects) excepted. */
const SCOPED_TABLES = [
  'macie_sessions',
  'jobs',
  'runs',
  'findings',
  'custom_data_identifiers',
  'allow_lists',
  'findings_filters',
  'export_configurations',
  'usage_records',
  'resource_tags',
  'settings',
] as const satisfies ReadonlyArray<keyof Database>

/**
 * The Store on a Kysely instance whose schema `migrateToLatest` has brought up to date.
 * @example
 * const store = createKyselyStore(new Kysely<Database>({ dialect }), 'sqlite')
 */
export function createKyselyStore(db: Kysely<Database>, dialect: Store['dialect']): Store {
  // Custom data identifiers are immutable: no update, and deleting one only marks it.
  const cdis = resourceRepository(db, CDI_SPEC)
  const members = membersRepository(db)
  const discovery = discoveryRepository(db)
  const publication = publicationRepository(db)
  const reveal = revealRepository(db)
  const auditHistory = auditHistoryRepository(db)
  return {
    dialect,
    async close() {
      await db.destroy()
    },

    async deleteScope(scope) {
      await db.transaction().execute(async (trx) => {
        const inScope = <T extends keyof Database>(table: T) =>
          // Every table named here has account_id and region; Kysely cannot see that through the generic.
          trx.deleteFrom(table as 'settings').where('account_id', '=', scope.accountId).where('region', '=', scope.region)
        // Children first, by their parents' scope: foreign keys cascade on SQLite only when enabled.
        await trx
          .deleteFrom('finding_values')
          .where('finding_id', 'in', trx.selectFrom('findings').select('id').where('account_id', '=', scope.accountId).where('region', '=', scope.region))
          .execute()
        await trx
          .deleteFrom('run_objects')
          .where('run_id', 'in', trx.selectFrom('runs').select('run_id').where('account_id', '=', scope.accountId).where('region', '=', scope.region))
          .execute()
        for (const table of SCOPED_TABLES) await inScope(table).execute()
      })
      for (const repository of [members, discovery, publication, reveal, auditHistory]) await repository.deleteScope(scope)
    },

    accounts: {
      async ensure(accountId) {
        await db.insertInto('accounts').values({ account_id: accountId, created_at: Date.now() }).onConflict((oc) => oc.column('account_id').doNothing()).execute()
      },
      async list() {
        const rows = await db.selectFrom('accounts').select('account_id').orderBy('account_id').execute()
        return rows.map((r) => r.account_id)
      },
    },

    sessions: {
      async get(scope) {
        const r = await db.selectFrom('macie_sessions').selectAll().where('account_id', '=', scope.accountId).where('region', '=', scope.region).executeTakeFirst()
        return r && sessionFromRow(r)
      },
      async put(s) {
        const values = {
          account_id: s.accountId,
          region: s.region,
          status: s.status,
          finding_publishing_frequency: s.findingPublishingFrequency,
          service_role: s.serviceRole ?? null,
          created_at: toMs(s.createdAt),
          updated_at: toMs(s.updatedAt),
        }
        const changes = changesOf(values)
        await db
          .insertInto('macie_sessions')
          .values(values)
          .onConflict((oc) => oc.columns(['account_id', 'region']).doUpdateSet(changes))
          .execute()
      },
      async delete(scope) {
        await db.deleteFrom('macie_sessions').where('account_id', '=', scope.accountId).where('region', '=', scope.region).execute()
      },
    },

    jobs: {
      async insert(job) {
        await insertOnce(`job ${job.jobId} (or one with its client token)`, () =>
          db.transaction().execute(async (trx) => {
            await trx
              .insertInto('jobs')
              .values({ job_id: job.jobId, account_id: job.accountId, region: job.region, ...jobColumns(job) } as JobsTable)
              .execute()
            await replaceTags(trx, job, job.jobArn, job.tags)
          }),
        )
      },
      async get(scope, jobId) {
        const r = await db.selectFrom('jobs').selectAll().where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('job_id', '=', jobId).executeTakeFirst()
        return r && jobFromRow(r, await tagsOf(db, jobTagged(r)))
      },
      async getByClientToken(scope, clientToken) {
        const r = await db
          .selectFrom('jobs')
          .selectAll()
          .where('account_id', '=', scope.accountId)
          .where('region', '=', scope.region)
          .where('client_token', '=', clientToken)
          .executeTakeFirst()
        return r && jobFromRow(r, await tagsOf(db, jobTagged(r)))
      },
      async update(scope, jobId, patch) {
        if ('accountId' in patch || 'region' in patch || 'jobId' in patch) throw new InvalidInputError("a job's account, region and ID cannot be changed")
        const columns = jobColumns(patch)
        await db.transaction().execute(async (trx) => {
          const where = trx.updateTable('jobs').where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('job_id', '=', jobId)
          if (Object.keys(columns).length > 0) mustChange(await where.set(columns).executeTakeFirst(), 'job', jobId)
          const row = await trx.selectFrom('jobs').select('job_arn').where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('job_id', '=', jobId).executeTakeFirst()
          if (!row) throw new NotFoundError('job', jobId)
          if (patch.tags !== undefined) await replaceTags(trx, scope, row.job_arn, patch.tags ?? {})
        })
      },
      async list(scope) {
        const rows = await db.selectFrom('jobs').selectAll().where('account_id', '=', scope.accountId).where('region', '=', scope.region).orderBy('created_at').orderBy('job_id').execute()
        const tags = await loadTags(db, rows.map(jobTagged))
        return rows.map((r) => jobFromRow(r, tags.get(tagKey(jobTagged(r)))!))
      },
      async listByStatus(statuses) {
        if (statuses.length === 0) return []
        const rows = await db.selectFrom('jobs').selectAll().where('job_status', 'in', statuses).orderBy('created_at').orderBy('job_id').execute()
        const tags = await loadTags(db, rows.map(jobTagged))
        return rows.map((r) => jobFromRow(r, tags.get(tagKey(jobTagged(r)))!))
      },
    },

    runs: {
      async insert(run) {
        await insertOnce(`run ${run.runId}`, () =>
          db
            .insertInto('runs')
            .values({
              run_id: run.runId,
              account_id: run.accountId,
              region: run.region,
              job_id: run.jobId,
              status: run.status,
              started_at: toMs(run.startedAt),
              finished_at: run.finishedAt ? toMs(run.finishedAt) : null,
              modified_after: run.modifiedAfter ? toMs(run.modifiedAfter) : null,
              is_planned: toFlag(run.isPlanned),
              error_code: run.errorCode,
            })
            .execute(),
        )
      },
      async get(runId) {
        const r = await db.selectFrom('runs').selectAll().where('run_id', '=', runId).executeTakeFirst()
        return r && runFromRow(r)
      },
      async update(runId, patch) {
        const columns: Partial<RunsTable> = {}
        if (patch.status !== undefined) columns.status = patch.status
        if (patch.finishedAt !== undefined) columns.finished_at = toMs(patch.finishedAt)
        if (patch.isPlanned !== undefined) columns.is_planned = toFlag(patch.isPlanned)
        if (patch.errorCode !== undefined) columns.error_code = patch.errorCode
        if (Object.keys(columns).length === 0) {
          if (!(await db.selectFrom('runs').select('run_id').where('run_id', '=', runId).executeTakeFirst())) throw new NotFoundError('run', runId)
          return
        }
        mustChange(await db.updateTable('runs').set(columns).where('run_id', '=', runId).executeTakeFirst(), 'run', runId)
      },
      async listForJob(jobId) {
        const rows = await db.selectFrom('runs').selectAll().where('job_id', '=', jobId).orderBy('started_at', 'desc').orderBy('run_id', 'desc').execute()
        return rows.map(runFromRow)
      },
    },

    runObjects: {
      async insertMany(objects) {
        if (objects.length === 0) return
        const rows: RunObjectsTable[] = objects.map((o) => ({
          run_id: o.runId,
          seq: o.seq,
          bucket: o.bucket,
          object_key: o.key,
          size: o.size,
          last_modified: toMs(o.lastModified),
          e_tag: o.eTag ?? null,
          version_id: o.versionId ?? null,
          storage_class: o.storageClass ?? null,
          state: o.state,
          account_id: o.accountId ?? null,
        }))
        await db.transaction().execute(async (trx) => {
          for (const part of chunks(rows, ROWS_PER_INSERT)) {
            await trx.insertInto('run_objects').values(part).onConflict((oc) => oc.columns(['run_id', 'seq']).doNothing()).execute()
          }
        })
      },
      async listPending(runId, afterSeq, limit) {
        const rows = await db
          .selectFrom('run_objects')
          .selectAll()
          .where('run_id', '=', runId)
          .where('state', '=', 'PENDING')
          .where('seq', '>', afterSeq)
          .orderBy('seq')
          .limit(limit)
          .execute()
        return rows.map(runObjectFromRow)
      },
      async counts(runId) {
        const r = await db
          .selectFrom('run_objects')
          .select((eb) => [eb.fn.countAll<number | string>().as('total'), eb.fn.sum<number | string | null>(eb.case().when('state', '=', 'DONE').then(1).else(0).end()).as('done')])
          .where('run_id', '=', runId)
          .executeTakeFirstOrThrow()
        return { total: n(r.total), done: n(r.done ?? 0) }
      },
      complete({ runId, seq, findings, usage }) {
        const commit = (trx: Transaction<Database>) => completeObject(trx, runId, seq, findings, usage)
        return insertOnce(SOME_FINDING, () => db.transaction().execute(commit))
      },
      completeMany(completions) {
        const commit = async (trx: Transaction<Database>): Promise<number> => {
          let completed = 0
          for (const { runId, seq, findings, usage } of completions) if (await completeObject(trx, runId, seq, findings, usage)) completed++
          return completed
        }
        return insertOnce(SOME_FINDING, () => db.transaction().execute(commit))
      },
    },

    findings: {
      async insertMany(findings) {
        if (findings.length === 0) return
        await insertOnce(SOME_FINDING, () => db.transaction().execute((trx) => insertFindings(trx, findings)))
      },
      async get(scope, ids) {
        const wanted = [...new Set(ids)]
        const byId = new Map<string, FindingRow>()
        for (const part of chunks(wanted, IDS_PER_QUERY)) {
          const rows = await db
            .selectFrom('findings')
            .select(['id', 'account_id', 'region', 'run_id', 'run_object_key', 'finding_json', 'archived', 'count'])
            .where('account_id', 'in', [scope.accountId, ...(scope.memberAccountIds ?? [])])
            .where('region', '=', scope.region)
            .where('id', 'in', part)
            .execute()
          for (const r of rows) byId.set(r.id, findingFromRow(r))
        }
        return wanted.flatMap((id) => byId.get(id) ?? [])
      },
      list(scope, criteria, sort, page) {
        return listFindingIds(db, scope, criteria, sort, page)
      },
      statistics(scope, criteria, groupBy, options) {
        return findingStatistics(db, scope, criteria, groupBy, options)
      },
      setArchived(scope, criteria, archived) {
        return setFindingsArchived(db, scope, criteria, archived)
      },
      async getPolicyFinding(scope, bucket, type) {
        const r = await db
          .selectFrom('findings')
          .select(['id', 'account_id', 'region', 'run_id', 'run_object_key', 'finding_json', 'archived', 'count'])
          .where('account_id', '=', scope.accountId)
          .where('region', '=', scope.region)
          .where('s3_bucket_name', '=', bucket)
          .where('type', '=', type)
          .orderBy('updated_at', 'desc')
          .orderBy('id', 'desc')
          .executeTakeFirst()
        return r && findingFromRow(r)
      },
      async update(row) {
        const id = row.id
        const columns = changesOf(findingColumns(row))
        await db.transaction().execute(async (trx) => {
          const result = await trx.updateTable('findings').set(columns).where('account_id', '=', row.accountId).where('region', '=', row.region).where('id', '=', id).executeTakeFirst()
          mustChange(result, 'finding', id)
          await trx.deleteFrom('finding_values').where('finding_id', '=', id).execute()
          for (const part of chunks(findingValues(row), ROWS_PER_INSERT)) await trx.insertInto('finding_values').values(part).execute()
          // Updates of suppressed findings are not published either.
          if (!row.finding.archived) await insertFindingEvents(trx, [{ accountId: row.accountId, region: row.region, findingId: id, kind: 'UPDATE' }])
        })
      },
    },

    customDataIdentifiers: {
      insert: cdis.insert,
      get: cdis.get,
      getByClientToken: cdis.getByClientToken,
      list: cdis.list,
      async count(scope) {
        const r = await db
          .selectFrom('custom_data_identifiers')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('account_id', '=', scope.accountId)
          .where('region', '=', scope.region)
          .where('deleted', '=', 0)
          .executeTakeFirstOrThrow()
        return n(r.n)
      },
      async softDelete(scope, id) {
        const result = await db.updateTable('custom_data_identifiers').set({ deleted: 1 }).where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('id', '=', id).executeTakeFirst()
        mustChange(result, 'custom data identifier', id)
      },
    },

    allowLists: resourceRepository(db, ALLOW_LIST_SPEC),

    findingsFilters: resourceRepository(db, FINDINGS_FILTER_SPEC),

    exportConfigurations: {
      async get(scope) {
        const r = await db.selectFrom('export_configurations').selectAll().where('account_id', '=', scope.accountId).where('region', '=', scope.region).executeTakeFirst()
        return r && { accountId: r.account_id, region: r.region, s3Destination: parse(r.s3_destination) }
      },
      async put(row) {
        const s3_destination = JSON.stringify(row.s3Destination)
        await db
          .insertInto('export_configurations')
          .values({ account_id: row.accountId, region: row.region, s3_destination })
          .onConflict((oc) => oc.columns(['account_id', 'region']).doUpdateSet({ s3_destination }))
          .execute()
      },
    },

    usage: {
      async add(row) {
        await addUsage(db, row)
      },
      async list(scope, months) {
        if (months.length === 0) return []
        const rows = await db
          .selectFrom('usage_records')
          .selectAll()
          .where('account_id', '=', scope.accountId)
          .where('region', '=', scope.region)
          .where('month', 'in', months)
          .orderBy('month')
          .orderBy('type')
          .execute()
        return rows.map((r) => ({ accountId: r.account_id, region: r.region, month: r.month, type: r.type as UsageRow['type'], bytes: n(r.bytes), objects: n(r.objects) }))
      },
    },

    settings: {
      async get(scope, name) {
        const r = await db.selectFrom('settings').select('value').where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name).executeTakeFirst()
        return r && parse<unknown>(r.value)
      },
      async put(scope, name, value) {
        if (value === undefined) throw new InvalidInputError(`setting ${name} needs a value`)
        const text = JSON.stringify(value)
        await db
          .insertInto('settings')
          .values({ account_id: scope.accountId, region: scope.region, name, value: text })
          .onConflict((oc) => oc.columns(['account_id', 'region', 'name']).doUpdateSet({ value: text }))
          .execute()
      },
    },

    members,
    discovery,
    publication,
    reveal,
    auditHistory,

    tags: {
      async get(scope, arn) {
        const rows = await db
          .selectFrom('resource_tags')
          .select(['tag_key', 'tag_value'])
          .where('account_id', '=', scope.accountId)
          .where('region', '=', scope.region)
          .where('arn', '=', arn)
          .orderBy('tag_key')
          .execute()
        return Object.fromEntries(rows.map((r) => [r.tag_key, r.tag_value]))
      },
      async set(scope, arn, tags) {
        await db.transaction().execute((trx) => mergeTags(trx, scope, arn, tags))
      },
      async remove(scope, arn, keys) {
        if (keys.length === 0) return
        await db.deleteFrom('resource_tags').where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('arn', '=', arn).where('tag_key', 'in', keys).execute()
      },
    },
  }
}
