// An administrator's classification jobs over its members' buckets, as in Macie: through
// @aws-sdk/client-macie2, a job of account A covers its own bucket and its member B's; B's object
// is read from B's buckets and its finding, usage and quota are B's, while the results records go
// to A's repository. Buckets of an account that is not (or no longer) a member are refused.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  AcceptInvitationCommand,
  CreateClassificationJobCommand,
  CreateInvitationsCommand,
  CreateMemberCommand,
  DescribeClassificationJobCommand,
  DisassociateFromAdministratorAccountCommand,
  GetFindingsCommand,
  GetUsageStatisticsCommand,
  ListFindingsCommand,
  ListInvitationsCommand,
  type Finding,
  type Macie2Client,
} from '@aws-sdk/client-macie2'
import { usageMonth } from '../../src/jobs/context.js'
import { JobService } from '../../src/jobs/service.js'
import { Keyring } from '../../src/results/keyring.js'
import { readResultsFile } from '../../src/results/reader.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { Scope, Store } from '../../src/store/types.js'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'

/** An account that is nobody's member here. */
const STRANGER = '777788889999'
const REGION = 'us-east-1'
const ADMIN_FILE = 'social security number 261-29-6226\n'
const MEMBER_FILE = 'employee record, social security number 261-29-6226, see payroll\n'

const isValidation = (account: string) => (err: Error) => err.name === 'ValidationException' && err.message.includes(account)

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
}

