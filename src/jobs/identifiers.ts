// Custom data identifiers as Macie's API manages them (create once, read, list, soft-delete, test
// on sample text) and the list of managed data identifiers; validation comes from detect/custom.ts.
import { randomUUID } from 'node:crypto'
import { compileCustomIdentifier, type CustomSeverity } from '../detect/custom.js'
import { compileDetector } from '../detect/engine.js'
import { managedIdentifiers } from '../detect/identifiers/index.js'
import { InvalidInputError, NotFoundError, QuotaExceededError } from '../errors.js'
import type { CustomDataIdentifierRow, Page, Scope, Store, TagMap } from '../store/types.js'
import { decodePageToken, pageAfter, queryFingerprint } from './page-token.js'
import { validateTags } from '../tags.js'

/** Custom data identifiers an account may hold in a region (MACIE.md §8.2). */
export const MAX_CUSTOM_DATA_IDENTIFIERS = 10_000
const MAX_SAMPLE_TEXT = 1000
const MAX_LIST_RESULTS = 500
const MANAGED_PAGE = 100
const DEFAULT_DISTANCE = 50

/** The CreateCustomDataIdentifier request, as the API validated its shape. */
export interface CreateCustomDataIdentifierRequest {
  clientToken?: string
  name: string
  description?: string
  regex: string
  keywords?: string[]
  ignoreWords?: string[]
  maximumMatchDistance?: number
  severityLevels?: Array<{ occurrencesThreshold: number; severity: CustomSeverity }>
  tags?: TagMap
}

/** The TestCustomDataIdentifier request. */
export interface TestCustomDataIdentifierRequest {
  regex: string
  sampleText: string
  keywords?: string[]
  ignoreWords?: string[]
  maximumMatchDistance?: number
}

/**
 * CreateCustomDataIdentifier: validates the definition as Macie does and stores it; the same
 * clientToken returns the identifier it created first.
 * @example
 * await createCustomDataIdentifier(store, scope, { name: 'Employee ID', regex: 'EMP-[0-9]{6}' }) // { customDataIdentifierId: '…' }
 */
export async function createCustomDataIdentifier(store: Store, scope: Scope, request: CreateCustomDataIdentifierRequest): Promise<{ customDataIdentifierId: string }> {
  if (request.clientToken) {
    const existing = await store.customDataIdentifiers.getByClientToken(scope, request.clientToken)
    if (existing) return { customDataIdentifierId: existing.id }
  }
  compileCustomIdentifier(request)
  const tags = validateTags(request.tags)
  if ((await store.customDataIdentifiers.count(scope)) >= MAX_CUSTOM_DATA_IDENTIFIERS) {
    throw new QuotaExceededError(`an account holds at most ${MAX_CUSTOM_DATA_IDENTIFIERS} custom data identifiers`)
  }
  const id = randomUUID()
  const row: CustomDataIdentifierRow = {
    ...scope,
    id,
    arn: `arn:aws:macie2:${scope.region}:${scope.accountId}:custom-data-identifier/${id}`,
    name: request.name,
    ...(request.description !== undefined ? { description: request.description } : {}),
    regex: request.regex,
    ...(request.keywords?.length ? { keywords: request.keywords } : {}),
    ...(request.ignoreWords?.length ? { ignoreWords: request.ignoreWords } : {}),
    ...(request.maximumMatchDistance !== undefined ? { maximumMatchDistance: request.maximumMatchDistance } : {}),
    ...(request.severityLevels?.length ? { severityLevels: request.severityLevels } : {}),
    ...(request.clientToken ? { clientToken: request.clientToken } : {}),
    tags,
    createdAt: new Date(),
    deleted: false,
  }
  await store.customDataIdentifiers.insert(row)
  return { customDataIdentifierId: id }
}

async function found(store: Store, scope: Scope, id: string): Promise<CustomDataIdentifierRow> {
  const row = await store.customDataIdentifiers.get(scope, id)
  if (!row) throw new NotFoundError('custom data identifier', id)
  return row
}

/**
 * GetCustomDataIdentifier: the definition, soft-deleted ones too (`deleted: true`), with Macie's
 * defaults filled in (distance 50; MEDIUM from one occurrence).
 * @example
 * const cdi = await getCustomDataIdentifier(store, scope, id)
 */
export async function getCustomDataIdentifier(store: Store, scope: Scope, id: string): Promise<Record<string, unknown>> {
  const row = await found(store, scope, id)
  return {
    arn: row.arn,
    createdAt: row.createdAt,
    deleted: row.deleted,
    description: row.description,
    id: row.id,
    ignoreWords: row.ignoreWords ?? [],
    keywords: row.keywords ?? [],
    maximumMatchDistance: row.maximumMatchDistance ?? DEFAULT_DISTANCE,
    name: row.name,
    regex: row.regex,
    severityLevels: row.severityLevels ?? [{ occurrencesThreshold: 1, severity: 'MEDIUM' }],
    tags: row.tags,
  }
}

