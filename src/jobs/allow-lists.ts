// Allow lists as Macie's API manages them: create (regex or S3 words list, within the per-account
// quotas), read with the status of their criteria, list, replace, and delete unless a job needs them.
import { randomBytes } from 'node:crypto'
import { compileAllowList } from '../detect/allow-list.js'
import { InvalidInputError, NotFoundError, QuotaExceededError } from '../errors.js'
import { SourceError, type ObjectSource } from '../sources/types.js'
import type { AllowListRow, Scope, Store, TagMap } from '../store/types.js'
import { validateTags } from '../tags.js'

/** Allow lists of each kind (regex, words list) an account may hold in a region; 10 in all. */
export const MAX_ALLOW_LISTS_PER_KIND = 5
const MAX_WORDS = 100_000
const MAX_WORDS_BYTES = 35 * 1024 * 1024
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
const ID_LENGTH = 22

/** Macie's `AllowListCriteria`: exactly one of the two. */
export interface AllowListCriteria {
  regex?: string
  s3WordsList?: { bucketName: string; objectKey: string }
}

/** The CreateAllowList request, as the API validated its shape. */
export interface CreateAllowListRequest {
  clientToken: string
  name: string
  description?: string
  criteria: AllowListCriteria
  tags?: TagMap
}

/** Macie's `AllowListStatus`: whether the criteria can be used now. */
export interface AllowListStatus {
  code: 'OK' | 'S3_OBJECT_NOT_FOUND' | 'S3_USER_ACCESS_DENIED' | 'S3_OBJECT_ACCESS_DENIED' | 'S3_THROTTLED' | 'S3_OBJECT_OVERSIZE' | 'S3_OBJECT_EMPTY' | 'UNKNOWN_ERROR'
  description?: string
}

type Kind = 'regex' | 's3WordsList'

/** A 22-character `[a-z0-9]` allow list ID, as Macie's model has them. */
function newAllowListId(): string {
  // 252 is the largest multiple of 36 below 256: rejecting the rest keeps every character equally likely.
  let id = ''
  while (id.length < ID_LENGTH) {
    for (const byte of randomBytes(32)) if (byte < 252 && id.length < ID_LENGTH) id += ID_ALPHABET[byte % 36]
  }
  return id
}

function kindOf(criteria: AllowListCriteria): Kind {
  const hasRegex = criteria.regex !== undefined
  const hasWords = criteria.s3WordsList !== undefined
  if (hasRegex === hasWords) throw new InvalidInputError('criteria must hold exactly one of regex or s3WordsList')
  if (hasRegex) compileAllowList({ regex: criteria.regex! })
  return hasRegex ? 'regex' : 's3WordsList'
}

function criteriaOf(criteria: AllowListCriteria): AllowListRow['criteria'] {
  return criteria.regex !== undefined
    ? { regex: criteria.regex }
    : { s3WordsList: { bucketName: criteria.s3WordsList!.bucketName, objectKey: criteria.s3WordsList!.objectKey } }
}

async function allRows(store: Store, scope: Scope): Promise<AllowListRow[]> {
  const rows: AllowListRow[] = []
  let nextToken: string | undefined
  do {
    const page = await store.allowLists.list(scope, { maxResults: 100, ...(nextToken ? { nextToken } : {}) })
    rows.push(...page.items)
    nextToken = page.nextToken
  } while (nextToken)
  return rows
}

async function checkQuota(store: Store, scope: Scope, kind: Kind, exceptId?: string): Promise<void> {
  const same = (await allRows(store, scope)).filter((r) => r.id !== exceptId && r.criteria[kind] !== undefined)
  if (same.length >= MAX_ALLOW_LISTS_PER_KIND) {
    const what = kind === 'regex' ? 'regular expression' : 'S3 words list'
    throw new QuotaExceededError(`an account holds at most ${MAX_ALLOW_LISTS_PER_KIND} ${what} allow lists`)
  }
}