describe('an administrator\'s jobs over its members\' buckets', () => {
  let api: RunningApi
  let a: Macie2Client
  let b: Macie2Client
  let root: string
  let jobId: string

  const definitions = (...pairs: Array<[string, string]>) => ({ bucketDefinitions: pairs.map(([accountId, bucket]) => ({ accountId, buckets: [bucket] })) })
  const createJob = (client: Macie2Client, name: string, s3JobDefinition: ReturnType<typeof definitions>) =>
    client.send(new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name, s3JobDefinition }))
  const findingsOf = async (client: Macie2Client): Promise<Finding[]> => {
    const ids = (await client.send(new ListFindingsCommand({}))).findingIds ?? []
    return (await client.send(new GetFindingsCommand({ findingIds: ids }))).findings ?? []
  }
  const bytesOf = async (accountId: string): Promise<number> =>
    (await api.store.usage.list({ accountId, region: REGION }, [usageMonth(new Date())])).filter((r) => r.type === 'SENSITIVE_DATA_DISCOVERY').reduce((n, r) => n + r.bytes, 0)

  before(async () => {
    api = await startApi({
      // Each account has buckets of its own.
      sourceFor: (accountId, dir) => ({ kind: 'folder', root: join(dir, accountId) }),
      buckets: (dir) => {
        root = dir
        for (const [account, bucket, text] of [[A.accountId, 'admin-data', ADMIN_FILE], [B.accountId, 'member-data', MEMBER_FILE]] as const) {
          mkdirSync(join(dir, account, bucket), { recursive: true })
          writeFileSync(join(dir, account, bucket, 'people.txt'), text)
        }
        mkdirSync(join(dir, A.accountId, 'results'), { recursive: true })
        mkdirSync(join(dir, STRANGER, 'stranger-data'), { recursive: true })
      },
      enable: [A, B],
    })
    a = api.client(A)
    b = api.client(B)
    // A's results repository: a bucket of A's (a folder store gets envelope-encrypted files).
    await api.store.exportConfigurations.put({ accountId: A.accountId, region: REGION, s3Destination: { bucketName: 'results', kmsKeyArn: `arn:aws:kms:${REGION}:${A.accountId}:key/unused` } })
  })

  after(() => api?.close())

  it('refuses a bucket of an account that is not its member', async () => {
    await assert.rejects(createJob(a, 'stranger', definitions([A.accountId, 'admin-data'], [STRANGER, 'stranger-data'])), isValidation(STRANGER))
    await assert.rejects(createJob(a, 'not yet', definitions([B.accountId, 'member-data'])), isValidation(B.accountId), 'B has not accepted yet')
  })

  it('covers its own bucket and its member\'s in one job', async () => {
    await a.send(new CreateMemberCommand({ account: { accountId: B.accountId, email: 'b@example.com' } }))
    await a.send(new CreateInvitationsCommand({ accountIds: [B.accountId] }))
    const { invitations } = await b.send(new ListInvitationsCommand({}))
    await b.send(new AcceptInvitationCommand({ administratorAccountId: A.accountId, invitationId: invitations![0]!.invitationId }))

    jobId = (await createJob(a, 'both', definitions([A.accountId, 'admin-data'], [B.accountId, 'member-data']))).jobId!
    await api.jobs.waitFor(jobId)
    const job = await a.send(new DescribeClassificationJobCommand({ jobId }))
    assert.equal(job.jobStatus, 'COMPLETE')
    assert.equal(job.lastRunErrorStatus?.code, 'NONE')
  })

  it('shows the administrator both findings, the member\'s in the member\'s name', async () => {
    const findings = (await findingsOf(a)).filter((f) => f.classificationDetails?.jobId === jobId)
    const byAccount = new Map(findings.map((f) => [f.accountId!, f]))
    assert.deepEqual([...byAccount.keys()].sort(), [A.accountId, B.accountId].sort())
    const own = byAccount.get(A.accountId)!
    assert.equal(own.resourcesAffected?.s3Bucket?.name, 'admin-data')
    assert.equal(own.resourcesAffected?.s3Bucket?.owner?.id, A.accountId)
    const member = byAccount.get(B.accountId)!
    assert.equal(member.resourcesAffected?.s3Bucket?.name, 'member-data')
    assert.equal(member.resourcesAffected?.s3Bucket?.owner?.id, B.accountId)
    assert.equal(member.resourcesAffected?.s3Object?.size, Buffer.byteLength(MEMBER_FILE))
    assert.equal(member.classificationDetails?.jobArn, job(jobId))
  })

  it('shows the member its own finding, not the administrator\'s', async () => {
    const findings = await findingsOf(b)
    const sensitive = findings.filter((f) => f.category === 'CLASSIFICATION')
    assert.deepEqual(sensitive.map((f) => `${f.accountId}/${f.resourcesAffected?.s3Bucket?.name}`), [`${B.accountId}/member-data`])
    assert.equal(sensitive[0]!.classificationDetails?.jobId, jobId)
    // The member bucket's policy findings are the member's too.
    assert.deepEqual([...new Set(findings.map((f) => `${f.accountId}/${f.resourcesAffected?.s3Bucket?.name}`))], [`${B.accountId}/member-data`])
  })

  it('files the policy findings of each bucket under its owner', async () => {
    const policy = (await findingsOf(a)).filter((f) => f.category === 'POLICY')
    assert.ok(policy.length > 0)
    for (const f of policy) assert.equal(f.accountId, f.resourcesAffected?.s3Bucket?.name === 'member-data' ? B.accountId : A.accountId, f.type)
  })

  it('counts each object\'s bytes to its owner\'s usage', async () => {
    assert.equal(await bytesOf(B.accountId), Buffer.byteLength(MEMBER_FILE))
    assert.equal(await bytesOf(A.accountId), Buffer.byteLength(ADMIN_FILE))
    const records = (await b.send(new GetUsageStatisticsCommand({}))).records ?? []
    assert.deepEqual(records.map((r) => r.accountId), [B.accountId])
  })

  it('writes both results records to the administrator\'s repository, each in its owner\'s name', () => {
    const files = filesUnder(join(root, A.accountId, 'results')).filter((f) => f.includes(jobId) && f.endsWith('.jsonl.gz.enc'))
    const records = files.flatMap((f) => readResultsFile(readFileSync(f), api.keyring))
    assert.deepEqual(records.map((r) => `${r.accountId}/${r.resourcesAffected.s3Bucket.name}`).sort(), [`${A.accountId}/admin-data`, `${B.accountId}/member-data`].sort())
    assert.deepEqual(readdirSync(join(root, B.accountId)), ['member-data'], 'nothing written to the member\'s buckets')
  })

  it('refuses the member\'s buckets once it has left', async () => {
    await b.send(new DisassociateFromAdministratorAccountCommand({}))
    await assert.rejects(createJob(a, 'after', definitions([A.accountId, 'admin-data'], [B.accountId, 'member-data'])), isValidation(B.accountId))
  })
})

/** The ARN of a classification job of account A. */
function job(id: string): string {
  return `arn:aws:macie2:${REGION}:${A.accountId}:classification-job/${id}`
}

