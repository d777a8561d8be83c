// Macie's FindingCriteria, SortCriteria and paging over the findings table: which JSON path is
// which column (or which code of the multi-valued side table), how each operator becomes SQL,
// keyset page tokens, statistics and bulk archiving. Portable SQL only (row values, EXISTS);
// what a finding's columns hold is decided here too, so queries and inserts cannot drift apart.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import { InvalidInputError } from '../errors.js'
import type { Database, FindingsTable } from './schema.js'
import type { FindingCriteria, FindingRow, Page, PageRequest, ReadScope, Scope, SortCriteria } from './rows.js'

type FindingColumn = Exclude<keyof FindingsTable, 'finding_json' | 'run_id' | 'run_object_key'>
type ValueKind = 'text' | 'number' | 'date' | 'boolean'

interface ScalarField {
  kind: ValueKind
  column: FindingColumn
  isNullable: boolean
}

// Codes of multi-valued fields in finding_values.field: persisted, so never renumbered.
const MULTI_FIELDS = {
  'sensitiveData.category': 1,
  'sensitiveData.detections.type': 2,
  'customDataIdentifiers.detections.arn': 3,
  'customDataIdentifiers.detections.name': 4,
  'resourcesAffected.s3Bucket.tags.key': 5,
  'resourcesAffected.s3Bucket.tags.value': 6,
  'resourcesAffected.s3Object.tags.key': 7,
  'resourcesAffected.s3Object.tags.value': 8,
} as const

// The console and the user guide spell the sensitive data fields with their full JSON path.
const MULTI_ALIASES: Record<string, keyof typeof MULTI_FIELDS> = {
  'classificationDetails.result.sensitiveData.category': 'sensitiveData.category',
  'classificationDetails.result.sensitiveData.detections.type': 'sensitiveData.detections.type',
  'classificationDetails.result.customDataIdentifiers.detections.arn': 'customDataIdentifiers.detections.arn',
  'classificationDetails.result.customDataIdentifiers.detections.name': 'customDataIdentifiers.detections.name',
}

const field = (column: FindingColumn, kind: ValueKind, isNullable = true): ScalarField => ({ column, kind, isNullable })

const SCALAR_FIELDS: Record<string, ScalarField> = {
  accountId: field('account_id', 'text', false),
  archived: field('archived', 'boolean', false),
  category: field('category', 'text'),
  'classificationDetails.jobId': field('job_id', 'text'),
  'classificationDetails.originType': field('origin_type', 'text'),
  'classificationDetails.result.status.code': field('result_status_code', 'text'),
  'classificationDetails.result.mimeType': field('result_mime_type', 'text'),
  count: field('count', 'number', false),
  createdAt: field('created_at', 'date', false),
  id: field('id', 'text', false),
  'policyDetails.action.apiCallDetails.api': field('policy_api', 'text'),
  region: field('region', 'text', false),
  'resourcesAffected.s3Bucket.allowsUnencryptedObjectUploads': field('bucket_allows_unencrypted_uploads', 'text'),
  'resourcesAffected.s3Bucket.defaultServerSideEncryption.encryptionType': field('bucket_encryption_type', 'text'),
  'resourcesAffected.s3Bucket.name': field('s3_bucket_name', 'text', false),
  'resourcesAffected.s3Bucket.publicAccess.effectivePermission': field('bucket_effective_permission', 'text'),
  'resourcesAffected.s3Object.extension': field('object_extension', 'text'),
  'resourcesAffected.s3Object.key': field('s3_object_key', 'text', false),
  'resourcesAffected.s3Object.lastModified': field('object_last_modified', 'date'),
  'resourcesAffected.s3Object.publicAccess': field('object_public_access', 'boolean'),
  'resourcesAffected.s3Object.serverSideEncryption.encryptionType': field('object_encryption_type', 'text'),
  'resourcesAffected.s3Object.size': field('object_size', 'number'),
  'resourcesAffected.s3Object.storageClass': field('object_storage_class', 'text'),
  sample: field('sample', 'boolean'),
  'severity.description': field('severity_description', 'text'),
  'severity.score': field('severity_score', 'number', false),
  type: field('type', 'text', false),
  updatedAt: field('updated_at', 'date', false),
}

