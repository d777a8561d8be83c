// Planning a run over a folder of buckets: which objects, and the batches they are numbered in.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { FolderSource } from '../sources/folder.js'
import { openSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { RunRow, Store } from '../store/types.js'
import { BATCH_SLOTS, batchOf, planRun } from './planner.js'
import { validateCreateJobRequest } from './validate.js'

const SCOPE = { accountId: '111122223333', region: 'us-east-1' }

describe('planRun', () => {
  let dir: string
  let store: Store
  let source: FolderSource

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trawl-plan-'))
    mkdirSync(join(dir, 'small'))
    for (let i = 0; i < 250; i++) writeFileSync(join(dir, 'small', `f-${String(i).padStart(3, '0')}.txt`), 'x')
    mkdirSync(join(dir, 'large'))
    writeFileSync(join(dir, 'large', 'a.log'), Buffer.alloc(20 << 20))
    writeFileSync(join(dir, 'large', 'b.log'), Buffer.alloc(20 << 20))
    writeFileSync(join(dir, 'large', 'c.log'), Buffer.alloc(40 << 20))
    writeFileSync(join(dir, 'large', 'd.txt'), 'small')
    store = await openSqliteStore(':memory:')
    source = new FolderSource({ kind: 'folder', root: dir })
  })

  after(async () => {
    source?.close()
    await store?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  async function plan(bucket: string, runId: string): Promise<number[]> {
    const job = validateCreateJobRequest(
      { clientToken: runId, jobType: 'ONE_TIME', name: runId, s3JobDefinition: { bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: [bucket] }] } },
      SCOPE,
      { now: new Date(), newJobId: () => runId.padEnd(32, '0') },
    )
    const run: RunRow = { ...SCOPE, runId, jobId: job.jobId, status: 'RUNNING', startedAt: new Date(), isPlanned: false, errorCode: 'NONE' }
    await store.accounts.ensure(SCOPE.accountId)
    await store.jobs.insert(job)
    await store.runs.insert(run)
    const result = await planRun(store, source, job, run)
    assert.deepEqual(result.errors, [])
    return (await store.runObjects.listPending(runId, -1, 10_000)).map((o) => o.seq)
  }

  it('numbers objects in batches of at most 100, each batch from a multiple of BATCH_SLOTS', async () => {
    const seqs = await plan('small', 'run-small')
    assert.equal(seqs.length, 250)
    const sizes = new Map<number, number>()
    for (const seq of seqs) sizes.set(batchOf(seq), (sizes.get(batchOf(seq)) ?? 0) + 1)
    assert.deepEqual([...sizes.entries()], [
      [0, 100],
      [1, 100],
      [2, 50],
    ])
    assert.equal(seqs[100], BATCH_SLOTS)
  })

  it('starts a new batch past 32 MiB, and a larger object has one of its own', async () => {
    const seqs = await plan('large', 'run-large')
    const objects = await store.runObjects.listPending('run-large', -1, 10)
    const byKey = new Map(objects.map((o) => [o.key, batchOf(o.seq)]))
    assert.equal(seqs.length, 4)
    assert.notEqual(byKey.get('a.log'), byKey.get('b.log'), '20 + 20 MiB is over 32 MiB')
    assert.notEqual(byKey.get('b.log'), byKey.get('c.log'))
    assert.notEqual(byKey.get('c.log'), byKey.get('d.txt'), 'nothing joins the 40 MiB object')
  })
})
