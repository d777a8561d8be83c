// `trawl serve --config`: an accounts file declaring several accounts, each with its own buckets
// (a folder for one, moto's S3 with its own endpoint and credentials for the other) and webhooks,
// a second key pair for one account, automated discovery on the scheduler, and what the file's
// mistakes are answered with. Real processes, a real webhook receiver, the real SDK.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import {
  CreateClassificationJobCommand,
  DescribeBucketsCommand,
  DescribeClassificationJobCommand,
  EnableMacieCommand,
  GetFindingsCommand,
  GetResourceProfileCommand,
  ListClassificationJobsCommand,
  ListFindingsCommand,
  Macie2Client,
  UpdateAutomatedDiscoveryConfigurationCommand,
} from '@aws-sdk/client-macie2'
import { verifySignature } from '../../src/publish/signature.js'
import { motoUnavailable, skipUnless, startMoto, TEST_CREDENTIALS, type RunningServer } from '../support/servers.js'
import { startServe, type RunningServe } from '../support/serve.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

const A = { accountId: '210987654321', accessKeyId: 'AKIATESTACCOUNTA0001', secretAccessKey: 'account-a-secret-0000000000000000000000' }
const A2 = { accountId: A.accountId, accessKeyId: 'AKIATESTACCOUNTA0002', secretAccessKey: 'account-a-second-secret-000000000000000' }
const B = { accountId: '123412341234', accessKeyId: 'AKIATESTACCOUNTB0001', secretAccessKey: 'account-b-secret-0000000000000000000000' }
const SSN = 'Employee social security number: 261-29-6226\n'
const WEBHOOK_SECRET = 'webhook-secret-of-account-a-0000'

interface Delivery {
  signed: boolean
  envelope: { 'detail-type': string; source: string; account: string; detail: { id: string; category: string; resourcesAffected: { s3Bucket: { name: string } } } }
}