const SORT_COLUMNS: Record<string, FindingColumn[]> = {
  count: ['count'],
  createdAt: ['created_at'],
  'policyDetails.action.apiCallDetails.firstSeen': ['first_seen'],
  'policyDetails.action.apiCallDetails.lastSeen': ['last_seen'],
  resourcesAffected: ['s3_bucket_name', 's3_object_key'],
  'severity.score': ['severity_score'],
  type: ['type'],
  updatedAt: ['updated_at'],
}
const NUMERIC_COLUMNS = new Set<FindingColumn>(['count', 'created_at', 'updated_at', 'severity_score', 'first_seen', 'last_seen'])

const GROUP_COLUMNS = {
  'classificationDetails.jobId': 'job_id',
  'resourcesAffected.s3Bucket.name': 's3_bucket_name',
  'severity.description': 'severity_description',
  type: 'type',
} as const satisfies Record<string, FindingColumn>

/** The default page size of lists. */
export const DEFAULT_MAX_RESULTS = 50

// ---------------------------------------------------------------------------------------------
// What a finding's columns and side rows hold

type Json = Record<string, unknown>
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined)
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null)
const flag = (v: unknown): number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : null)

function instant(v: unknown): number | null {
  if (v instanceof Date) return v.getTime()
  if (typeof v !== 'string') return null
  const ms = Date.parse(v)
  return Number.isNaN(ms) ? null : ms
}

/**
 * The findings-table columns of a row, derived from its finding JSON (the JSON is the truth).
 * @example
 * await db.insertInto('findings').values(findingColumns(row)).execute()
 */
export function findingColumns(row: FindingRow): FindingsTable {
  const f = row.finding as Json
  const createdAt = instant(f.createdAt)
  const updatedAt = instant(f.updatedAt)
  if (createdAt === null || updatedAt === null) throw new InvalidInputError(`finding ${row.id}: createdAt and updatedAt must be ISO-8601 dates`)
  const severity = obj(f.severity)
  const details = obj(f.classificationDetails)
  const result = obj(details?.result)
  const resources = obj(f.resourcesAffected)
  const bucket = obj(resources?.s3Bucket)
  const object = obj(resources?.s3Object)
  const apiCall = obj(obj(obj(f.policyDetails)?.action)?.apiCallDetails)
  return {
    id: row.id,
    account_id: row.accountId,
    region: row.region,
    run_id: row.runId ?? null,
    run_object_key: row.objectKey ?? null,
    finding_json: JSON.stringify(row.finding),
    type: String(f.type),
    category: str(f.category),
    archived: f.archived === true ? 1 : 0,
    count: num(f.count) ?? 1,
    created_at: createdAt,
    updated_at: updatedAt,
    severity_score: num(severity?.score) ?? 0,
    severity_description: str(severity?.description),
    sample: flag(f.sample),
    job_id: str(details?.jobId),
    origin_type: str(details?.originType),
    s3_bucket_name: str(bucket?.name) ?? '',
    s3_object_key: str(object?.key) ?? '',
    object_extension: str(object?.extension),
    object_storage_class: str(object?.storageClass),
    object_public_access: flag(object?.publicAccess),
    object_encryption_type: str(obj(object?.serverSideEncryption)?.encryptionType),
    object_size: num(object?.size),
    object_last_modified: instant(object?.lastModified),
    bucket_effective_permission: str(obj(bucket?.publicAccess)?.effectivePermission),
    bucket_allows_unencrypted_uploads: str(bucket?.allowsUnencryptedObjectUploads),
    bucket_encryption_type: str(obj(bucket?.defaultServerSideEncryption)?.encryptionType),
    result_status_code: str(obj(result?.status)?.code),
    result_mime_type: str(result?.mimeType),
    policy_api: str(apiCall?.api),
    first_seen: instant(apiCall?.firstSeen) ?? 0,
    last_seen: instant(apiCall?.lastSeen) ?? 0,
  }
}

