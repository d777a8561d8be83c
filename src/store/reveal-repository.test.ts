import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { openSqliteStore } from './sqlite/sqlite-store.js'
import type { Store } from './types.js'

const A = { accountId: '111122223333', region: 'us-east-1' }
const B = { accountId: '444455556666', region: 'us-east-1' }
const A_WEST = { accountId: '111122223333', region: 'eu-west-1' }
const T0 = new Date('2026-01-01T00:00:00Z')
const at = (ms: number): Date => new Date(T0.getTime() + ms)

describe('reveal repository', () => {
  let store: Store
  beforeEach(async () => {
    store = await openSqliteStore(':memory:')
  })
  afterEach(() => store.close())

  it('claims a finding once, then records the outcome of that claim only', async () => {
    assert.equal(await store.reveal.claim(A, 'f1', 'c1', T0, at(60_000)), true)
    assert.equal(await store.reveal.claim(A, 'f1', 'c2', at(1), at(60_000)), false)
    const processing = await store.reveal.get(A, 'f1', at(2))
    assert.equal(processing?.status, 'PROCESSING')
    assert.equal(processing?.claim, 'c1')
    assert.equal(processing?.sealed, undefined)

    assert.equal(await store.reveal.finish(A, 'f1', 'c2', { status: 'ERROR', error: 'x' }, at(120_000)), false)
    const sealed = Buffer.from([1, 2, 3, 250])
    assert.equal(await store.reveal.finish(A, 'f1', 'c1', { status: 'SUCCESS', sealed }, at(120_000)), true)
    // A finished retrieval is not finished twice.
    assert.equal(await store.reveal.finish(A, 'f1', 'c1', { status: 'ERROR', error: 'late' }, at(120_000)), false)
    const done = await store.reveal.get(A, 'f1', at(3))
    assert.equal(done?.status, 'SUCCESS')
    assert.deepEqual(done?.sealed, sealed)
    assert.equal(done?.error, undefined)
    assert.deepEqual(done?.expiresAt, at(120_000))
  })

  it('records errors', async () => {
    await store.reveal.claim(A, 'f1', 'c1', T0, at(60_000))
    await store.reveal.finish(A, 'f1', 'c1', { status: 'ERROR', error: 'OBJECT_UNAVAILABLE' }, at(60_000))
    const row = await store.reveal.get(A, 'f1', T0)
    assert.equal(row?.status, 'ERROR')
    assert.equal(row?.error, 'OBJECT_UNAVAILABLE')
    assert.equal(row?.sealed, undefined)
  })

  it('hides expired rows, lets a new claim replace them, and sweeps them', async () => {
    await store.reveal.claim(A, 'f1', 'c1', T0, at(1000))
    assert.equal(await store.reveal.get(A, 'f1', at(1000)), undefined)
    assert.ok(await store.reveal.get(A, 'f1', at(999)))
    assert.equal(await store.reveal.claim(A, 'f1', 'c2', at(1000), at(5000)), true)
    assert.equal((await store.reveal.get(A, 'f1', at(1000)))?.claim, 'c2')
    // The first retrieval's late outcome does not land on the second's row.
    assert.equal(await store.reveal.finish(A, 'f1', 'c1', { status: 'SUCCESS', sealed: Buffer.from('x') }, at(9000)), false)

    await store.reveal.claim(B, 'f2', 'c3', T0, at(2000))
    assert.equal(await store.reveal.deleteExpired(at(2000)), 1)
    assert.equal(await store.reveal.get(B, 'f2', T0), undefined)
    assert.ok(await store.reveal.get(A, 'f1', at(1000)))
  })

  it('keeps scopes apart and deletes one scope only', async () => {
    await store.reveal.claim(A, 'f1', 'a', T0, at(60_000))
    await store.reveal.claim(A_WEST, 'f1', 'w', T0, at(60_000))
    await store.reveal.claim(B, 'f1', 'b', T0, at(60_000))
    assert.equal((await store.reveal.get(B, 'f1', T0))?.claim, 'b')
    assert.equal(await store.reveal.finish(B, 'f1', 'a', { status: 'ERROR', error: 'x' }, at(60_000)), false)

    await store.reveal.deleteScope(A)
    assert.equal(await store.reveal.get(A, 'f1', T0), undefined)
    assert.equal((await store.reveal.get(A_WEST, 'f1', T0))?.claim, 'w')
    assert.equal((await store.reveal.get(B, 'f1', T0))?.claim, 'b')
    // A deleted row's retrieval writes nothing back.
    assert.equal(await store.reveal.finish(A, 'f1', 'a', { status: 'SUCCESS', sealed: Buffer.from('x') }, at(60_000)), false)
    assert.equal(await store.reveal.get(A, 'f1', T0), undefined)
  })
})
