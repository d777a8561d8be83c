// The publication repository on SQLite: the outbox written with findings, due events and their
// coalescing, exactly-once enqueueing, claims, dead letters, and isolation between scopes.
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { ConflictError, InvalidInputError } from '../errors.js'
import { sampleFindings } from '../findings/sample.js'
import type { NewDelivery } from './publication-repository.js'
import { openSqliteStore } from './sqlite/sqlite-store.js'
import type { FindingRow, Scope, Store } from './types.js'

const A: Scope = { accountId: '111122223333', region: 'us-east-1' }
const B: Scope = { accountId: '444455556666', region: 'us-east-1' }
const MINUTE = 60_000

function rowOf(scope: Scope, type: 'SensitiveData:S3Object/Personal' | 'Policy:IAMUser/S3BucketPublic', archived = false): FindingRow {
  const [f] = sampleFindings(scope, [type], new Date())
  return { ...scope, id: f!.id, finding: { ...(f as unknown as FindingRow['finding']), archived } }
}

function delivery(scope: Scope, over: Partial<NewDelivery> = {}): NewDelivery {
  const now = new Date()
  return { ...scope, id: crypto.randomUUID(), eventId: crypto.randomUUID(), findingId: 'f', webhookId: 'w1', webhookUrl: 'http://127.0.0.1/hook', body: '{}', nextAttemptAt: now, createdAt: now, ...over }
}