/**
 * The side-table rows of a finding's multi-valued fields, without duplicates.
 * @example
 * const rows = findingValues(row) // [{ finding_id, field: 2, value: 'CREDIT_CARD_NUMBER' }, …]
 */
export function findingValues(row: FindingRow): Array<{ finding_id: string; field: number; value: string }> {
  const f = row.finding as Json
  const result = obj(obj(f.classificationDetails)?.result)
  const resources = obj(f.resourcesAffected)
  const seen = new Set<string>()
  const out: Array<{ finding_id: string; field: number; value: string }> = []
  const add = (code: number, value: unknown) => {
    if (typeof value !== 'string') return
    const k = `${code}\u0000${value}`
    if (seen.has(k)) return
    seen.add(k)
    out.push({ finding_id: row.id, field: code, value })
  }
  for (const item of arr(result?.sensitiveData)) {
    add(MULTI_FIELDS['sensitiveData.category'], obj(item)?.category)
    for (const d of arr(obj(item)?.detections)) add(MULTI_FIELDS['sensitiveData.detections.type'], obj(d)?.type)
  }
  for (const d of arr(obj(result?.customDataIdentifiers)?.detections)) {
    add(MULTI_FIELDS['customDataIdentifiers.detections.arn'], obj(d)?.arn)
    add(MULTI_FIELDS['customDataIdentifiers.detections.name'], obj(d)?.name)
  }
  for (const t of arr(obj(resources?.s3Bucket)?.tags)) {
    add(MULTI_FIELDS['resourcesAffected.s3Bucket.tags.key'], obj(t)?.key)
    add(MULTI_FIELDS['resourcesAffected.s3Bucket.tags.value'], obj(t)?.value)
  }
  for (const t of arr(obj(resources?.s3Object)?.tags)) {
    add(MULTI_FIELDS['resourcesAffected.s3Object.tags.key'], obj(t)?.key)
    add(MULTI_FIELDS['resourcesAffected.s3Object.tags.value'], obj(t)?.value)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Criteria

type Condition = RawBuilder<SqlBool>

function scalarValue(name: string, spec: ScalarField, raw: unknown): string | number {
  if (typeof raw !== 'string') throw new InvalidInputError(`findingCriteria: values of ${name} must be strings`)
  switch (spec.kind) {
    case 'text':
      return raw
    case 'boolean': {
      const v = raw.toLowerCase()
      if (v !== 'true' && v !== 'false') throw new InvalidInputError(`findingCriteria: ${name} takes "true" or "false", not "${raw}"`)
      return v === 'true' ? 1 : 0
    }
    case 'number': {
      const n = raw.trim() === '' ? NaN : Number(raw)
      if (!Number.isFinite(n)) throw new InvalidInputError(`findingCriteria: ${name} takes numbers, not "${raw}"`)
      return n
    }
    case 'date': {
      // Epoch milliseconds, as gt/lt take them; an ISO-8601 date is accepted too.
      const ms = /^-?\d+$/.test(raw.trim()) ? Number(raw) : Date.parse(raw)
      if (!Number.isFinite(ms)) throw new InvalidInputError(`findingCriteria: ${name} takes epoch milliseconds or ISO-8601 dates, not "${raw}"`)
      return ms
    }
  }
}

function stringList(name: string, op: string, v: unknown): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new InvalidInputError(`findingCriteria: ${name}.${op} must be a list of strings`)
  return v as string[]
}

function scalarConditions(name: string, spec: ScalarField, ops: Json): Condition[] {
  const col = sql.ref(`findings.${spec.column}`)
  const out: Condition[] = []
  for (const [op, v] of Object.entries(ops)) {
    if (v === undefined || v === null) continue
    switch (op) {
      case 'eq':
      case 'neq': {
        const values = stringList(name, op, v).map((x) => scalarValue(name, spec, x))
        if (values.length === 0) break
        if (op === 'eq') out.push(sql<SqlBool>`${col} in (${sql.join(values)})`)
        else if (spec.isNullable) out.push(sql<SqlBool>`(${col} is null or ${col} not in (${sql.join(values)}))`)
        else out.push(sql<SqlBool>`${col} not in (${sql.join(values)})`)
        break
      }
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        if (spec.kind !== 'number' && spec.kind !== 'date') throw new InvalidInputError(`findingCriteria: ${name} does not take ${op}`)
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`findingCriteria: ${name}.${op} must be a number`)
        const sign = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[op]
        out.push(sql<SqlBool>`${col} ${sql.raw(sign)} ${v}`)
        break
      }
      case 'eqExactMatch':
        throw new InvalidInputError(`findingCriteria: ${name} does not take eqExactMatch`)
      default:
        throw new InvalidInputError(`findingCriteria: unknown operator ${op} on ${name}`)
    }
  }
  return out
}

