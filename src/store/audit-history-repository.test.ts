import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { InvalidInputError } from '../errors.js'
import type { AuditResultRecord, AuditRunRecord } from './audit-history-repository.js'
import { openSqliteStore } from './sqlite/sqlite-store.js'
import type { Store } from './types.js'

const A = '111122223333'
const B = '444455556666'
const T0 = new Date('2026-01-01T00:00:00Z')
const at = (ms: number): Date => new Date(T0.getTime() + ms)
const result = (region: string, ruleId: string, verdict: AuditResultRecord['verdict'], resources: string[] = []): AuditResultRecord => ({
  region,
  ruleId,
  verdict,
  reason: `${ruleId} is ${verdict} in ${region}`,
  resources,
})
const run = (accountId: string, runId: string, runAt: Date, results: AuditResultRecord[]): AuditRunRecord => ({ accountId, runId, runAt, results })

describe('audit history repository', () => {
  let store: Store
  beforeEach(async () => {
    store = await openSqliteStore(':memory:')
  })
  afterEach(() => store.close())

  it('stores a run and reads it back as the latest, in region and rule order', async () => {
    assert.equal(await store.auditHistory.latestRun(A), undefined)
    await store.auditHistory.insertRun(
      run(A, 'r1', T0, [result('us-east-1', 'Macie2-003', 'FAILURE'), result('eu-west-1', 'Macie2-001', 'SUCCESS', ['arn:aws:iam::111122223333:role/x']), result('us-east-1', 'Macie2-001', 'ERROR')]),
    )
    const latest = await store.auditHistory.latestRun(A)
    assert.equal(latest?.runId, 'r1')
    assert.deepEqual(latest?.runAt, T0)
    assert.deepEqual(
      latest?.results.map((r) => [r.region, r.ruleId, r.verdict]),
      [
        ['eu-west-1', 'Macie2-001', 'SUCCESS'],
        ['us-east-1', 'Macie2-001', 'ERROR'],
        ['us-east-1', 'Macie2-003', 'FAILURE'],
      ],
    )
    assert.deepEqual(latest?.results[0]?.resources, ['arn:aws:iam::111122223333:role/x'])
    assert.equal(latest?.results[2]?.reason, 'Macie2-003 is FAILURE in us-east-1')
  })

  it('takes the newest run as the latest, whatever order runs were stored in', async () => {
    await store.auditHistory.insertRun(run(A, 'r2', at(2000), [result('us-east-1', 'Macie2-003', 'SUCCESS')]))
    await store.auditHistory.insertRun(run(A, 'r1', at(1000), [result('us-east-1', 'Macie2-003', 'FAILURE')]))
    const latest = await store.auditHistory.latestRun(A)
    assert.equal(latest?.runId, 'r2')
    assert.deepEqual(latest?.results.map((r) => r.verdict), ['SUCCESS'])
  })

  it('refuses a run stored twice and an unknown verdict, and stores nothing of either', async () => {
    await store.auditHistory.insertRun(run(A, 'r1', T0, [result('us-east-1', 'Macie2-001', 'SUCCESS')]))
    await assert.rejects(store.auditHistory.insertRun(run(A, 'r1', T0, [result('eu-west-1', 'Macie2-001', 'SUCCESS'), result('us-east-1', 'Macie2-001', 'SUCCESS')])))
    const bad = { ...result('us-east-1', 'Macie2-002', 'SUCCESS'), verdict: 'MAYBE' } as unknown as AuditResultRecord
    await assert.rejects(store.auditHistory.insertRun(run(A, 'r2', at(1), [bad])), InvalidInputError)
    const page = await store.auditHistory.list(A, {}, {})
    assert.deepEqual(page.items.map((e) => [e.runId, e.region]), [['r1', 'us-east-1']])
    // An empty run leaves no trace (there is nothing to show for it).
    await store.auditHistory.insertRun(run(A, 'r3', at(5), []))
    assert.equal((await store.auditHistory.latestRun(A))?.runId, 'r1')
  })

  it('pages an account\'s history newest run first, and filters by region, rule and time', async () => {
    const regions = ['eu-west-1', 'us-east-1']
    const rules = ['Macie2-001', 'Macie2-003']
    for (let i = 0; i < 3; i++) {
      await store.auditHistory.insertRun(run(A, `r${i}`, at(i * 1000), regions.flatMap((region) => rules.map((rule) => result(region, rule, i === 2 ? 'SUCCESS' : 'FAILURE')))))
    }
    const seen: string[] = []
    let nextToken: string | undefined
    let pages = 0
    do {
      const page = await store.auditHistory.list(A, {}, { maxResults: 5, ...(nextToken ? { nextToken } : {}) })
      seen.push(...page.items.map((e) => `${e.runId} ${e.region} ${e.ruleId}`))
      nextToken = page.nextToken
      pages++
    } while (nextToken)
    assert.equal(pages, 3)
    assert.equal(seen.length, 12)
    assert.deepEqual(seen.slice(0, 5), ['r2 eu-west-1 Macie2-001', 'r2 eu-west-1 Macie2-003', 'r2 us-east-1 Macie2-001', 'r2 us-east-1 Macie2-003', 'r1 eu-west-1 Macie2-001'])
    assert.equal(new Set(seen).size, 12)

    const ruleInRegion = await store.auditHistory.list(A, { region: 'us-east-1', ruleId: 'Macie2-003' }, {})
    assert.deepEqual(ruleInRegion.items.map((e) => [e.runId, e.verdict]), [['r2', 'SUCCESS'], ['r1', 'FAILURE'], ['r0', 'FAILURE']])
    assert.equal(ruleInRegion.nextToken, undefined)

    const since = await store.auditHistory.list(A, { ruleId: 'Macie2-001', since: at(1000) }, {})
    assert.deepEqual(since.items.map((e) => `${e.runId} ${e.region}`), ['r2 eu-west-1', 'r2 us-east-1', 'r1 eu-west-1', 'r1 us-east-1'])
    assert.deepEqual((await store.auditHistory.list(A, { region: 'ap-south-1' }, {})).items, [])
  })

  it('refuses a bad page token and a bad page size', async () => {
    await assert.rejects(store.auditHistory.list(A, {}, { nextToken: 'not a token!' }), InvalidInputError)
    const other = Buffer.from(JSON.stringify({ k: 'findings', v: [1, 'x', 'y', 'z'] })).toString('base64url')
    await assert.rejects(store.auditHistory.list(A, {}, { nextToken: other }), InvalidInputError)
    await assert.rejects(store.auditHistory.list(A, {}, { maxResults: 0 }), InvalidInputError)
  })

  it('keeps accounts apart', async () => {
    await store.auditHistory.insertRun(run(A, 'ra', T0, [result('us-east-1', 'Macie2-001', 'SUCCESS')]))
    await store.auditHistory.insertRun(run(B, 'rb', at(1000), [result('us-east-1', 'Macie2-001', 'FAILURE')]))
    assert.equal((await store.auditHistory.latestRun(A))?.runId, 'ra')
    assert.equal((await store.auditHistory.latestRun(B))?.runId, 'rb')
    assert.deepEqual((await store.auditHistory.list(A, {}, {})).items.map((e) => [e.accountId, e.runId]), [[A, 'ra']])
    assert.deepEqual((await store.auditHistory.list(B, {}, {})).items.map((e) => [e.accountId, e.runId]), [[B, 'rb']])
    // The same run ID in two accounts is two runs.
    await store.auditHistory.insertRun(run(B, 'ra', at(2000), [result('us-east-1', 'Macie2-001', 'SUCCESS')]))
    assert.equal((await store.auditHistory.list(A, {}, {})).items.length, 1)
  })

  it('deletes runs older than the retention, in every account', async () => {
    await store.auditHistory.insertRun(run(A, 'old', T0, [result('us-east-1', 'Macie2-001', 'FAILURE'), result('eu-west-1', 'Macie2-001', 'FAILURE')]))
    await store.auditHistory.insertRun(run(B, 'old-b', at(500), [result('us-east-1', 'Macie2-001', 'FAILURE')]))
    await store.auditHistory.insertRun(run(A, 'new', at(1000), [result('us-east-1', 'Macie2-001', 'SUCCESS')]))
    assert.equal(await store.auditHistory.deleteBefore(at(1000)), 3)
    assert.deepEqual((await store.auditHistory.list(A, {}, {})).items.map((e) => e.runId), ['new'])
    assert.equal(await store.auditHistory.latestRun(B), undefined)
    assert.equal(await store.auditHistory.deleteBefore(at(1000)), 0)
  })

  it('deletes one account\'s region with deleteScope (and with the store\'s deleteScope), nothing else', async () => {
    const both = [result('us-east-1', 'Macie2-001', 'FAILURE'), result('eu-west-1', 'Macie2-001', 'SUCCESS')]
    await store.auditHistory.insertRun(run(A, 'r1', T0, both))
    await store.auditHistory.insertRun(run(B, 'r1', T0, both))
    await store.auditHistory.deleteScope({ accountId: A, region: 'us-east-1' })
    assert.deepEqual((await store.auditHistory.list(A, {}, {})).items.map((e) => e.region), ['eu-west-1'])
    assert.equal((await store.auditHistory.list(B, {}, {})).items.length, 2)
    await store.deleteScope({ accountId: B, region: 'eu-west-1' })
    assert.deepEqual((await store.auditHistory.list(B, {}, {})).items.map((e) => e.region), ['us-east-1'])
    assert.equal((await store.auditHistory.list(A, {}, {})).items.length, 1)
  })
})
