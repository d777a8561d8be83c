import { after, afterEach, before, beforeEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError } from '../errors.js'
import { openSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { Scope, Store, UsageRow } from '../store/types.js'
import { getUsageStatistics, getUsageTotals, quotaStatus, usageQuantities, type GetUsageStatisticsRequest, type UsageStatisticsResponse } from './usage.js'

const TIB = 1024 ** 4
const REGION = 'us-east-1'
const NOW = new Date('2026-11-15T12:00:00Z')
const A: Scope = { accountId: '111111111111', region: REGION }
const B: Scope = { accountId: '222222222222', region: REGION }
const C: Scope = { accountId: '333333333333', region: REGION }
const D: Scope = { accountId: '444444444444', region: REGION }
const A_EU: Scope = { accountId: A.accountId, region: 'eu-west-1' }
const SDD = 'SENSITIVE_DATA_DISCOVERY'
const ALL_TYPES = ['DATA_INVENTORY_EVALUATION', 'SENSITIVE_DATA_DISCOVERY', 'AUTOMATED_SENSITIVE_DATA_DISCOVERY', 'AUTOMATED_OBJECT_MONITORING']

async function add(store: Store, scope: Scope, month: string, type: UsageRow['type'], bytes: number, objects: number): Promise<void> {
  await store.accounts.ensure(scope.accountId)
  await store.usage.add({ ...scope, month, type, bytes, objects })
}

async function enable(store: Store, scope: Scope, createdAt: string): Promise<void> {
  await store.accounts.ensure(scope.accountId)
  const at = new Date(createdAt)
  await store.sessions.put({ ...scope, status: 'ENABLED', findingPublishingFrequency: 'FIFTEEN_MINUTES', createdAt: at, updatedAt: at })
}

function isInvalid(pattern: RegExp): (err: unknown) => boolean {
  return (err) => err instanceof InvalidInputError && pattern.test(err.message)
}

describe('usageQuantities and getUsageTotals', () => {
  let store: Store
  beforeEach(async () => {
    store = await openSqliteStore(':memory:')
    await add(store, A, '2026-09', SDD, 1, 1)
    await add(store, A, '2026-10', SDD, 20, 2)
    await add(store, A, '2026-11', SDD, 300, 3)
    await add(store, A, '2026-11', SDD, 4000, 4) // a second object of the same month adds up
    await add(store, A, '2026-11', 'DATA_INVENTORY_EVALUATION', 50000, 5)
    await add(store, B, '2026-11', SDD, 7, 7) // another account
    await add(store, A_EU, '2026-11', SDD, 9, 9) // the same account in another region
  })
  afterEach(() => store.close())

  it('MONTH_TO_DATE sums this month only, per type, of this account and region only', async () => {
    assert.deepEqual(await usageQuantities(store, A, { timeRange: 'MONTH_TO_DATE' }, NOW), {
      timeRange: 'MONTH_TO_DATE',
      months: ['2026-11'],
      quantities: [
        { type: 'DATA_INVENTORY_EVALUATION', bytes: 50000, objects: 5 },
        { type: SDD, bytes: 4300, objects: 7 },
        { type: 'AUTOMATED_SENSITIVE_DATA_DISCOVERY', bytes: 0, objects: 0 },
        { type: 'AUTOMATED_OBJECT_MONITORING', bytes: 0, objects: 0 },
      ],
    })
    const b = await usageQuantities(store, B, { timeRange: 'MONTH_TO_DATE' }, NOW)
    assert.deepEqual(b.quantities.find((q) => q.type === SDD), { type: SDD, bytes: 7, objects: 7 })
  })

  it('PAST_30_DAYS (the default) counts every month the window touches in full', async () => {
    const past = await usageQuantities(store, A, {}, NOW)
    assert.equal(past.timeRange, 'PAST_30_DAYS')
    assert.deepEqual(past.months, ['2026-10', '2026-11'])
    assert.deepEqual(past.quantities.find((q) => q.type === SDD), { type: SDD, bytes: 4320, objects: 9 })
  })

  const windows: Array<[now: string, months: string[]]> = [
    ['2026-10-31T12:00:00Z', ['2026-10']], // 30 days back is October 1st
    ['2026-10-30T23:59:59Z', ['2026-09', '2026-10']],
    ['2026-03-01T00:00:00Z', ['2026-01', '2026-02', '2026-03']], // February is shorter than the window
    ['2026-01-10T00:00:00Z', ['2025-12', '2026-01']], // across a year
  ]
  for (const [now, months] of windows) {
    it(`PAST_30_DAYS at ${now} reads ${months.join(', ')}`, async () => {
      assert.deepEqual((await usageQuantities(store, A, { timeRange: 'PAST_30_DAYS' }, new Date(now))).months, months)
    })
  }

  it('reports zeros for a scope with no usage', async () => {
    const none = await usageQuantities(store, C, { timeRange: 'MONTH_TO_DATE' }, NOW)
    assert.deepEqual(none.quantities.map((q) => [q.type, q.bytes, q.objects]), ALL_TYPES.map((t) => [t, 0, 0]))
  })

  it('GetUsageTotals: one "0" USD total per usage type, and the time range', async () => {
    const expected = ALL_TYPES.map((type) => ({ type, estimatedCost: '0', currency: 'USD' }))
    assert.deepEqual(await getUsageTotals(store, A, {}, NOW), { timeRange: 'PAST_30_DAYS', usageTotals: expected })
    assert.deepEqual(await getUsageTotals(store, A, { timeRange: 'MONTH_TO_DATE' }, NOW), { timeRange: 'MONTH_TO_DATE', usageTotals: expected })
    assert.deepEqual(await getUsageTotals(store, C, { timeRange: 'PAST_30_DAYS' }, NOW), { timeRange: 'PAST_30_DAYS', usageTotals: expected })
  })

  it('refuses an unknown time range', async () => {
    await assert.rejects(getUsageTotals(store, A, { timeRange: 'LAST_YEAR' }, NOW), isInvalid(/timeRange must be MONTH_TO_DATE or PAST_30_DAYS, not LAST_YEAR/))
    await assert.rejects(usageQuantities(store, A, { timeRange: 'month_to_date' }, NOW), InvalidInputError)
  })
})

describe('quotaStatus', () => {
  let store: Store
  beforeEach(async () => {
    store = await openSqliteStore(':memory:')
  })
  afterEach(() => store.close())

  it('counts this month\'s SENSITIVE_DATA_DISCOVERY bytes of the scope against the quota', async () => {
    await add(store, A, '2026-10', SDD, 999, 1) // last month
    await add(store, A, '2026-11', 'DATA_INVENTORY_EVALUATION', 999, 1) // another type
    await add(store, A_EU, '2026-11', SDD, 999, 1) // another region
    await add(store, A, '2026-11', SDD, 99, 1)
    assert.deepEqual(await quotaStatus(store, A, 100, NOW), { usedBytes: 99, quotaBytes: 100, isExceeded: false })
    await add(store, A, '2026-11', SDD, 1, 1)
    assert.deepEqual(await quotaStatus(store, A, 100, NOW), { usedBytes: 100, quotaBytes: 100, isExceeded: true })
    await add(store, A, '2026-11', SDD, 1, 1)
    assert.deepEqual(await quotaStatus(store, A, 100, NOW), { usedBytes: 101, quotaBytes: 100, isExceeded: true })
    assert.deepEqual(await quotaStatus(store, A, 100, new Date('2026-12-01T00:00:00Z')), { usedBytes: 0, quotaBytes: 100, isExceeded: false })
  })

  it('defaults to 5 TB', async () => {
    await add(store, A, '2026-11', SDD, 5 * TIB - 1, 1)
    assert.deepEqual(await quotaStatus(store, A, undefined, NOW), { usedBytes: 5 * TIB - 1, quotaBytes: 5 * TIB, isExceeded: false })
    await add(store, A, '2026-11', SDD, 1, 1)
    assert.equal((await quotaStatus(store, A, undefined, NOW)).isExceeded, true)
  })
})

describe('getUsageStatistics', () => {
  const QUOTA = 2 * TIB
  const SCOPES = [C, A, D, B] // the order given does not matter
  const TRIAL = { A: '2026-01-10T08:00:00.000Z', B: '2026-03-05T00:00:00.000Z', D: '2025-12-01T00:00:00.000Z' }
  let store: Store

  before(async () => {
    store = await openSqliteStore(':memory:')
    await enable(store, A, TRIAL.A)
    await enable(store, B, TRIAL.B)
    await enable(store, D, TRIAL.D)
    await add(store, A, '2026-11', SDD, 1, 1)
    await add(store, A, '2026-10', SDD, 9 * TIB, 10) // over the quota last month only
    await add(store, B, '2026-11', SDD, 2 * TIB, 20) // exactly at the quota
    await add(store, D, '2026-11', SDD, 3 * TIB, 30)
    await add(store, C, '2026-11', 'DATA_INVENTORY_EVALUATION', 5 * TIB, 1) // not discovery
    await enable(store, A_EU, '2020-01-01T00:00:00Z')
    await add(store, A_EU, '2026-11', SDD, 9 * TIB, 1)
  })
  after(() => store.close())

  async function query(request: GetUsageStatisticsRequest, scopes: readonly Scope[] = SCOPES): Promise<UsageStatisticsResponse> {
    return getUsageStatistics(store, scopes, request, { monthlyQuotaBytes: QUOTA, now: NOW })
  }
  async function ids(request: GetUsageStatisticsRequest): Promise<string[]> {
    return (await query(request)).records.map((r) => r.accountId)
  }
  function usage(isServiceLimited: boolean, value = 2) {
    return ALL_TYPES.map((type) => ({
      type,
      estimatedCost: '0',
      currency: 'USD',
      ...(type === SDD ? { serviceLimit: { isServiceLimited, unit: 'TERABYTES', value } } : {}),
    }))
  }

  it('one record per account, by account ID, with the quota and the free trial start', async () => {
    assert.deepEqual(await query({}), {
      records: [
        { accountId: A.accountId, freeTrialStartDate: TRIAL.A, usage: usage(false) },
        { accountId: B.accountId, freeTrialStartDate: TRIAL.B, usage: usage(true) },
        { accountId: C.accountId, freeTrialStartDate: null, usage: usage(false) },
        { accountId: D.accountId, freeTrialStartDate: TRIAL.D, usage: usage(true) },
      ],
      timeRange: 'PAST_30_DAYS',
    })
  })

  it('reads the default 5 TB quota when none is given, and lists an account once', async () => {
    const { records } = await getUsageStatistics(store, [B, B, D], {}, { now: NOW })
    assert.deepEqual(records.map((r) => [r.accountId, r.usage[1]?.serviceLimit]), [
      [B.accountId, { isServiceLimited: false, unit: 'TERABYTES', value: 5 }],
      [D.accountId, { isServiceLimited: false, unit: 'TERABYTES', value: 5 }],
    ])
  })

  it('reads the region of the scopes given only', async () => {
    const { records } = await query({}, [A_EU])
    assert.deepEqual(records, [{ accountId: A.accountId, freeTrialStartDate: '2020-01-01T00:00:00.000Z', usage: usage(true) }])
    await assert.rejects(query({}, [A, A_EU]), /one region/)
    assert.deepEqual(await query({}, []), { records: [], timeRange: 'PAST_30_DAYS' })
  })

  it('echoes the time range; the quota stays this calendar month\'s', async () => {
    const month = await query({ timeRange: 'MONTH_TO_DATE' })
    assert.equal(month.timeRange, 'MONTH_TO_DATE')
    assert.deepEqual(month.records.map((r) => r.usage[1]?.serviceLimit?.isServiceLimited), [false, true, false, true])
    await assert.rejects(query({ timeRange: 'TODAY' }), isInvalid(/timeRange must be MONTH_TO_DATE or PAST_30_DAYS/))
  })

  const filters: Array<[name: string, filterBy: GetUsageStatisticsRequest['filterBy'], expected: string[]]> = [
    ['accountId CONTAINS two IDs', [{ key: 'accountId', comparator: 'CONTAINS', values: [D.accountId, A.accountId] }], [A.accountId, D.accountId]],
    ['accountId CONTAINS an ID no one has', [{ key: 'accountId', comparator: 'CONTAINS', values: ['999999999999'] }], []],
    ['accountId CONTAINS another region\'s account only', [{ key: 'accountId', values: [A.accountId] }], [A.accountId]],
    ['serviceLimit EQ true', [{ key: 'serviceLimit', comparator: 'EQ', values: ['true'] }], [B.accountId, D.accountId]],
    ['serviceLimit EQ false', [{ key: 'serviceLimit', comparator: 'EQ', values: ['false'] }], [A.accountId, C.accountId]],
    ['serviceLimit NE true', [{ key: 'serviceLimit', comparator: 'NE', values: ['true'] }], [A.accountId, C.accountId]],
    ['serviceLimit EQ TRUE (any case)', [{ key: 'serviceLimit', values: ['TRUE'] }], [B.accountId, D.accountId]],
    ['freeTrialStartDate EQ', [{ key: 'freeTrialStartDate', comparator: 'EQ', values: ['2025-12-01T00:00:00Z'] }], [D.accountId]],
    ['freeTrialStartDate EQ in another zone', [{ key: 'freeTrialStartDate', comparator: 'EQ', values: ['2026-01-10T10:00:00+02:00'] }], [A.accountId]],
    ['freeTrialStartDate NE (unknown starts never match)', [{ key: 'freeTrialStartDate', comparator: 'NE', values: ['2025-12-01T00:00:00Z'] }], [A.accountId, B.accountId]],
    ['freeTrialStartDate GT', [{ key: 'freeTrialStartDate', comparator: 'GT', values: ['2026-01-10T08:00:00Z'] }], [B.accountId]],
    ['freeTrialStartDate GTE', [{ key: 'freeTrialStartDate', comparator: 'GTE', values: ['2026-01-10T08:00:00Z'] }], [A.accountId, B.accountId]],
    ['freeTrialStartDate LT', [{ key: 'freeTrialStartDate', comparator: 'LT', values: ['2026-01-10T08:00:00Z'] }], [D.accountId]],
    ['freeTrialStartDate LTE', [{ key: 'freeTrialStartDate', comparator: 'LTE', values: ['2026-01-10T08:00:00Z'] }], [A.accountId, D.accountId]],
    ['total EQ 0', [{ key: 'total', comparator: 'EQ', values: ['0'] }], [A.accountId, B.accountId, C.accountId, D.accountId]],
    ['total GT 0', [{ key: 'total', comparator: 'GT', values: ['0'] }], []],
    ['total GTE 0.00', [{ key: 'total', comparator: 'GTE', values: ['0.00'] }], [A.accountId, B.accountId, C.accountId, D.accountId]],
    ['total LT 1', [{ key: 'total', comparator: 'LT', values: ['1'] }], [A.accountId, B.accountId, C.accountId, D.accountId]],
    ['total LTE 0', [{ key: 'total', comparator: 'LTE', values: ['0'] }], [A.accountId, B.accountId, C.accountId, D.accountId]],
    ['total NE 0', [{ key: 'total', comparator: 'NE', values: ['0'] }], []],
    [
      'conditions are ANDed',
      [
        { key: 'serviceLimit', comparator: 'EQ', values: ['false'] },
        { key: 'accountId', comparator: 'CONTAINS', values: [A.accountId, B.accountId] },
      ],
      [A.accountId],
    ],
    [
      'two accountId conditions keep the accounts both name',
      [
        { key: 'accountId', comparator: 'CONTAINS', values: [A.accountId, B.accountId] },
        { key: 'accountId', comparator: 'CONTAINS', values: [B.accountId, C.accountId] },
      ],
      [B.accountId],
    ],
    ['an empty filterBy filters nothing', [], [A.accountId, B.accountId, C.accountId, D.accountId]],
  ]
  for (const [name, filterBy, expected] of filters) {
    it(`filter: ${name}`, async () => {
      assert.deepEqual(await ids({ filterBy }), expected)
    })
  }

  const sorts: Array<[sortBy: GetUsageStatisticsRequest['sortBy'], expected: string[]]> = [
    [{ key: 'accountId', orderBy: 'ASC' }, [A.accountId, B.accountId, C.accountId, D.accountId]],
    [{ key: 'accountId', orderBy: 'DESC' }, [D.accountId, C.accountId, B.accountId, A.accountId]],
    [{ orderBy: 'DESC' }, [D.accountId, C.accountId, B.accountId, A.accountId]],
    // An unknown start sorts before any date.
    [{ key: 'freeTrialStartDate', orderBy: 'ASC' }, [C.accountId, D.accountId, A.accountId, B.accountId]],
    [{ key: 'freeTrialStartDate', orderBy: 'DESC' }, [B.accountId, A.accountId, D.accountId, C.accountId]],
    [{ key: 'freeTrialStartDate' }, [C.accountId, D.accountId, A.accountId, B.accountId]],
    // Every total and quota is the same here: ties fall back on the account ID, in the same order.
    [{ key: 'total', orderBy: 'ASC' }, [A.accountId, B.accountId, C.accountId, D.accountId]],
    [{ key: 'total', orderBy: 'DESC' }, [D.accountId, C.accountId, B.accountId, A.accountId]],
    [{ key: 'serviceLimitValue', orderBy: 'ASC' }, [A.accountId, B.accountId, C.accountId, D.accountId]],
    [{ key: 'serviceLimitValue', orderBy: 'DESC' }, [D.accountId, C.accountId, B.accountId, A.accountId]],
  ]
  for (const [sortBy, expected] of sorts) {
    it(`sort: ${JSON.stringify(sortBy)}`, async () => {
      assert.deepEqual(await ids({ sortBy }), expected)
    })
  }

  /** Every page of a query, following nextToken. */
  async function pages(request: GetUsageStatisticsRequest): Promise<string[][]> {
    const all: string[][] = []
    let nextToken: string | undefined
    do {
      const page = await query({ ...request, ...(nextToken ? { nextToken } : {}) })
      all.push(page.records.map((r) => r.accountId))
      nextToken = page.nextToken
      assert.ok(all.length <= 10, 'paging does not end')
    } while (nextToken)
    return all
  }

  it('pages: maxResults records a page, a token until the last one', async () => {
    const first = await query({ maxResults: 3 })
    assert.deepEqual(first.records.map((r) => r.accountId), [A.accountId, B.accountId, C.accountId])
    assert.equal(typeof first.nextToken, 'string')
    const second = await query({ maxResults: 3, nextToken: first.nextToken! })
    assert.deepEqual(second.records.map((r) => r.accountId), [D.accountId])
    assert.equal(second.nextToken, undefined)
    assert.equal((await query({ maxResults: 4 })).nextToken, undefined)
    assert.equal((await query({ maxResults: 5000 })).records.length, 4)
  })

  it('pages follow the sort and filters, an unknown start included', async () => {
    assert.deepEqual(await pages({ maxResults: 1, sortBy: { key: 'freeTrialStartDate', orderBy: 'ASC' } }), [[C.accountId], [D.accountId], [A.accountId], [B.accountId]])
    assert.deepEqual(await pages({ maxResults: 1, sortBy: { key: 'freeTrialStartDate', orderBy: 'DESC' } }), [[B.accountId], [A.accountId], [D.accountId], [C.accountId]])
    assert.deepEqual(await pages({ maxResults: 2, sortBy: { key: 'total', orderBy: 'DESC' } }), [[D.accountId, C.accountId], [B.accountId, A.accountId]])
    assert.deepEqual(await pages({ maxResults: 1, filterBy: [{ key: 'serviceLimit', comparator: 'EQ', values: ['true'] }] }), [[B.accountId], [D.accountId]])
  })

  it('a page goes on after the last record seen, whatever joined before it', async () => {
    const first = await query({ maxResults: 2 })
    const early: Scope = { accountId: '100000000000', region: REGION }
    const late: Scope = { accountId: '300000000000', region: REGION }
    const second = await query({ maxResults: 2, nextToken: first.nextToken! }, [...SCOPES, early, late])
    assert.deepEqual(second.records.map((r) => r.accountId), [late.accountId, C.accountId])
    assert.equal(typeof second.nextToken, 'string')
  })

  const invalid: Array<[name: string, request: unknown, message: RegExp]> = [
    ['filterBy not an array', { filterBy: { key: 'total' } }, /filterBy must be an array/],
    ['a filter not an object', { filterBy: ['total'] }, /filterBy\[0\] must be an object/],
    ['an unknown key', { filterBy: [{ key: 'region', comparator: 'EQ', values: ['x'] }] }, /filterBy\[0\]\.key must be one of accountId, serviceLimit, freeTrialStartDate, total/],
    ['no key', { filterBy: [{ comparator: 'EQ', values: ['0'] }] }, /filterBy\[0\]\.key must be one of/],
    ['no values', { filterBy: [{ key: 'total', comparator: 'EQ', values: [] }] }, /filterBy\[0\]\.values must list at least one string/],
    ['values not strings', { filterBy: [{ key: 'total', comparator: 'EQ', values: [0] }] }, /values must list at least one string/],
    ['accountId with EQ', { filterBy: [{ key: 'accountId', comparator: 'EQ', values: [A.accountId] }] }, /comparator must be CONTAINS for accountId/],
    ['an account ID of 5 digits', { filterBy: [{ key: 'accountId', comparator: 'CONTAINS', values: [A.accountId, '12345'] }] }, /must be 12-digit account IDs, not 12345/],
    ['CONTAINS on total', { filterBy: [{ key: 'total', comparator: 'CONTAINS', values: ['0'] }] }, /filterBy\[0\]\.comparator must be one of EQ, NE, GT, GTE, LT, LTE for total/],
    ['GT on serviceLimit', { filterBy: [{ key: 'serviceLimit', comparator: 'GT', values: ['false'] }] }, /comparator must be one of EQ, NE for serviceLimit/],
    ['serviceLimit not a boolean', { filterBy: [{ key: 'serviceLimit', comparator: 'EQ', values: ['yes'] }] }, /must be true or false for serviceLimit, not yes/],
    ['two values for total', { filterBy: [{ key: 'total', comparator: 'EQ', values: ['0', '1'] }] }, /must hold exactly one value for total/],
    ['a date that is not one', { filterBy: [{ key: 'freeTrialStartDate', comparator: 'GT', values: ['2026-02-30T00:00:00Z'] }] }, /must be an ISO-8601 timestamp/],
    ['a total that is not an amount', { filterBy: [{ key: 'total', comparator: 'EQ', values: ['free'] }] }, /must be an amount such as 0 or 12\.50 for total, not free/],
    ['a second filter wrong', { filterBy: [{ key: 'total', values: ['0'] }, { key: 'total', comparator: 'XX', values: ['0'] }] }, /filterBy\[1\]\.comparator/],
    ['an unknown sort key', { sortBy: { key: 'estimatedCost' } }, /sortBy\.key must be one of accountId, total, serviceLimitValue, freeTrialStartDate/],
    ['an unknown order', { sortBy: { key: 'total', orderBy: 'UP' } }, /sortBy\.orderBy must be ASC or DESC/],
    ['sortBy not an object', { sortBy: 'total' }, /sortBy must be an object/],
    ['maxResults 0', { maxResults: 0 }, /maxResults must be a positive integer/],
    ['maxResults 1.5', { maxResults: 1.5 }, /maxResults must be a positive integer/],
    ['maxResults as text', { maxResults: '10' }, /maxResults must be a positive integer/],
    ['a token that is not one', { nextToken: 'not-a-token' }, /nextToken is not valid/],
    ['a token of another shape', { nextToken: Buffer.from('{"x":1}').toString('base64url') }, /nextToken is not valid/],
  ]
  for (const [name, request, message] of invalid) {
    it(`refuses ${name}`, async () => {
      await assert.rejects(query(request as GetUsageStatisticsRequest), isInvalid(message))
    })
  }

  it('refuses a token from another sort, filter or time range', async () => {
    const { nextToken } = await query({ maxResults: 1 })
    assert.ok(nextToken)
    await assert.rejects(query({ maxResults: 1, nextToken, sortBy: { key: 'accountId', orderBy: 'DESC' } }), isInvalid(/does not belong/))
    await assert.rejects(query({ maxResults: 1, nextToken, filterBy: [{ key: 'total', values: ['0'] }] }), isInvalid(/does not belong/))
    await assert.rejects(query({ maxResults: 1, nextToken, timeRange: 'MONTH_TO_DATE' }), isInvalid(/does not belong/))
    // The page size is not part of the query: a token serves any size.
    assert.deepEqual((await query({ maxResults: 2, nextToken })).records.map((r) => r.accountId), [B.accountId, C.accountId])
  })
})
