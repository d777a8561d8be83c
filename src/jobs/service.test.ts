// The job service over a folder of buckets (a real source on the local disk): the status machine
// with runs in progress (pause, resume, cancel, 30-day expiry), sampling, the monthly quota,
// envelope-encrypted results, and a job over 10,000 objects.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ConflictError, InvalidInputError } from '../errors.js'
import { Keyring } from '../results/keyring.js'
import { readResultsFile } from '../results/reader.js'
import { openSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { Scope, Store } from '../store/types.js'
import type { JobContext } from './context.js'
import { JobService } from './service.js'

const SCOPE: Scope = { accountId: '111122223333', region: 'eu-west-1' }
const SSN_ROW = (i: number): string => `id,name,ssn\n${i},Jordan Example,261-29-6226\n`
const CLEAN_ROW = (i: number): string => `id,note\n${i},nothing to see\n`

type Json = Record<string, any>

describe('job service', () => {
  let dir: string
  let buckets: string
  let store: Store
  let keyring: Keyring
  let jobs: JobService

  const ctx = (extra: Partial<JobContext> = {}): JobContext => ({ store, keyring, workers: 1, sourceFor: () => ({ kind: 'folder', root: buckets }), ...extra })

  /** A bucket of `count` CSV objects, every `every`-th holding an SSN. */
  function bucket(name: string, count: number, every = 5): void {
    const root = join(buckets, name)
    for (let i = 0; i < count; i++) {
      const sub = join(root, `part-${Math.floor(i / 1000)}`)
      if (i % 1000 === 0) mkdirSync(sub, { recursive: true })
      writeFileSync(join(sub, `obj-${String(i).padStart(5, '0')}.csv`), i % every === 0 ? SSN_ROW(i) : CLEAN_ROW(i))
    }
  }

  const definition = (name: string): Json => ({ bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: [name] }] })
  const create = (request: Json, service = jobs): Promise<{ jobId: string }> =>
    service.create(SCOPE, { clientToken: crypto.randomUUID(), jobType: 'ONE_TIME', name: 'job', ...request })

  async function counts(jobId: string): Promise<{ total: number; done: number; runId: string }> {
    const [run] = await store.runs.listForJob(jobId)
    if (!run?.isPlanned) return { total: 0, done: 0, runId: run?.runId ?? '' }
    return { ...(await store.runObjects.counts(run.runId)), runId: run.runId }
  }

  async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
    const end = Date.now() + ms
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  async function findingKeys(jobId: string): Promise<string[]> {
    const page = await store.findings.list(SCOPE, { criterion: { 'classificationDetails.jobId': { eq: [jobId] } } }, undefined, { maxResults: 20_000 })
    return (await store.findings.get(SCOPE, page.items)).map((r) => (r.finding as Json).resourcesAffected.s3Object.key as string)
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trawl-service-'))
    buckets = join(dir, 'buckets')
    mkdirSync(buckets)
    store = await openSqliteStore(join(dir, 'trawl.db'))
    keyring = await Keyring.open(join(dir, 'data'))
    jobs = new JobService(ctx())
    bucket('paused', 400)
    bucket('cancelled', 400)
    bucket('sampled', 300)
    bucket('quota', 40)
    bucket('ten-thousand', 10_000, 100)
    mkdirSync(join(buckets, 'results'))
  })

  after(async () => {
    await jobs?.close()
    await store?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('a paused run stops, keeps its place for 30 days, and resumes where it stopped', async () => {
    const { jobId } = await create({ s3JobDefinition: definition('paused') })
    await until('part of the run', async () => (await counts(jobId)).done >= 40)
    const before = Date.now()
    await jobs.updateStatus(SCOPE, jobId, 'USER_PAUSED')
    const paused: Json = await jobs.describe(SCOPE, jobId)
    assert.equal(paused.jobStatus, 'USER_PAUSED')
    const expires = Date.parse(paused.userPausedDetails.jobExpiresAt) - Date.parse(paused.userPausedDetails.jobPausedAt)
    assert.equal(expires, 30 * 24 * 3600 * 1000)
    assert.ok(Date.parse(paused.userPausedDetails.jobPausedAt) >= before - 1000)
    const atPause = await counts(jobId)
    assert.ok(atPause.done < atPause.total, 'paused before the end')
    await new Promise((r) => setTimeout(r, 300))
    assert.equal((await counts(jobId)).done, atPause.done, 'nothing is analysed while paused')

    await jobs.updateStatus(SCOPE, jobId, 'RUNNING')
    await jobs.waitFor(jobId)
    const done: Json = await jobs.describe(SCOPE, jobId)
    assert.equal(done.jobStatus, 'COMPLETE')
    assert.equal(done.userPausedDetails, undefined)
    assert.equal(done.statistics.numberOfRuns, 1, 'the same run went on')
    const end = await counts(jobId)
    assert.equal(end.runId, atPause.runId)
    assert.deepEqual([end.done, end.total], [400, 400])
    const keys = await findingKeys(jobId)
    assert.equal(keys.length, 80)
    assert.equal(new Set(keys).size, 80)
  })

  it('a cancelled job stops for good', async () => {
    const { jobId } = await create({ s3JobDefinition: definition('cancelled') })
    await until('part of the run', async () => (await counts(jobId)).done >= 20)
    await jobs.updateStatus(SCOPE, jobId, 'CANCELLED')
    assert.equal(((await jobs.describe(SCOPE, jobId)) as Json).jobStatus, 'CANCELLED')
    const [run] = await store.runs.listForJob(jobId)
    assert.equal(run!.status, 'CANCELLED')
    const stopped = (await counts(jobId)).done
    assert.ok(stopped < 400)
    await assert.rejects(jobs.updateStatus(SCOPE, jobId, 'RUNNING'), ConflictError)
    await assert.rejects(jobs.updateStatus(SCOPE, jobId, 'USER_PAUSED'), ConflictError)
    await new Promise((r) => setTimeout(r, 200))
    assert.equal((await counts(jobId)).done, stopped)
  })

  it('a one-time job paused for more than 30 days is cancelled', async () => {
    const { jobId } = await create({ s3JobDefinition: definition('quota') })
    await jobs.updateStatus(SCOPE, jobId, 'USER_PAUSED')
    await jobs.tick(new Date(Date.now() + 29 * 24 * 3600 * 1000))
    assert.equal(((await jobs.describe(SCOPE, jobId)) as Json).jobStatus, 'USER_PAUSED')
    await jobs.tick(new Date(Date.now() + 31 * 24 * 3600 * 1000))
    assert.equal(((await jobs.describe(SCOPE, jobId)) as Json).jobStatus, 'CANCELLED')
  })

  it('a completed job cannot be paused or resumed', async () => {
    const { jobId } = await create({ s3JobDefinition: definition('quota') })
    await jobs.waitFor(jobId)
    await assert.rejects(jobs.updateStatus(SCOPE, jobId, 'USER_PAUSED'), ConflictError)
    await assert.rejects(jobs.updateStatus(SCOPE, jobId, 'RUNNING'), ConflictError)
    await assert.rejects(jobs.updateStatus(SCOPE, jobId, 'DONE'), InvalidInputError)
  })

  it('sampling analyses about the share asked for, the same objects on a resumed run', async () => {
    const { jobId } = await create({ samplingPercentage: 40, s3JobDefinition: definition('sampled') })
    await jobs.waitFor(jobId)
    const { total } = await counts(jobId)
    assert.ok(total > 80 && total < 160, `40% of 300 objects planned: ${total}`)
  })

  it('jobs that would pass the monthly quota are PAUSED, and go on when there is room', async () => {
    const tight = new JobService(ctx({ monthlyQuotaBytes: 1 }))
    const { jobId } = await create({ s3JobDefinition: definition('quota') }, tight)
    await tight.waitFor(jobId)
    assert.equal(((await tight.describe(SCOPE, jobId)) as Json).jobStatus, 'PAUSED')
    await tight.close()
    await jobs.tick()
    await jobs.waitFor(jobId)
    assert.equal(((await jobs.describe(SCOPE, jobId)) as Json).jobStatus, 'COMPLETE')
    assert.equal((await counts(jobId)).done, 40)
  })

  it('unknown custom identifiers and allow lists are refused', async () => {
    await assert.rejects(create({ customDataIdentifierIds: ['00000000-0000-0000-0000-000000000000'], s3JobDefinition: definition('quota') }), InvalidInputError)
    await assert.rejects(create({ allowListIds: ['nosuchallowlist0000000'], s3JobDefinition: definition('quota') }), InvalidInputError)
  })

  it('a job over 10,000 objects analyses each once', async () => {
    const started = Date.now()
    const { jobId } = await create({ s3JobDefinition: definition('ten-thousand') })
    await jobs.waitFor(jobId)
    const job: Json = await jobs.describe(SCOPE, jobId)
    assert.equal(job.jobStatus, 'COMPLETE')
    assert.equal(job.statistics.approximateNumberOfObjectsToProcess, 0)
    assert.deepEqual((({ total, done }) => ({ total, done }))(await counts(jobId)), { total: 10_000, done: 10_000 })
    const keys = await findingKeys(jobId)
    assert.equal(keys.length, 100)
    assert.equal(new Set(keys).size, 100)
    console.log(`# 10,000 objects in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  })

  // Last: from here on, every job of the scope writes results.
  it('a store without SSE-KMS gets envelope-encrypted results that trawl can read back', async () => {
    await store.exportConfigurations.put({ ...SCOPE, s3Destination: { bucketName: 'results', kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/unused' } })
    const { jobId } = await create({ s3JobDefinition: definition('sampled') })
    await jobs.waitFor(jobId)
    const folder = join(buckets, 'results', 'AWSLogs', SCOPE.accountId, 'Macie', SCOPE.region, jobId, SCOPE.accountId)
    const files = readdirSync(folder)
    assert.equal(files.length, 3, 'one file per batch of 100 objects')
    let planted = 0
    let records = 0
    for (const file of files) {
      assert.match(file, /\.jsonl\.gz\.enc$/)
      const bytes = readFileSync(join(folder, file))
      assert.equal(bytes.includes('261-29-6226'), false)
      assert.equal(bytes.includes('"accountId"'), false, 'nothing readable in clear')
      for (const record of readResultsFile(bytes, keyring) as Json[]) {
        records++
        if (record.classificationDetails.result.sensitiveData.length > 0) planted++
      }
    }
    assert.equal(records, 300)
    assert.equal(planted, 60)
  })
})
