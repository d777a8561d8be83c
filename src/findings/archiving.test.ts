import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { openSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { FindingCriteria, FindingsFilterRow, Scope, Store } from '../store/types.js'
import { allFindingsFilters, applyFilterArchiving } from './archiving.js'
import { sampleFindings } from './sample.js'

const A: Scope = { accountId: '111122223333', region: 'us-east-1' }
const B: Scope = { accountId: '444455556666', region: 'us-east-1' }
const PERSONAL = 'SensitiveData:S3Object/Personal'
const FINANCIAL = 'SensitiveData:S3Object/Financial'
const CREDENTIALS = 'SensitiveData:S3Object/Credentials'

const byType = (...types: string[]): FindingCriteria => ({ criterion: { type: { eq: types } } })

function filter(scope: Scope, id: string, action: 'ARCHIVE' | 'NOOP', criteria: FindingCriteria, position = 1): FindingsFilterRow {
  return { ...scope, id, arn: `arn:aws:macie2:${scope.region}:${scope.accountId}:findings-filter/${id}`, name: `filter ${id}`, action, findingCriteria: criteria, position, tags: {} }
}

describe('applyFilterArchiving', () => {
  let store: Store
  const archived = async (scope: Scope): Promise<string[]> => {
    const ids = (await store.findings.list(scope, { criterion: { archived: { eq: ['true'] } } }, undefined, { maxResults: 100 })).items
    return (await store.findings.get(scope, ids)).map((r) => r.finding.type).sort()
  }
  /** Stores the change, then applies it, as the API does. */
  const change = async (before: FindingsFilterRow | undefined, after: FindingsFilterRow | undefined): Promise<number> => {
    if (after && before) await store.findingsFilters.update(after)
    else if (after) await store.findingsFilters.insert(after)
    else if (before) await store.findingsFilters.delete(before, before.id)
    return applyFilterArchiving(store, (after ?? before)!, before, after)
  }

  beforeEach(async () => {
    store = await openSqliteStore(':memory:')
    for (const scope of [A, B]) await store.findings.insertMany(sampleFindings(scope, undefined, new Date()).map((f) => ({ ...scope, id: f.id, finding: f })))
  })
  afterEach(() => store.close())

  it('archives what a new ARCHIVE filter matches, in its own scope only; a NOOP filter archives nothing', async () => {
    assert.equal(await change(undefined, filter(A, 'n', 'NOOP', byType(PERSONAL))), 0)
    assert.deepEqual(await archived(A), [])
    assert.equal(await change(undefined, filter(A, 'f', 'ARCHIVE', byType(PERSONAL, FINANCIAL))), 2)
    assert.deepEqual(await archived(A), [FINANCIAL, PERSONAL])
    assert.deepEqual(await archived(B), [])
  })

  it('un-archives what a filter turned NOOP or deleted matched, unless another ARCHIVE filter matches it', async () => {
    const f1 = filter(A, 'f1', 'ARCHIVE', byType(PERSONAL, FINANCIAL))
    const f2 = filter(A, 'f2', 'ARCHIVE', byType(FINANCIAL), 2)
    await change(undefined, f1)
    await change(undefined, f2)
    await change(undefined, filter(B, 'g', 'ARCHIVE', byType(PERSONAL)))
    const noop = { ...f1, action: 'NOOP' as const }
    await change(f1, noop)
    assert.deepEqual(await archived(A), [FINANCIAL])
    await change(noop, f1)
    assert.deepEqual(await archived(A), [FINANCIAL, PERSONAL])
    await change(f2, undefined)
    assert.deepEqual(await archived(A), [FINANCIAL, PERSONAL], 'f1 still matches the financial finding')
    await change(f1, undefined)
    assert.deepEqual(await archived(A), [])
    assert.deepEqual(await archived(B), [PERSONAL], "account b's rule keeps its finding archived")
  })

  it('moves archiving with an ARCHIVE filter whose criteria change, and leaves it when only the name does', async () => {
    const f = filter(A, 'f', 'ARCHIVE', byType(PERSONAL))
    await change(undefined, f)
    const renamed = { ...f, name: 'renamed' }
    assert.equal(await change(f, renamed), 0)
    assert.deepEqual(await archived(A), [PERSONAL])
    await change(renamed, { ...renamed, findingCriteria: byType(CREDENTIALS) })
    assert.deepEqual(await archived(A), [CREDENTIALS])
  })

  it('lists every filter of a scope across pages', async () => {
    for (let i = 0; i < 1005; i++) await store.findingsFilters.insert(filter(A, `f${String(i).padStart(4, '0')}`, 'NOOP', byType(PERSONAL), i + 1))
    const all = await allFindingsFilters(store, A)
    assert.equal(all.length, 1005)
    assert.deepEqual(all.slice(0, 2).map((f) => f.position), [1, 2])
    assert.deepEqual(await allFindingsFilters(store, B), [])
  })
})
