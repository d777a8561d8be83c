// Planning a run over a folder of buckets: which objects, and the batches they are numbered in.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { FolderSource } from '../sources/folder.js'
import { openSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { RunRow, Store } from '../store/types.js'
import { BATCH_SLOTS, batchOf, planRun, type RunSources } from './planner.js'
import { validateCreateJobRequest } from './validate.js'

const SCOPE = { accountId: '111122223333', region: 'us-east-1' }
const MEMBER = '444455556666'
const STRANGER = '777788889999'

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

describe('planRun over an administrator\'s and its members\' buckets', () => {
  let dir: string
  let store: Store
  const sources = new Map<string, FolderSource>()
  let reach: RunSources

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trawl-plan-members-'))
    // Each account has a folder of buckets of its own.
    for (const [account, bucket, files] of [
      [SCOPE.accountId, 'admin-data', ['a.txt', 'b.txt']],
      [MEMBER, 'member-data', ['m.txt']],
      [MEMBER, 'member-logs', ['l.log']],
      [STRANGER, 'stranger-data', ['s.txt']],
    ] as const) {
      mkdirSync(join(dir, account, bucket), { recursive: true })
      for (const f of files) writeFileSync(join(dir, account, bucket, f), 'x')
    }
    for (const account of [SCOPE.accountId, MEMBER, STRANGER]) sources.set(account, new FolderSource({ kind: 'folder', root: join(dir, account) }))
    reach = { accounts: [SCOPE.accountId, MEMBER], sourceOf: (accountId) => sources.get(accountId)! }
    store = await openSqliteStore(':memory:')
    await store.accounts.ensure(SCOPE.accountId)
  })

  after(async () => {
    for (const source of sources.values()) source.close()
    await store?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  async function plan(runId: string, s3JobDefinition: object): Promise<{ errors: string[]; buckets: string[]; objects: string[] }> {
    const job = validateCreateJobRequest({ clientToken: runId, jobType: 'ONE_TIME', name: runId, s3JobDefinition }, SCOPE, { now: new Date(), newJobId: () => runId.padEnd(32, '0') })
    const run: RunRow = { ...SCOPE, runId, jobId: job.jobId, status: 'RUNNING', startedAt: new Date(), isPlanned: false, errorCode: 'NONE' }
    await store.jobs.insert(job)
    await store.runs.insert(run)
    const result = await planRun(store, reach, job, run)
    const objects = (await store.runObjects.listPending(runId, -1, 100)).map((o) => `${o.accountId ?? '-'}/${o.bucket}/${o.key}`)
    return { errors: result.errors, buckets: result.buckets.map((b) => `${b.accountId}/${b.name}`), objects }
  }

  it('lists a member\'s bucket definitions with the member\'s source, and records the member as the owner of its objects', async () => {
    const got = await plan('run-definitions', { bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['admin-data'] }, { accountId: MEMBER, buckets: ['member-data'] }] })
    assert.deepEqual(got.errors, [])
    assert.deepEqual(got.buckets, [`${SCOPE.accountId}/admin-data`, `${MEMBER}/member-data`])
    // The job's own objects carry no account (null: the job's); the member's carry the member.
    assert.deepEqual(got.objects, ['-/admin-data/a.txt', '-/admin-data/b.txt', `${MEMBER}/member-data/m.txt`])
  })

  it('reports, and does not list, the buckets of an account that is not a member', async () => {
    const got = await plan('run-stranger', { bucketDefinitions: [{ accountId: STRANGER, buckets: ['stranger-data'] }, { accountId: SCOPE.accountId, buckets: ['admin-data'] }] })
    assert.deepEqual(got.errors, [`buckets of account ${STRANGER} are not reachable from account ${SCOPE.accountId}`])
    assert.deepEqual(got.objects, ['-/admin-data/a.txt', '-/admin-data/b.txt'])
  })

  it('does not find a member\'s bucket in the job\'s own account', async () => {
    const got = await plan('run-wrong-owner', { bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['member-data'] }] })
    assert.deepEqual(got.errors, ['bucket member-data does not exist or cannot be reached'])
    assert.deepEqual(got.objects, [])
  })

  it('evaluates bucket criteria over the buckets of the job\'s account and of its members', async () => {
    const got = await plan('run-criteria-all', { bucketCriteria: {} })
    assert.deepEqual(got.errors, [])
    assert.deepEqual(got.buckets.sort(), [`${MEMBER}/member-data`, `${MEMBER}/member-logs`, `${SCOPE.accountId}/admin-data`].sort())
    assert.ok(!got.buckets.some((b) => b.startsWith(STRANGER)), 'never a non-member\'s bucket')
  })

  it('selects by ACCOUNT_ID among them', async () => {
    const member = await plan('run-criteria-member', { bucketCriteria: { includes: { and: [{ simpleCriterion: { comparator: 'EQ', key: 'ACCOUNT_ID', values: [MEMBER] } }] } } })
    assert.deepEqual(member.buckets, [`${MEMBER}/member-data`, `${MEMBER}/member-logs`])
    assert.deepEqual(member.objects, [`${MEMBER}/member-data/m.txt`, `${MEMBER}/member-logs/l.log`])
    const own = await plan('run-criteria-own', { bucketCriteria: { excludes: { and: [{ simpleCriterion: { comparator: 'EQ', key: 'ACCOUNT_ID', values: [MEMBER] } }] } } })
    assert.deepEqual(own.buckets, [`${SCOPE.accountId}/admin-data`])
  })

  it('plans from one source as before when given one', async () => {
    const job = validateCreateJobRequest({ clientToken: 'run-one', jobType: 'ONE_TIME', name: 'one', s3JobDefinition: { bucketCriteria: {} } }, SCOPE, { now: new Date(), newJobId: () => 'run-one'.padEnd(32, '0') })
    const run: RunRow = { ...SCOPE, runId: 'run-one', jobId: job.jobId, status: 'RUNNING', startedAt: new Date(), isPlanned: false, errorCode: 'NONE' }
    await store.jobs.insert(job)
    await store.runs.insert(run)
    const result = await planRun(store, sources.get(SCOPE.accountId)!, job, run)
    assert.deepEqual(result.buckets.map((b) => `${b.accountId}/${b.name}`), [`${SCOPE.accountId}/admin-data`])
  })
})
