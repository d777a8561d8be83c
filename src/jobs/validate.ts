// CreateClassificationJob's rules (MACIE.md §4.1–4.3, the API model): a request body in, a JobRow
// out, or an InvalidInputError naming field and rule. Checks that need the store are the caller's.
import { randomBytes } from 'node:crypto'
import { managedIdentifiers } from '../detect/identifiers/index.js'
import { MANAGED_SELECTORS, selectManagedIdentifiers } from '../detect/selection.js'
import { InvalidInputError } from '../errors.js'
import type { CriteriaForJob, JobRow, JobScheduleFrequency, JobScopeTerm, S3JobDefinition, Scope } from '../store/types.js'
import { validateTags } from '../tags.js'
import { DAYS_OF_WEEK, nextRunAt } from './schedule.js'

/** What validation needs besides the request: the clock and a job ID source. */
export interface CreateJobOptions {
  now: Date
  newJobId: () => string
  /** ARN partition (default `aws`). */
  partition?: string
  /** Hour of the day (UTC) scheduled runs start at (default 0). */
  scheduleHourUtc?: number
}

const JOB_TYPES = ['ONE_TIME', 'SCHEDULED'] as const
const JOB_COMPARATORS = ['EQ', 'GT', 'GTE', 'LT', 'LTE', 'NE', 'CONTAINS', 'STARTS_WITH'] as const
const ORDERED = ['EQ', 'GT', 'GTE', 'LT', 'LTE', 'NE'] as const
const SCOPE_COMPARATORS: Record<string, readonly string[]> = {
  OBJECT_EXTENSION: ['EQ', 'NE'],
  OBJECT_KEY: ['STARTS_WITH'],
  OBJECT_LAST_MODIFIED_DATE: ORDERED,
  OBJECT_SIZE: ORDERED,
}
const BUCKET_CRITERION_VALUES: Record<string, readonly string[] | undefined> = {
  ACCOUNT_ID: undefined,
  S3_BUCKET_NAME: undefined,
  S3_BUCKET_EFFECTIVE_PERMISSION: ['PUBLIC', 'NOT_PUBLIC', 'UNKNOWN'],
  S3_BUCKET_SHARED_ACCESS: ['EXTERNAL', 'INTERNAL', 'NOT_SHARED', 'UNKNOWN'],
}

const MAX_NAME = 500
const MAX_DESCRIPTION = 200
// Macie documents no length for clientToken; a bound keeps what is stored small (SDKs send UUIDs).
const MAX_CLIENT_TOKEN = 128
const MAX_CUSTOM_IDS = 30
const MAX_ALLOW_LISTS = 10
const MAX_BUCKETS = 1000
const MAX_TAG_KEY = 128
const MAX_TAG_VALUE = 256
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/

type Json = Record<string, unknown>

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function fail(message: string): never {
  throw new InvalidInputError(message)
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(`${field} must be one of ${allowed.join(', ')}${typeof value === 'string' ? `, not ${value}` : ''}`)
  }
  return value as T
}

function text(value: unknown, field: string, max: number, min = 0): string {
  if (typeof value !== 'string') fail(`${field} must be a string`)
  if (value.length < min || value.length > max) {
    fail(min > 0 ? `${field} must be ${min} to ${max} characters long` : `${field} must be at most ${max} characters long`)
  }
  return value
}

function record(value: unknown, field: string): Json {
  if (!isRecord(value)) fail(`${field} must be an object`)
  return value
}

function list(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) fail(`${field} must be an array`)
  return value
}

