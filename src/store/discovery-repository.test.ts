import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import type { ArtifactCommit } from './discovery-repository.js'
import { openSqliteStore } from './sqlite/sqlite-store.js'
import type { Scope, Store } from './types.js'

const A: Scope = { accountId: '111122223333', region: 'us-east-1' }
const B: Scope = { accountId: '444455556666', region: 'us-east-1' }
const A_WEST: Scope = { accountId: '111122223333', region: 'eu-west-1' }
const T0 = new Date('2026-03-01T00:00:00Z')

function commit(key: string, eTag: string, ssn = 0, extra: Partial<ArtifactCommit['artifact']> = {}): ArtifactCommit {
  return {
    artifact: { bucket: 'b', key, eTag, lastModified: T0, size: 10, status: 'COMPLETE', isSensitive: ssn > 0, bytesClassified: 10, analysedAt: T0, ...extra },
    detections: ssn > 0 ? [{ type: 'MANAGED', id: 'USA_SOCIAL_SECURITY_NUMBER', name: 'USA_SOCIAL_SECURITY_NUMBER', count: ssn }] : [],
    findings: [],
    usage: { month: '2026-03', bytes: 10, objects: 1 },
  }
}

describe('discovery repository', () => {
  let store: Store
  beforeEach(async () => {
    store = await openSqliteStore(':memory:')
  })
  afterEach(() => store.close())

  it('commits an object once per version and replaces its detections when it changes', async () => {
    assert.equal(await store.discovery.commitArtifacts(A, [commit('k1', 'e1', 3), commit('k2', 'e2')], T0), 2)
    assert.equal(await store.discovery.commitArtifacts(A, [commit('k1', 'e1', 3)], T0), 0)
    let s = (await store.discovery.summaries(A, 'b')).get('b')!
    assert.equal(s.counts.complete, 2)
    assert.equal(s.counts.sensitive, 1)
    assert.deepEqual(s.detections.map((d) => [d.id, d.count]), [['USA_SOCIAL_SECURITY_NUMBER', 3]])
    const usage = await store.usage.list(A, ['2026-03'])
    assert.deepEqual(usage.map((u) => [u.type, u.bytes, u.objects]), [['AUTOMATED_SENSITIVE_DATA_DISCOVERY', 20, 2]])

    assert.equal(await store.discovery.commitArtifacts(A, [commit('k1', 'e1-new', 5)], T0), 1)
    s = (await store.discovery.summaries(A, 'b')).get('b')!
    assert.deepEqual(s.detections.map((d) => d.count), [5])
    assert.equal(s.counts.complete, 2)
  })

  it('drops changed or vanished objects with their detections', async () => {
    await store.discovery.commitArtifacts(A, [commit('k1', 'e1', 3), commit('k2', 'e2', 4)], T0)
    assert.equal(await store.discovery.dropArtifacts(A, 'b', ['k1', 'missing'], T0), 1)
    const s = (await store.discovery.summaries(A, 'b')).get('b')!
    assert.deepEqual(s.detections.map((d) => d.count), [4])
    assert.deepEqual((await store.discovery.artifactVersions(A, 'b')).map((a) => a.key), ['k2'])
  })

  it('counts skipped objects by reason', async () => {
    await store.discovery.commitArtifacts(A, [commit('k1', 'e', 0, { status: 'SKIPPED', reason: 'INVALID_ENCRYPTION' }), commit('k2', 'e', 0, { status: 'SKIPPED', reason: 'PERMISSION_DENIED' }), commit('k3', 'e', 0, { status: 'PARTIAL' })], T0)
    const c = (await store.discovery.summaries(A, 'b')).get('b')!.counts
    assert.deepEqual([c.skipped, c.skippedInvalidEncryption, c.skippedPermissionDenied, c.skippedInvalidKms, c.partial], [2, 1, 1, 0, 1])
  })

  it('keeps profiles: listing, override and suppressed identifiers', async () => {
    assert.equal(await store.discovery.getProfile(A, 'b'), undefined)
    await store.discovery.putListing(A, 'b', { objectCount: 4, eligibleObjects: 3, listedAt: T0 })
    await store.discovery.setScoreOverride(A, 'b', 100, T0)
    await store.discovery.setSuppressed(A, 'b', [{ id: 'EMAIL_ADDRESS', type: 'MANAGED' }], T0)
    let p = (await store.discovery.getProfile(A, 'b'))!
    assert.deepEqual([p.objectCount, p.eligibleObjects, p.scoreOverride, p.suppressed], [4, 3, 100, [{ id: 'EMAIL_ADDRESS', type: 'MANAGED' }]])
    await store.discovery.setScoreOverride(A, 'b', null, T0)
    p = (await store.discovery.getProfile(A, 'b'))!
    assert.equal(p.scoreOverride, undefined)
  })

  it('pages artifacts in key order', async () => {
    await store.discovery.commitArtifacts(A, ['c', 'a', 'b'].map((k) => commit(k, 'e')), T0)
    const first = await store.discovery.listArtifacts(A, 'b', undefined, 2)
    assert.deepEqual([first.items.map((a) => a.key), first.hasMore], [['a', 'b'], true])
    const second = await store.discovery.listArtifacts(A, 'b', 'b', 2)
    assert.deepEqual([second.items.map((a) => a.key), second.hasMore], [['c'], false])
  })

  it('keeps accounts and rounds per scope', async () => {
    assert.equal(await store.discovery.getAccount(A), undefined)
    await store.discovery.markRound(A, T0)
    await store.discovery.setAccountStatus(A, 'DISABLED', T0)
    assert.deepEqual(await store.discovery.getAccount(A), { status: 'DISABLED', lastRoundAt: T0 })
    assert.equal(await store.discovery.getAccount(A_WEST), undefined)
    await store.settings.put(B, 'automated-discovery', { status: 'ENABLED' })
    assert.deepEqual(await store.discovery.scopesWithSetting('automated-discovery'), [{ ...B, value: { status: 'ENABLED' } }])
  })

  it('isolates scopes, and deleteScope removes only the scope', async () => {
    await store.discovery.commitArtifacts(A, [commit('k1', 'e1', 3)], T0)
    await store.discovery.commitArtifacts(B, [commit('k1', 'e1', 9)], T0)
    await store.discovery.setScoreOverride(A_WEST, 'b', 100, T0)
    assert.deepEqual((await store.discovery.summaries(B)).get('b')!.detections.map((d) => d.count), [9])
    assert.equal((await store.discovery.summaries(A_WEST)).get('b')!.counts.complete, 0)
    await store.discovery.deleteScope(A)
    assert.equal((await store.discovery.summaries(A)).size, 0)
    assert.equal((await store.discovery.summaries(B)).size, 1)
    assert.equal((await store.discovery.getProfile(A_WEST, 'b'))?.scoreOverride, 100)
  })
})
