// Findings publication end to end: findings written by job runs (over a folder of buckets) and
// by store inserts reach a real webhook receiver on 127.0.0.1 as signed EventBridge envelopes;
// retries, dead letters, coalesced policy updates, suppression, restarts and tenancy. The clock
// is injected: ticks are given the time, nothing sleeps through a backoff.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'
import { sampleFindings } from '../../src/findings/sample.js'
import { JobService } from '../../src/jobs/service.js'
import { listDeadLetters, redeliver } from '../../src/publish/dead-letters.js'
import { FindingsPublisher, type FindingsPublisherOptions, type Webhook } from '../../src/publish/publisher.js'
import { verifySignature } from '../../src/publish/signature.js'
import { Keyring } from '../../src/results/keyring.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { FindingRow, Scope, Store } from '../../src/store/types.js'

type Json = Record<string, any>

const A: Scope = { accountId: '111122223333', region: 'eu-west-1' }
const B: Scope = { accountId: '444455556666', region: 'eu-west-1' }
const SECRET = 'test-secret-not-real'
const MINUTE = 60_000
const SSN_ROW = (i: number): string => `id,name,ssn\n${i},Jordan Example,261-29-6226\n`

interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
  /** The envelope, parsed. */
  event: Json
}

/** A webhook receiver: answers each path with the status its handler returns (200 by default). */
class Receiver {
  readonly received: Received[] = []
  readonly statusOf = new Map<string, (n: number) => number>()
  private readonly server: Server
  url = ''

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        const path = req.url ?? '/'
        this.received.push({ path, headers: req.headers, body, event: JSON.parse(body) as Json })
        const n = this.received.filter((r) => r.path === path).length
        res.writeHead(this.statusOf.get(path)?.(n) ?? 200).end('ok')
      })
    })
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path)
  }
}