/**
 * BatchGetCustomDataIdentifiers: summaries of the IDs found (deleted ones flagged) and the IDs not found.
 * @example
 * await batchGetCustomDataIdentifiers(store, scope, [id, 'nope']) // { customDataIdentifiers: [{ id, … }], notFoundIdentifierIds: ['nope'] }
 */
export async function batchGetCustomDataIdentifiers(
  store: Store,
  scope: Scope,
  ids: readonly string[],
): Promise<{ customDataIdentifiers: Array<Record<string, unknown>>; notFoundIdentifierIds: string[] }> {
  const customDataIdentifiers: Array<Record<string, unknown>> = []
  const notFoundIdentifierIds: string[] = []
  for (const id of new Set(ids)) {
    const row = await store.customDataIdentifiers.get(scope, id)
    if (!row) notFoundIdentifierIds.push(id)
    else customDataIdentifiers.push({ arn: row.arn, createdAt: row.createdAt, deleted: row.deleted, description: row.description, id: row.id, name: row.name })
  }
  return { customDataIdentifiers, notFoundIdentifierIds }
}

/**
 * ListCustomDataIdentifiers: summaries of the identifiers not deleted, oldest first, paged.
 * @example
 * const { items, nextToken } = await listCustomDataIdentifiers(store, scope, { maxResults: 25 })
 */
export async function listCustomDataIdentifiers(
  store: Store,
  scope: Scope,
  request: { maxResults?: number; nextToken?: string },
): Promise<{ items: Array<Record<string, unknown>>; nextToken?: string }> {
  const maxResults = request.maxResults === undefined ? undefined : Math.min(request.maxResults, MAX_LIST_RESULTS)
  const page: Page<CustomDataIdentifierRow> = await store.customDataIdentifiers.list(scope, {
    ...(maxResults !== undefined ? { maxResults } : {}),
    ...(request.nextToken ? { nextToken: request.nextToken } : {}),
  })
  return {
    items: page.items.map((r) => ({ arn: r.arn, createdAt: r.createdAt, description: r.description, id: r.id, name: r.name })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  }
}

/**
 * DeleteCustomDataIdentifier: a soft delete — still readable by ID, no longer listed or usable.
 * @example
 * await deleteCustomDataIdentifier(store, scope, id)
 */
export async function deleteCustomDataIdentifier(store: Store, scope: Scope, id: string): Promise<void> {
  const row = await found(store, scope, id)
  if (!row.deleted) await store.customDataIdentifiers.softDelete(scope, id)
}

/**
 * TestCustomDataIdentifier: how many matches the definition finds in the sample text, through the
 * same detector jobs run (keywords, ignore words and distance included).
 * @example
 * testCustomDataIdentifier({ regex: 'EMP-[0-9]{6}', sampleText: 'employee EMP-123456' }) // { matchCount: 1 }
 */
export function testCustomDataIdentifier(request: TestCustomDataIdentifierRequest): { matchCount: number } {
  if (request.sampleText.length > MAX_SAMPLE_TEXT) {
    throw new InvalidInputError(`sampleText is ${request.sampleText.length} characters; the maximum is ${MAX_SAMPLE_TEXT}`)
  }
  const identifier = compileCustomIdentifier({ ...request, id: 'test', name: 'test' })
  const detector = compileDetector({ managed: [], custom: [identifier] })
  return { matchCount: detector.detect({ text: request.sampleText }).length }
}

const MANAGED_FINGERPRINT = queryFingerprint('managed-data-identifiers')
const isIndex = (k: unknown): k is number => typeof k === 'number' && Number.isInteger(k) && k >= 0

/**
 * ListManagedDataIdentifiers: every managed data identifier as `{category, id}`, in registry
 * order, a page of 100 at a time.
 * @example
 * const { items, nextToken } = listManagedDataIdentifiers({})
 */
export function listManagedDataIdentifiers(request: { nextToken?: string }): { items: Array<{ category: string; id: string }>; nextToken?: string } {
  const after = decodePageToken(request.nextToken, MANAGED_FINGERPRINT, isIndex, 'list of managed data identifiers')
  const indexed = managedIdentifiers.map((identifier, index) => ({ identifier, index }))
  const page = pageAfter(indexed, {
    after,
    pageSize: MANAGED_PAGE,
    fingerprint: MANAGED_FINGERPRINT,
    keyOf: (x) => [x.index, x.identifier.id],
    compare: (a, b) => a[0] - b[0],
  })
  return {
    items: page.items.map((x) => ({ category: x.identifier.category, id: x.identifier.id })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  }
}
