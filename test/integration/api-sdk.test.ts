// The Macie2 API through @aws-sdk/client-macie2 against buildApp() on 127.0.0.1: operations
// implemented so far, with their modeled errors, authentication failures, and two accounts that
// never see each other's data.
import assert from 'node:assert/strict'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  CreateClassificationJobCommand,
  DescribeClassificationJobCommand,
  EnableMacieCommand,
  GetFindingsCommand,
  GetFindingStatisticsCommand,
  GetMacieSessionCommand,
  GetUsageTotalsCommand,
  ListClassificationJobsCommand,
  ListFindingsCommand,
  Macie2Client,
  UpdateClassificationJobCommand,
} from '@aws-sdk/client-macie2'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/api/app.js'
import { credentialLookup, type ApiAccount } from '../../src/api/credentials.js'
import { JobService } from '../../src/jobs/service.js'
import { Keyring } from '../../src/results/keyring.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { Store } from '../../src/store/types.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

const A: ApiAccount = { accountId: '111122223333', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'secret-of-account-a-000000000000000000000' }
const B: ApiAccount = { accountId: '444455556666', accessKeyId: 'AKIABBBBBBBBBBBBBBBB', secretAccessKey: 'secret-of-account-b-000000000000000000000' }

describe('the Macie2 API through the AWS SDK', () => {
  let dir: string
  let store: Store
  let jobs: JobService
  let app: FastifyInstance
  let endpoint: string
  const client = (who: ApiAccount, region = 'us-east-1', secret = who.secretAccessKey): Macie2Client =>
    new Macie2Client({ endpoint, region, credentials: { accessKeyId: who.accessKeyId, secretAccessKey: secret }, maxAttempts: 1 })

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trawl-api-sdk-'))
    const buckets = join(dir, 'buckets')
    mkdirSync(buckets)
    cpSync('examples/demo-bucket', join(buckets, 'demo'), { recursive: true })
    store = await openSqliteStore(':memory:')
    const keyring = await Keyring.open(join(dir, 'data'))
    jobs = new JobService({ store, keyring, workers: 1, sourceFor: () => ({ kind: 'folder', root: buckets }) })
    app = buildApp({ store, jobs, keyring, sourceFor: () => ({ kind: 'folder', root: buckets }) }, credentialLookup([A, B]))
    endpoint = await app.listen({ host: '127.0.0.1', port: 0 })
  })

  after(async () => {
    await app?.close()
    await jobs?.close()
    await store?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('answers Macie is not enabled before EnableMacie, then a session', async () => {
    const a = client(A)
    await assert.rejects(a.send(new GetUsageTotalsCommand({})), (err: Error) => err.name === 'UnauthorizedException' && /Macie is not enabled/.test(err.message))
    await a.send(new EnableMacieCommand({ findingPublishingFrequency: 'ONE_HOUR', status: 'ENABLED' }))
    const session = await a.send(new GetMacieSessionCommand({}))
    assert.equal(session.status, 'ENABLED')
    assert.ok(session.createdAt instanceof Date)
    await assert.rejects(a.send(new EnableMacieCommand({})), (err: Error) => err.name === 'ConflictException')
  })

  it('refuses unknown keys and wrong secrets', async () => {
    const stranger = { accountId: '999999999999', accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', secretAccessKey: 'x'.repeat(40) }
    await assert.rejects(client(stranger).send(new GetMacieSessionCommand({})), (err: Error) => err.name === 'UnrecognizedClientException')
    await assert.rejects(client(A, 'us-east-1', 'wrong').send(new GetMacieSessionCommand({})), (err: Error) => err.name === 'InvalidSignatureException')
  })

  it('creates, describes, lists and updates jobs, with modeled errors', async () => {
    const a = client(A)
    await assert.rejects(
      a.send(new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name: 'x', s3JobDefinition: {}, clientToken: 't0' })),
      (err: Error) => err.name === 'ValidationException',
    )
    const created = await a.send(
      new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name: 'demo', s3JobDefinition: { bucketDefinitions: [{ accountId: A.accountId, buckets: ['demo'] }] } }),
    )
    assert.match(created.jobId!, /^[0-9a-f]{32}$/)
    await jobs.waitFor(created.jobId!)
    const job = await a.send(new DescribeClassificationJobCommand({ jobId: created.jobId! }))
    assert.equal(job.jobStatus, 'COMPLETE')
    assert.ok(job.createdAt instanceof Date)
    const list = await a.send(new ListClassificationJobsCommand({}))
    assert.deepEqual(list.items?.map((j) => j.jobId), [created.jobId])
    await assert.rejects(a.send(new DescribeClassificationJobCommand({ jobId: '0'.repeat(32) })), (err: Error) => err.name === 'ResourceNotFoundException')
    await assert.rejects(a.send(new UpdateClassificationJobCommand({ jobId: created.jobId!, jobStatus: 'USER_PAUSED' })), (err: Error) => err.name === 'ConflictException')

    const findings = await a.send(new ListFindingsCommand({ findingCriteria: { criterion: { category: { eq: ['CLASSIFICATION'] } } } }))
    assert.equal(findings.findingIds?.length, 4)
    const got = await a.send(new GetFindingsCommand({ findingIds: findings.findingIds! }))
    assert.equal(got.findings?.length, 4)
    assert.ok(got.findings!.every((f) => f.createdAt instanceof Date && f.classificationDetails?.jobId === created.jobId))
    const stats = await a.send(new GetFindingStatisticsCommand({ groupBy: 'type', findingCriteria: { criterion: { category: { eq: ['CLASSIFICATION'] } } } }))
    assert.equal(stats.countsByGroup?.reduce((n, g) => n + (g.count ?? 0), 0), 4)
  })

  it('keeps accounts and regions apart', async () => {
    const b = client(B)
    await b.send(new EnableMacieCommand({}))
    assert.deepEqual((await b.send(new ListClassificationJobsCommand({}))).items, [])
    assert.deepEqual((await b.send(new ListFindingsCommand({}))).findingIds, [])
    const [jobId] = (await client(A).send(new ListClassificationJobsCommand({}))).items!.map((j) => j.jobId!)
    await assert.rejects(b.send(new DescribeClassificationJobCommand({ jobId: jobId! })), (err: Error) => err.name === 'ResourceNotFoundException')
    await assert.rejects(b.send(new UpdateClassificationJobCommand({ jobId: jobId!, jobStatus: 'CANCELLED' })), (err: Error) => err.name === 'ResourceNotFoundException')
    await assert.rejects(client(A, 'eu-west-1').send(new ListClassificationJobsCommand({})), (err: Error) => /Macie is not enabled/.test(err.message))
  })
})
