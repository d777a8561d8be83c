// Discovery jobs end to end against moto's S3 and KMS: planted objects in buckets, a results
// repository encrypted with a KMS key, and every job option checked in the findings, the
// results records (read back from the repository) and the job's status.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { after, before, describe, it } from 'node:test'
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  S3Client,
  type StorageClass,
} from '@aws-sdk/client-s3'
import { zipSync, strToU8 } from 'fflate'
import type { JobContext } from '../../src/jobs/context.js'
import { JobService } from '../../src/jobs/service.js'
import { Keyring } from '../../src/results/keyring.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { Scope, Store } from '../../src/store/types.js'
import { motoUnavailable, skipUnless, startMoto, TEST_CREDENTIALS, type RunningServer } from '../support/servers.js'

const SCOPE: Scope = { accountId: '111122223333', region: 'us-east-1' }
const DEMO = 'examples/demo-bucket'
const demo = (key: string): Buffer => readFileSync(join(DEMO, key))

type Json = Record<string, any>

describe('discovery jobs over S3', { skip: skipUnless(motoUnavailable()) }, () => {
  let moto: RunningServer
  let s3: S3Client
  let dir: string
  let store: Store
  let keyring: Keyring
  let jobs: JobService
  let keyArn: string

  const put = (Bucket: string, Key: string, Body: Buffer | string, extra: { StorageClass?: StorageClass; Tagging?: string } = {}) =>
    s3.send(new PutObjectCommand({ Bucket, Key, Body, ...extra }))

  before(async () => {
    moto = await startMoto()
    const client = { endpoint: moto.endpoint, region: SCOPE.region, credentials: TEST_CREDENTIALS }
    s3 = new S3Client({ ...client, forcePathStyle: true })
    const kms = new KMSClient(client)
    keyArn = (await kms.send(new CreateKeyCommand({ Description: 'trawl results' }))).KeyMetadata!.Arn!
    kms.destroy()
    for (const b of ['demo-data', 'tagged-data', 'results']) await s3.send(new CreateBucketCommand({ Bucket: b }))
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'tagged-data', Tagging: { TagSet: [{ Key: 'classification', Value: 'confidential' }] } }))
    for (const key of ['hr/employees.csv', 'config/app.yaml', 'notes/onboarding.txt', 'docs/README.md', 'events/payments.jsonl']) await put('demo-data', key, demo(key))
    await put('demo-data', 'archive/bundle.zip', Buffer.from(zipSync({ 'staff/employees.csv': new Uint8Array(demo('hr/employees.csv')), 'readme.txt': strToU8('nothing here\n') })))
    await put('demo-data', 'cold/old-employees.csv', demo('hr/employees.csv'), { StorageClass: 'GLACIER' })
    await put('demo-data', 'media/photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]))
    await put('tagged-data', 'tagged.csv', demo('hr/employees.csv'), { Tagging: 'team=payroll' })
    await put('tagged-data', 'untagged.csv', demo('hr/employees.csv'))

    dir = mkdtempSync(join(tmpdir(), 'trawl-jobs-'))
    store = await openSqliteStore(join(dir, 'trawl.db'))
    keyring = await Keyring.open(dir)
    await store.accounts.ensure(SCOPE.accountId)
    await store.exportConfigurations.put({ ...SCOPE, s3Destination: { bucketName: 'results', keyPrefix: 'macie/', kmsKeyArn: keyArn } })
    const ctx: JobContext = {
      store,
      keyring,
      workers: 1,
      sourceFor: () => ({ kind: 's3', endpoint: moto.endpoint, region: SCOPE.region, forcePathStyle: true, credentials: TEST_CREDENTIALS }),
    }
    jobs = new JobService(ctx)
  })

  after(async () => {
    await jobs?.close()
    await store?.close()
    s3?.destroy()
    await moto?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  async function runJob(request: Json): Promise<Json> {
    const { jobId } = await jobs.create(SCOPE, { clientToken: crypto.randomUUID(), jobType: 'ONE_TIME', ...request })
    await jobs.waitFor(jobId)
    return jobs.describe(SCOPE, jobId) as Promise<Json>
  }

  async function findingsOf(jobId: string): Promise<Json[]> {
    const page = await store.findings.list(SCOPE, { criterion: { 'classificationDetails.jobId': { eq: [jobId] } } }, { attributeName: 'createdAt', orderBy: 'ASC' }, { maxResults: 1000 })
    return (await store.findings.get(SCOPE, page.items)).map((r) => r.finding as Json)
  }

  async function resultsOf(jobId: string): Promise<Json[]> {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'results', Prefix: `macie/AWSLogs/${SCOPE.accountId}/Macie/${SCOPE.region}/${jobId}/` }))
    const records: Json[] = []
    for (const o of listed.Contents ?? []) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'results', Key: o.Key! }))
      assert.equal(head.ServerSideEncryption, 'aws:kms', `${o.Key} is stored with SSE-KMS`)
      assert.equal(head.SSEKMSKeyId, keyArn, `${o.Key} is encrypted with the configured key`)
      const body = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: 'results', Key: o.Key! }))).Body!.transformToByteArray())
      for (const line of gunzipSync(body).toString('utf8').split('\n')) if (line) records.push(JSON.parse(line))
    }
    return records
  }

  const byKey = (findings: Json[]): Map<string, Json> => new Map(findings.map((f) => [f.resourcesAffected.s3Object.key, f]))
  const typesIn = (f: Json): string[] => f.classificationDetails.result.sensitiveData.flatMap((g: Json) => g.detections.map((d: Json) => d.type)).sort()

  it('a one-time job finds the planted data, with Macie findings and encrypted results', async () => {
    const job = await runJob({ name: 'demo', s3JobDefinition: { bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['demo-data'] }] } })
    assert.equal(job.jobStatus, 'COMPLETE')
    assert.equal(job.lastRunErrorStatus.code, 'NONE')
    assert.equal(job.statistics.numberOfRuns, 1)

    const findings = byKey(await findingsOf(job.jobId))
    assert.deepEqual([...findings.keys()].sort(), ['archive/bundle.zip', 'config/app.yaml', 'events/payments.jsonl', 'hr/employees.csv', 'notes/onboarding.txt'])
    const hr = findings.get('hr/employees.csv')!
    assert.equal(hr.type, 'SensitiveData:S3Object/Personal')
    assert.deepEqual(hr.severity, { description: 'High', score: 3 })
    assert.deepEqual(typesIn(hr), ['USA_PASSPORT_NUMBER', 'USA_SOCIAL_SECURITY_NUMBER'])
    const ssn = hr.classificationDetails.result.sensitiveData[0].detections.find((d: Json) => d.type === 'USA_SOCIAL_SECURITY_NUMBER')
    assert.equal(ssn.count, 2)
    assert.deepEqual(ssn.occurrences.cells[0], { row: 2, column: 3, columnName: 'ssn', cellReference: null })
    assert.equal(findings.get('config/app.yaml')!.type, 'SensitiveData:S3Object/Credentials')
    assert.equal(findings.get('notes/onboarding.txt')!.type, 'SensitiveData:S3Object/Multiple')
    assert.equal(findings.get('events/payments.jsonl')!.type, 'SensitiveData:S3Object/Multiple')
    for (const f of findings.values()) {
      assert.equal(f.count, 1)
      assert.equal(f.archived, false)
      assert.equal(f.createdAt, f.updatedAt)
      assert.equal(f.classificationDetails.jobId, job.jobId)
      assert.match(f.classificationDetails.detailedResultsLocation, new RegExp(`^s3://results/macie/AWSLogs/${SCOPE.accountId}/Macie/${SCOPE.region}/${job.jobId}/`))
    }
    // An archive's finding counts its members' detections without locations.
    const zip = findings.get('archive/bundle.zip')!
    assert.equal(zip.classificationDetails.result.sensitiveData[0].detections[0].occurrences.cells, undefined)

    const records = await resultsOf(job.jobId)
    const recordOf = (key: string, member?: string): Json | undefined =>
      records.find((r) => r.resourcesAffected.s3Object.key === key && r.resourcesAffected.s3Object.embeddedFileDetails?.filePath === member)
    assert.equal(records.filter((r) => !r.resourcesAffected.s3Object.embeddedFileDetails).length, 8, 'one record per object in scope')
    assert.equal(recordOf('docs/README.md')!.classificationDetails.result.status.code, 'COMPLETE')
    assert.deepEqual(recordOf('cold/old-employees.csv')!.classificationDetails.result.status, { code: 'SKIPPED', reason: 'INVALID_OBJECT_STATE' })
    assert.deepEqual(recordOf('media/photo.jpg')!.classificationDetails.result.status, { code: 'SKIPPED', reason: 'UNSUPPORTED_FILE_TYPE_EXCEPTION' })
    const member = recordOf('archive/bundle.zip', 'staff/employees.csv')!
    assert.equal(member.classificationDetails.result.sensitiveData[0].detections.find((d: Json) => d.type === 'USA_SOCIAL_SECURITY_NUMBER').occurrences.cells[0].row, 2)

    const usage = await store.usage.list(SCOPE, [new Date().toISOString().slice(0, 7)])
    const discovery = usage.find((u) => u.type === 'SENSITIVE_DATA_DISCOVERY')!
    assert.ok(discovery.bytes > 0)
  })

  it('scoping includes and excludes pick the objects analysed', async () => {
    const job = await runJob({
      name: 'scoped',
      s3JobDefinition: {
        bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['demo-data'] }],
        scoping: {
          includes: { and: [{ simpleScopeTerm: { comparator: 'EQ', key: 'OBJECT_EXTENSION', values: ['csv', 'txt'] } }] },
          excludes: { and: [{ simpleScopeTerm: { comparator: 'STARTS_WITH', key: 'OBJECT_KEY', values: ['cold/'] } }] },
        },
      },
    })
    const records = await resultsOf(job.jobId)
    assert.deepEqual(records.map((r) => r.resourcesAffected.s3Object.key).sort(), ['hr/employees.csv', 'notes/onboarding.txt'])
  })

  it('object tags scope a job', async () => {
    const job = await runJob({
      name: 'tag-scoped',
      s3JobDefinition: {
        bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['tagged-data'] }],
        scoping: { includes: { and: [{ tagScopeTerm: { comparator: 'EQ', key: 'TAG', target: 'S3_OBJECT', tagValues: [{ key: 'team', value: 'payroll' }] } }] } },
      },
    })
    assert.deepEqual([...byKey(await findingsOf(job.jobId)).keys()], ['tagged.csv'])
    const f = (await findingsOf(job.jobId))[0]!
    assert.deepEqual(f.resourcesAffected.s3Object.tags, [{ key: 'team', value: 'payroll' }])
  })

  it('bucket criteria select buckets by tag, evaluated when the run starts', async () => {
    const job = await runJob({
      name: 'by-bucket-tag',
      s3JobDefinition: { bucketCriteria: { includes: { and: [{ tagCriterion: { comparator: 'EQ', tagValues: [{ key: 'classification', value: 'confidential' }] } }] } } },
    })
    const buckets = new Set((await resultsOf(job.jobId)).map((r) => r.resourcesAffected.s3Bucket.name))
    assert.deepEqual([...buckets], ['tagged-data'])
  })

  it('managed identifier selection limits what is reported', async () => {
    const job = await runJob({
      name: 'ssn-only',
      managedDataIdentifierSelector: 'INCLUDE',
      managedDataIdentifierIds: ['USA_SOCIAL_SECURITY_NUMBER'],
      s3JobDefinition: { bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['demo-data'] }] },
    })
    const findings = await findingsOf(job.jobId)
    assert.deepEqual([...byKey(findings).keys()].sort(), ['archive/bundle.zip', 'hr/employees.csv', 'notes/onboarding.txt'])
    for (const f of findings) assert.deepEqual(typesIn(f), ['USA_SOCIAL_SECURITY_NUMBER'])
  })

  it('custom identifiers and allow lists apply', async () => {
    const now = new Date()
    await store.customDataIdentifiers.insert({
      ...SCOPE,
      id: '11111111-2222-3333-4444-555555555555',
      arn: `arn:aws:macie2:${SCOPE.region}:${SCOPE.accountId}:custom-data-identifier/11111111-2222-3333-4444-555555555555`,
      name: 'EmployeeId',
      regex: 'E-\\d{4}',
      tags: {},
      createdAt: now,
      deleted: false,
    })
    await store.allowLists.insert({
      ...SCOPE,
      id: 'allowssnlist00000000000',
      arn: `arn:aws:macie2:${SCOPE.region}:${SCOPE.accountId}:allow-list/allowssnlist00000000000`,
      name: 'known test SSN',
      criteria: { regex: '261-29-6226' },
      tags: {},
      createdAt: now,
      updatedAt: now,
    })
    const job = await runJob({
      name: 'custom',
      customDataIdentifierIds: ['11111111-2222-3333-4444-555555555555'],
      allowListIds: ['allowssnlist00000000000'],
      s3JobDefinition: { bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['tagged-data'] }] },
    })
    const f = byKey(await findingsOf(job.jobId)).get('untagged.csv')!
    assert.equal(f.type, 'SensitiveData:S3Object/Multiple')
    assert.equal(f.classificationDetails.result.customDataIdentifiers.detections[0].name, 'EmployeeId')
    assert.equal(f.classificationDetails.result.customDataIdentifiers.detections[0].count, 3)
    const ssn = f.classificationDetails.result.sensitiveData[0].detections.find((d: Json) => d.type === 'USA_SOCIAL_SECURITY_NUMBER')
    assert.equal(ssn.count, 1, 'the allow-listed SSN is not counted')
  })

  it('a words-list allow list is read from its bucket when the run starts', async () => {
    const now = new Date()
    await s3.send(new CreateBucketCommand({ Bucket: 'allow-lists' }))
    await put('allow-lists', 'known-ssns.txt', '261-29-6226\n536-22-8741\n')
    await store.allowLists.insert({
      ...SCOPE,
      id: 'wordsallowlist000000000',
      arn: `arn:aws:macie2:${SCOPE.region}:${SCOPE.accountId}:allow-list/wordsallowlist000000000`,
      name: 'known SSNs',
      criteria: { s3WordsList: { bucketName: 'allow-lists', objectKey: 'known-ssns.txt' } },
      tags: {},
      createdAt: now,
      updatedAt: now,
    })
    const job = await runJob({
      name: 'words',
      allowListIds: ['wordsallowlist000000000'],
      managedDataIdentifierSelector: 'INCLUDE',
      managedDataIdentifierIds: ['USA_SOCIAL_SECURITY_NUMBER'],
      s3JobDefinition: { bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['tagged-data'] }] },
    })
    assert.equal(job.jobStatus, 'COMPLETE')
    assert.equal(job.lastRunErrorStatus.code, 'NONE')
    assert.deepEqual(await findingsOf(job.jobId), [], 'every SSN planted is allow-listed')
    assert.equal((await resultsOf(job.jobId)).length, 2, 'the objects still have results')
  })

  it('size and last-modified scoping terms', async () => {
    const small = await runJob({
      name: 'small-only',
      s3JobDefinition: {
        bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['demo-data'] }],
        scoping: { includes: { and: [{ simpleScopeTerm: { comparator: 'LT', key: 'OBJECT_SIZE', values: ['200'] } }] } },
      },
    })
    const sizes = (await resultsOf(small.jobId)).map((r) => r.resourcesAffected.s3Object.size as number)
    assert.ok(sizes.length > 0 && sizes.every((n) => n < 200), `only objects under 200 bytes: ${sizes}`)
    const future = await runJob({
      name: 'modified-later',
      s3JobDefinition: {
        bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['demo-data'] }],
        scoping: { includes: { and: [{ simpleScopeTerm: { comparator: 'GT', key: 'OBJECT_LAST_MODIFIED_DATE', values: ['2099-01-01T00:00:00Z'] } }] } },
      },
    })
    assert.equal(future.jobStatus, 'COMPLETE')
    assert.deepEqual(await resultsOf(future.jobId), [])
  })

  it('a public bucket gets a policy finding and is selected by effective permission', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'public-data' }))
    await put('public-data', 'export.csv', demo('hr/employees.csv'))
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-data/*' }] }
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'public-data', Policy: JSON.stringify(policy) }))
    const job = await runJob({
      name: 'public',
      s3JobDefinition: { bucketCriteria: { includes: { and: [{ simpleCriterion: { comparator: 'EQ', key: 'S3_BUCKET_EFFECTIVE_PERMISSION', values: ['PUBLIC'] } }] } } },
    })
    const findings = await findingsOf(job.jobId)
    assert.deepEqual(findings.map((f) => f.resourcesAffected.s3Bucket.name), ['public-data'])
    assert.equal(findings[0]!.resourcesAffected.s3Bucket.publicAccess.effectivePermission, 'PUBLIC')
    const page = await store.findings.list(SCOPE, { criterion: { type: { eq: ['Policy:IAMUser/S3BucketPublic'] } } }, undefined, {})
    const [policyFinding] = (await store.findings.get(SCOPE, page.items)).map((r) => r.finding as Json)
    assert.equal(policyFinding!.resourcesAffected.s3Bucket.name, 'public-data')
    assert.deepEqual(policyFinding!.severity, { description: 'High', score: 3 })
    assert.equal(policyFinding!.category, 'POLICY')
    assert.equal(policyFinding!.classificationDetails, null)
  })

  it('an ARCHIVE findings filter suppresses matching findings as they are made', async () => {
    await store.findingsFilters.insert({
      ...SCOPE,
      id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      arn: `arn:aws:macie2:${SCOPE.region}:${SCOPE.accountId}:findings-filter/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`,
      name: 'ignore credentials',
      action: 'ARCHIVE',
      findingCriteria: { criterion: { type: { eq: ['SensitiveData:S3Object/Credentials'] } } },
      position: 1,
      tags: {},
    })
    const job = await runJob({ name: 'filtered', s3JobDefinition: { bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['demo-data'] }] } })
    const findings = byKey(await findingsOf(job.jobId))
    assert.equal(findings.get('config/app.yaml')!.archived, true)
    assert.equal(findings.get('hr/employees.csv')!.archived, false)
    await store.findingsFilters.delete(SCOPE, 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee')
  })

  it('the same clientToken returns the same job', async () => {
    const request = { clientToken: 'same-token-1', jobType: 'ONE_TIME', name: 'once', s3JobDefinition: { bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['tagged-data'] }] } }
    const first = await jobs.create(SCOPE, request)
    const second = await jobs.create(SCOPE, request)
    assert.deepEqual(second, first)
    await jobs.waitFor(first.jobId)
  })

  it('a scheduled job without initialRun waits for its schedule and covers only later changes', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'later' }))
    await put('later', 'before.csv', demo('hr/employees.csv'))
    await new Promise((r) => setTimeout(r, 1100))
    const { jobId } = await jobs.create(SCOPE, {
      clientToken: crypto.randomUUID(),
      jobType: 'SCHEDULED',
      name: 'weekly',
      initialRun: false,
      scheduleFrequency: { weeklySchedule: { dayOfWeek: 'MONDAY' } },
      s3JobDefinition: { bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['later'] }] },
    })
    let job: Json = await jobs.describe(SCOPE, jobId)
    assert.equal(job.jobStatus, 'IDLE')
    assert.equal(job.statistics.numberOfRuns, 0)
    const row = (await store.jobs.get(SCOPE, jobId))!
    assert.equal(row.nextRunAt!.getUTCDay(), 1, 'the next run is on a Monday')
    await new Promise((r) => setTimeout(r, 1100))
    await put('later', 'after.csv', demo('hr/employees.csv'))
    await jobs.tick(new Date(row.nextRunAt!.getTime() + 1000))
    await jobs.waitFor(jobId)
    job = await jobs.describe(SCOPE, jobId)
    assert.equal(job.statistics.numberOfRuns, 1)
    assert.deepEqual((await resultsOf(jobId)).map((r) => r.resourcesAffected.s3Object.key), ['after.csv'])
  })

  it('a scheduled job is incremental: its second run analyses only new or changed objects', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'incremental' }))
    for (let i = 0; i < 5; i++) await put('incremental', `day0/file-${i}.txt`, `nothing sensitive ${i}\n`)
    // S3 keeps modification times to the second; a run re-reads objects changed in the second it started.
    await new Promise((r) => setTimeout(r, 1100))
    const { jobId } = await jobs.create(SCOPE, {
      clientToken: crypto.randomUUID(),
      jobType: 'SCHEDULED',
      name: 'daily',
      initialRun: true,
      scheduleFrequency: { dailySchedule: {} },
      s3JobDefinition: { bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: ['incremental'] }] },
    })
    await jobs.waitFor(jobId)
    let job: Json = await jobs.describe(SCOPE, jobId)
    assert.equal(job.jobStatus, 'IDLE')
    assert.equal((await resultsOf(jobId)).length, 5)

    await new Promise((r) => setTimeout(r, 1100))
    await put('incremental', 'day1/new.txt', demo('notes/onboarding.txt'))
    await put('incremental', 'day0/file-0.txt', 'changed, still nothing\n')
    const row = (await store.jobs.get(SCOPE, jobId))!
    assert.ok(row.nextRunAt && row.nextRunAt.getTime() > Date.now(), 'the next run is scheduled')
    await jobs.tick(new Date(row.nextRunAt.getTime() + 1000))
    await jobs.waitFor(jobId)
    job = await jobs.describe(SCOPE, jobId)
    assert.equal(job.statistics.numberOfRuns, 2)
    assert.equal(job.jobStatus, 'IDLE')
    const runs = await store.runs.listForJob(jobId)
    assert.equal(runs.length, 2)
    const firstRunEnd = runs[1]!.finishedAt!.toISOString()
    const analysed = (await resultsOf(jobId)).filter((r) => r.createdAt > firstRunEnd)
    assert.deepEqual(analysed.map((r) => r.resourcesAffected.s3Object.key).sort(), ['day0/file-0.txt', 'day1/new.txt'])
    const findings = await findingsOf(jobId)
    assert.deepEqual(findings.map((f) => f.resourcesAffected.s3Object.key), ['day1/new.txt'])
  })
})
