// Findings filters (MACIE.md §6.5): saved filters (NOOP) and suppression rules (ARCHIVE). Checks
// Create/UpdateFindingsFilter input and decides whether a new finding is suppressed; storing
// filters and archiving existing findings is the store's job.
import { InvalidInputError } from '../errors.js'
import type { FindingCriteria, FindingsFilterRow, TagMap } from '../store/types.js'
import { validateTags } from '../tags.js'
import { matchesCriteria, validateFindingCriteria } from './criteria.js'
import type { Finding } from './types.js'

/**
 * Whether an ARCHIVE filter of the finding's own account and region matches it: such a finding
 * is stored archived and not published.
 * @example
 * isSuppressed(finding, await store.findingsFilters.list(scope, {}).then((p) => p.items))
 */
export function isSuppressed(finding: Finding, filters: readonly FindingsFilterRow[]): boolean {
  return filters.some(
    (f) => f.action === 'ARCHIVE' && f.accountId === finding.accountId && f.region === finding.region && matchesCriteria(finding, f.findingCriteria),
  )
}

/** A checked CreateFindingsFilter request. */
export interface FindingsFilterCreate {
  name: string
  description?: string
  action: 'ARCHIVE' | 'NOOP'
  findingCriteria: FindingCriteria
  /** Absent: the store puts the filter after the existing ones. */
  position?: number
  clientToken?: string
  tags: TagMap
}

/** A checked UpdateFindingsFilter request: only the members given. */
export type FindingsFilterUpdate = Partial<Omit<FindingsFilterCreate, 'tags'>>

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function has(req: Record<string, unknown>, key: string): boolean {
  return req[key] !== undefined && req[key] !== null
}

function checkName(v: unknown): string {
  if (typeof v !== 'string' || [...v].length < 3 || [...v].length > 64) throw new InvalidInputError('name must be 3–64 characters')
  return v
}

function checkDescription(v: unknown): string {
  if (typeof v !== 'string' || [...v].length > 512) throw new InvalidInputError('description must be a string of at most 512 characters')
  return v
}

function checkAction(v: unknown): 'ARCHIVE' | 'NOOP' {
  if (v !== 'ARCHIVE' && v !== 'NOOP') throw new InvalidInputError(`action must be ARCHIVE or NOOP, not ${JSON.stringify(v)}`)
  return v
}

function checkPosition(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new InvalidInputError('position must be an integer of at least 1')
  return v
}

function checkClientToken(v: unknown): string {
  if (typeof v !== 'string' || v.length === 0) throw new InvalidInputError('clientToken must be a non-empty string')
  return v
}

/**
 * Checks a CreateFindingsFilter (`'create'`: name, action and findingCriteria required) or
 * UpdateFindingsFilter (`'update'`: every member optional) request body and returns its members
 * normalised; members the operation does not take are ignored.
 * @example
 * validateFindingsFilter({ name: 'ignore test bucket', action: 'ARCHIVE', findingCriteria: { criterion: { 'resourcesAffected.s3Bucket.name': { eq: ['test'] } } } })
 */
export function validateFindingsFilter(request: unknown, mode?: 'create'): FindingsFilterCreate
export function validateFindingsFilter(request: unknown, mode: 'update'): FindingsFilterUpdate
export function validateFindingsFilter(request: unknown, mode: 'create' | 'update' = 'create'): FindingsFilterCreate | FindingsFilterUpdate {
  if (!isPlainObject(request)) throw new InvalidInputError('the request body must be an object')
  if (mode === 'create') {
    for (const key of ['name', 'action', 'findingCriteria']) if (!has(request, key)) throw new InvalidInputError(`${key} is required`)
  }
  const out: FindingsFilterUpdate & { tags?: TagMap } = {}
  if (has(request, 'name')) out.name = checkName(request.name)
  if (has(request, 'description')) out.description = checkDescription(request.description)
  if (has(request, 'action')) out.action = checkAction(request.action)
  if (has(request, 'findingCriteria')) {
    const criteria = validateFindingCriteria(request.findingCriteria)
    // A filter without conditions would match, and so archive, every finding: trawl wants one.
    if (Object.keys(criteria.criterion ?? {}).length === 0) throw new InvalidInputError('findingCriteria must have at least one condition')
    out.findingCriteria = criteria
  }
  if (has(request, 'position')) out.position = checkPosition(request.position)
  if (has(request, 'clientToken')) out.clientToken = checkClientToken(request.clientToken)
  if (mode === 'update') return out
  return { ...(out as FindingsFilterCreate), tags: has(request, 'tags') ? validateTags(request.tags) : {} }
}
