// Automated discovery rounds over a folder of buckets with planted data: sampling spread over
// buckets, exclusions, changed and vanished objects, interrupted rounds, the schedule, scores.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, beforeEach, describe, it } from 'node:test'
import { openSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { Scope, Store } from '../store/types.js'
import { readBucketSensitivity, runDiscoveryRound, runDueRounds, templateManagedIds, type DiscoveryDeps } from './discovery.js'
import { SETTING } from './setting-names.js'
import { summaryScore } from './discovery-score.js'

const SCOPE: Scope = { accountId: '111122223333', region: 'us-east-1' }
const OTHER: Scope = { accountId: '444455556666', region: 'us-east-1' }
const SSN = (i: number): string => `id,name,ssn\n${i},Jordan Example,261-29-6226\n`
const CLEAN = (i: number): string => `id,note\n${i},nothing to see here\n`
const T0 = new Date('2026-03-01T00:00:00Z')
const HOUR = 3600_000

type Json = Record<string, any>

describe('automated discovery rounds', () => {
  let dir: string
  let root: string
  let store: Store
  let deps: DiscoveryDeps

  function put(bucket: string, key: string, body: string, mtime = T0): void {
    mkdirSync(join(root, bucket), { recursive: true })
    writeFileSync(join(root, bucket, key), body)
    utimesSync(join(root, bucket, key), mtime, mtime)
  }

  async function enable(scope: Scope, excluded: string[] = []): Promise<void> {
    await store.settings.put(scope, SETTING.automatedDiscovery, { status: 'ENABLED', firstEnabledAt: T0.toISOString() })
    await store.settings.put(scope, SETTING.classificationScope, { id: 'scope', bucketNames: excluded })
  }

  async function findings(scope: Scope): Promise<Json[]> {
    const page = await store.findings.list(scope, {}, undefined, { maxResults: 1000 })
    return (await store.findings.get(scope, page.items)).map((r) => r.finding as Json)
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'trawl-discovery-'))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  beforeEach(async () => {
    root = join(dir, String(Date.now() + Math.random()))
    mkdirSync(root)
    store = await openSqliteStore(':memory:')
    deps = { store, sourceFor: () => ({ kind: 'folder', root }), workers: 0 }
  })

  it('analyses every bucket but the excluded ones and scores them', async () => {
    for (let i = 0; i < 4; i++) put('people', `p${i}.csv`, i % 2 === 0 ? SSN(i) : CLEAN(i))
    for (let i = 0; i < 3; i++) put('clean', `c${i}.csv`, CLEAN(i))
    put('excluded', 'x.csv', SSN(9))
    put('hollow', 'empty.csv', '')
    put('binary', 'photo.jpg', 'not really a photo')
    await enable(SCOPE, ['excluded'])

    const summary = await runDiscoveryRound(deps, SCOPE, { now: T0 })
    assert.deepEqual([summary.buckets, summary.analysed, summary.committed, summary.errors], [4, 7, 7, []])

    const summaries = await store.discovery.summaries(SCOPE)
    assert.equal(summaries.has('excluded'), false)
    const people = summaries.get('people')!
    assert.deepEqual([people.counts.complete, people.counts.sensitive], [4, 2])
    assert.deepEqual(people.detections.map((d) => [d.type, d.id, d.count]), [['MANAGED', 'USA_SOCIAL_SECURITY_NUMBER', 2]])
    const score = summaryScore(people)
    assert.ok(score > 50 && score < 100, `${score}`)
    assert.equal(summaryScore(summaries.get('clean')!), 1)
    // Nothing a round could analyse: an empty object and an image.
    assert.equal(summaryScore(summaries.get('hollow')!), 1)
    assert.equal(summaryScore(summaries.get('binary')!), 1)

    const found = await findings(SCOPE)
    assert.equal(found.length, 2)
    for (const f of found) {
      assert.equal(f.classificationDetails.originType, 'AUTOMATED_SENSITIVE_DATA_DISCOVERY')
      assert.equal(f.classificationDetails.jobId, null)
      assert.equal(f.classificationDetails.jobArn, null)
      assert.equal(f.resourcesAffected.s3Bucket.name, 'people')
    }
    const usage = await store.usage.list(SCOPE, ['2026-03', new Date().toISOString().slice(0, 7)])
    assert.deepEqual([...new Set(usage.map((u) => u.type))], ['AUTOMATED_SENSITIVE_DATA_DISCOVERY'])
    assert.equal(usage.reduce((n, u) => n + u.objects, 0), 7)
    // Another account sees none of it.
    assert.equal((await store.discovery.summaries(OTHER)).size, 0)
    assert.equal((await findings(OTHER)).length, 0)
  })

  it('spreads a bounded sample over buckets, the same for the same seed, and never analyses an object twice', async () => {
    for (let i = 0; i < 10; i++) put('one', `o${i}.csv`, CLEAN(i))
    for (let i = 0; i < 10; i++) put('two', `t${i}.csv`, CLEAN(i))
    put('small', 's.csv', CLEAN(0))
    await enable(SCOPE)
    const first = await runDiscoveryRound(deps, SCOPE, { now: T0, objectsPerRound: 5, seed: 's' })
    assert.equal(first.analysed, 5)
    const keys = async (): Promise<Record<string, string[]>> => {
      const out: Record<string, string[]> = {}
      for (const b of ['one', 'two', 'small']) out[b] = (await store.discovery.artifactVersions(SCOPE, b)).map((a) => a.key)
      return out
    }
    const picked = await keys()
    assert.deepEqual([picked.one!.length, picked.two!.length, picked.small!.length], [2, 2, 1])

    const again = await openSqliteStore(':memory:')
    try {
      await again.settings.put(SCOPE, SETTING.automatedDiscovery, { status: 'ENABLED' })
      await runDiscoveryRound({ ...deps, store: again }, SCOPE, { now: T0, objectsPerRound: 5, seed: 's' })
      assert.deepEqual((await again.discovery.artifactVersions(SCOPE, 'one')).map((a) => a.key), picked.one)
    } finally {
      await again.close()
    }

    const second = await runDiscoveryRound(deps, SCOPE, { now: new Date(T0.getTime() + 24 * HOUR), objectsPerRound: 100 })
    assert.equal(second.analysed, 16)
    const all = await keys()
    assert.equal(all.one!.length + all.two!.length + all.small!.length, 21)
    const third = await runDiscoveryRound(deps, SCOPE, { now: new Date(T0.getTime() + 48 * HOUR) })
    assert.equal(third.analysed, 0)
  })

  it('forgets changed and vanished objects and analyses the changed ones again', async () => {
    put('b', 'a.csv', SSN(1))
    put('b', 'gone.csv', SSN(2))
    put('b', 'same.csv', CLEAN(3))
    await enable(SCOPE)
    await runDiscoveryRound(deps, SCOPE, { now: T0 })
    assert.deepEqual((await store.discovery.summaries(SCOPE, 'b')).get('b')!.detections.map((d) => d.count), [2])

    put('b', 'a.csv', CLEAN(1), new Date(T0.getTime() + HOUR))
    unlinkSync(join(root, 'b', 'gone.csv'))
    const round = await runDiscoveryRound(deps, SCOPE, { now: new Date(T0.getTime() + 24 * HOUR) })
    assert.deepEqual([round.dropped, round.analysed], [2, 1])
    const s = (await store.discovery.summaries(SCOPE, 'b')).get('b')!
    assert.deepEqual(s.detections, [])
    assert.deepEqual([s.counts.complete, s.counts.sensitive], [2, 0])
    assert.equal(summaryScore(s), 1)
  })

  it('resumes an interrupted round without losing or double-counting an object', async () => {
    for (let i = 0; i < 6; i++) put('b', `k${i}.csv`, SSN(i))
    await enable(SCOPE)
    const controller = new AbortController()
    const first = await runDiscoveryRound({ ...deps, onEvent: (e) => e.kind === 'object' && controller.abort() }, SCOPE, { now: T0, signal: controller.signal })
    assert.ok(first.committed >= 1 && first.committed < 6, `${first.committed}`)
    assert.equal((await store.discovery.getAccount(SCOPE))?.lastRoundAt, undefined)

    // The interrupted round has not ended: it is due again at once.
    const [resumed] = await runDueRounds(deps, { now: new Date(T0.getTime() + HOUR) })
    assert.equal(first.committed + resumed!.committed, 6)
    const s = (await store.discovery.summaries(SCOPE, 'b')).get('b')!
    assert.deepEqual([s.counts.complete, s.detections[0]!.count], [6, 6])
    assert.equal((await findings(SCOPE)).length, 6)
    const usage = await store.usage.list(SCOPE, [new Date().toISOString().slice(0, 7)])
    assert.equal(usage.reduce((n, u) => n + u.objects, 0), 6)
  })

  it('runs rounds when due, for enabled scopes only', async () => {
    put('b', 'k.csv', CLEAN(0))
    await enable(SCOPE)
    await store.settings.put(OTHER, SETTING.automatedDiscovery, { status: 'DISABLED' })
    assert.deepEqual((await runDueRounds(deps, { now: T0 })).map((r) => r.accountId), [SCOPE.accountId])
    assert.deepEqual(await runDueRounds(deps, { now: new Date(T0.getTime() + 23 * HOUR) }), [])
    assert.equal((await runDueRounds(deps, { now: new Date(T0.getTime() + 24 * HOUR) })).length, 1)
    assert.equal((await runDueRounds(deps, { now: new Date(T0.getTime() + 25 * HOUR), intervalMs: HOUR })).length, 1)
    await store.discovery.setAccountStatus(SCOPE, 'DISABLED', T0)
    assert.deepEqual(await runDueRounds(deps, { now: new Date(T0.getTime() + 100 * HOUR) }), [])
  })

  it('tells the inventory scores and monitoring while enabled and for 30 days after', async () => {
    put('b', 'k.csv', SSN(0))
    put('out', 'k.csv', SSN(0))
    await enable(SCOPE, ['out'])
    await runDiscoveryRound(deps, SCOPE, { now: T0 })
    let view = await readBucketSensitivity(store, SCOPE)
    assert.deepEqual([view.monitoringStatusOf('b'), view.monitoringStatusOf('out')], ['MONITORED', 'NOT_MONITORED'])
    assert.ok(view.scoreOf('b')! > 50)
    assert.equal(view.scoreOf('out'), undefined)

    const now = new Date()
    await store.settings.put(SCOPE, SETTING.automatedDiscovery, { status: 'DISABLED', disabledAt: new Date(now.getTime() - 10 * 24 * HOUR).toISOString() })
    view = await readBucketSensitivity(store, SCOPE, now)
    assert.equal(view.monitoringStatusOf('b'), 'NOT_MONITORED')
    assert.ok(view.scoreOf('b')! > 50)
    await store.settings.put(SCOPE, SETTING.automatedDiscovery, { status: 'DISABLED', disabledAt: new Date(now.getTime() - 31 * 24 * HOUR).toISOString() })
    view = await readBucketSensitivity(store, SCOPE, now)
    assert.equal(view.scoreOf('b'), undefined)
  })

  it('selects the recommended identifiers with the template includes and excludes', () => {
    const base = templateManagedIds({})
    assert.ok(base.includes('USA_SOCIAL_SECURITY_NUMBER'))
    const changed = templateManagedIds({ excludes: { managedDataIdentifierIds: ['USA_SOCIAL_SECURITY_NUMBER'] } })
    assert.equal(changed.includes('USA_SOCIAL_SECURITY_NUMBER'), false)
    assert.equal(changed.length, base.length - 1)
  })

  it('finds nothing with an identifier the template excludes', async () => {
    put('b', 'k.csv', SSN(0))
    await enable(SCOPE)
    await store.settings.put(SCOPE, SETTING.sensitivityInspectionTemplate, { id: 't', includes: {}, excludes: { managedDataIdentifierIds: ['USA_SOCIAL_SECURITY_NUMBER'] } })
    await runDiscoveryRound(deps, SCOPE, { now: T0 })
    assert.deepEqual((await store.discovery.summaries(SCOPE, 'b')).get('b')!.detections, [])
    assert.equal((await findings(SCOPE)).length, 0)
  })
})
