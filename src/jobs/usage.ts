// Usage accounting as Macie reports it: GetUsageTotals, GetUsageStatistics (filters, sorting,
// pages) and the monthly quota, over the store's monthly usage rows. Counting the bytes is the
// runner's job; this module only reads what it recorded.
//
// trawl is self-hosted, so every estimated cost is "0" USD; the quantities behind them (bytes and
// objects analysed) are available through `usageQuantities`. Rows are kept per calendar month
// (UTC), so PAST_30_DAYS counts every month the window touches in full: an upper bound that can
// include up to 30 days before the window's start.
import { InvalidInputError } from '../errors.js'
import type { Scope, Store, UsageRow } from '../store/types.js'
import { compareNumbers } from './compare-numbers.js'
import { DEFAULT_MONTHLY_QUOTA_BYTES, usageMonth } from './context.js'
import { decodePageToken, pageAfter, queryFingerprint } from './page-token.js'
import { parseIsoTimestamp } from './validate.js'

/** Macie's `TimeRange`: the calendar month so far, or the preceding 30 days. */
export type TimeRange = 'MONTH_TO_DATE' | 'PAST_30_DAYS'
/** Macie's `UsageType`. */
export type UsageType = UsageRow['type']

/** Every usage type, in the order Macie's model lists them (and totals are reported in). */
export const USAGE_TYPES: readonly UsageType[] = ['DATA_INVENTORY_EVALUATION', 'SENSITIVE_DATA_DISCOVERY', 'AUTOMATED_SENSITIVE_DATA_DISCOVERY', 'AUTOMATED_OBJECT_MONITORING']

const TIME_RANGES: readonly TimeRange[] = ['MONTH_TO_DATE', 'PAST_30_DAYS']
// Macie's model: "If you don't specify a value … Amazon Macie provides … data for the preceding 30 days."
const DEFAULT_TIME_RANGE: TimeRange = 'PAST_30_DAYS'
const WINDOW_MS = 30 * 24 * 3600 * 1000
// The quota is reported in Macie's unit; DEFAULT_MONTHLY_QUOTA_BYTES counts a terabyte as 1024⁴ bytes.
const TERABYTE = 1024 ** 4

/** Page size of GetUsageStatistics when the request names none. */
export const DEFAULT_MAX_RESULTS = 50
/** Largest page; a larger `maxResults` is served as this many (Macie documents no bound). */
export const MAX_MAX_RESULTS = 1000

/** Macie's `UsageTotal`. */
export interface UsageTotal {
  type: UsageType
  estimatedCost: string
  currency: 'USD'
}

/** Macie's `GetUsageTotalsResponse`. */
export interface UsageTotalsResponse {
  timeRange: TimeRange
  usageTotals: UsageTotal[]
}

/** What one usage type measured over a time range. */
export interface UsageQuantity {
  type: UsageType
  bytes: number
  objects: number
}

/** The quantities of every usage type over a time range, and the months they were read from. */
export interface UsageQuantities {
  timeRange: TimeRange
  /** The calendar months ('2026-11') counted, oldest first. */
  months: string[]
  quantities: UsageQuantity[]
}

/** Macie's `ServiceLimit`. */
export interface ServiceLimit {
  isServiceLimited: boolean
  unit: 'TERABYTES'
  value: number
}

/** Macie's `UsageByAccount`. */
export interface UsageByAccount {
  type: UsageType
  estimatedCost: string
  currency: 'USD'
  serviceLimit?: ServiceLimit
}

/** Macie's `UsageRecord`; `freeTrialStartDate` is ISO-8601, null when unknown. */
export interface UsageRecord {
  accountId: string
  freeTrialStartDate: string | null
  usage: UsageByAccount[]
}

/** Macie's `UsageStatisticsFilter`. */
export interface UsageStatisticsFilter {
  key?: string
  comparator?: string
  values?: string[]
}

/** Macie's `GetUsageStatisticsRequest`; fields are checked, so any JSON may be passed. */
export interface GetUsageStatisticsRequest {
  filterBy?: UsageStatisticsFilter[]
  sortBy?: { key?: string; orderBy?: string }
  maxResults?: number
  nextToken?: string
  timeRange?: string
}

/** Macie's `GetUsageStatisticsResponse`. */
export interface UsageStatisticsResponse {
  records: UsageRecord[]
  nextToken?: string
  timeRange: TimeRange
}

/** How much of its monthly quota a scope has used this calendar month. */
export interface QuotaStatus {
  usedBytes: number
  quotaBytes: number
  /** True once the quota is reached: no more bytes may be analysed this month. */
  isExceeded: boolean
}