/** A list of non-empty strings, duplicates dropped (Macie's lists are of unique IDs). */
function idList(value: unknown, field: string, max?: number): string[] {
  if (value === undefined || value === null) return []
  const items = list(value, field).map((v, i) => text(v, `${field}[${i}]`, 512, 1))
  const unique = [...new Set(items)]
  if (max !== undefined && unique.length > max) fail(`${field} must list at most ${max} IDs, not ${unique.length}`)
  return unique
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * An extended ISO-8601 timestamp with a zone (`2023-09-24T14:31:13Z`, `…+02:00`) as a Date, or
 * undefined when the text is not one or names no real instant (February 30, hour 25).
 * @example
 * parseIsoTimestamp('2023-09-24T14:31:13Z')?.getTime() // 1695565873000
 */
export function parseIsoTimestamp(value: string): Date | undefined {
  const m = ISO_TIMESTAMP.exec(value)
  if (!m) return undefined
  const [year, month, day, hour, minute, second, offH, offM] = m.slice(1).map((p) => (p === undefined ? 0 : Number(p))) as number[]
  const isReal =
    month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth(year!, month!) &&
    hour! <= 23 && minute! <= 59 && second! <= 59 && offH! <= 23 && offM! <= 59
  const time = Date.parse(value)
  return isReal && !Number.isNaN(time) ? new Date(time) : undefined
}

function validateSchedule(value: unknown): JobScheduleFrequency {
  const field = 'scheduleFrequency'
  const schedule = record(value, field)
  const given = (['dailySchedule', 'weeklySchedule', 'monthlySchedule'] as const).filter((k) => schedule[k] !== undefined && schedule[k] !== null)
  if (given.length !== 1) {
    fail(`${field} must specify exactly one of dailySchedule, weeklySchedule or monthlySchedule${given.length > 1 ? `, not ${given.join(' and ')}` : ''}`)
  }
  if (given[0] === 'dailySchedule') {
    record(schedule.dailySchedule, `${field}.dailySchedule`)
    return { dailySchedule: {} }
  }
  if (given[0] === 'weeklySchedule') {
    const weekly = record(schedule.weeklySchedule, `${field}.weeklySchedule`)
    return { weeklySchedule: { dayOfWeek: oneOf(weekly.dayOfWeek, `${field}.weeklySchedule.dayOfWeek`, DAYS_OF_WEEK) } }
  }
  const monthly = record(schedule.monthlySchedule, `${field}.monthlySchedule`)
  const day = monthly.dayOfMonth
  if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > 31) {
    fail(`${field}.monthlySchedule.dayOfMonth must be an integer from 1 to 31`)
  }
  return { monthlySchedule: { dayOfMonth: day } }
}

function validateBucketDefinitions(value: unknown, field: string): NonNullable<S3JobDefinition['bucketDefinitions']> {
  const definitions = list(value, field)
  if (definitions.length === 0) fail(`${field} must list at least one account and its buckets`)
  let total = 0
  const result = definitions.map((d, i) => {
    const at = `${field}[${i}]`
    const definition = record(d, at)
    if (definition.accountId === undefined) fail(`${at}.accountId is required`)
    const accountId = text(definition.accountId, `${at}.accountId`, 64)
    if (!/^\d{12}$/.test(accountId)) fail(`${at}.accountId must be a 12-digit account ID`)
    if (definition.buckets === undefined) fail(`${at}.buckets is required`)
    const buckets = list(definition.buckets, `${at}.buckets`).map((b, j) => {
      const name = text(b, `${at}.buckets[${j}]`, 255, 1)
      // Buckets may be local folders: a name must never reach outside the folder of buckets.
      if (name === '.' || name === '..' || /[/\\]/.test(name)) fail(`${at}.buckets[${j}] is not a valid bucket name`)
      return name
    })
    if (buckets.length === 0) fail(`${at}.buckets must list at least one bucket`)
    total += buckets.length
    return { accountId, buckets }
  })
  if (total > MAX_BUCKETS) fail(`${field} must list at most ${MAX_BUCKETS} buckets, not ${total}`)
  return result
}