async function found(store: Store, scope: Scope, id: string): Promise<AllowListRow> {
  const row = await store.allowLists.get(scope, id)
  if (!row) throw new NotFoundError('allow list', id)
  return row
}

/**
 * CreateAllowList: validates the criteria (a regex in Macie's dialect, or a words list's place)
 * and stores the list within the quotas; the same clientToken returns the list it created first.
 * @example
 * await createAllowList(store, scope, { clientToken, name: 'test numbers', criteria: { regex: '555-01[0-9]{2}' } }) // { id, arn }
 */
export async function createAllowList(store: Store, scope: Scope, request: CreateAllowListRequest): Promise<{ id: string; arn: string }> {
  const existing = await store.allowLists.getByClientToken(scope, request.clientToken)
  if (existing) return { id: existing.id, arn: existing.arn }
  const kind = kindOf(request.criteria)
  const tags = validateTags(request.tags)
  await checkQuota(store, scope, kind)
  const id = newAllowListId()
  const now = new Date()
  const row: AllowListRow = {
    ...scope,
    id,
    arn: `arn:aws:macie2:${scope.region}:${scope.accountId}:allow-list/${id}`,
    name: request.name,
    ...(request.description !== undefined ? { description: request.description } : {}),
    criteria: criteriaOf(request.criteria),
    clientToken: request.clientToken,
    tags,
    createdAt: now,
    updatedAt: now,
  }
  await store.allowLists.insert(row)
  return { id, arn: row.arn }
}

/**
 * The status of a words list's object: OK when it can be read and holds 1–100,000 entries in at
 * most 35 MB; otherwise Macie's code for what is wrong.
 * @example
 * await wordsListStatus(source, { bucketName: 'lists', objectKey: 'words.txt' }) // { code: 'OK' }
 */
export async function wordsListStatus(source: ObjectSource, list: { bucketName: string; objectKey: string }): Promise<AllowListStatus> {
  const where = `s3://${list.bucketName}/${list.objectKey}`
  try {
    if (!(await source.hasBucket(list.bucketName))) return { code: 'S3_OBJECT_NOT_FOUND', description: `the bucket of ${where} does not exist` }
    const head = await source.headObject(list.bucketName, list.objectKey)
    if (head.size > MAX_WORDS_BYTES) return { code: 'S3_OBJECT_OVERSIZE', description: `${where} is larger than 35 MB` }
    if (head.size === 0) return { code: 'S3_OBJECT_EMPTY', description: `${where} is empty` }
    const body = await source.openObject({ bucket: list.bucketName, key: list.objectKey })
    let entries = 0
    let tail = ''
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const lines = (tail + chunk.toString('utf8')).split(/\r?\n/)
      tail = lines.pop()!
      entries += lines.filter((l) => l.trim().length > 0).length
    }
    if (tail.trim().length > 0) entries++
    if (entries === 0) return { code: 'S3_OBJECT_EMPTY', description: `${where} holds no entries` }
    if (entries > MAX_WORDS) return { code: 'S3_OBJECT_OVERSIZE', description: `${where} holds ${entries} entries; the maximum is ${MAX_WORDS}` }
    return { code: 'OK' }
  } catch (err) {
    return { code: statusCodeOf(err), description: `${where} cannot be read` }
  }
}

function statusCodeOf(err: unknown): AllowListStatus['code'] {
  if (err instanceof SourceError) {
    if (err.reason === 'PERMISSION_DENIED') return 'S3_OBJECT_ACCESS_DENIED'
    if (err.reason === 'SOURCE_OBJECT_NO_LONGER_AVAILABLE' || err.reason === 'NO_SUCH_BUCKET_AVAILABLE') return 'S3_OBJECT_NOT_FOUND'
  }
  // Infrastructure errors carry the store's own error as their cause.
  const names = [err, (err as { cause?: unknown } | null)?.cause].map((e) => String((e as { name?: unknown } | null)?.name ?? ''))
  if (names.some((n) => /SlowDown|Throttl/i.test(n))) return 'S3_THROTTLED'
  return 'UNKNOWN_ERROR'
}