function fail(message: string): never {
  throw new InvalidInputError(message)
}

function timeRangeOf(value: unknown): TimeRange {
  if (value === undefined || value === null) return DEFAULT_TIME_RANGE
  if (typeof value !== 'string' || !(TIME_RANGES as readonly string[]).includes(value)) fail(`timeRange must be MONTH_TO_DATE or PAST_30_DAYS, not ${String(value)}`)
  return value as TimeRange
}

/** The months ('2026-11') from the one holding `from` to the one holding `to`, oldest first. */
function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = []
  const at = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1))
  const last = usageMonth(to)
  for (let month = usageMonth(at); month <= last; month = usageMonth(at)) {
    months.push(month)
    at.setUTCMonth(at.getUTCMonth() + 1)
  }
  return months
}

/** The months a time range reads: this month, or every month the past 30 days touch. */
function monthsOf(timeRange: TimeRange, now: Date): string[] {
  return timeRange === 'MONTH_TO_DATE' ? [usageMonth(now)] : monthsBetween(new Date(now.getTime() - WINDOW_MS), now)
}

function sumOf(rows: readonly UsageRow[], type: UsageType): UsageQuantity {
  const ofType = rows.filter((r) => r.type === type)
  return { type, bytes: ofType.reduce((n, r) => n + r.bytes, 0), objects: ofType.reduce((n, r) => n + r.objects, 0) }
}

/**
 * Bytes and objects per usage type of a scope over a time range (default PAST_30_DAYS, which
 * counts whole months: see the module comment).
 * @example
 * const { quantities } = await usageQuantities(store, { accountId: '111122223333', region: 'us-east-1' }, { timeRange: 'MONTH_TO_DATE' })
 */
export async function usageQuantities(store: Store, scope: Scope, request: { timeRange?: TimeRange | (string & {}) } = {}, now = new Date()): Promise<UsageQuantities> {
  const timeRange = timeRangeOf(request.timeRange)
  const months = monthsOf(timeRange, now)
  const rows = await store.usage.list(scope, months)
  return { timeRange, months, quantities: USAGE_TYPES.map((type) => sumOf(rows, type)) }
}

/**
 * GetUsageTotals for a scope: one total per usage type, each "0" USD since trawl is self-hosted.
 * @example
 * const { usageTotals } = await getUsageTotals(store, { accountId: '111122223333', region: 'us-east-1' }, { timeRange: 'PAST_30_DAYS' })
 */
export async function getUsageTotals(store: Store, scope: Scope, request: { timeRange?: TimeRange | (string & {}) } = {}, now = new Date()): Promise<UsageTotalsResponse> {
  const { timeRange } = await usageQuantities(store, scope, request, now)
  return { timeRange, usageTotals: USAGE_TYPES.map((type) => ({ type, estimatedCost: '0', currency: 'USD' })) }
}

/**
 * A scope's SENSITIVE_DATA_DISCOVERY bytes this calendar month (UTC) against its monthly quota.
 * @example
 * const { isExceeded } = await quotaStatus(store, { accountId: '111122223333', region: 'us-east-1' })
 */
export async function quotaStatus(store: Store, scope: Scope, monthlyQuotaBytes = DEFAULT_MONTHLY_QUOTA_BYTES, now = new Date()): Promise<QuotaStatus> {
  const rows = await store.usage.list(scope, [usageMonth(now)])
  const usedBytes = sumOf(rows, 'SENSITIVE_DATA_DISCOVERY').bytes
  return { usedBytes, quotaBytes: monthlyQuotaBytes, isExceeded: usedBytes >= monthlyQuotaBytes }
}

// ---- GetUsageStatistics ------------------------------------------------------------------

const FILTER_KEYS = ['accountId', 'serviceLimit', 'freeTrialStartDate', 'total'] as const
const ORDER_COMPARATORS = ['EQ', 'NE', 'GT', 'GTE', 'LT', 'LTE'] as const
const SORT_KEYS = ['accountId', 'total', 'serviceLimitValue', 'freeTrialStartDate'] as const

type FilterKey = (typeof FILTER_KEYS)[number]
type SortKey = (typeof SORT_KEYS)[number]
/** A sort or filter value; null for an unknown free trial start, which sorts before any date. */
type Value = string | number | null

interface Filter {
  key: FilterKey
  comparator: string
  /** accountId: the IDs; serviceLimit: 0 or 1; freeTrialStartDate: epoch ms; total: the amount. */
  values: Array<string | number>
}