describe('trawl serve with an accounts file', { skip: skipUnless(motoUnavailable()) }, () => {
  let moto: RunningServer
  let serve: RunningServe
  let dir: string
  let receiver: Server
  const deliveries: Delivery[] = []
  const client = (who: typeof A): Macie2Client =>
    new Macie2Client({ endpoint: serve.endpoint, region: 'us-east-1', credentials: { accessKeyId: who.accessKeyId, secretAccessKey: who.secretAccessKey }, maxAttempts: 1 })

  before(async () => {
    moto = await startMoto()
    // Account A's webhook: checks each delivery's signature as a receiver would.
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        deliveries.push({ signed: verifySignature(WEBHOOK_SECRET, req.headers['x-trawl-signature'] as string | undefined, body), envelope: JSON.parse(body) })
        res.writeHead(200).end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/macie`
    dir = mkdtempSync(join(tmpdir(), 'trawl-accounts-'))
    // Account A's buckets: a folder beside the accounts file, named relative to it.
    mkdirSync(join(dir, 'a-buckets', 'a-data'), { recursive: true })
    writeFileSync(join(dir, 'a-buckets', 'a-data', 'staff.txt'), SSN)
    // Account B's buckets: moto, reached with the endpoint and keys the file gives.
    const s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS })
    await s3.send(new CreateBucketCommand({ Bucket: 'b-data' }))
    await s3.send(new PutObjectCommand({ Bucket: 'b-data', Key: 'payroll.txt', Body: SSN }))
    s3.destroy()
    const file = join(dir, 'accounts.json')
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        accounts: [
          { ...A, buckets: { folder: 'a-buckets' }, webhooks: [{ url: hook, secret: WEBHOOK_SECRET }] },
          A2,
          { ...B, buckets: { s3: { endpoint: moto.endpoint, region: 'us-east-1', accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey: TEST_CREDENTIALS.secretAccessKey } } },
        ],
      }),
      { mode: 0o600 },
    )
    // The default S3 (the AWS environment) points nowhere: every account must use its own buckets.
    serve = await startServe(['--config', file, '--discovery-interval', '1h'], {
      TRAWL_DATA_DIR: join(dir, 'data'),
      TRAWL_ACCESS_KEY_ID: '',
      TRAWL_CONFIG: '',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'unused',
      AWS_SECRET_ACCESS_KEY: 'unused',
    })
    for (const who of [A, B]) await client(who).send(new EnableMacieCommand({}))
  })

  after(async () => {
    await serve?.stop()
    await moto?.stop()
    receiver?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('shows each account its own buckets only', async () => {
    const names = async (who: typeof A) => ((await client(who).send(new DescribeBucketsCommand({}))).buckets ?? []).map((b) => b.bucketName)
    assert.deepEqual(await names(A), ['a-data'])
    assert.deepEqual(await names(B), ['b-data'])
  })

  it('runs each account\'s job over its own buckets and keeps the findings apart', async () => {
    const runJob = async (who: typeof A, bucket: string): Promise<string> => {
      const { jobId } = await client(who).send(
        new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name: `scan ${bucket}`, s3JobDefinition: { bucketDefinitions: [{ accountId: who.accountId, buckets: [bucket] }] } }),
      )
      for (let i = 0; i < 300; i++) {
        const job = await client(who).send(new DescribeClassificationJobCommand({ jobId }))
        if (job.jobStatus === 'COMPLETE') return jobId!
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`job over ${bucket} did not complete: ${serve.log()}`)
    }
    await runJob(A, 'a-data')
    await runJob(B, 'b-data')
    const bucketsWithFindings = async (who: typeof A): Promise<string[]> => {
      const ids = (await client(who).send(new ListFindingsCommand({}))).findingIds ?? []
      if (ids.length === 0) return []
      const { findings } = await client(who).send(new GetFindingsCommand({ findingIds: ids }))
      return (findings ?? []).filter((f) => f.category === 'CLASSIFICATION').map((f) => `${f.accountId}:${f.resourcesAffected?.s3Bucket?.name}`)
    }
    assert.deepEqual(await bucketsWithFindings(A), [`${A.accountId}:a-data`])
    assert.deepEqual(await bucketsWithFindings(B), [`${B.accountId}:b-data`])
  })

  it('posts account A\'s findings, signed, to its webhook and none of B\'s', async () => {
    const ids = new Set((await client(A).send(new ListFindingsCommand({}))).findingIds)
    // The publisher runs every few seconds.
    for (let i = 0; i < 150 && deliveries.length < ids.size; i++) await new Promise((r) => setTimeout(r, 100))
    assert.deepEqual(new Set(deliveries.map((d) => d.envelope.detail.id)), ids)
    for (const d of deliveries) {
      assert.ok(d.signed)
      assert.equal(d.envelope['detail-type'], 'Macie Finding')
      assert.equal(d.envelope.source, 'aws.macie')
      assert.equal(d.envelope.account, A.accountId)
    }
    assert.ok(deliveries.some((d) => d.envelope.detail.category === 'CLASSIFICATION' && d.envelope.detail.resourcesAffected.s3Bucket.name === 'a-data'))
  })

  it('runs automated discovery on the scheduler once an account enables it', async () => {
    await client(A).send(new UpdateAutomatedDiscoveryConfigurationCommand({ status: 'ENABLED' }))
    const resourceArn = 'arn:aws:s3:::a-data'
    let profile = await client(A).send(new GetResourceProfileCommand({ resourceArn }))
    for (let i = 0; i < 150 && !profile.statistics?.totalItemsClassified; i++) {
      await new Promise((r) => setTimeout(r, 100))
      profile = await client(A).send(new GetResourceProfileCommand({ resourceArn }))
    }
    assert.equal(profile.statistics?.totalItemsClassified, 1)
    assert.ok(profile.sensitivityScore! > 50, `score ${profile.sensitivityScore}`)
  })

  it('lets a second key pair act for the same account', async () => {
    const jobs = (await client(A2).send(new ListClassificationJobsCommand({}))).items ?? []
    assert.deepEqual(
      jobs.map((j) => j.name),
      ['scan a-data'],
    )
  })

  it('refuses to start on an accounts file others can read, or one with an unknown setting, without printing secrets', () => {
    const bad = join(dir, 'bad.json')
    const run = (content: unknown, mode: number) => {
      writeFileSync(bad, JSON.stringify(content), { mode })
      chmodSync(bad, mode)
      return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'serve', '--port', '0', '--config', bad], {
        env: { ...process.env, TRAWL_DATA_DIR: join(dir, 'bad-data'), TRAWL_ACCESS_KEY_ID: '', TRAWL_CONFIG: '' },
        encoding: 'utf8',
        timeout: 60_000,
      })
    }
    const open = run({ version: 1, accounts: [A] }, 0o644)
    assert.notEqual(open.status, 0)
    assert.match(open.stderr, /too open/)
    const unknown = run({ version: 1, accounts: [{ ...B, buckets: { s3: { endpoint: moto.endpoint, bucketz: 'x' } } }] }, 0o600)
    assert.notEqual(unknown.status, 0)
    assert.match(unknown.stderr, /unknown setting "bucketz"/)
    const missing = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'serve', '--port', '0', '--config', join(dir, 'nope.json')], {
      env: { ...process.env, TRAWL_DATA_DIR: join(dir, 'bad-data'), TRAWL_ACCESS_KEY_ID: '', TRAWL_CONFIG: '' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    assert.notEqual(missing.status, 0)
    assert.match(missing.stderr, /does not exist/)
    for (const r of [open, unknown, missing]) assert.ok(!r.stderr.includes(A.secretAccessKey) && !r.stderr.includes(B.secretAccessKey))
  })
})