function hasValue(code: number, values: string[]): Condition {
  return sql<SqlBool>`exists (select 1 from finding_values fv where fv.finding_id = findings.id and fv.field = ${code} and fv.value in (${sql.join(values)}))`
}

function multiConditions(name: string, code: number, ops: Json): Condition[] {
  const out: Condition[] = []
  for (const [op, v] of Object.entries(ops)) {
    if (v === undefined || v === null) continue
    switch (op) {
      case 'eq':
      case 'neq': {
        const values = stringList(name, op, v)
        if (values.length === 0) break
        out.push(op === 'eq' ? hasValue(code, values) : sql<SqlBool>`not ${hasValue(code, values)}`)
        break
      }
      case 'eqExactMatch': {
        // "Exclusively matches all the values": every listed value present, and no other.
        const values = stringList(name, op, v)
        if (values.length === 0) break
        for (const value of new Set(values)) out.push(hasValue(code, [value]))
        out.push(sql<SqlBool>`not exists (select 1 from finding_values fv where fv.finding_id = findings.id and fv.field = ${code} and fv.value not in (${sql.join(values)}))`)
        break
      }
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        throw new InvalidInputError(`findingCriteria: ${name} does not take ${op}`)
      default:
        throw new InvalidInputError(`findingCriteria: unknown operator ${op} on ${name}`)
    }
  }
  return out
}

/**
 * The SQL conditions of FindingCriteria (AND-joined; none for empty criteria); throws
 * InvalidInputError for an unknown field or an operator the field does not take.
 * @example
 * const where = findingConditions({ criterion: { 'severity.description': { eq: ['High'] } } })
 */
export function findingConditions(criteria: FindingCriteria | undefined): Condition[] {
  const criterion: unknown = criteria?.criterion
  if (criterion === undefined || criterion === null) return []
  if (typeof criterion !== 'object' || Array.isArray(criterion)) throw new InvalidInputError('findingCriteria.criterion must be an object')
  const out: Condition[] = []
  for (const [name, ops] of Object.entries(criterion as Json)) {
    const conditions = obj(ops)
    if (!conditions) throw new InvalidInputError(`findingCriteria: the condition on ${name} must be an object`)
    const scalar = SCALAR_FIELDS[name]
    const multi = (MULTI_FIELDS as Record<string, number>)[name] ?? (MULTI_ALIASES[name] && MULTI_FIELDS[MULTI_ALIASES[name]])
    if (scalar) out.push(...scalarConditions(name, scalar, conditions))
    else if (multi !== undefined) out.push(...multiConditions(name, multi, conditions))
    else throw new InvalidInputError(`findingCriteria: unknown field ${name}`)
  }
  return out
}

/**
 * Checks FindingCriteria without running a query (a findings filter's criteria, when saved).
 * @example
 * assertFindingCriteria({ criterion: { 'severity.description': { eq: ['High'] } } }) // throws InvalidInputError if invalid
 */
export function assertFindingCriteria(criteria: FindingCriteria | undefined): void {
  findingConditions(criteria)
}