/** What filters and sorting read of an account. */
interface Facts {
  record: UsageRecord
  total: number
  isServiceLimited: boolean
  serviceLimitValue: number
  freeTrialStartMs: number | null
}

function validateFilter(raw: unknown, at: string): Filter {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(`${at} must be an object`)
  const { key, comparator: given, values } = raw as Record<string, unknown>
  if (typeof key !== 'string' || !(FILTER_KEYS as readonly string[]).includes(key)) fail(`${at}.key must be one of ${FILTER_KEYS.join(', ')}`)
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) fail(`${at}.values must list at least one string`)
  const strings = values as string[]
  if (key === 'accountId') {
    if (given !== undefined && given !== null && given !== 'CONTAINS') fail(`${at}.comparator must be CONTAINS for accountId`)
    const bad = strings.find((v) => !/^\d{12}$/.test(v))
    if (bad !== undefined) fail(`${at}.values must be 12-digit account IDs, not ${bad}`)
    return { key, comparator: 'CONTAINS', values: strings }
  }
  // Booleans have no order: GT or LT on serviceLimit could only be a mistake.
  const allowed: readonly string[] = key === 'serviceLimit' ? ['EQ', 'NE'] : ORDER_COMPARATORS
  const comparator = given ?? 'EQ'
  if (typeof comparator !== 'string' || !allowed.includes(comparator)) fail(`${at}.comparator must be one of ${allowed.join(', ')} for ${key}`)
  if (strings.length !== 1) fail(`${at}.values must hold exactly one value for ${key}`)
  const value = strings[0]!
  switch (key) {
    case 'serviceLimit': {
      const lower = value.toLowerCase()
      if (lower !== 'true' && lower !== 'false') fail(`${at}.values must be true or false for serviceLimit, not ${value}`)
      return { key, comparator, values: [lower === 'true' ? 1 : 0] }
    }
    case 'freeTrialStartDate': {
      const start = parseIsoTimestamp(value) ?? fail(`${at}.values must be an ISO-8601 timestamp such as 2026-03-04T10:00:00Z, not ${value}`)
      return { key, comparator, values: [start.getTime()] }
    }
    default: {
      if (!/^\d+(\.\d+)?$/.test(value)) fail(`${at}.values must be an amount such as 0 or 12.50 for total, not ${value}`)
      return { key: 'total', comparator, values: [Number(value)] }
    }
  }
}

function validateFilters(value: unknown): Filter[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) fail('filterBy must be an array')
  return value.map((raw: unknown, i) => validateFilter(raw, `filterBy[${i}]`))
}

function holds(facts: Facts, filter: Filter): boolean {
  switch (filter.key) {
    case 'accountId':
      // "CONTAINS" with many values: the list of IDs contains the account (exact IDs).
      return filter.values.includes(facts.record.accountId)
    case 'serviceLimit':
      return compareNumbers(facts.isServiceLimited ? 1 : 0, filter.comparator, filter.values[0] as number)
    case 'freeTrialStartDate':
      // An unknown start compares with nothing, NE included, as SQL's null does.
      return facts.freeTrialStartMs !== null && compareNumbers(facts.freeTrialStartMs, filter.comparator, filter.values[0] as number)
    case 'total':
      return compareNumbers(facts.total, filter.comparator, filter.values[0] as number)
  }
}

function sortValue(facts: Facts, key: SortKey): Value {
  switch (key) {
    case 'accountId':
      return facts.record.accountId
    case 'total':
      return facts.total
    case 'serviceLimitValue':
      return facts.serviceLimitValue
    case 'freeTrialStartDate':
      return facts.freeTrialStartMs
  }
}

/** Orders by the sort value (null first), then by account ID so ties keep one order across pages. */
function compareKeys(a: [Value, string], b: [Value, string], direction: 1 | -1): number {
  if (a[0] !== b[0]) {
    if (a[0] === null) return -direction
    if (b[0] === null) return direction
    return (a[0] < b[0] ? -1 : 1) * direction
  }
  return a[1] === b[1] ? 0 : (a[1] < b[1] ? -1 : 1) * direction
}

const isValue = (k: unknown): k is Value => k === null || typeof k === 'string' || typeof k === 'number'