function validateCriterion(value: unknown, at: string): CriteriaForJob {
  const criterion = record(value, at)
  const hasSimple = criterion.simpleCriterion !== undefined && criterion.simpleCriterion !== null
  const hasTag = criterion.tagCriterion !== undefined && criterion.tagCriterion !== null
  if (hasSimple === hasTag) fail(`${at} must specify simpleCriterion or tagCriterion, not both`)
  if (hasSimple) {
    const field = `${at}.simpleCriterion`
    const simple = record(criterion.simpleCriterion, field)
    const key = oneOf(simple.key, `${field}.key`, Object.keys(BUCKET_CRITERION_VALUES))
    const comparator = oneOf(simple.comparator, `${field}.comparator`, ['EQ', 'NE'])
    const values = list(simple.values ?? [], `${field}.values`).map((v, i) => text(v, `${field}.values[${i}]`, 255, 1))
    if (values.length === 0) fail(`${field}.values must list at least one value`)
    const allowed = BUCKET_CRITERION_VALUES[key]
    values.forEach((v, i) => {
      if (allowed && !allowed.includes(v)) fail(`${field}.values[${i}] must be one of ${allowed.join(', ')} for ${key}, not ${v}`)
      if (key === 'ACCOUNT_ID' && !/^\d{12}$/.test(v)) fail(`${field}.values[${i}] must be a 12-digit account ID`)
    })
    return { simpleCriterion: { comparator, key, values } }
  }
  const field = `${at}.tagCriterion`
  const tag = record(criterion.tagCriterion, field)
  const comparator = oneOf(tag.comparator, `${field}.comparator`, ['EQ', 'NE'])
  const pairs = list(tag.tagValues ?? [], `${field}.tagValues`)
  if (pairs.length === 0) fail(`${field}.tagValues must list at least one tag key or value`)
  const tagValues = pairs.map((p, i) => {
    const pairField = `${field}.tagValues[${i}]`
    const pair = record(p, pairField)
    const key = pair.key === undefined || pair.key === null ? '' : text(pair.key, `${pairField}.key`, MAX_TAG_KEY)
    const value = pair.value === undefined || pair.value === null ? '' : text(pair.value, `${pairField}.value`, MAX_TAG_VALUE)
    if (key === '' && value === '') fail(`${pairField} must give a tag key, a tag value or both`)
    return { ...(key ? { key } : {}), ...(value ? { value } : {}) }
  })
  return { tagCriterion: { comparator, tagValues } }
}

function validateBlock<T>(value: unknown, field: string, item: (v: unknown, at: string) => T): { and: T[] } | undefined {
  if (value === undefined || value === null) return undefined
  const block = record(value, field)
  const and = block.and === undefined || block.and === null ? [] : list(block.and, `${field}.and`)
  return { and: and.map((v, i) => item(v, `${field}.and[${i}]`)) }
}

function validateScopeValues(key: string, values: string[], field: string): void {
  if (values.length === 0) fail(`${field} must list at least one value`)
  switch (key) {
    case 'OBJECT_EXTENSION':
      values.forEach((v, i) => {
        if (v.startsWith('.')) fail(`${field}[${i}] must be a file name extension without the dot (pdf, not .pdf)`)
      })
      return
    case 'OBJECT_KEY':
      values.forEach((v, i) => {
        if (v === '') fail(`${field}[${i}] must be a non-empty key prefix`)
      })
      return
    case 'OBJECT_LAST_MODIFIED_DATE':
      if (values.length !== 1) fail(`${field} must hold exactly one timestamp for OBJECT_LAST_MODIFIED_DATE`)
      if (!parseIsoTimestamp(values[0]!)) fail(`${field}[0] must be an ISO-8601 timestamp such as 2023-09-24T14:31:13Z`)
      return
    case 'OBJECT_SIZE':
      if (values.length !== 1) fail(`${field} must hold exactly one size in bytes for OBJECT_SIZE`)
      if (!/^\d+$/.test(values[0]!) || !Number.isSafeInteger(Number(values[0]))) fail(`${field}[0] must be a non-negative integer (bytes)`)
      return
  }
}