describe('the monthly quota of a member applies to its objects in an administrator\'s job', () => {
  const admin: Scope = { accountId: A.accountId, region: REGION }
  const member: Scope = { accountId: B.accountId, region: REGION }
  const QUOTA = 1000
  let dir: string
  let store: Store
  let keyring: Keyring
  const services: JobService[] = []

  const service = (monthlyQuotaBytes: number): JobService => {
    const s = new JobService({ store, keyring, workers: 1, monthlyQuotaBytes, sourceFor: (accountId) => ({ kind: 'folder', root: join(dir, accountId) }) })
    services.push(s)
    return s
  }
  const bytesOf = async (scope: Scope): Promise<number> =>
    (await store.usage.list(scope, [usageMonth(new Date())])).filter((r) => r.type === 'SENSITIVE_DATA_DISCOVERY').reduce((n, r) => n + r.bytes, 0)
  const create = (jobs: JobService, name: string, pairs: Array<[string, string]>) =>
    jobs.create(admin, { clientToken: name, jobType: 'ONE_TIME', name, s3JobDefinition: { bucketDefinitions: pairs.map(([accountId, bucket]) => ({ accountId, buckets: [bucket] })) } })

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trawl-member-quota-'))
    for (const [account, bucket, text] of [[A.accountId, 'admin-data', ADMIN_FILE], [B.accountId, 'member-data', 'x'.repeat(50)]] as const) {
      mkdirSync(join(dir, account, bucket), { recursive: true })
      writeFileSync(join(dir, account, bucket, 'file.txt'), text)
    }
    store = await openSqliteStore(':memory:')
    keyring = await Keyring.open(join(dir, 'data'))
    const now = new Date()
    await store.members.put({ administratorAccountId: A.accountId, memberAccountId: B.accountId, region: REGION, relationshipStatus: 'Enabled', isOrganization: false, createdAt: now, updatedAt: now })
    // The member is 20 bytes short of its quota: its 50-byte object does not fit.
    await store.usage.add({ ...member, month: usageMonth(now), type: 'SENSITIVE_DATA_DISCOVERY', bytes: QUOTA - 20, objects: 1 })
  })

  after(async () => {
    for (const s of services) await s.close()
    await store?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('pauses the job at the member\'s object when the member is over its quota', async () => {
    const jobs = service(QUOTA)
    const { jobId } = await create(jobs, 'over', [[A.accountId, 'admin-data'], [B.accountId, 'member-data']])
    await jobs.waitFor(jobId)
    assert.equal(((await jobs.describe(admin, jobId)) as { jobStatus: string }).jobStatus, 'PAUSED')
    assert.equal(await bytesOf(member), QUOTA - 20, 'nothing more counted to the member')
    // Both objects share a plan batch, which is committed whole on resume.
    const [run] = await store.runs.listForJob(jobId)
    const pending = await store.runObjects.listPending(run!.runId, -1, 10)
    assert.deepEqual(pending.map((o) => `${o.accountId ?? A.accountId}/${o.bucket}/${o.key}`), [`${A.accountId}/admin-data/file.txt`, `${B.accountId}/member-data/file.txt`])
    // On the next tick the member is still over: the job stays PAUSED rather than flapping.
    await jobs.tick()
    await jobs.waitFor(jobId)
    assert.equal(((await jobs.describe(admin, jobId)) as { jobStatus: string }).jobStatus, 'PAUSED')
    await jobs.close()

    // With room (a raised quota), the scheduler resumes it and the member's object counts to the member.
    const roomy = service(QUOTA * 10)
    await roomy.tick()
    await roomy.waitFor(jobId)
    assert.equal(((await roomy.describe(admin, jobId)) as { jobStatus: string }).jobStatus, 'COMPLETE')
    assert.equal(await bytesOf(member), QUOTA - 20 + 50)
    assert.equal(await bytesOf(admin), Buffer.byteLength(ADMIN_FILE))
  })

  it('does not read a member\'s planned objects once it has left, and says so', async () => {
    const jobs = service(QUOTA)
    const { jobId } = await create(jobs, 'left', [[B.accountId, 'member-data']])
    await jobs.waitFor(jobId)
    assert.equal(((await jobs.describe(admin, jobId)) as { jobStatus: string }).jobStatus, 'PAUSED')
    await jobs.close()
    const used = await bytesOf(member)
    const row = (await store.members.get(admin, B.accountId))!
    await store.members.put({ ...row, relationshipStatus: 'Removed', updatedAt: new Date() })

    const roomy = service(QUOTA * 10)
    await roomy.tick()
    await roomy.waitFor(jobId)
    const job = (await roomy.describe(admin, jobId)) as { jobStatus: string; lastRunErrorStatus: { code: string } }
    assert.equal(job.jobStatus, 'COMPLETE')
    assert.equal(job.lastRunErrorStatus.code, 'ERROR')
    assert.equal(await bytesOf(member), used, 'nothing of the former member was analysed')
    await store.members.put(row)
  })

  it('does not hold the administrator\'s own objects to the member\'s quota', async () => {
    const jobs = service(QUOTA)
    const { jobId } = await create(jobs, 'own', [[A.accountId, 'admin-data']])
    await jobs.waitFor(jobId)
    assert.equal(((await jobs.describe(admin, jobId)) as { jobStatus: string }).jobStatus, 'COMPLETE')
  })
})