/** What filters, sorting and the record read of one account. */
async function factsOf(store: Store, scope: Scope, monthlyQuotaBytes: number, now: Date): Promise<Facts> {
  const [quota, session] = await Promise.all([quotaStatus(store, scope, monthlyQuotaBytes, now), store.sessions.get(scope)])
  // Macie's free trial starts when Macie is enabled; trawl's equivalent is the session's creation.
  const freeTrialStartMs = session ? session.createdAt.getTime() : null
  const serviceLimitValue = Math.round(monthlyQuotaBytes / TERABYTE)
  const usage = USAGE_TYPES.map((type): UsageByAccount => ({
    type,
    estimatedCost: '0',
    currency: 'USD',
    ...(type === 'SENSITIVE_DATA_DISCOVERY' ? { serviceLimit: { isServiceLimited: quota.isExceeded, unit: 'TERABYTES' as const, value: serviceLimitValue } } : {}),
  }))
  return {
    record: { accountId: scope.accountId, freeTrialStartDate: freeTrialStartMs === null ? null : new Date(freeTrialStartMs).toISOString(), usage },
    total: 0,
    isServiceLimited: quota.isExceeded,
    serviceLimitValue,
    freeTrialStartMs,
  }
}

/**
 * GetUsageStatistics over the accounts a caller may see in one region: one record per account
 * with every usage type ("0" USD) and the monthly quota of SENSITIVE_DATA_DISCOVERY in whole
 * terabytes, `isServiceLimited` once this month's bytes reach it. Filters are ANDed; sorting
 * defaults to accountId ASC; the token names the last record, so pages do not shift.
 * `freeTrialStartDate` is when Macie was enabled for the account in the region (its session's
 * creation), null when it never was. The time range is checked and echoed but changes no record:
 * every cost is "0" and the quota counts the calendar month.
 * @example
 * const { records } = await getUsageStatistics(store, [{ accountId: '111122223333', region: 'us-east-1' }], { sortBy: { key: 'accountId', orderBy: 'DESC' } })
 */
export async function getUsageStatistics(
  store: Store,
  scopes: readonly Scope[],
  request: GetUsageStatisticsRequest = {},
  options: { monthlyQuotaBytes?: number; now?: Date } = {},
): Promise<UsageStatisticsResponse> {
  const regions = new Set(scopes.map((s) => s.region))
  if (regions.size > 1) throw new Error(`getUsageStatistics reads one region, not ${[...regions].join(', ')}`)
  if (typeof request !== 'object' || request === null) fail('the request must be an object')

  const filters = validateFilters(request.filterBy)
  const sort: unknown = request.sortBy ?? {}
  if (typeof sort !== 'object' || sort === null) fail('sortBy must be an object')
  const { key = 'accountId', orderBy = 'ASC' } = sort as Record<string, unknown>
  if (typeof key !== 'string' || !(SORT_KEYS as readonly string[]).includes(key)) fail(`sortBy.key must be one of ${SORT_KEYS.join(', ')}`)
  if (orderBy !== 'ASC' && orderBy !== 'DESC') fail('sortBy.orderBy must be ASC or DESC')
  const sortKey = key as SortKey
  const direction = orderBy === 'ASC' ? 1 : -1
  const maxResults: unknown = request.maxResults ?? DEFAULT_MAX_RESULTS
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1) fail('maxResults must be a positive integer')
  const pageSize = Math.min(maxResults, MAX_MAX_RESULTS)
  const timeRange = timeRangeOf(request.timeRange)
  const monthlyQuotaBytes = options.monthlyQuotaBytes ?? DEFAULT_MONTHLY_QUOTA_BYTES
  const now = options.now ?? new Date()

  const fingerprint = queryFingerprint([filters, sortKey, direction, timeRange])
  const after = decodePageToken(request.nextToken, fingerprint, isValue, 'filterBy, sortBy and timeRange')

  const unique = [...new Map(scopes.map((s) => [s.accountId, s])).values()]
  // Only accounts an accountId filter names are read: an administrator may see thousands.
  const named = filters.filter((f) => f.key === 'accountId')
  const candidates = unique.filter((s) => named.every((f) => f.values.includes(s.accountId)))
  const facts = await Promise.all(candidates.map((s) => factsOf(store, s, monthlyQuotaBytes, now)))

  const keyOf = (f: Facts): [Value, string] => [sortValue(f, sortKey), f.record.accountId]
  const compare = (a: [Value, string], b: [Value, string]): number => compareKeys(a, b, direction)
  const selected = facts.filter((f) => filters.every((filter) => holds(f, filter))).sort((a, b) => compare(keyOf(a), keyOf(b)))
  const { items, nextToken } = pageAfter(selected, { after, pageSize, fingerprint, keyOf, compare })
  return { records: items.map((f) => f.record), ...(nextToken ? { nextToken } : {}), timeRange }
}