function validateScopeTerm(value: unknown, at: string): JobScopeTerm {
  const term = record(value, at)
  const hasSimple = term.simpleScopeTerm !== undefined && term.simpleScopeTerm !== null
  const hasTag = term.tagScopeTerm !== undefined && term.tagScopeTerm !== null
  if (hasSimple === hasTag) fail(`${at} must specify simpleScopeTerm or tagScopeTerm, not both`)
  if (hasSimple) {
    const field = `${at}.simpleScopeTerm`
    const simple = record(term.simpleScopeTerm, field)
    const key = oneOf(simple.key, `${field}.key`, Object.keys(SCOPE_COMPARATORS))
    const comparator = oneOf(simple.comparator, `${field}.comparator`, JOB_COMPARATORS)
    if (comparator === 'CONTAINS') fail(`${field}.comparator CONTAINS is not valid for scoping`)
    const allowed = SCOPE_COMPARATORS[key]!
    if (!allowed.includes(comparator)) fail(`${field}.comparator must be one of ${allowed.join(', ')} for ${key}, not ${comparator}`)
    const values = list(simple.values ?? [], `${field}.values`).map((v, i) => text(v, `${field}.values[${i}]`, 1024))
    validateScopeValues(key, values, `${field}.values`)
    return { simpleScopeTerm: { comparator, key, values } }
  }
  const field = `${at}.tagScopeTerm`
  const tag = record(term.tagScopeTerm, field)
  const comparator = oneOf(tag.comparator, `${field}.comparator`, JOB_COMPARATORS)
  if (comparator !== 'EQ' && comparator !== 'NE') fail(`${field}.comparator must be EQ or NE, not ${comparator}`)
  const key = oneOf(tag.key, `${field}.key`, ['TAG'])
  const target = oneOf(tag.target, `${field}.target`, ['S3_OBJECT'])
  const pairs = list(tag.tagValues ?? [], `${field}.tagValues`)
  if (pairs.length === 0) fail(`${field}.tagValues must list at least one tag key`)
  const tagValues = pairs.map((p, i) => {
    const pairField = `${field}.tagValues[${i}]`
    const pair = record(p, pairField)
    if (pair.key === undefined || pair.key === null) fail(`${pairField}.key is required`)
    // An empty value means "the key, whatever its value" (Macie's key-only condition).
    const value = pair.value === undefined || pair.value === null ? '' : text(pair.value, `${pairField}.value`, MAX_TAG_VALUE)
    return { key: text(pair.key, `${pairField}.key`, MAX_TAG_KEY, 1), value }
  })
  return { tagScopeTerm: { comparator, key, tagValues, target } }
}

function validateS3JobDefinition(value: unknown): S3JobDefinition {
  const field = 's3JobDefinition'
  const definition = record(value, field)
  const hasDefinitions = definition.bucketDefinitions !== undefined && definition.bucketDefinitions !== null
  const hasCriteria = definition.bucketCriteria !== undefined && definition.bucketCriteria !== null
  if (hasDefinitions && hasCriteria) fail(`${field} must specify bucketDefinitions or bucketCriteria, not both`)
  if (!hasDefinitions && !hasCriteria) fail(`${field} must specify bucketDefinitions or bucketCriteria`)
  const result: S3JobDefinition = {}
  if (hasDefinitions) {
    result.bucketDefinitions = validateBucketDefinitions(definition.bucketDefinitions, `${field}.bucketDefinitions`)
  } else {
    const criteria = record(definition.bucketCriteria, `${field}.bucketCriteria`)
    const includes = validateBlock(criteria.includes, `${field}.bucketCriteria.includes`, validateCriterion)
    const excludes = validateBlock(criteria.excludes, `${field}.bucketCriteria.excludes`, validateCriterion)
    result.bucketCriteria = { ...(includes ? { includes } : {}), ...(excludes ? { excludes } : {}) }
  }
  if (definition.scoping !== undefined && definition.scoping !== null) {
    const scoping = record(definition.scoping, `${field}.scoping`)
    const includes = validateBlock(scoping.includes, `${field}.scoping.includes`, validateScopeTerm)
    const excludes = validateBlock(scoping.excludes, `${field}.scoping.excludes`, validateScopeTerm)
    result.scoping = { ...(includes ? { includes } : {}), ...(excludes ? { excludes } : {}) }
  }
  return result
}

/**
 * Checks a CreateClassificationJob request body against Macie's rules and returns the job to
 * store: RUNNING (one-time, or scheduled with `initialRun`) or IDLE, with its ID, ARN, zeroed
 * statistics and, for scheduled jobs, the next scheduled run after now (an initial run starts
 * now, as its RUNNING status says). Custom data identifier and allow list IDs are only checked
 * for shape and count here: whether they exist, and whether the clientToken was seen before,
 * is for the caller, which holds the store.
 * @example
 * const job = validateCreateJobRequest(body, { accountId: '111122223333', region: 'us-east-1' }, { now: new Date(), newJobId })
 */