function whereAll(scope: ReadScope, conditions: Condition[]): RawBuilder<SqlBool> {
  const members = scope.memberAccountIds ?? []
  const accounts =
    members.length === 0
      ? sql<SqlBool>`findings.account_id = ${scope.accountId}`
      : sql<SqlBool>`findings.account_id in (${sql.join([scope.accountId, ...members])})`
  const all = [accounts, sql<SqlBool>`findings.region = ${scope.region}`, ...conditions]
  return sql<SqlBool>`${sql.join(all, sql` and `)}`
}

// ---------------------------------------------------------------------------------------------
// Page tokens

type KeyValue = string | number

/**
 * An opaque page token: base64url JSON of the list it belongs to and the last row's sort key.
 * @example
 * const token = encodePageToken('cdi', [1764000000000, 'id-1'])
 */
export function encodePageToken(kind: string, key: KeyValue[]): string {
  return Buffer.from(JSON.stringify({ k: kind, v: key })).toString('base64url')
}

/**
 * The sort key inside a page token, checked against the list and sort it was made for.
 * @example
 * const [createdAt, id] = decodePageToken(token, 'cdi', [true, false])
 */
export function decodePageToken(token: string, kind: string, isNumeric: readonly boolean[]): KeyValue[] {
  let parsed: unknown
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('not base64url')
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    throw new InvalidInputError('nextToken is not valid')
  }
  const p = obj(parsed)
  const values = p?.v
  if (!p || p.k !== kind || !Array.isArray(values) || values.length !== isNumeric.length) {
    throw new InvalidInputError('nextToken is not valid for this request')
  }
  values.forEach((v, i) => {
    if (isNumeric[i] ? typeof v !== 'number' || !Number.isFinite(v) : typeof v !== 'string') throw new InvalidInputError('nextToken is not valid')
  })
  return values as KeyValue[]
}

/**
 * The rows after a keyset position: `(c1, c2, …) > (v1, v2, …)` (or `<` descending), a row-value
 * comparison both dialects answer from an index on those columns.
 * @example
 * query.where(keysetAfter(['cdi.created_at', 'cdi.id'], 'asc', [ms, id]))
 */
export function keysetAfter(columns: string[], direction: 'asc' | 'desc', values: KeyValue[]): RawBuilder<SqlBool> {
  const refs = sql.join(columns.map((c) => sql.ref(c)))
  return sql<SqlBool>`(${refs}) ${sql.raw(direction === 'asc' ? '>' : '<')} (${sql.join(values)})`
}

/**
 * Checks a page request and returns its page size.
 * @example
 * const limit = pageSize({ maxResults: 25 }) // 25
 */
export function pageSize(page: PageRequest): number {
  const n = page.maxResults ?? DEFAULT_MAX_RESULTS
  if (!Number.isInteger(n) || n < 1) throw new InvalidInputError('maxResults must be a whole number of at least 1')
  return n
}

// ---------------------------------------------------------------------------------------------
// Queries

interface FindingOrder {
  attribute: string
  direction: 'asc' | 'desc'
  /** Sort columns, `id` last as the tie-break. */
  columns: Array<FindingColumn>
}

function findingOrder(sort: SortCriteria | undefined): FindingOrder {
  // Macie's default order is not documented: newest change first, then ID.
  const attribute = sort?.attributeName ?? 'updatedAt'
  const columns = SORT_COLUMNS[attribute]
  if (!columns) throw new InvalidInputError(`sortCriteria: cannot sort findings by ${attribute}`)
  const orderBy = sort?.orderBy ?? (sort?.attributeName ? 'ASC' : 'DESC')
  if (orderBy !== 'ASC' && orderBy !== 'DESC') throw new InvalidInputError(`sortCriteria.orderBy must be ASC or DESC`)
  return { attribute, direction: orderBy === 'ASC' ? 'asc' : 'desc', columns: [...columns, 'id'] }
}

/**
 * One page of finding IDs matching the criteria in the requested order, by keyset: each page
 * costs the same however deep it is.
 * @example
 * const page = await listFindingIds(db, scope, { criterion: { archived: { eq: ['false'] } } }, undefined, { maxResults: 50 })
 */
