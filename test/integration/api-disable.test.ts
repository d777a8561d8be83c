// DisableMacie through @aws-sdk/client-macie2: the account's data in the region goes (jobs,
// findings, identifiers, lists, filters, settings), a run in flight stops and writes nothing
// afterwards, and other accounts and regions keep theirs.
import assert from 'node:assert/strict'
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  CreateAllowListCommand,
  CreateClassificationJobCommand,
  CreateCustomDataIdentifierCommand,
  CreateFindingsFilterCommand,
  DescribeClassificationJobCommand,
  DisableMacieCommand,
  EnableMacieCommand,
  GetMacieSessionCommand,
  ListAllowListsCommand,
  ListClassificationJobsCommand,
  ListCustomDataIdentifiersCommand,
  ListFindingsCommand,
  ListFindingsFiltersCommand,
  AcceptInvitationCommand,
  CreateInvitationsCommand,
  CreateMemberCommand,
  DisassociateMemberCommand,
  ListInvitationsCommand,
  UpdateMacieSessionCommand,
  type Macie2Client,
} from '@aws-sdk/client-macie2'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'

describe('DisableMacie', () => {
  let api: RunningApi

  before(async () => {
    api = await startApi({
      buckets: (root) => {
        cpSync('examples/demo-bucket', join(root, 'demo'), { recursive: true })
        // Enough objects that a run is still going when Macie is disabled.
        mkdirSync(join(root, 'many'))
        for (let i = 0; i < 400; i++) writeFileSync(join(root, 'many', `${i}.txt`), `row ${i}: social security number 261-29-6226\n`)
      },
      enable: [A, B],
    })
  })

  after(() => api?.close())

  async function seed(client: Macie2Client, accountId: string): Promise<void> {
    const { jobId } = await client.send(new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name: 'demo', s3JobDefinition: { bucketDefinitions: [{ accountId, buckets: ['demo'] }] } }))
    await api.jobs.waitFor(jobId!)
    await client.send(new CreateCustomDataIdentifierCommand({ name: 'employee id', regex: 'EMP-[0-9]{6}' }))
    await client.send(new CreateAllowListCommand({ name: 'known', criteria: { regex: 'test-[0-9]+' } }))
    await client.send(new CreateFindingsFilterCommand({ name: 'low', action: 'ARCHIVE', findingCriteria: { criterion: { 'severity.description': { eq: ['Low'] } } } }))
  }

  async function counts(client: Macie2Client) {
    return {
      jobs: (await client.send(new ListClassificationJobsCommand({}))).items?.length,
      findings: (await client.send(new ListFindingsCommand({}))).findingIds?.length,
      identifiers: (await client.send(new ListCustomDataIdentifiersCommand({}))).items?.length,
      allowLists: (await client.send(new ListAllowListsCommand({}))).allowLists?.length,
      filters: (await client.send(new ListFindingsFiltersCommand({}))).findingsFilterListItems?.length,
    }
  }

  it('deletes the account\'s resources in the region and keeps everyone else\'s', async () => {
    const a = api.client(A)
    const b = api.client(B)
    const aWest = api.client(A, 'eu-west-1')
    await aWest.send(new EnableMacieCommand({}))
    await seed(a, A.accountId)
    await seed(b, B.accountId)
    await seed(aWest, A.accountId)
    const before = await counts(a)
    assert.equal(before.jobs, 1)
    assert.ok(before.findings! > 0)
    assert.deepEqual([before.identifiers, before.allowLists, before.filters], [1, 1, 1])

    await a.send(new DisableMacieCommand({}))
    await assert.rejects(a.send(new GetMacieSessionCommand({})), (err: Error) => err.name === 'UnauthorizedException' && /Macie is not enabled/.test(err.message))
    await assert.rejects(a.send(new ListFindingsCommand({})), (err: Error) => err.name === 'UnauthorizedException')
    await a.send(new EnableMacieCommand({}))
    assert.deepEqual(await counts(a), { jobs: 0, findings: 0, identifiers: 0, allowLists: 0, filters: 0 })
    assert.deepEqual(await counts(b), before)
    assert.deepEqual(await counts(aWest), before)
  })

  it('stops a run in flight, which writes nothing once Macie is disabled', async () => {
    const b = api.client(B)
    const { jobId } = await b.send(new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name: 'many', s3JobDefinition: { bucketDefinitions: [{ accountId: B.accountId, buckets: ['many'] }] } }))
    // Wait until the run has committed something, so that it is really in flight.
    for (let i = 0; i < 200; i++) {
      const job = await b.send(new DescribeClassificationJobCommand({ jobId }))
      if (job.jobStatus !== 'RUNNING') assert.fail(`the run ended before it could be stopped: ${job.jobStatus}`)
      const findings = (await b.send(new ListFindingsCommand({ findingCriteria: { criterion: { 'classificationDetails.jobId': { eq: [jobId!] } } } }))).findingIds ?? []
      if (findings.length > 0) break
      await new Promise((r) => setTimeout(r, 25))
    }
    await b.send(new DisableMacieCommand({}))
    await b.send(new EnableMacieCommand({}))
    await api.jobs.idle()
    await new Promise((r) => setTimeout(r, 200))
    assert.deepEqual(await counts(b), { jobs: 0, findings: 0, identifiers: 0, allowLists: 0, filters: 0 })
  })

  it('suspending cancels the account\'s jobs', async () => {
    const a = api.client(A, 'ap-south-1')
    await a.send(new EnableMacieCommand({}))
    const { jobId } = await a.send(
      new CreateClassificationJobCommand({ jobType: 'SCHEDULED', name: 'daily', initialRun: false, scheduleFrequency: { dailySchedule: {} }, s3JobDefinition: { bucketDefinitions: [{ accountId: A.accountId, buckets: ['demo'] }] } }),
    )
    assert.equal((await a.send(new DescribeClassificationJobCommand({ jobId }))).jobStatus, 'IDLE')
    await a.send(new UpdateMacieSessionCommand({ status: 'PAUSED' }))
    assert.equal((await a.send(new DescribeClassificationJobCommand({ jobId }))).jobStatus, 'CANCELLED')
  })

  it('refuses to disable an administrator with members, or a member, until they part', async () => {
    const region = 'sa-east-1'
    const a = api.client(A, region)
    const b = api.client(B, region)
    await a.send(new EnableMacieCommand({}))
    await b.send(new EnableMacieCommand({}))
    await a.send(new CreateMemberCommand({ account: { accountId: B.accountId, email: 'b@example.com' } }))
    await a.send(new CreateInvitationsCommand({ accountIds: [B.accountId] }))
    const { invitations } = await b.send(new ListInvitationsCommand({}))
    await b.send(new AcceptInvitationCommand({ administratorAccountId: A.accountId, invitationId: invitations![0]!.invitationId }))
    await assert.rejects(a.send(new DisableMacieCommand({})), (err: Error) => err.name === 'ConflictException' && /disassociate every member/.test(err.message))
    await assert.rejects(b.send(new DisableMacieCommand({})), (err: Error) => err.name === 'ConflictException' && /member of administrator account/.test(err.message))
    await assert.rejects(a.send(new UpdateMacieSessionCommand({ status: 'PAUSED' })), (err: Error) => err.name === 'ConflictException')
    await a.send(new DisassociateMemberCommand({ id: B.accountId }))
    await b.send(new DisableMacieCommand({}))
    await a.send(new DisableMacieCommand({}))
    await assert.rejects(a.send(new GetMacieSessionCommand({})), (err: Error) => err.name === 'UnauthorizedException')
  })
})