export function validateCreateJobRequest(request: unknown, scope: Scope, options: CreateJobOptions): JobRow {
  if (!isRecord(request)) fail('the request body must be a JSON object')
  for (const required of ['name', 'clientToken', 'jobType', 's3JobDefinition'] as const) {
    if (request[required] === undefined || request[required] === null) fail(`${required} is required`)
  }
  const name = text(request.name, 'name', MAX_NAME, 1)
  const description = request.description === undefined || request.description === null ? undefined : text(request.description, 'description', MAX_DESCRIPTION)
  const clientToken = text(request.clientToken, 'clientToken', MAX_CLIENT_TOKEN, 1)
  const jobType = oneOf(request.jobType, 'jobType', JOB_TYPES)

  const hasSchedule = request.scheduleFrequency !== undefined && request.scheduleFrequency !== null
  if (request.initialRun !== undefined && request.initialRun !== null && typeof request.initialRun !== 'boolean') fail('initialRun must be a boolean')
  let scheduleFrequency: JobScheduleFrequency | undefined
  let initialRun = false
  if (jobType === 'ONE_TIME') {
    if (hasSchedule) fail('scheduleFrequency must not be specified when jobType is ONE_TIME')
    // Describe reports initialRun false for one-time jobs; accept that value back, refuse true.
    if (request.initialRun === true) fail('initialRun must not be specified when jobType is ONE_TIME')
  } else {
    if (!hasSchedule) fail('scheduleFrequency is required when jobType is SCHEDULED')
    scheduleFrequency = validateSchedule(request.scheduleFrequency)
    initialRun = request.initialRun === true
  }

  let samplingPercentage = 100
  if (request.samplingPercentage !== undefined && request.samplingPercentage !== null) {
    const p = request.samplingPercentage
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 100) fail('samplingPercentage must be an integer from 1 to 100')
    samplingPercentage = p
  }

  const selector =
    request.managedDataIdentifierSelector === undefined || request.managedDataIdentifierSelector === null
      ? 'RECOMMENDED'
      : oneOf(request.managedDataIdentifierSelector, 'managedDataIdentifierSelector', MANAGED_SELECTORS)
  const managedIds = idList(request.managedDataIdentifierIds, 'managedDataIdentifierIds')
  const customIds = idList(request.customDataIdentifierIds, 'customDataIdentifierIds', MAX_CUSTOM_IDS)
  const allowListIds = idList(request.allowListIds, 'allowListIds', MAX_ALLOW_LISTS)
  // The detector's own check: known managed IDs, IDs only with INCLUDE/EXCLUDE, NONE needs a custom one.
  selectManagedIdentifiers(managedIdentifiers, selector, managedIds, customIds.length)

  const s3JobDefinition = validateS3JobDefinition(request.s3JobDefinition)
  const tags = validateTags(request.tags)

  const jobId = options.newJobId()
  const now = options.now
  return {
    accountId: scope.accountId,
    region: scope.region,
    jobId,
    jobArn: `arn:${options.partition ?? 'aws'}:macie2:${scope.region}:${scope.accountId}:classification-job/${jobId}`,
    name,
    ...(description !== undefined ? { description } : {}),
    jobType,
    jobStatus: jobType === 'ONE_TIME' || initialRun ? 'RUNNING' : 'IDLE',
    clientToken,
    createdAt: now,
    initialRun,
    samplingPercentage,
    managedDataIdentifierSelector: selector,
    ...(selector === 'INCLUDE' || selector === 'EXCLUDE' ? { managedDataIdentifierIds: managedIds } : {}),
    ...(customIds.length > 0 ? { customDataIdentifierIds: customIds } : {}),
    ...(allowListIds.length > 0 ? { allowListIds } : {}),
    s3JobDefinition,
    ...(scheduleFrequency ? { scheduleFrequency, nextRunAt: nextRunAt(scheduleFrequency, now, options.scheduleHourUtc) } : {}),
    tags,
    lastRunErrorCode: 'NONE',
    approximateNumberOfObjectsToProcess: 0,
    numberOfRuns: 0,
  }
}

/**
 * A new job ID: 32 lowercase hex characters from a cryptographic random source, as in Macie's.
 * @example
 * newJobId() // 'f1e2d3c4b5a6978812345678abcdef01'
 */
export function newJobId(): string {
  return randomBytes(16).toString('hex')
}
