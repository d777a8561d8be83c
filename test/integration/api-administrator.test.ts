// What an administrator reads of its members through @aws-sdk/client-macie2, as in Macie: their
// findings (ListFindings, GetFindings, GetFindingStatistics), usage (GetUsageStatistics) and
// buckets (DescribeBuckets) beside its own — while a member reads only its own, and nothing of a
// member remains visible once it has left.
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  AcceptInvitationCommand,
  CreateClassificationJobCommand,
  CreateInvitationsCommand,
  CreateMemberCommand,
  DescribeBucketsCommand,
  DisassociateFromAdministratorAccountCommand,
  GetFindingsCommand,
  GetFindingStatisticsCommand,
  GetUsageStatisticsCommand,
  ListFindingsCommand,
  ListInvitationsCommand,
  type Macie2Client,
} from '@aws-sdk/client-macie2'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'

describe('an administrator reads its members\' data', () => {
  let api: RunningApi
  let a: Macie2Client
  let b: Macie2Client

  before(async () => {
    api = await startApi({
      // Each account has buckets of its own.
      sourceFor: (accountId, root) => ({ kind: 'folder', root: join(root, accountId) }),
      buckets: (root) => {
        for (const [account, bucket] of [[A.accountId, 'admin-data'], [B.accountId, 'member-data']] as const) {
          mkdirSync(join(root, account, bucket), { recursive: true })
          writeFileSync(join(root, account, bucket, 'people.txt'), 'social security number 261-29-6226\n')
        }
      },
      enable: [A, B],
    })
    a = api.client(A)
    b = api.client(B)
    for (const [client, account, bucket] of [[a, A.accountId, 'admin-data'], [b, B.accountId, 'member-data']] as const) {
      const { jobId } = await client.send(new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name: bucket, s3JobDefinition: { bucketDefinitions: [{ accountId: account, buckets: [bucket] }] } }))
      await api.jobs.waitFor(jobId!)
    }
  })

  after(() => api?.close())

  const accountsOfFindings = async (client: Macie2Client): Promise<string[]> => {
    const ids = (await client.send(new ListFindingsCommand({}))).findingIds ?? []
    const { findings } = await client.send(new GetFindingsCommand({ findingIds: ids }))
    return [...new Set((findings ?? []).map((f) => f.accountId!))].sort()
  }
  const bucketsOf = async (client: Macie2Client): Promise<string[]> =>
    ((await client.send(new DescribeBucketsCommand({}))).buckets ?? []).map((x) => `${x.accountId}/${x.bucketName}`).sort()
  const usageAccounts = async (client: Macie2Client): Promise<string[]> =>
    ((await client.send(new GetUsageStatisticsCommand({}))).records ?? []).map((r) => r.accountId!).sort()

  it('reads only its own before the member joins', async () => {
    assert.deepEqual(await accountsOfFindings(a), [A.accountId])
    assert.deepEqual(await bucketsOf(a), [`${A.accountId}/admin-data`])
    assert.deepEqual(await usageAccounts(a), [A.accountId])
  })

  it('reads its member\'s findings, usage and buckets once the member has accepted', async () => {
    await a.send(new CreateMemberCommand({ account: { accountId: B.accountId, email: 'b@example.com' } }))
    await a.send(new CreateInvitationsCommand({ accountIds: [B.accountId] }))
    const { invitations } = await b.send(new ListInvitationsCommand({}))
    await b.send(new AcceptInvitationCommand({ administratorAccountId: A.accountId, invitationId: invitations![0]!.invitationId }))

    assert.deepEqual(await accountsOfFindings(a), [A.accountId, B.accountId].sort())
    const byBucket = await a.send(new GetFindingStatisticsCommand({ groupBy: 'resourcesAffected.s3Bucket.name', findingCriteria: { criterion: { category: { eq: ['CLASSIFICATION'] } } } }))
    assert.deepEqual(byBucket.countsByGroup?.map((g) => g.groupKey).sort(), ['admin-data', 'member-data'])
    assert.deepEqual(await bucketsOf(a), [`${A.accountId}/admin-data`, `${B.accountId}/member-data`].sort())
    assert.deepEqual(await usageAccounts(a), [A.accountId, B.accountId].sort())
    // Filtered to the member, as the console's per-account views do.
    const memberOnly = await a.send(new ListFindingsCommand({ findingCriteria: { criterion: { accountId: { eq: [B.accountId] } } } }))
    assert.ok((memberOnly.findingIds ?? []).length > 0)

    // The member still reads its own only.
    assert.deepEqual(await accountsOfFindings(b), [B.accountId])
    assert.deepEqual(await bucketsOf(b), [`${B.accountId}/member-data`])
    assert.deepEqual(await usageAccounts(b), [B.accountId])
    const adminIds = (await a.send(new ListFindingsCommand({ findingCriteria: { criterion: { accountId: { eq: [A.accountId] } } } }))).findingIds ?? []
    assert.deepEqual((await b.send(new GetFindingsCommand({ findingIds: adminIds }))).findings, [])
  })

  it('reads nothing of the member once it has left', async () => {
    await b.send(new DisassociateFromAdministratorAccountCommand({}))
    assert.deepEqual(await accountsOfFindings(a), [A.accountId])
    assert.deepEqual(await bucketsOf(a), [`${A.accountId}/admin-data`])
    assert.deepEqual(await usageAccounts(a), [A.accountId])
  })
})