export async function listFindingIds(db: Kysely<Database>, scope: ReadScope, criteria: FindingCriteria, sort: SortCriteria | undefined, page: PageRequest): Promise<Page<string>> {
  const conditions = findingConditions(criteria)
  const order = findingOrder(sort)
  const limit = pageSize(page)
  const kind = `findings:${order.attribute}:${order.direction}`
  const isNumeric = order.columns.map((c) => NUMERIC_COLUMNS.has(c))
  if (page.nextToken !== undefined) {
    const after = decodePageToken(page.nextToken, kind, isNumeric)
    conditions.push(keysetAfter(order.columns.map((c) => `findings.${c}`), order.direction, after))
  }
  let query = db.selectFrom('findings').select(order.columns).where(whereAll(scope, conditions))
  for (const c of order.columns) query = query.orderBy(c, order.direction)
  const rows = (await query.limit(limit + 1).execute()) as Array<Record<string, unknown>>
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  if (rows.length <= limit || !last) return { items: items.map((r) => String(r.id)) }
  const key = order.columns.map((c, i) => (isNumeric[i] ? Number(last[c]) : String(last[c])))
  return { items: items.map((r) => String(r.id)), nextToken: encodePageToken(kind, key) }
}

/** The groups GetFindingStatistics can count by. */
export type FindingGroupBy = keyof typeof GROUP_COLUMNS

/**
 * Counts of matching findings per value of one field, by GROUP BY in SQL; findings without a
 * value for the field are left out. Default order: largest count first, then group key.
 * @example
 * const counts = await findingStatistics(db, scope, {}, 'type', { size: 10 })
 */
export async function findingStatistics(
  db: Kysely<Database>,
  scope: ReadScope,
  criteria: FindingCriteria,
  groupBy: FindingGroupBy,
  options: { size?: number; sort?: { attributeName: 'groupKey' | 'count'; orderBy: 'ASC' | 'DESC' } },
): Promise<Array<{ groupKey: string; count: number }>> {
  const column = GROUP_COLUMNS[groupBy]
  if (!column) throw new InvalidInputError(`groupBy: cannot group findings by ${String(groupBy)}`)
  const conditions = findingConditions(criteria)
  const col = sql.ref(`findings.${column}`)
  const { size, sort } = options
  if (size !== undefined && (!Number.isInteger(size) || size < 1)) throw new InvalidInputError('size must be a whole number of at least 1')
  if (sort && (!['groupKey', 'count'].includes(sort.attributeName) || !['ASC', 'DESC'].includes(sort.orderBy))) {
    throw new InvalidInputError('sortCriteria: attributeName is groupKey or count, orderBy ASC or DESC')
  }
  const direction = sort?.orderBy === 'ASC' ? sql.raw('asc') : sql.raw('desc')
  const orderBy =
    sort?.attributeName === 'groupKey' ? sql`${col} ${direction}` : sql`count(*) ${sort ? direction : sql.raw('desc')}, ${col} asc`
  const rows = await sql<{ group_key: string; n: number | string }>`
    select ${col} as group_key, count(*) as n from findings
    where ${whereAll(scope, conditions)}
    group by ${col}
    having ${col} is not null and ${col} <> ''
    order by ${orderBy}
    ${size !== undefined ? sql`limit ${size}` : sql``}`.execute(db)
  return rows.rows.map((r) => ({ groupKey: String(r.group_key), count: Number(r.n) }))
}

/**
 * Sets `archived` on every finding of the scope the criteria match; returns how many changed.
 * The JSON's `archived` is overlaid from the column when read, so it stays in step.
 * @example
 * const changed = await setFindingsArchived(db, scope, { criterion: { type: { eq: ['Policy:IAMUser/S3BucketPublic'] } } }, true)
 */
export async function setFindingsArchived(db: Kysely<Database>, scope: Scope, criteria: FindingCriteria, archived: boolean): Promise<number> {
  const conditions = findingConditions(criteria)
  const value = archived ? 1 : 0
  conditions.push(sql<SqlBool>`findings.archived <> ${value}`)
  const result = await db.updateTable('findings').set({ archived: value }).where(whereAll(scope, conditions)).executeTakeFirst()
  return Number(result.numUpdatedRows)
}
