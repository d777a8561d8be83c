// The publisher against a real HTTP server on 127.0.0.1: slow and failing webhooks, timeouts,
// webhooks removed from the configuration, an outbox with no webhooks, and the retry schedule.
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { sampleFindings } from '../findings/sample.js'
import { openSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { FindingRow, Scope, Store } from '../store/types.js'
import { listDeadLetters } from './dead-letters.js'
import { FindingsPublisher, webhookIdOf, type FindingsPublisherOptions, type Webhook } from './publisher.js'

const A: Scope = { accountId: '111122223333', region: 'us-east-1' }

describe('FindingsPublisher', () => {
  let server: Server
  let base: string
  let store: Store
  let hits: Array<{ path: string; at: number }>
  let held: Array<() => void>
  const publishers: FindingsPublisher[] = []

  beforeEach(async () => {
    hits = []
    held = []
    // /slow answers only when released; /fail answers 500; anything else 200.
    server = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        hits.push({ path: req.url ?? '/', at: Date.now() })
        if (req.url === '/slow') held.push(() => res.writeHead(200).end())
        else res.writeHead(req.url === '/fail' ? 500 : 200).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    store = await openSqliteStore(':memory:')
  })

  afterEach(async () => {
    for (const release of held) release()
    for (const p of publishers.splice(0)) await p.close()
    await store.close()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  function publisher(webhooks: () => Webhook[], options: Partial<FindingsPublisherOptions> = {}): FindingsPublisher {
    const p = new FindingsPublisher({ store, webhooksFor: webhooks, random: () => 0.5, log: () => {}, ...options })
    publishers.push(p)
    return p
  }

  async function insert(count: number): Promise<void> {
    const rows = Array.from({ length: count }, (): FindingRow => {
      const [f] = sampleFindings(A, ['SensitiveData:S3Object/Personal'], new Date())
      return { ...A, id: f!.id, finding: f as unknown as FindingRow['finding'] }
    })
    await store.findings.insertMany(rows)
  }

  it('does not wait for webhooks: a slow one holds up neither the tick nor the others', async () => {
    await insert(6)
    const p = publisher(() => [{ url: `${base}/slow` }, { url: `${base}/fast` }], { concurrencyPerWebhook: 2 })
    await p.tick()
    const until = Date.now() + 5_000
    while (hits.filter((h) => h.path === '/fast').length < 6 && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
    assert.equal(hits.filter((h) => h.path === '/fast').length, 6, 'every event reached the fast webhook')
    assert.equal(hits.filter((h) => h.path === '/slow').length, 2, 'the slow one has its concurrency in flight, no more')
    for (const release of held.splice(0)) release()
    // Each slow worker goes on with the next delivery as soon as it is answered.
    while (hits.filter((h) => h.path === '/slow').length < 6 && Date.now() < until) {
      for (const release of held.splice(0)) release()
      await new Promise((r) => setTimeout(r, 10))
    }
    await p.idle()
    assert.equal(hits.filter((h) => h.path === '/slow').length, 6)
  })

  it('gives up an attempt at the timeout and retries it later', async () => {
    await insert(1)
    const p = publisher(() => [{ url: `${base}/slow` }], { timeoutMs: 200 })
    const t0 = Date.now()
    await p.tick(new Date(t0))
    await p.idle()
    const [pending] = await store.publication.dueDeliveries(webhookIdOf(`${base}/slow`), new Date(t0 + 60_000), 10)
    assert.equal(pending?.attempts, 1)
    assert.equal(pending?.lastError, 'no answer within 200 ms')
    assert.equal(pending?.nextAttemptAt.getTime() - t0 >= 30_000, true, 'retried after the backoff')
  })

  it('retries on a schedule that doubles, with jitter within ±25 %, then gives up', async () => {
    await insert(1)
    let r = 0
    const draws = [0, 0.999, 0.5, 0, 0.999, 0.5, 0.5]
    const p = publisher(() => [{ url: `${base}/fail` }], { random: () => draws[r++ % draws.length]!, retry: { maxAttempts: 8 } })
    let t = Date.now()
    const gaps: number[] = []
    for (let attempt = 1; attempt <= 8; attempt++) {
      await p.tick(new Date(t))
      await p.idle()
      const [d] = await store.publication.dueDeliveries(webhookIdOf(`${base}/fail`), new Date(t + 10 * 3600_000), 1)
      if (!d) break
      gaps.push(d.nextAttemptAt.getTime() - t)
      t = d.nextAttemptAt.getTime() + 1_000
    }
    assert.equal(hits.length, 8)
    const nominal = [30, 60, 120, 240, 480, 960, 1800].map((s) => s * 1000)
    assert.equal(gaps.length, 7, 'the last attempt leaves the delivery dead, not due')
    gaps.slice(0, 7).forEach((gap, i) => assert.ok(gap >= nominal[i]! * 0.75 && gap <= nominal[i]! * 1.25 + 100, `retry ${i + 1} after ${gap} ms`))
    const total = gaps.slice(0, 7).reduce((a, b) => a + b, 0)
    assert.ok(total > 40 * 60_000 && total < 80 * 60_000, 'about an hour in all')
    assert.equal((await listDeadLetters(store, A)).items.length, 1)
  })

  it('dead-letters deliveries to a webhook removed from the configuration, without trying it', async () => {
    await insert(1)
    let webhooks: Webhook[] = [{ url: `${base}/gone` }]
    const p = publisher(() => webhooks, { fetch: async () => new Response(null, { status: 500 }) })
    const t0 = Date.now()
    await p.tick(new Date(t0))
    await p.idle()
    webhooks = []
    await p.tick(new Date(t0 + 3600_000))
    await p.idle()
    const [dead] = (await listDeadLetters(store, A)).items
    assert.equal(dead?.lastError, 'the webhook is no longer configured')
    assert.equal(dead?.attempts, 2)
  })

  it('drains the outbox when an account has no webhooks', async () => {
    await insert(3)
    const p = publisher(() => [])
    await p.tick()
    await p.idle()
    assert.deepEqual(await store.publication.pendingScopes(), [])
    assert.equal(hits.length, 0)
  })

  it('skips a webhook whose URL is not valid, and says so without the URL', async () => {
    await insert(1)
    const logged: string[] = []
    const p = publisher(() => [{ url: 'not a url secret-token' }, { url: `${base}/ok` }], { log: (m) => logged.push(m) })
    await p.tick()
    await p.idle()
    assert.deepEqual(
      hits.map((h) => h.path),
      ['/ok'],
    )
    assert.equal(logged.length, 1)
    assert.ok(!logged[0]!.includes('secret-token'))
  })

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    await insert(1)
    const p = publisher(() => [{ url: `${base}/moved` }], { fetch: async () => new Response(null, { status: 302, headers: { location: `${base}/elsewhere` } }) })
    await p.tick()
    await p.idle()
    const [pending] = await store.publication.dueDeliveries(webhookIdOf(`${base}/moved`), new Date(Date.now() + 3600_000), 1)
    assert.equal(pending?.lastError, 'HTTP 302')
  })
})
