// The contract on SQLite (in memory and in a file), the data folder's lock against real child
// processes, and (TRAWL_STORE_SCALE=1) the speed of lists and statistics over a large scope.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { openDataDir, openEmbeddedStore } from '../data-dir.js'
import { storeContract } from '../store.contract.js'
import type { FindingRow, Scope } from '../types.js'
import { openSqliteStore } from './sqlite-store.js'

const tmp = mkdtempSync(join(tmpdir(), 'trawl-sqlite-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

storeContract('sqlite in memory', () => openSqliteStore(':memory:'))
let files = 0
storeContract('sqlite file', () => openSqliteStore(join(tmp, `contract-${files++}.db`)))

describe('sqlite file store', () => {
  it('keeps rows across a close and a reopen, in WAL mode', async () => {
    const file = join(tmp, 'reopen.db')
    const first = await openSqliteStore(file)
    await first.accounts.ensure('111122223333')
    await first.close()
    const second = await openSqliteStore(file)
    assert.deepEqual(await second.accounts.list(), ['111122223333'])
    assert.equal(second.dialect, 'sqlite')
    await second.close()
    assert.ok(statSync(file).size > 0)
  })
})

const dataDirModule = pathToFileURL(join(import.meta.dirname, '..', 'data-dir.ts')).href

/** Runs a child Node process that opens the data folder; resolves once it printed a line. */
function child(dir: string, holdMs: number): { firstLine: Promise<string>; exited: Promise<{ code: number | null; stderr: string }>; pid: number; kill(): void } {
  const code = `
    import { openDataDir } from ${JSON.stringify(dataDirModule)}
    try {
      const d = await openDataDir(${JSON.stringify(dir)})
      console.log('held')
      setTimeout(() => d.release().then(() => process.exit(0)), ${holdMs})
    } catch (err) {
      console.error(err.message)
      process.exit(3)
    }`
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  const firstLine = new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (b: Buffer) => {
      stdout += b.toString()
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!)
    })
    proc.once('exit', () => reject(new Error(`child exited before printing: ${stderr}`)))
  })
  firstLine.catch(() => {})
  proc.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => proc.once('exit', (c) => resolve({ code: c, stderr })))
  return { firstLine, exited, pid: proc.pid!, kill: () => proc.kill('SIGKILL') }
}

describe('data folder', () => {
  it('creates the folder with mode 0700 and holds it until released', async () => {
    const dir = join(tmp, 'fresh', 'nested')
    const dataDir = await openDataDir(dir)
    assert.equal(statSync(dir).mode & 0o777, 0o700)
    assert.equal(dataDir.dbPath, join(dir, 'trawl.db'))
    assert.equal(dataDir.lockPath, join(dir, 'trawl.lock'))
    await assert.rejects(openDataDir(dir), (err: Error) => err.message.includes(dir) && err.message.includes(`PID ${process.pid}`))
    await dataDir.release()
    await dataDir.release()
    const again = await openDataDir(dir)
    await again.release()
  })

  it('refuses a second process, naming the folder, the holder PID and what to do', async () => {
    const dir = join(tmp, 'shared')
    const dataDir = await openDataDir(dir)
    try {
      const other = child(dir, 0)
      const { code, stderr } = await other.exited
      assert.equal(code, 3)
      assert.match(stderr, new RegExp(`data folder ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use`))
      assert.match(stderr, new RegExp(`PID ${process.pid}\\b`))
      assert.match(stderr, /Stop that process/)
    } finally {
      await dataDir.release()
    }
  })

  it('is refused while a child process holds it, and taken over once that process is killed', async () => {
    const dir = join(tmp, 'taken-over')
    const holder = child(dir, 60_000)
    assert.equal(await holder.firstLine, 'held')
    await assert.rejects(openDataDir(dir), (err: Error) => err.message.includes(`PID ${holder.pid}`))
    holder.kill()
    await holder.exited
    const dataDir = await openDataDir(dir)
    await dataDir.release()
  })

  it('opens the embedded store in the folder', async () => {
    const dir = join(tmp, 'embedded')
    const { store, dataDir } = await openEmbeddedStore(dir)
    await store.accounts.ensure('111122223333')
    await store.close()
    await dataDir.release()
    const reopened = await openEmbeddedStore(dir)
    assert.deepEqual(await reopened.store.accounts.list(), ['111122223333'])
    await reopened.store.close()
    await reopened.dataDir.release()
  })
})

// Inserting takes ~10 s per 100,000 findings here (2 shared cores), so the default is 200,000;
// TRAWL_STORE_SCALE_COUNT=1000000 runs the million (about two minutes).
const SCALE = process.env.TRAWL_STORE_SCALE === '1'
const SCALE_COUNT = Number(process.env.TRAWL_STORE_SCALE_COUNT ?? 200_000)

