import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { sampleFindings } from '../findings/sample.js'
import { FindingsPublisher } from '../publish/publisher.js'
import { openSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { FindingRow, Store } from '../store/types.js'
import type { ApiContext } from './context.js'
import { macieError } from './errors.js'
import { answerTrawlRoute, isTrawlPath } from './trawl-routes.js'

const A = '111122223333'
const B = '444455556666'
const T0 = new Date('2026-01-01T00:00:00Z')

describe('trawl routes', () => {
  let store: Store
  let ctx: ApiContext
  const get = async (path: string, query: string, accountId = A): Promise<{ status: number; json: Record<string, unknown> }> => {
    try {
      const answer = await answerTrawlRoute('GET', path, new URLSearchParams(query), { accountId, region: 'us-east-1' }, ctx)
      return { status: answer.status, json: JSON.parse(answer.body) }
    } catch (err) {
      const e = macieError(err)
      return { status: e.status, json: { __type: e.type, message: e.message } }
    }
  }
  beforeEach(async () => {
    store = await openSqliteStore(':memory:')
    // The routes read the store only.
    ctx = { store, accountIds: [A, B] } as unknown as ApiContext
    for (const [accountId, runId, offset, verdict] of [
      [A, 'a1', 0, 'FAILURE'],
      [A, 'a2', 60_000, 'SUCCESS'],
      [B, 'b1', 0, 'ERROR'],
    ] as const) {
      await store.auditHistory.insertRun({
        accountId,
        runId,
        runAt: new Date(T0.getTime() + offset),
        results: ['us-east-1', 'eu-west-1'].map((region) => ({ region, ruleId: 'Macie2-003', verdict, reason: `${runId} ${region}`, resources: [`job-${runId}`] })),
      })
    }
  })
  afterEach(() => store.close())

  it('knows its paths', () => {
    assert.equal(isTrawlPath('/trawl/audit-history'), true)
    assert.equal(isTrawlPath('/trawl'), true)
    assert.equal(isTrawlPath('/jobs'), false)
    assert.equal(isTrawlPath('/trawlx'), false)
  })

  it('lists the caller\'s history only, newest first, with filters and pages', async () => {
    const all = await get('/trawl/audit-history', '')
    assert.equal(all.status, 200)
    const results = all.json.results as Array<Record<string, unknown>>
    assert.deepEqual(results.map((r) => `${r.runId} ${r.region}`), ['a2 eu-west-1', 'a2 us-east-1', 'a1 eu-west-1', 'a1 us-east-1'])
    assert.deepEqual(results[0], { runId: 'a2', runAt: '2026-01-01T00:01:00.000Z', region: 'eu-west-1', ruleId: 'Macie2-003', verdict: 'SUCCESS', reason: 'a2 eu-west-1', resources: ['job-a2'] })
    const b = await get('/trawl/audit-history', '', B)
    assert.deepEqual((b.json.results as Array<{ runId: string }>).map((r) => r.runId), ['b1', 'b1'])

    const filtered = await get('/trawl/audit-history', 'region=us-east-1&ruleId=Macie2-003&since=2026-01-01T00:00:30Z')
    assert.deepEqual((filtered.json.results as Array<{ runId: string }>).map((r) => r.runId), ['a2'])
    const first = await get('/trawl/audit-history', 'maxResults=3')
    assert.equal((first.json.results as unknown[]).length, 3)
    const second = await get('/trawl/audit-history', `maxResults=3&nextToken=${first.json.nextToken as string}`)
    assert.deepEqual((second.json.results as Array<{ runId: string; region: string }>).map((r) => `${r.runId} ${r.region}`), ['a1 us-east-1'])
    assert.equal(second.json.nextToken, undefined)
  })

  it('answers the latest run, or ResourceNotFoundException when there is none', async () => {
    const latest = await get('/trawl/audit-history/latest', '')
    assert.equal(latest.status, 200)
    assert.equal(latest.json.runId, 'a2')
    assert.equal((latest.json.results as unknown[]).length, 2)
    const none = await get('/trawl/audit-history/latest', '', '777788889999')
    assert.equal(none.status, 404)
    assert.equal(none.json.__type, 'ResourceNotFoundException')
  })

  it('refuses bad parameters with ValidationException', async () => {
    for (const query of ['region=Not A Region', 'ruleId=a;b', 'since=yesterday', 'since=2026-02-31T99:00:00Z', 'maxResults=0', 'maxResults=1001', 'maxResults=ten', 'nextToken=garbage!', 'colour=blue', 'region=us-east-1&region=eu-west-1']) {
      const r = await get('/trawl/audit-history', query)
      assert.equal(r.status, 400, query)
      assert.equal(r.json.__type, 'ValidationException', query)
    }
  })

  it('answers unknown paths and methods as the Macie routes do', async () => {
    assert.deepEqual((await get('/trawl/nothing', '')).status, 404)
    assert.equal((await get('/trawl/nothing', '')).json.__type, 'UnknownOperationException')
    await assert.rejects(answerTrawlRoute('DELETE', '/trawl/audit-history', new URLSearchParams(), { accountId: A, region: 'us-east-1' }, ctx), (err: unknown) => macieError(err).type === 'MethodNotAllowedException' && macieError(err).status === 405)
  })

  it('lists the dead letters of the caller\'s account and region, and redelivers them', async () => {
    // A real webhook that always fails, and a publisher that gives up after one attempt.
    const down = createServer((_req, res) => res.writeHead(503).end())
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(down.address() as { port: number }).port}/hook`
    const scope = { accountId: A, region: 'us-east-1' }
    try {
      const [f] = sampleFindings(scope, ['SensitiveData:S3Object/Personal'], new Date())
      await store.findings.insertMany([{ ...scope, id: f!.id, finding: f as unknown as FindingRow['finding'] }])
      const publisher = new FindingsPublisher({ store, webhooksFor: () => [{ url }], retry: { maxAttempts: 1 }, log: () => undefined })
      await publisher.tick()
      await publisher.idle()
      await publisher.close()
    } finally {
      down.close()
    }
    const answer = async (method: string, path: string, query: string, caller = scope) => {
      try {
        const { status, body } = await answerTrawlRoute(method, path, new URLSearchParams(query), caller, ctx)
        return { status, json: JSON.parse(body) as Record<string, unknown> }
      } catch (err) {
        return { status: macieError(err).status, json: { __type: macieError(err).type } }
      }
    }
    const listed = await answer('GET', '/trawl/dead-letters', '')
    assert.equal(listed.status, 200)
    const letters = listed.json.deadLetters as Array<Record<string, unknown>>
    assert.equal(letters.length, 1)
    assert.equal(letters[0]!.webhookUrl, url)
    assert.equal(letters[0]!.lastError, 'HTTP 503')
    assert.equal(letters[0]!.attempts, 1)
    // Another account, or the same account in another region, sees none of them.
    assert.deepEqual((await answer('GET', '/trawl/dead-letters', '', { accountId: B, region: 'us-east-1' })).json, { deadLetters: [] })
    assert.deepEqual((await answer('GET', '/trawl/dead-letters', '', { accountId: A, region: 'eu-west-1' })).json, { deadLetters: [] })
    assert.equal((await answer('POST', '/trawl/dead-letters/redeliver', `ids=${String(letters[0]!.id)}`, { accountId: B, region: 'us-east-1' })).json.redelivered, 0)
    assert.equal((await answer('GET', '/trawl/dead-letters', 'maxResults=0')).json.__type, 'ValidationException')
    assert.equal((await answer('POST', '/trawl/dead-letters/redeliver', '')).json.__type, 'ValidationException')
    assert.equal((await answer('GET', '/trawl/dead-letters/redeliver', `ids=${String(letters[0]!.id)}`)).json.__type, 'MethodNotAllowedException')

    assert.deepEqual((await answer('POST', '/trawl/dead-letters/redeliver', `ids=${String(letters[0]!.id)}`)).json, { redelivered: 1 })
    assert.deepEqual((await answer('GET', '/trawl/dead-letters', '')).json, { deadLetters: [] })
  })
})

