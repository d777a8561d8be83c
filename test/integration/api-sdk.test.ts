// The Macie2 API through @aws-sdk/client-macie2 against buildApp() on 127.0.0.1: operations
// implemented so far, with their modeled errors, authentication failures, and two accounts that
// never see each other's data.
import assert from 'node:assert/strict'
import { cpSync } from 'node:fs'
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
  UpdateClassificationJobCommand,
} from '@aws-sdk/client-macie2'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'

describe('the Macie2 API through the AWS SDK', () => {
  let api: RunningApi

  before(async () => {
    api = await startApi({ buckets: (root) => cpSync('examples/demo-bucket', join(root, 'demo'), { recursive: true }) })
  })

  after(() => api?.close())

  it('answers Macie is not enabled before EnableMacie, then a session', async () => {
    const a = api.client(A)
    await assert.rejects(a.send(new GetUsageTotalsCommand({})), (err: Error) => err.name === 'UnauthorizedException' && /Macie is not enabled/.test(err.message))
    await a.send(new EnableMacieCommand({ findingPublishingFrequency: 'ONE_HOUR', status: 'ENABLED' }))
    const session = await a.send(new GetMacieSessionCommand({}))
    assert.equal(session.status, 'ENABLED')
    assert.ok(session.createdAt instanceof Date)
    await assert.rejects(a.send(new EnableMacieCommand({})), (err: Error) => err.name === 'ConflictException')
  })

  it('refuses unknown keys and wrong secrets', async () => {
    const stranger = { accountId: '999999999999', accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', secretAccessKey: 'x'.repeat(40) }
    await assert.rejects(api.client(stranger).send(new GetMacieSessionCommand({})), (err: Error) => err.name === 'UnrecognizedClientException')
    await assert.rejects(api.client(A, 'us-east-1', 'wrong').send(new GetMacieSessionCommand({})), (err: Error) => err.name === 'InvalidSignatureException')
  })

  it('creates, describes, lists and updates jobs, with modeled errors', async () => {
    const a = api.client(A)
    await assert.rejects(
      a.send(new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name: 'x', s3JobDefinition: {}, clientToken: 't0' })),
      (err: Error) => err.name === 'ValidationException',
    )
    const created = await a.send(
      new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name: 'demo', s3JobDefinition: { bucketDefinitions: [{ accountId: A.accountId, buckets: ['demo'] }] } }),
    )
    assert.match(created.jobId!, /^[0-9a-f]{32}$/)
    await api.jobs.waitFor(created.jobId!)
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
    const b = api.client(B)
    await b.send(new EnableMacieCommand({}))
    assert.deepEqual((await b.send(new ListClassificationJobsCommand({}))).items, [])
    assert.deepEqual((await b.send(new ListFindingsCommand({}))).findingIds, [])
    const [jobId] = (await api.client(A).send(new ListClassificationJobsCommand({}))).items!.map((j) => j.jobId!)
    await assert.rejects(b.send(new DescribeClassificationJobCommand({ jobId: jobId! })), (err: Error) => err.name === 'ResourceNotFoundException')
    await assert.rejects(b.send(new UpdateClassificationJobCommand({ jobId: jobId!, jobStatus: 'CANCELLED' })), (err: Error) => err.name === 'ResourceNotFoundException')
    await assert.rejects(api.client(A, 'eu-west-1').send(new ListClassificationJobsCommand({})), (err: Error) => /Macie is not enabled/.test(err.message))
  })
})