describe('publication repository', () => {
  let store: Store
  beforeEach(async () => {
    store = await openSqliteStore(':memory:')
  })
  afterEach(() => store.close())

  it('writes a NEW event with every inserted finding that is not archived, and nothing for archived ones', async () => {
    const shown = rowOf(A, 'SensitiveData:S3Object/Personal')
    const hidden = rowOf(A, 'SensitiveData:S3Object/Personal', true)
    await store.findings.insertMany([shown, hidden])
    const events = await store.publication.dueEvents(A, new Date(), 100)
    assert.deepEqual(
      events.map((e) => [e.findingId, e.kind]),
      [[shown.id, 'NEW']],
    )
    assert.deepEqual(await store.publication.pendingScopes(), [A])
  })

  it('writes no event when the finding insert fails (same transaction)', async () => {
    const row = rowOf(A, 'SensitiveData:S3Object/Personal')
    await store.findings.insertMany([row])
    await assert.rejects(store.findings.insertMany([rowOf(A, 'SensitiveData:S3Object/Personal'), row]), ConflictError)
    assert.equal((await store.publication.dueEvents(A, new Date(), 100)).length, 1)
  })

  it('writes an UPDATE event with every update of a finding that is not archived', async () => {
    const row = rowOf(A, 'Policy:IAMUser/S3BucketPublic')
    await store.findings.insertMany([row])
    await store.findings.update({ ...row, finding: { ...row.finding, count: 2 } })
    await store.findings.update({ ...row, finding: { ...row.finding, count: 3, archived: true } })
    const kinds = (await store.publication.dueEvents(A, new Date(), 100)).map((e) => e.kind)
    assert.deepEqual(kinds, ['NEW', 'UPDATE'])
  })

  it('holds updates until they are due, then returns every waiting event of their finding', async () => {
    const row = rowOf(A, 'Policy:IAMUser/S3BucketPublic')
    await store.findings.insertMany([row])
    const [created] = await store.publication.dueEvents(A, new Date(), 100)
    await store.publication.enqueue([created!.seq], [])
    await store.findings.update({ ...row, finding: { ...row.finding, count: 2 } })
    const first = Date.now()
    assert.deepEqual(await store.publication.dueEvents(A, new Date(first - 15 * MINUTE), 100), [], 'not due yet')
    await store.findings.update({ ...row, finding: { ...row.finding, count: 3 } })
    // The first update is due; the second, not due by itself, comes with it.
    const due = await store.publication.dueEvents(A, new Date(first + 1), 1)
    assert.deepEqual(
      due.map((e) => e.kind),
      ['UPDATE', 'UPDATE'],
    )
    assert.ok(due[0]!.seq < due[1]!.seq)
  })

  it('enqueues events exactly once: a second enqueue of the same events changes nothing', async () => {
    await store.findings.insertMany([rowOf(A, 'SensitiveData:S3Object/Personal')])
    const seqs = (await store.publication.dueEvents(A, new Date(), 100)).map((e) => e.seq)
    await store.publication.enqueue(seqs, [delivery(A)])
    await assert.rejects(store.publication.enqueue(seqs, [delivery(A)]), ConflictError)
    assert.equal((await store.publication.dueDeliveries('w1', new Date(), 10)).length, 1)
    assert.deepEqual(await store.publication.pendingScopes(), [])
  })

  it('claims a delivery once, moves its next attempt, and lists it due again only then', async () => {
    const d = delivery(A)
    await store.publication.enqueue([], [d])
    const now = new Date()
    assert.deepEqual(await store.publication.dueWebhooks(now), ['w1'])
    const [read] = await store.publication.dueDeliveries('w1', now, 10)
    const retryAt = new Date(now.getTime() + MINUTE)
    assert.equal(await store.publication.claim(read!, now, retryAt), true)
    assert.equal(await store.publication.claim(read!, now, retryAt), false, 'a second claim of the same read fails')
    assert.deepEqual(await store.publication.dueDeliveries('w1', now, 10), [])
    assert.deepEqual(await store.publication.dueWebhooks(now), [])
    const [again] = await store.publication.dueDeliveries('w1', retryAt, 10)
    assert.equal(again?.attempts, 1)
    await store.publication.failed(d.id, 'HTTP 500', false, now)
    assert.equal((await store.publication.dueDeliveries('w1', retryAt, 10))[0]?.lastError, 'HTTP 500')
    await store.publication.delivered(d.id)
    assert.deepEqual(await store.publication.dueDeliveries('w1', retryAt, 10), [])
  })

  it('keeps dead letters listable by scope, pages them, and redelivers them with fresh attempts', async () => {
    const dead = [delivery(A), delivery(A), delivery(A)]
    await store.publication.enqueue([], [...dead, delivery(B)])
    const now = new Date()
    for (const d of dead) await store.publication.failed(d.id, 'HTTP 503', true, now)
    assert.deepEqual(await store.publication.dueDeliveries('w1', now, 10).then((r) => r.map((d) => d.accountId)), [B.accountId])
    const first = await store.publication.listDeadLetters(A, { maxResults: 2 })
    assert.equal(first.items.length, 2)
    assert.ok(first.nextToken)
    const second = await store.publication.listDeadLetters(A, { maxResults: 2, nextToken: first.nextToken! })
    assert.equal(second.items.length, 1)
    assert.equal(second.nextToken, undefined)
    assert.deepEqual([...first.items, ...second.items].map((d) => d.id).sort(), dead.map((d) => d.id).sort())
    assert.ok(first.items.every((d) => d.state === 'DEAD' && d.lastError === 'HTTP 503' && d.deadAt))
    assert.deepEqual((await store.publication.listDeadLetters(B, {})).items, [])
    await assert.rejects(store.publication.listDeadLetters(A, { nextToken: 'bogus!' }), InvalidInputError)

    assert.equal(await store.publication.redeliver(B, [dead[0]!.id], now), 0, "another scope's dead letters cannot be touched")
    assert.equal(await store.publication.redeliver(A, [dead[0]!.id, 'nope'], now), 1)
    const [back] = (await store.publication.dueDeliveries('w1', now, 10)).filter((d) => d.id === dead[0]!.id)
    assert.equal(back?.state, 'PENDING')
    assert.equal(back?.attempts, 0)
    assert.equal(back?.eventId, dead[0]!.eventId)
  })

  it('deleteScope removes the events and deliveries of one scope only', async () => {
    await store.findings.insertMany([rowOf(A, 'SensitiveData:S3Object/Personal'), rowOf(B, 'SensitiveData:S3Object/Personal')])
    await store.publication.enqueue([], [delivery(A), delivery(B)])
    await store.publication.deleteScope(A)
    assert.deepEqual(await store.publication.pendingScopes(), [B])
    assert.deepEqual((await store.publication.dueDeliveries('w1', new Date(), 10)).map((d) => d.accountId), [B.accountId])
  })
})