describe('findings publication to webhooks', () => {
  let dir: string
  let buckets: string
  let keyring: Keyring
  let receiver: Receiver
  let store: Store
  let publishers: FindingsPublisher[]
  let logged: string[]

  /** A bucket of `count` CSV objects, each holding an SSN. */
  function bucket(name: string, count: number): void {
    mkdirSync(join(buckets, name), { recursive: true })
    for (let i = 0; i < count; i++) writeFileSync(join(buckets, name, `obj-${i}.csv`), SSN_ROW(i))
  }

  function publisher(webhooks: Record<string, Webhook[]>, options: Partial<FindingsPublisherOptions> = {}): FindingsPublisher {
    const p = new FindingsPublisher({
      store,
      webhooksFor: (scope) => webhooks[scope.accountId] ?? [],
      random: () => 0.5, // no jitter: retries after exactly 30 s, 60 s, 120 s, …
      log: (message) => logged.push(message),
      ...options,
    })
    publishers.push(p)
    return p
  }

  async function tick(p: FindingsPublisher, at: number): Promise<void> {
    await p.tick(new Date(at))
    await p.idle()
  }

  async function runJob(scope: Scope, bucketName: string): Promise<string> {
    const jobs = new JobService({ store, keyring, workers: 1, sourceFor: () => ({ kind: 'folder', root: buckets }) })
    try {
      const { jobId } = await jobs.create(scope, {
        clientToken: crypto.randomUUID(),
        jobType: 'ONE_TIME',
        name: `job-${bucketName}`,
        s3JobDefinition: { bucketDefinitions: [{ accountId: scope.accountId, buckets: [bucketName] }] },
      })
      await jobs.waitFor(jobId)
      return jobId
    } finally {
      await jobs.close()
    }
  }

  async function insertSample(scope: Scope, type: 'SensitiveData:S3Object/Personal' | 'Policy:IAMUser/S3BucketPublic'): Promise<FindingRow> {
    const [f] = sampleFindings(scope, [type], new Date())
    const row: FindingRow = { ...scope, id: f!.id, finding: f as unknown as FindingRow['finding'] }
    await store.findings.insertMany([row])
    return row
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trawl-publication-'))
    buckets = join(dir, 'buckets')
    bucket('patients', 3)
    bucket('suppressed', 2)
    keyring = await Keyring.open(join(dir, 'keys'))
  })

  beforeEach(async () => {
    receiver = new Receiver()
    await receiver.start()
    store = await openSqliteStore(join(dir, `trawl-${crypto.randomUUID()}.db`))
    publishers = []
    logged = []
  })

  afterEach(async () => {
    for (const p of publishers) await p.close()
    await store.close()
    await receiver.stop()
    for (const message of logged) {
      assert.ok(!message.includes(SECRET), 'no secret is ever logged')
      assert.ok(!message.includes('"detail"'), 'no finding body is ever logged')
    }
  })

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it("posts a job run's findings as signed EventBridge envelopes, one event each", async () => {
    const jobId = await runJob(A, 'patients')
    const p = publisher({ [A.accountId]: [{ url: `${receiver.url}/a`, secret: SECRET }] })
    const now = Date.now()
    await tick(p, now)

    const got = receiver.at('/a')
    const ids = (await store.findings.list(A, {}, undefined, { maxResults: 50 })).items
    const stored = await store.findings.get(A, ids)
    // Three sensitive data findings, and the bucket's policy finding (a folder has no default encryption).
    assert.deepEqual(stored.map((r) => r.finding.category).sort(), ['CLASSIFICATION', 'CLASSIFICATION', 'CLASSIFICATION', 'POLICY'])
    assert.equal(got.length, 4)
    assert.deepEqual(got.map((r) => r.event.detail.id).sort(), stored.map((r) => r.id).sort())
    for (const r of got) {
      assert.equal(r.headers['content-type'], 'application/json')
      assert.equal(verifySignature(SECRET, r.headers['x-trawl-signature'], r.body, new Date(now)), true)
      assert.equal(verifySignature('another-secret', r.headers['x-trawl-signature'], r.body, new Date(now)), false)
      assert.equal(r.headers['x-trawl-event-id'], r.event.id)
      const { detail, ...envelope } = r.event
      assert.deepEqual(envelope, {
        version: '0',
        id: r.event.id,
        'detail-type': 'Macie Finding',
        source: 'aws.macie',
        account: A.accountId,
        time: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: A.region,
        resources: [],
      })
      assert.deepEqual(detail, stored.find((s) => s.id === detail.id)!.finding, 'the finding as GetFindings returns it')
      if (r.event.detail.category === 'CLASSIFICATION') assert.equal(r.event.detail.classificationDetails.jobId, jobId)
    }
    assert.equal(new Set(got.map((r) => r.event.id)).size, 4)

    await tick(p, now + 60 * MINUTE)
    assert.equal(receiver.at('/a').length, 4, 'published once')
  })

  it('retries a webhook that answers 500 with backoff, then delivers the same event', async () => {
    receiver.statusOf.set('/flaky', (n) => (n <= 2 ? 500 : 204))
    const row = await insertSample(A, 'SensitiveData:S3Object/Personal')
    const p = publisher({ [A.accountId]: [{ url: `${receiver.url}/flaky`, secret: SECRET }] })
    const t0 = Date.now()
    await tick(p, t0)
    assert.equal(receiver.at('/flaky').length, 1)
    await tick(p, t0 + 29_000)
    assert.equal(receiver.at('/flaky').length, 1, 'not before the first backoff (30 s)')
    // (A second of slack: the clock moves on with real time while a tick runs.)
    await tick(p, t0 + 31_000)
    assert.equal(receiver.at('/flaky').length, 2)
    await tick(p, t0 + 31_000 + 59_000)
    assert.equal(receiver.at('/flaky').length, 2, 'the second backoff is twice as long')
    await tick(p, t0 + 31_000 + 61_000)
    const got = receiver.at('/flaky')
    assert.equal(got.length, 3)
    assert.equal(new Set(got.map((r) => r.event.id)).size, 1, 'one event ID across retries')
    assert.ok(got.every((r) => r.event.detail.id === row.id))
    await tick(p, t0 + 24 * 60 * MINUTE)
    assert.equal(receiver.at('/flaky').length, 3, 'nothing more once delivered')
    assert.deepEqual((await listDeadLetters(store, A)).items, [])
  })

  it('keeps a delivery that always fails as a dead letter, listable and redeliverable', async () => {
    receiver.statusOf.set(`/down?token=${SECRET}`, () => 503)
    const row = await insertSample(A, 'SensitiveData:S3Object/Personal')
    const p = publisher({ [A.accountId]: [{ url: `${receiver.url}/down?token=${SECRET}`, secret: SECRET }] }, { retry: { maxAttempts: 3 } })
    let t = Date.now()
    for (let i = 0; i < 6; i++, t += 10 * MINUTE) await tick(p, t)
    assert.equal(receiver.at(`/down?token=${SECRET}`).length, 3, 'maxAttempts in all')

    const { items } = await listDeadLetters(store, A)
    assert.equal(items.length, 1)
    const [dead] = items
    assert.equal(dead!.findingId, row.id)
    assert.equal(dead!.attempts, 3)
    assert.equal(dead!.lastError, 'HTTP 503')
    assert.equal(dead!.webhookUrl, `${receiver.url}/down`, 'the URL is kept without its query')
    assert.equal(dead!.eventId, receiver.received[0]!.event.id)
    assert.ok(logged.some((m) => m.includes('dead letter')), 'dead letters are reported')
    assert.deepEqual((await listDeadLetters(store, B)).items, [])

    receiver.statusOf.set(`/down?token=${SECRET}`, () => 200)
    assert.equal(await redeliver(store, A, [dead!.id], new Date(t)), 1)
    await tick(p, t)
    const last = receiver.received.at(-1)!
    assert.equal(last.event.id, dead!.eventId, 'the same event ID')
    assert.equal(receiver.received.length, 4)
    assert.deepEqual((await listDeadLetters(store, A)).items, [])
  })

  it("coalesces updates of a policy finding per the session's publishing frequency", async () => {
    const t0 = Date.now()
    await store.sessions.put({ ...A, status: 'ENABLED', findingPublishingFrequency: 'ONE_HOUR', createdAt: new Date(t0), updatedAt: new Date(t0) })
    const row = await insertSample(A, 'Policy:IAMUser/S3BucketPublic')
    const p = publisher({ [A.accountId]: [{ url: `${receiver.url}/a`, secret: SECRET }] })
    await tick(p, t0)
    assert.equal(receiver.at('/a').length, 1, 'a new policy finding is published at once')
    assert.equal(receiver.at('/a')[0]!.event.detail.count, 1)

    for (const count of [2, 3, 4]) await store.findings.update({ ...row, finding: { ...row.finding, count, updatedAt: new Date().toISOString() } })
    await tick(p, t0 + 16 * MINUTE)
    assert.equal(receiver.at('/a').length, 1, 'not after 15 minutes when the frequency is ONE_HOUR')
    await tick(p, t0 + 61 * MINUTE)
    const got = receiver.at('/a')
    assert.equal(got.length, 2, 'three updates, one event')
    assert.equal(got[1]!.event.detail.id, row.id)
    assert.equal(got[1]!.event.detail.count, 4, 'with the latest state')
    assert.notEqual(got[1]!.event.id, got[0]!.event.id)
    await tick(p, t0 + 24 * 60 * MINUTE)
    assert.equal(receiver.at('/a').length, 2)
  })

  it('publishes updates after 15 minutes by default, and a new finding with its prior updates once', async () => {
    const row = await insertSample(A, 'Policy:IAMUser/S3BucketPublic')
    await store.findings.update({ ...row, finding: { ...row.finding, count: 2 } })
    const p = publisher({ [A.accountId]: [{ url: `${receiver.url}/a` }] })
    const t0 = Date.now()
    await tick(p, t0)
    assert.deepEqual(receiver.at('/a').map((r) => r.event.detail.count), [2])
    assert.equal(receiver.at('/a')[0]!.headers['x-trawl-signature'], undefined, 'no secret, no signature')
    await store.findings.update({ ...row, finding: { ...row.finding, count: 3 } })
    await tick(p, t0 + 14 * MINUTE)
    assert.equal(receiver.at('/a').length, 1)
    await tick(p, t0 + 16 * MINUTE)
    assert.deepEqual(receiver.at('/a').map((r) => r.event.detail.count), [2, 3])
  })

  it('does not publish findings archived at creation by a suppression rule', async () => {
    await store.findingsFilters.insert({
      ...A,
      id: 'suppress-1',
      arn: `arn:aws:macie2:${A.region}:${A.accountId}:findings-filter/suppress-1`,
      name: 'suppress',
      action: 'ARCHIVE',
      findingCriteria: { criterion: { 'resourcesAffected.s3Bucket.name': { eq: ['suppressed'] } } },
      position: 1,
      tags: {},
    })
    await runJob(A, 'suppressed')
    await runJob(A, 'patients')
    const p = publisher({ [A.accountId]: [{ url: `${receiver.url}/a`, secret: SECRET }] })
    await tick(p, Date.now())
    const bucketOf = (f: Json): string => f.resourcesAffected.s3Bucket.name
    const all = await store.findings.get(A, (await store.findings.list(A, {}, undefined, {})).items)
    const archived = all.filter((r) => r.finding.archived)
    // Two sensitive data findings and the bucket's policy finding (a folder has no default encryption).
    assert.equal(archived.length, 3, 'the suppressed bucket has findings, archived')
    assert.ok(archived.every((r) => bucketOf(r.finding) === 'suppressed'))
    const got = receiver.at('/a')
    assert.equal(got.length, all.length - archived.length)
    assert.ok(got.every((r) => bucketOf(r.event.detail) === 'patients'))
  })

  it('after a restart, neither loses nor duplicates: an attempt cut short is redelivered with its event ID', async () => {
    const file = join(dir, `restart-${crypto.randomUUID()}.db`)
    await store.close()
    store = await openSqliteStore(file)
    const webhooks = { [A.accountId]: [{ url: `${receiver.url}/a`, secret: SECRET }] }
    const first = await insertSample(A, 'SensitiveData:S3Object/Personal')

    // The first publisher posts, and dies before it hears the answer.
    const t0 = Date.now()
    const dying = new FindingsPublisher({
      store,
      webhooksFor: (scope) => webhooks[scope.accountId] ?? [],
      timeoutMs: 60 * MINUTE,
      random: () => 0.5,
      fetch: async (url, init) => {
        await fetch(url, init)
        return new Promise<Response>(() => {})
      },
    })
    await dying.tick(new Date(t0))
    while (receiver.received.length < 1) await new Promise((r) => setTimeout(r, 5))
    // A finding committed after that, never published before the restart.
    const second = await insertSample(A, 'SensitiveData:S3Object/Personal')
    await store.close()

    store = await openSqliteStore(file)
    const p = publisher(webhooks)
    await tick(p, t0 + MINUTE)
    assert.deepEqual(
      receiver.received.map((r) => r.event.detail.id),
      [first.id, second.id],
      'the second finding is published; the first waits for the lost attempt to expire',
    )
    await tick(p, t0 + 66 * MINUTE)
    const got = receiver.received.map((r) => [r.event.detail.id, r.event.id])
    assert.equal(got.length, 3)
    assert.deepEqual(got[2], got[0], 'redelivered once, with the same event ID')
    await tick(p, t0 + 24 * 60 * MINUTE)
    assert.equal(receiver.received.length, 3)
  })

  it("delivers each account's findings to its own webhooks only", async () => {
    await insertSample(A, 'SensitiveData:S3Object/Personal')
    await insertSample(B, 'SensitiveData:S3Object/Personal')
    await insertSample(B, 'Policy:IAMUser/S3BucketPublic')
    await runJob(B, 'patients')
    const p = publisher({
      [A.accountId]: [{ url: `${receiver.url}/a`, secret: SECRET }],
      [B.accountId]: [
        { url: `${receiver.url}/b1`, secret: 'secret-b' },
        { url: `${receiver.url}/b2`, secret: 'secret-b2' },
      ],
    })
    const now = Date.now()
    await tick(p, now)
    // Two samples, and the job's three sensitive data findings and one policy finding (a folder has no default encryption).
    assert.equal((await store.findings.list(B, {}, undefined, {})).items.length, 6)
    assert.equal(receiver.at('/a').length, 1)
    assert.equal(receiver.at('/b1').length, 6)
    assert.equal(receiver.at('/b2').length, 6)
    assert.ok(receiver.at('/a').every((r) => r.event.account === A.accountId && r.event.detail.accountId === A.accountId))
    assert.ok([...receiver.at('/b1'), ...receiver.at('/b2')].every((r) => r.event.account === B.accountId && r.event.detail.accountId === B.accountId))
    assert.ok(receiver.at('/b1').every((r) => verifySignature('secret-b', r.headers['x-trawl-signature'], r.body, new Date(now))))
    assert.ok(receiver.at('/b1').every((r) => !verifySignature(SECRET, r.headers['x-trawl-signature'], r.body, new Date(now))))
    // Both webhooks of B get the same events, under the same IDs.
    const ids = (path: string): string[] => receiver.at(path).map((r) => r.event.id).sort()
    assert.deepEqual(ids('/b1'), ids('/b2'))
  })
})