describe('sqlite store at scale', { skip: SCALE ? false : 'set TRAWL_STORE_SCALE=1 to insert 200,000 findings into one scope' }, () => {
  const scope: Scope = { accountId: '111122223333', region: 'us-east-1' }
  const file = join(tmp, 'scale.db')
  const types = ['SensitiveData:S3Object/Personal', 'SensitiveData:S3Object/Financial', 'SensitiveData:S3Object/Credentials', 'SensitiveData:S3Object/Multiple']
  const detections = ['USA_SOCIAL_SECURITY_NUMBER', 'CREDIT_CARD_NUMBER', 'AWS_CREDENTIALS', 'EMAIL_ADDRESS', 'PHONE_NUMBER']
  const severities = [
    ['Low', 1],
    ['Medium', 2],
    ['High', 3],
  ] as const

  function syntheticFinding(i: number): FindingRow {
    const [description, score] = severities[i % 3]!
    const t = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 1000).toISOString()
    const bucket = `bucket-${i % 100}`
    const key = `folder-${i % 1000}/object-${i}.csv`
    return {
      ...scope,
      id: `finding-${String(i).padStart(8, '0')}`,
      finding: {
        accountId: scope.accountId,
        archived: i % 10 === 0,
        category: 'CLASSIFICATION',
        classificationDetails: {
          jobId: `job-${i % 20}`,
          originType: 'SENSITIVE_DATA_DISCOVERY_JOB',
          result: { sensitiveData: [{ category: 'PERSONAL_INFORMATION', detections: [{ type: detections[i % 5], count: 1 }, { type: detections[(i + 1) % 5], count: 2 }] }] },
        },
        count: 1,
        createdAt: t,
        id: `finding-${String(i).padStart(8, '0')}`,
        region: scope.region,
        resourcesAffected: { s3Bucket: { name: bucket, tags: [] }, s3Object: { key, extension: 'csv', tags: [] } },
        severity: { description, score },
        type: types[i % 4]!,
        updatedAt: t,
      },
    }
  }

  let store: Awaited<ReturnType<typeof openSqliteStore>>
  before(async () => {
    store = await openSqliteStore(file)
    const started = performance.now()
    const batch = 5000
    for (let i = 0; i < SCALE_COUNT; i += batch) {
      await store.findings.insertMany(Array.from({ length: Math.min(batch, SCALE_COUNT - i) }, (_, j) => syntheticFinding(i + j)))
    }
    console.log(`inserted ${SCALE_COUNT} findings in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    // Reopen, as a served instance would be, so that the planner has its statistics.
    await store.close()
    const reopened = performance.now()
    store = await openSqliteStore(file)
    console.log(`reopened (with ANALYZE) in ${((performance.now() - reopened) / 1000).toFixed(1)} s`)
  })
  after(() => store.close())

  async function timed<T>(label: string, run: () => Promise<T>): Promise<{ value: T; ms: number }> {
    await run() // warm the page cache: the figure is of a served instance, not a cold disk
    const started = performance.now()
    const value = await run()
    const ms = performance.now() - started
    console.log(`${label}: ${ms.toFixed(1)} ms`)
    return { value, ms }
  }

  it('lists a filtered, sorted page quickly, and its next page too', async () => {
    const criteria = { criterion: { archived: { eq: ['false'] }, 'severity.description': { eq: ['High'] } } }
    const first = await timed('ListFindings High, not archived, updatedAt DESC', () => store.findings.list(scope, criteria, undefined, { maxResults: 50 }))
    assert.equal(first.value.items.length, 50)
    assert.ok(first.ms < 500)
    const second = await timed('  its next page', () => store.findings.list(scope, criteria, undefined, { maxResults: 50, nextToken: first.value.nextToken! }))
    assert.equal(second.value.items.length, 50)
    assert.ok(second.ms < 500)
    const byBucket = await timed('ListFindings bucket eq, sorted by resourcesAffected', () =>
      store.findings.list(scope, { criterion: { 'resourcesAffected.s3Bucket.name': { eq: ['bucket-42'] } } }, { attributeName: 'resourcesAffected', orderBy: 'ASC' }, { maxResults: 50 }),
    )
    assert.equal(byBucket.value.items.length, 50)
    assert.ok(byBucket.ms < 500)
    const byType = await timed('ListFindings detection type eq, severity.score DESC', () =>
      store.findings.list(scope, { criterion: { 'sensitiveData.detections.type': { eq: ['AWS_CREDENTIALS'] } } }, { attributeName: 'severity.score', orderBy: 'DESC' }, { maxResults: 50 }),
    )
    assert.equal(byType.value.items.length, 50)
    assert.ok(byType.ms < 500)
    const byJob = await timed('ListFindings job ID eq, updatedAt DESC', () =>
      store.findings.list(scope, { criterion: { 'classificationDetails.jobId': { eq: ['job-3'] } } }, undefined, { maxResults: 50 }),
    )
    assert.equal(byJob.value.items.length, 50)
    assert.ok(byJob.ms < 500)
  })

  it('answers statistics quickly', async () => {
    const byType = await timed('GetFindingStatistics groupBy type', () => store.findings.statistics(scope, {}, 'type', {}))
    assert.equal(byType.value.reduce((n, g) => n + g.count, 0), SCALE_COUNT)
    assert.ok(byType.ms < 500)
    const filtered = await timed('GetFindingStatistics groupBy severity, bucket eq', () =>
      store.findings.statistics(scope, { criterion: { 'resourcesAffected.s3Bucket.name': { eq: ['bucket-7'] } } }, 'severity.description', {}),
    )
    assert.equal(filtered.value.reduce((n, g) => n + g.count, 0), SCALE_COUNT / 100)
    assert.ok(filtered.ms < 500)
    const archived = await timed('GetFindingStatistics groupBy bucket, not archived, size 10', () =>
      store.findings.statistics(scope, { criterion: { archived: { eq: ['false'] } } }, 'resourcesAffected.s3Bucket.name', { size: 10 }),
    )
    assert.equal(archived.value.length, 10)
    assert.ok(archived.ms < 500)
  })
})
