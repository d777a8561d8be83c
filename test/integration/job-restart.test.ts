// A job survives the death of its process: `trawl jobs create` is killed (SIGKILL) mid-run,
// `trawl jobs run` resumes it, and in the end every object was analysed once — one results file
// and one usage count per object, one finding per object with planted data, none twice.
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { after, before, describe, it } from 'node:test'
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client, paginateListObjectsV2 } from '@aws-sdk/client-s3'
import { openEmbeddedStore } from '../../src/store/data-dir.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { motoUnavailable, skipUnless, startMoto, TEST_CREDENTIALS, type RunningServer } from '../support/servers.js'

const ACCOUNT = '111122223333'
const REGION = 'us-east-1'
const OBJECTS = 1200
const isPlanted = (i: number): boolean => i % 5 === 0

function start(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { env: { ...process.env, ...env } })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
  return { child, done }
}

describe('a job killed mid-run resumes without losing or repeating work', { skip: skipUnless(motoUnavailable()) }, () => {
  let moto: RunningServer
  let s3: S3Client
  let dir: string
  let env: Record<string, string>

  before(async () => {
    moto = await startMoto()
    s3 = new S3Client({ endpoint: moto.endpoint, region: REGION, credentials: TEST_CREDENTIALS, forcePathStyle: true })
    const kms = new KMSClient({ endpoint: moto.endpoint, region: REGION, credentials: TEST_CREDENTIALS })
    const keyArn = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!
    kms.destroy()
    await s3.send(new CreateBucketCommand({ Bucket: 'many' }))
    await s3.send(new CreateBucketCommand({ Bucket: 'results' }))
    let next = 0
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < OBJECTS) {
          const i = next++
          const body = isPlanted(i) ? `id,name,ssn\n${i},Jordan Example,261-29-6226\n` : `id,note\n${i},nothing to see\n`
          await s3.send(new PutObjectCommand({ Bucket: 'many', Key: `part-${String(i).padStart(5, '0')}.csv`, Body: body }))
        }
      }),
    )
    dir = mkdtempSync(join(tmpdir(), 'trawl-restart-'))
    const { store, dataDir } = await openEmbeddedStore(dir)
    await store.accounts.ensure(ACCOUNT)
    await store.exportConfigurations.put({ accountId: ACCOUNT, region: REGION, s3Destination: { bucketName: 'results', kmsKeyArn: keyArn } })
    await store.close()
    await dataDir.release()
    env = {
      TRAWL_DATA_DIR: dir,
      TRAWL_ACCOUNT_ID: ACCOUNT,
      AWS_REGION: REGION,
      AWS_ENDPOINT_URL_S3: moto.endpoint,
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    }
  })

  after(async () => {
    s3?.destroy()
    await moto?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('kill -9 during the run, then `trawl jobs run`', async () => {
    const definition = JSON.stringify({ bucketDefinitions: [{ accountId: ACCOUNT, buckets: ['many'] }] })
    const first = start(['jobs', 'create', '--name', 'restart', '--job-type', 'ONE_TIME', '--s3-job-definition', definition, '--workers', '1', '--no-progress'], env)

    // Watch the store (SQLite readers do not block the writer) until part of the run is done.
    const watcher = await openSqliteStore(join(dir, 'trawl.db'))
    let jobId = ''
    let done = 0
    let total = 0
    const until = Date.now() + 120_000
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200))
      const [job] = await watcher.jobs.list({ accountId: ACCOUNT, region: REGION })
      if (!job) continue
      jobId = job.jobId
      const [run] = await watcher.runs.listForJob(jobId)
      if (!run?.isPlanned) continue
      ;({ done, total } = await watcher.runObjects.counts(run.runId))
      if (done >= OBJECTS / 4) break
    }
    first.child.kill('SIGKILL')
    await first.done
    assert.ok(done >= OBJECTS / 4 && done < total, `killed mid-run (${done}/${total} done)`)
    await watcher.close()

    const second = start(['jobs', 'run', '--workers', '1', '--no-progress'], env)
    const result = await second.done
    assert.equal(result.code, 0, result.stderr)

    const store = await openSqliteStore(join(dir, 'trawl.db'))
    try {
      const scope = { accountId: ACCOUNT, region: REGION }
      const job = (await store.jobs.get(scope, jobId))!
      assert.equal(job.jobStatus, 'COMPLETE')
      const runs = await store.runs.listForJob(jobId)
      assert.equal(runs.length, 1, 'the same run resumed')
      assert.deepEqual(await store.runObjects.counts(runs[0]!.runId), { total: OBJECTS, done: OBJECTS })

      const ids = await store.findings.list(scope, { criterion: { category: { eq: ['CLASSIFICATION'] } } }, undefined, { maxResults: 10_000 })
      const findings = await store.findings.get(scope, ids.items)
      const keys = findings.map((f) => (f.finding as any).resourcesAffected.s3Object.key as string)
      assert.equal(new Set(keys).size, keys.length, 'no object has two findings')
      assert.equal(keys.length, Array.from({ length: OBJECTS }, (_, i) => i).filter(isPlanted).length)

      const [usage] = (await store.usage.list(scope, [new Date().toISOString().slice(0, 7)])).filter((u) => u.type === 'SENSITIVE_DATA_DISCOVERY')
      assert.equal(usage!.objects, OBJECTS, 'usage counts each object once')
    } finally {
      await store.close()
    }

    let files = 0
    const seen = new Set<string>()
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: 'results', Prefix: `AWSLogs/${ACCOUNT}/Macie/${REGION}/${jobId}/` })) {
      for (const o of page.Contents ?? []) {
        files++
        const body = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: 'results', Key: o.Key! }))).Body!.transformToByteArray())
        for (const line of gunzipSync(body).toString('utf8').trim().split('\n')) {
          const key = JSON.parse(line).resourcesAffected.s3Object.key as string
          assert.ok(!seen.has(key), `${key} has one results record`)
          seen.add(key)
        }
      }
    }
    assert.equal(files, Math.ceil(OBJECTS / 100), 'one results file per batch of 100 objects, none twice')
    assert.equal(seen.size, OBJECTS)
  })
})