/**
 * GetAllowList: the list's settings and the status of its criteria (a words list's object is
 * checked through `source`, which the caller opens and closes).
 * @example
 * await getAllowList(store, scope, id, () => openSource(spec))
 */
export async function getAllowList(store: Store, scope: Scope, id: string, source: () => ObjectSource): Promise<Record<string, unknown>> {
  const row = await found(store, scope, id)
  const status = row.criteria.s3WordsList ? await wordsListStatus(source(), row.criteria.s3WordsList) : { code: 'OK' }
  return {
    arn: row.arn,
    createdAt: row.createdAt,
    criteria: row.criteria,
    description: row.description,
    id: row.id,
    name: row.name,
    status,
    tags: row.tags,
    updatedAt: row.updatedAt,
  }
}

/**
 * ListAllowLists: summaries, oldest first, paged.
 * @example
 * const { allowLists, nextToken } = await listAllowLists(store, scope, { maxResults: 25 })
 */
export async function listAllowLists(
  store: Store,
  scope: Scope,
  request: { maxResults?: number; nextToken?: string },
): Promise<{ allowLists: Array<Record<string, unknown>>; nextToken?: string }> {
  const page = await store.allowLists.list(scope, {
    ...(request.maxResults !== undefined ? { maxResults: request.maxResults } : {}),
    ...(request.nextToken ? { nextToken: request.nextToken } : {}),
  })
  return {
    allowLists: page.items.map((r) => ({ arn: r.arn, createdAt: r.createdAt, description: r.description, id: r.id, name: r.name, updatedAt: r.updatedAt })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  }
}

/**
 * UpdateAllowList: replaces the name, description and criteria (a change of kind stays within its
 * quota; Macie's operation declares no quota error, so that is a validation error).
 * @example
 * await updateAllowList(store, scope, id, { name: 'renamed', criteria: { regex: '[0-9]{3}' } }) // { id, arn }
 */
export async function updateAllowList(
  store: Store,
  scope: Scope,
  id: string,
  request: { name: string; description?: string; criteria: AllowListCriteria },
): Promise<{ id: string; arn: string }> {
  const row = await found(store, scope, id)
  const kind = kindOf(request.criteria)
  if (row.criteria[kind] === undefined) {
    await checkQuota(store, scope, kind, id).catch((err: unknown) => {
      throw err instanceof QuotaExceededError ? new InvalidInputError(err.message) : err
    })
  }
  // A replacement: a description the request leaves out is cleared.
  const next: AllowListRow = { ...row, name: request.name, criteria: criteriaOf(request.criteria), updatedAt: new Date() }
  delete next.description
  if (request.description !== undefined) next.description = request.description
  await store.allowLists.update(next)
  return { id: row.id, arn: row.arn }
}

/**
 * DeleteAllowList: refused while a job that is not COMPLETE or CANCELLED uses the list, unless
 * `ignoreJobChecks` (such jobs keep running without it).
 * @example
 * await deleteAllowList(store, scope, id, { ignoreJobChecks: false })
 */
export async function deleteAllowList(store: Store, scope: Scope, id: string, options: { ignoreJobChecks: boolean }): Promise<void> {
  await found(store, scope, id)
  if (!options.ignoreJobChecks) {
    const users = (await store.jobs.list(scope)).filter((j) => j.jobStatus !== 'COMPLETE' && j.jobStatus !== 'CANCELLED' && j.allowListIds?.includes(id))
    if (users.length > 0) {
      throw new InvalidInputError(`allow list ${id} is used by job ${users.map((j) => j.jobId).join(', ')}; set ignoreJobChecks to delete it anyway`)
    }
  }
  await store.allowLists.delete(scope, id)
}
