// The whole flow on the command line, without the API: configure the results repository, create
// a job over a folder of buckets, list and describe it, list, get and count its findings, and
// decrypt its results; one process at a time holds the data folder.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'

const ACCOUNT = '111122223333'
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`

describe('trawl jobs, findings and results on the command line', () => {
  let dir: string
  let env: Record<string, string>
  let jobId: string

  const trawl = (...args: string[]): { code: number; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { env: { ...process.env, ...env }, encoding: 'utf8' })
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'trawl-cli-jobs-'))
    const buckets = join(dir, 'buckets')
    cpSync('examples/demo-bucket', join(buckets, 'demo'), { recursive: true })
    mkdirSync(join(buckets, 'results'))
    env = { TRAWL_DATA_DIR: join(dir, 'data'), TRAWL_BUCKETS_DIR: buckets, TRAWL_ACCOUNT_ID: ACCOUNT, AWS_REGION: 'us-east-1' }
  })

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('configures the results repository after checking it can write there', () => {
    const missing = trawl('results', 'configure', '--bucket-name', 'no-such-bucket', '--kms-key-arn', KEY_ARN)
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /no-such-bucket does not exist/)
    const bad = trawl('results', 'configure', '--bucket-name', 'results', '--kms-key-arn', 'not-an-arn')
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /kmsKeyArn/)
    const r = trawl('results', 'configure', '--bucket-name', 'results', '--kms-key-arn', KEY_ARN)
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /sealed/)
    assert.deepEqual(JSON.parse(trawl('results', 'configuration').stdout), { configuration: { s3Destination: { bucketName: 'results', kmsKeyArn: KEY_ARN } } })
  })

  it('creates a job and runs it to the end', () => {
    const definition = JSON.stringify({ bucketDefinitions: [{ accountId: ACCOUNT, buckets: ['demo'] }] })
    const r = trawl('jobs', 'create', '--name', 'demo scan', '--job-type', 'ONE_TIME', '--s3-job-definition', definition, '--tags', 'team=security')
    assert.equal(r.code, 0, r.stderr)
    jobId = JSON.parse(r.stdout).jobId
    assert.match(jobId, /^[0-9a-f]{32}$/)
    assert.match(r.stderr, /5 objects to analyse/)
    const described = JSON.parse(trawl('jobs', 'describe', jobId).stdout)
    assert.equal(described.jobStatus, 'COMPLETE')
    assert.equal(described.name, 'demo scan')
    assert.deepEqual(described.tags, { team: 'security' })
    assert.equal(described.jobArn, `arn:aws:macie2:us-east-1:${ACCOUNT}:classification-job/${jobId}`)
    const list = trawl('jobs', 'list')
    assert.match(list.stdout, new RegExp(`${jobId}\\s+ONE_TIME\\s+COMPLETE`))
    assert.deepEqual(
      JSON.parse(trawl('jobs', 'list', '--json').stdout).items.map((j: { jobId: string }) => j.jobId),
      [jobId],
    )
  })

  it('lists, gets and counts the findings', () => {
    const ids: string[] = JSON.parse(trawl('findings', 'list', '--json', '--finding-criteria', '{"criterion":{"category":{"eq":["CLASSIFICATION"]}}}').stdout).findingIds
    assert.equal(ids.length, 4)
    const { findings } = JSON.parse(trawl('findings', 'get', ...ids).stdout)
    assert.deepEqual(findings.map((f: { resourcesAffected: { s3Object: { key: string } } }) => f.resourcesAffected.s3Object.key).sort(), [
      'config/app.yaml',
      'events/payments.jsonl',
      'hr/employees.csv',
      'notes/onboarding.txt',
    ])
    const table = trawl('findings', 'list', '--finding-criteria', '{"criterion":{"type":{"eq":["SensitiveData:S3Object/Credentials"]}}}').stdout
    assert.match(table, /High\s+SensitiveData:S3Object\/Credentials\s+demo\/config\/app\.yaml/)
    const stats = JSON.parse(trawl('findings', 'stats', '--group-by', 'type', '--finding-criteria', '{"criterion":{"category":{"eq":["CLASSIFICATION"]}}}').stdout)
    assert.deepEqual(stats.countsByGroup, [
      { groupKey: 'SensitiveData:S3Object/Multiple', count: 2 },
      { groupKey: 'SensitiveData:S3Object/Credentials', count: 1 },
      { groupKey: 'SensitiveData:S3Object/Personal', count: 1 },
    ])
    const bad = trawl('findings', 'list', '--finding-criteria', '{"criterion":{"nosuchfield":{"eq":["x"]}}}')
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /nosuchfield/)
  })

  it('counts what the job analysed in the month\'s usage', () => {
    const r = trawl('usage', '--json')
    assert.equal(r.code, 0, r.stderr)
    const usage = JSON.parse(r.stdout)
    const discovery = usage.quantities.find((q: { type: string }) => q.type === 'SENSITIVE_DATA_DISCOVERY')
    assert.equal(discovery.objects, 5)
    assert.ok(discovery.bytes > 1000)
    assert.equal(usage.quota.usedBytes, discovery.bytes)
    assert.ok(usage.usageTotals.every((t: { estimatedCost: string; currency: string }) => t.estimatedCost === '0' && t.currency === 'USD'))
    assert.match(trawl('usage').stdout, /5 objects/)
  })

  it('decrypts the results it sealed', () => {
    const folder = join(dir, 'buckets', 'results', 'AWSLogs', ACCOUNT, 'Macie', 'us-east-1', jobId, ACCOUNT)
    const files = readdirSync(folder).map((f) => join(folder, f))
    assert.equal(files.length, 1, 'the five objects share one batch')
    const r = trawl('results', 'decrypt', ...files)
    assert.equal(r.code, 0, r.stderr)
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    assert.equal(records.length, 5)
    assert.ok(records.every((rec) => rec.classificationDetails.jobId === jobId))
  })

  it('refuses a second process on the same data folder', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'jobs', 'run', '--watch', '--no-progress'], { env: { ...process.env, ...env } })
    try {
      let refused = { code: 0, stdout: '', stderr: '' }
      for (let i = 0; i < 100; i++) {
        await new Promise((r) => setTimeout(r, 200))
        refused = trawl('jobs', 'list')
        if (refused.code !== 0) break
      }
      assert.equal(refused.code, 2)
      assert.match(refused.stderr, /in use/)
      assert.match(refused.stderr, new RegExp(String(holder.pid)))
    } finally {
      const exited = new Promise((r) => holder.once('exit', r))
      holder.kill('SIGTERM')
      await exited
    }
    assert.equal(trawl('jobs', 'list').code, 0, 'the folder is free once the holder stops')
  })
})
