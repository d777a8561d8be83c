// The one suite every Store backend must pass: each repository's functions, tenancy (a row of one
// account and region is never seen from another), client tokens, paging, finding criteria,
// sorting, statistics, archiving and the atomic completion of an object.
// A backend's test file calls storeContract(name, open) with a fresh, empty store per test.
import { afterEach, beforeEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js'
import type {
  AllowListRow,
  CustomDataIdentifierRow,
  FindingCriteria,
  FindingRow,
  FindingsFilterRow,
  JobRow,
  ReadScope,
  RunObjectRow,
  RunRow,
  Scope,
  SortCriteria,
  Store,
} from './types.js'

const A: Scope = { accountId: '111122223333', region: 'us-east-1' }
const B: Scope = { accountId: '444455556666', region: 'us-east-1' }
const A2: Scope = { accountId: '111122223333', region: 'eu-west-1' }

const T0 = Date.parse('2026-11-01T00:00:00.000Z')
const at = (minutes: number): Date => new Date(T0 + minutes * 60_000)
const iso = (minutes: number): string => at(minutes).toISOString()

function job(scope: Scope, jobId: string, extra: Partial<JobRow> = {}): JobRow {
  return {
    ...scope,
    jobId,
    jobArn: `arn:aws:macie2:${scope.region}:${scope.accountId}:classification-job/${jobId}`,
    name: `job ${jobId}`,
    jobType: 'ONE_TIME',
    jobStatus: 'RUNNING',
    clientToken: `token-${jobId}`,
    createdAt: at(0),
    initialRun: false,
    samplingPercentage: 100,
    managedDataIdentifierSelector: 'RECOMMENDED',
    s3JobDefinition: { bucketDefinitions: [{ accountId: scope.accountId, buckets: ['alpha'] }] },
    tags: {},
    lastRunErrorCode: 'NONE',
    approximateNumberOfObjectsToProcess: 0,
    numberOfRuns: 0,
    ...extra,
  }
}

function fullJob(scope: Scope, jobId: string): JobRow {
  return job(scope, jobId, {
    description: 'every optional field set',
    jobType: 'SCHEDULED',
    jobStatus: 'USER_PAUSED',
    initialRun: true,
    samplingPercentage: 40,
    managedDataIdentifierSelector: 'INCLUDE',
    managedDataIdentifierIds: ['CREDIT_CARD_NUMBER'],
    customDataIdentifierIds: ['cdi-1'],
    allowListIds: ['al-1'],
    s3JobDefinition: { scoping: { includes: { and: [{ simpleScopeTerm: { comparator: 'EQ', key: 'OBJECT_EXTENSION', values: ['csv'] } }] } } },
    scheduleFrequency: { weeklySchedule: { dayOfWeek: 'MONDAY' } },
    tags: { team: 'data', env: 'prod' },
    lastRunTime: at(5),
    lastRunErrorCode: 'ERROR',
    userPausedAt: at(6),
    userPausedExpiresAt: at(60 * 24 * 30),
    isPausedWhileRunning: true,
    approximateNumberOfObjectsToProcess: 1234,
    numberOfRuns: 3,
    nextRunAt: at(60 * 24 * 7),
  })
}

function run(scope: Scope, runId: string, jobId: string, startedAt: Date, extra: Partial<RunRow> = {}): RunRow {
  return { ...scope, runId, jobId, status: 'RUNNING', startedAt, isPlanned: false, errorCode: 'NONE', ...extra }
}

function object(runId: string, seq: number, extra: Partial<RunObjectRow> = {}): RunObjectRow {
  return { runId, seq, bucket: 'alpha', key: `k/${seq}.csv`, size: 100 * seq, lastModified: at(seq), state: 'PENDING', ...extra }
}

interface FindingSpec {
  id: string
  scope?: Scope
  type: string
  severity: 'Low' | 'Medium' | 'High'
  created: number
  updated?: number
  bucket: string
  key?: string
  extension?: string
  storageClass?: string
  jobId?: string
  archived?: boolean
  count?: number
  sample?: boolean
  sensitive?: Array<{ category: string; types: string[] }>
  cdis?: Array<{ arn: string; name: string }>
  bucketTags?: Array<{ key: string; value: string }>
  objectTags?: Array<{ key: string; value: string }>
  isPublic?: boolean
  seen?: [number, number]
  runId?: string
  objectKey?: string
}

const SCORES = { Low: 1, Medium: 2, High: 3 }

function finding(spec: FindingSpec): FindingRow {
  const scope = spec.scope ?? A
  const isPolicy = spec.type.startsWith('Policy:')
  const f = {
    accountId: scope.accountId,
    archived: spec.archived ?? false,
    category: isPolicy ? 'POLICY' : 'CLASSIFICATION',
    classificationDetails: isPolicy
      ? null
      : {
          jobId: spec.jobId ?? null,
          originType: 'SENSITIVE_DATA_DISCOVERY_JOB',
          result: {
            mimeType: 'text/plain',
            sensitiveData: (spec.sensitive ?? []).map((s) => ({ category: s.category, totalCount: s.types.length, detections: s.types.map((type) => ({ type, count: 1 })) })),
            customDataIdentifiers: { totalCount: spec.cdis?.length ?? 0, detections: (spec.cdis ?? []).map((c) => ({ ...c, count: 1 })) },
            status: { code: 'COMPLETE' },
          },
        },
    count: spec.count ?? 1,
    createdAt: iso(spec.created),
    id: spec.id,
    partition: 'aws',
    policyDetails: spec.seen ? { action: { actionType: 'AWS_API_CALL', apiCallDetails: { api: 'PutBucketPolicy', firstSeen: iso(spec.seen[0]), lastSeen: iso(spec.seen[1]) } } } : null,
    region: scope.region,
    resourcesAffected: {
      s3Bucket: {
        name: spec.bucket,
        publicAccess: { effectivePermission: spec.isPublic ? 'PUBLIC' : 'NOT_PUBLIC' },
        tags: spec.bucketTags ?? [],
      },
      s3Object: spec.key === undefined ? null : { key: spec.key, extension: spec.extension ?? '', storageClass: spec.storageClass ?? 'STANDARD', tags: spec.objectTags ?? [], publicAccess: false },
    },
    sample: spec.sample ?? false,
    schemaVersion: '1.0',
    severity: { description: spec.severity, score: SCORES[spec.severity] },
    title: 'synthetic',
    type: spec.type,
    updatedAt: iso(spec.updated ?? spec.created),
  }
  return { ...scope, id: spec.id, ...(spec.runId ? { runId: spec.runId } : {}), ...(spec.objectKey ? { objectKey: spec.objectKey } : {}), finding: f }
}

const CDI_ARN = `arn:aws:macie2:us-east-1:${A.accountId}:custom-data-identifier/11111111-2222-3333-4444-555555555555`
const PUBLIC = 'Policy:IAMUser/S3BucketPublic'

// Six findings of scope A with every field the criteria tests touch, plus look-alikes elsewhere.
const SPECS: FindingSpec[] = [
  {
    id: 'f1',
    type: 'SensitiveData:S3Object/Personal',
    severity: 'High',
    created: 1,
    bucket: 'alpha',
    key: 'a/1.csv',
    extension: 'csv',
    jobId: 'job-1',
    sensitive: [{ category: 'PERSONAL_INFORMATION', types: ['USA_SOCIAL_SECURITY_NUMBER'] }],
    bucketTags: [{ key: 'env', value: 'prod' }],
  },
  {
    id: 'f2',
    type: 'SensitiveData:S3Object/Financial',
    severity: 'Medium',
    created: 2,
    bucket: 'alpha',
    key: 'a/2.json',
    extension: 'json',
    storageClass: 'GLACIER',
    jobId: 'job-1',
    sensitive: [{ category: 'FINANCIAL_INFORMATION', types: ['CREDIT_CARD_NUMBER'] }],
    objectTags: [{ key: 'owner', value: 'finance' }],
  },
  {
    id: 'f3',
    type: 'SensitiveData:S3Object/Multiple',
    severity: 'High',
    created: 3,
    bucket: 'beta',
    key: 'b/3.txt',
    extension: 'txt',
    jobId: 'job-1',
    archived: true,
    sensitive: [
      { category: 'PERSONAL_INFORMATION', types: ['USA_SOCIAL_SECURITY_NUMBER'] },
      { category: 'FINANCIAL_INFORMATION', types: ['CREDIT_CARD_NUMBER'] },
    ],
    cdis: [{ arn: CDI_ARN, name: 'EmployeeId' }],
  },
  {
    id: 'f4',
    type: 'SensitiveData:S3Object/CustomIdentifier',
    severity: 'Medium',
    created: 4,
    bucket: 'beta',
    key: 'b/4.txt',
    extension: 'txt',
    jobId: 'job-1',
    sample: true,
    cdis: [{ arn: CDI_ARN, name: 'EmployeeId' }],
  },
  { id: 'f5', type: PUBLIC, severity: 'High', created: 5, updated: 10, bucket: 'gamma', count: 3, isPublic: true, seen: [5, 10] },
  {
    id: 'f6',
    type: 'SensitiveData:S3Object/Credentials',
    severity: 'Low',
    created: 6,
    bucket: 'alpha',
    key: 'c/6',
    jobId: 'job-2',
    sensitive: [{ category: 'CREDENTIALS', types: ['AWS_CREDENTIALS'] }],
  },
]
const ELSEWHERE: FindingSpec[] = [
  { ...SPECS[0]!, id: 'b1', scope: B },
  { ...SPECS[4]!, id: 'b5', scope: B },
  { ...SPECS[0]!, id: 'r1', scope: A2 },
]

async function seedFindings(store: Store): Promise<void> {
  await store.findings.insertMany([...SPECS, ...ELSEWHERE].map(finding))
}

async function allIds(store: Store, scope: ReadScope, criteria: FindingCriteria, sort?: SortCriteria, maxResults = 3): Promise<string[]> {
  const ids: string[] = []
  let nextToken: string | undefined
  do {
    const page = await store.findings.list(scope, criteria, sort, { maxResults, ...(nextToken ? { nextToken } : {}) })
    ids.push(...page.items)
    nextToken = page.nextToken
  } while (nextToken)
  return ids
}

const sorted = (ids: string[]): string[] => [...ids].sort()

function cdi(scope: Scope, id: string, createdMinute: number, extra: Partial<CustomDataIdentifierRow> = {}): CustomDataIdentifierRow {
  return {
    ...scope,
    id,
    arn: `arn:aws:macie2:${scope.region}:${scope.accountId}:custom-data-identifier/${id}`,
    name: `cdi ${id}`,
    regex: 'EMP-[0-9]{6}',
    tags: {},
    createdAt: at(createdMinute),
    deleted: false,
    ...extra,
  }
}

function allowList(scope: Scope, id: string, createdMinute: number, extra: Partial<AllowListRow> = {}): AllowListRow {
  return {
    ...scope,
    id,
    arn: `arn:aws:macie2:${scope.region}:${scope.accountId}:allow-list/${id}`,
    name: `list ${id}`,
    criteria: { regex: 'test-[0-9]+' },
    tags: {},
    createdAt: at(createdMinute),
    updatedAt: at(createdMinute),
    ...extra,
  }
}

function filter(scope: Scope, id: string, position: number, extra: Partial<FindingsFilterRow> = {}): FindingsFilterRow {
  return {
    ...scope,
    id,
    arn: `arn:aws:macie2:${scope.region}:${scope.accountId}:findings-filter/${id}`,
    name: `filter ${id}`,
    action: 'ARCHIVE',
    findingCriteria: { criterion: { 'severity.description': { eq: ['Low'] } } },
    position,
    tags: {},
    ...extra,
  }
}

const isInvalid = (pattern: RegExp) => (err: unknown) => err instanceof InvalidInputError && pattern.test(err.message)

/**
 * Registers the contract suite of a Store backend; `open` returns a fresh, empty store.
 * @example
 * storeContract('sqlite', () => openSqliteStore(':memory:'))
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })
    afterEach(() => store.close())

    describe('accounts and sessions', () => {
      it('ensures accounts once each and lists them in order', async () => {
        await store.accounts.ensure(B.accountId)
        await store.accounts.ensure(A.accountId)
        await store.accounts.ensure(B.accountId)
        assert.deepEqual(await store.accounts.list(), [A.accountId, B.accountId])
      })

      it('keeps one session per account and region', async () => {
        assert.equal(await store.sessions.get(A), undefined)
        const session = { ...A, status: 'ENABLED' as const, findingPublishingFrequency: 'FIFTEEN_MINUTES' as const, createdAt: at(0), updatedAt: at(0) }
        await store.sessions.put(session)
        assert.deepEqual(await store.sessions.get(A), session)
        assert.equal(await store.sessions.get(B), undefined)
        assert.equal(await store.sessions.get(A2), undefined)
        const paused = { ...session, status: 'PAUSED' as const, serviceRole: 'arn:aws:iam::111122223333:role/macie', updatedAt: at(1) }
        await store.sessions.put(paused)
        assert.deepEqual(await store.sessions.get(A), paused)
        await store.sessions.delete(B)
        assert.deepEqual(await store.sessions.get(A), paused)
        await store.sessions.delete(A)
        assert.equal(await store.sessions.get(A), undefined)
      })
    })

    describe('jobs', () => {
      it('returns a job as inserted, optional fields and tags included', async () => {
        const full = fullJob(A, 'j-full')
        const minimal = job(A, 'j-min')
        await store.jobs.insert(full)
        await store.jobs.insert(minimal)
        assert.deepEqual(await store.jobs.get(A, 'j-full'), full)
        assert.deepEqual(await store.jobs.get(A, 'j-min'), minimal)
      })

      it('never returns a job to another account or region', async () => {
        await store.jobs.insert(job(A, 'j1'))
        assert.equal(await store.jobs.get(B, 'j1'), undefined)
        assert.equal(await store.jobs.get(A2, 'j1'), undefined)
        assert.equal(await store.jobs.getByClientToken(B, 'token-j1'), undefined)
        assert.deepEqual(await store.jobs.list(B), [])
        await assert.rejects(store.jobs.update(B, 'j1', { jobStatus: 'CANCELLED' }), NotFoundError)
        assert.equal((await store.jobs.get(A, 'j1'))?.jobStatus, 'RUNNING')
      })

      it('finds a job by client token within its scope, and refuses a second one with the same token', async () => {
        await store.jobs.insert(job(A, 'j1', { clientToken: 'same' }))
        assert.equal((await store.jobs.getByClientToken(A, 'same'))?.jobId, 'j1')
        assert.equal(await store.jobs.getByClientToken(A, 'other'), undefined)
        await assert.rejects(store.jobs.insert(job(A, 'j2', { clientToken: 'same' })), ConflictError)
        await assert.rejects(store.jobs.insert(job(A, 'j1', { clientToken: 'fresh' })), ConflictError)
        await store.jobs.insert(job(B, 'j3', { clientToken: 'same' }))
        assert.equal((await store.jobs.getByClientToken(B, 'same'))?.jobId, 'j3')
      })

      it('updates some fields, clears optional ones with null, and replaces tags', async () => {
        await store.jobs.insert(fullJob(A, 'j1'))
        await store.jobs.update(A, 'j1', { jobStatus: 'RUNNING', userPausedAt: null, userPausedExpiresAt: null, isPausedWhileRunning: null, numberOfRuns: 4, tags: { team: 'ops' } })
        const got = await store.jobs.get(A, 'j1')
        assert.equal(got?.jobStatus, 'RUNNING')
        assert.equal(got?.numberOfRuns, 4)
        assert.equal('userPausedAt' in got!, false)
        assert.equal('isPausedWhileRunning' in got!, false)
        assert.deepEqual(got?.tags, { team: 'ops' })
        assert.deepEqual(got?.nextRunAt, at(60 * 24 * 7))
        await assert.rejects(store.jobs.update(A, 'missing', { jobStatus: 'CANCELLED' }), NotFoundError)
      })

      it('lists a scope in creation order and jobs by status across accounts', async () => {
        await store.jobs.insert(job(A, 'j-late', { createdAt: at(9) }))
        await store.jobs.insert(job(A, 'j-early', { createdAt: at(1), jobStatus: 'IDLE', jobType: 'SCHEDULED' }))
        await store.jobs.insert(job(B, 'j-b', { createdAt: at(5), jobStatus: 'IDLE' }))
        await store.jobs.insert(job(A2, 'j-a2', { createdAt: at(2), jobStatus: 'COMPLETE' }))
        assert.deepEqual((await store.jobs.list(A)).map((j) => j.jobId), ['j-early', 'j-late'])
        assert.deepEqual((await store.jobs.listByStatus(['IDLE'])).map((j) => j.jobId), ['j-early', 'j-b'])
        assert.deepEqual((await store.jobs.listByStatus(['IDLE', 'COMPLETE'])).map((j) => j.jobId), ['j-early', 'j-a2', 'j-b'])
        assert.deepEqual(await store.jobs.listByStatus([]), [])
      })
    })

    describe('tags', () => {
      it('merges, reads and removes tags by ARN, and a job shows them', async () => {
        const j = job(A, 'j1', { tags: { a: '1' } })
        await store.jobs.insert(j)
        await store.tags.set(A, j.jobArn, { b: '2', a: 'one' })
        assert.deepEqual(await store.tags.get(A, j.jobArn), { a: 'one', b: '2' })
        assert.deepEqual((await store.jobs.get(A, 'j1'))?.tags, { a: 'one', b: '2' })
        await store.tags.remove(A, j.jobArn, ['a', 'absent'])
        assert.deepEqual(await store.tags.get(A, j.jobArn), { b: '2' })
      })

      it('keeps tags of one scope out of another', async () => {
        const j = job(A, 'j1', { tags: { a: '1' } })
        await store.jobs.insert(j)
        assert.deepEqual(await store.tags.get(B, j.jobArn), {})
        await store.tags.set(B, j.jobArn, { a: 'stolen' })
        await store.tags.remove(B, j.jobArn, ['a'])
        assert.deepEqual(await store.tags.get(A, j.jobArn), { a: '1' })
        assert.deepEqual((await store.jobs.get(A, 'j1'))?.tags, { a: '1' })
      })
    })

    describe('runs and run objects', () => {
      beforeEach(async () => {
        await store.jobs.insert(job(A, 'j1'))
        await store.runs.insert(run(A, 'r1', 'j1', at(1)))
      })

      it('returns, updates and lists runs newest first', async () => {
        assert.deepEqual(await store.runs.get('r1'), run(A, 'r1', 'j1', at(1)))
        await store.runs.insert(run(A, 'r2', 'j1', at(2), { modifiedAfter: at(1) }))
        await store.runs.update('r1', { status: 'COMPLETE', finishedAt: at(3), isPlanned: true, errorCode: 'ERROR' })
        assert.deepEqual(await store.runs.get('r1'), run(A, 'r1', 'j1', at(1), { status: 'COMPLETE', finishedAt: at(3), isPlanned: true, errorCode: 'ERROR' }))
        assert.deepEqual((await store.runs.listForJob('j1')).map((r) => r.runId), ['r2', 'r1'])
        assert.deepEqual((await store.runs.get('r2'))?.modifiedAfter, at(1))
        assert.equal(await store.runs.get('missing'), undefined)
        assert.deepEqual(await store.runs.listForJob('other'), [])
        await assert.rejects(store.runs.update('missing', { status: 'COMPLETE' }), NotFoundError)
      })

      it('plans objects idempotently and lists pending ones in seq order', async () => {
        await store.runObjects.insertMany([object('r1', 3), object('r1', 1, { eTag: '"abc"', versionId: 'v1', storageClass: 'STANDARD_IA' }), object('r1', 2)])
        await store.runObjects.insertMany([object('r1', 2, { key: 'changed' }), object('r1', 4)])
        assert.deepEqual(await store.runObjects.counts('r1'), { total: 4, done: 0 })
        const pending = await store.runObjects.listPending('r1', 0, 10)
        assert.deepEqual(pending.map((o) => o.seq), [1, 2, 3, 4])
        assert.deepEqual(pending[0], object('r1', 1, { eTag: '"abc"', versionId: 'v1', storageClass: 'STANDARD_IA' }))
        assert.equal(pending[1]?.key, 'k/2.csv')
        assert.deepEqual((await store.runObjects.listPending('r1', 1, 2)).map((o) => o.seq), [2, 3])
        assert.deepEqual(await store.runObjects.listPending('r1', 4, 10), [])
        assert.deepEqual(await store.runObjects.counts('other'), { total: 0, done: 0 })
      })

      it('completes an object once: findings and usage committed once, the second call returns false', async () => {
        await store.runObjects.insertMany([object('r1', 1), object('r1', 2)])
        const f = finding({ ...SPECS[0]!, id: 'run-f1', runId: 'r1', objectKey: 'alpha/k/1.csv' })
        const completion = { runId: 'r1', seq: 1, findings: [f], usage: { month: '2026-11', bytes: 100, objects: 1 } }
        assert.equal(await store.runObjects.complete(completion), true)
        assert.equal(await store.runObjects.complete(completion), false)
        assert.deepEqual(await store.findings.get(A, ['run-f1']), [f])
        assert.deepEqual(await store.findings.list(A, {}, undefined, {}), { items: ['run-f1'] })
        assert.deepEqual(await store.usage.list(A, ['2026-11']), [{ ...A, month: '2026-11', type: 'SENSITIVE_DATA_DISCOVERY', bytes: 100, objects: 1 }])
        assert.deepEqual(await store.runObjects.counts('r1'), { total: 2, done: 1 })
        assert.deepEqual((await store.runObjects.listPending('r1', 0, 10)).map((o) => o.seq), [2])
        assert.equal(await store.runObjects.complete({ runId: 'r1', seq: 2, findings: [] }), true)
        assert.deepEqual(await store.runObjects.counts('r1'), { total: 2, done: 2 })
        await assert.rejects(store.runObjects.complete({ runId: 'r1', seq: 99, findings: [] }), NotFoundError)
      })

      it('completes a batch of objects in one transaction: all or none, done ones left as they are', async () => {
        await store.runObjects.insertMany([object('r1', 1), object('r1', 2), object('r1', 3)])
        const usage = { month: '2026-11', bytes: 10, objects: 1 }
        assert.equal(await store.runObjects.complete({ runId: 'r1', seq: 1, findings: [], usage }), true)
        const f2 = finding({ ...SPECS[0]!, id: 'batch-f2', runId: 'r1', objectKey: 'alpha/k/2.csv' })
        const batch = [1, 2, 3].map((seq) => ({ runId: 'r1', seq, findings: seq === 2 ? [f2] : [], usage }))
        assert.equal(await store.runObjects.completeMany(batch), 2)
        assert.deepEqual(await store.runObjects.counts('r1'), { total: 3, done: 3 })
        assert.deepEqual(await store.findings.get(A, ['batch-f2']), [f2])
        assert.equal((await store.usage.list(A, ['2026-11']))[0]?.objects, 3)
        assert.equal(await store.runObjects.completeMany(batch), 0)

        await store.runObjects.insertMany([object('r1', 4), object('r1', 5)])
        await store.findings.insertMany([finding({ ...SPECS[1]!, id: 'taken-too' })])
        const clash = finding({ ...SPECS[0]!, id: 'taken-too' })
        await assert.rejects(
          store.runObjects.completeMany([
            { runId: 'r1', seq: 4, findings: [], usage },
            { runId: 'r1', seq: 5, findings: [clash], usage },
          ]),
          ConflictError,
        )
        assert.deepEqual((await store.runObjects.listPending('r1', 0, 10)).map((o) => o.seq), [4, 5], 'nothing of the failed batch is done')
        assert.equal((await store.usage.list(A, ['2026-11']))[0]?.objects, 3)
      })

      it('completes an object once when two calls race', async () => {
        await store.runObjects.insertMany([object('r1', 1)])
        const f = finding({ ...SPECS[0]!, id: 'run-f1', runId: 'r1', objectKey: 'alpha/k/1.csv' })
        const completion = { runId: 'r1', seq: 1, findings: [f], usage: { month: '2026-11', bytes: 100, objects: 1 } }
        const results = await Promise.all([store.runObjects.complete(completion), store.runObjects.complete(completion)])
        assert.deepEqual(results.sort(), [false, true])
        assert.equal((await store.usage.list(A, ['2026-11']))[0]?.bytes, 100)
      })

      it('commits nothing of a completion that fails part-way', async () => {
        await store.runObjects.insertMany([object('r1', 1)])
        await store.findings.insertMany([finding({ ...SPECS[1]!, id: 'taken' })])
        const fresh = finding({ ...SPECS[0]!, id: 'fresh', runId: 'r1', objectKey: 'alpha/k/1.csv' })
        const clash = finding({ ...SPECS[0]!, id: 'taken' })
        await assert.rejects(store.runObjects.complete({ runId: 'r1', seq: 1, findings: [fresh, clash], usage: { month: '2026-11', bytes: 100, objects: 1 } }), ConflictError)
        assert.deepEqual(await store.findings.get(A, ['fresh']), [])
        assert.deepEqual(await store.usage.list(A, ['2026-11']), [])
        assert.deepEqual(await store.runObjects.counts('r1'), { total: 1, done: 0 })
        assert.equal(await store.runObjects.complete({ runId: 'r1', seq: 1, findings: [fresh] }), true)
      })
    })

    describe('findings', () => {
      beforeEach(() => seedFindings(store))

      it('gets findings in the order asked, leaving out unknown IDs and other scopes', async () => {
        const got = await store.findings.get(A, ['f3', 'nope', 'f1', 'b1', 'r1', 'f3'])
        assert.deepEqual(got.map((f) => f.id), ['f3', 'f1'])
        assert.deepEqual(got[1], finding(SPECS[0]!))
        assert.equal(got[0]?.finding.archived, true)
        assert.deepEqual(await store.findings.get(A, []), [])
        assert.deepEqual((await store.findings.get(B, ['b1', 'f1'])).map((f) => f.id), ['b1'])
      })

      it('refuses a finding ID that exists', async () => {
        await assert.rejects(store.findings.insertMany([finding({ ...SPECS[0]!, id: 'f1' })]), ConflictError)
      })

      it('lists a scope newest change first by default, never another scope', async () => {
        assert.deepEqual(await allIds(store, A, {}), ['f5', 'f6', 'f4', 'f3', 'f2', 'f1'])
        assert.deepEqual(sorted(await allIds(store, B, {})), ['b1', 'b5'])
        assert.deepEqual(await allIds(store, A2, {}), ['r1'])
        assert.deepEqual(await allIds(store, { accountId: '999999999999', region: 'us-east-1' }, {}), [])
      })

      it('reads the members of a widened scope in its region, and no one else', async () => {
        const withB = { ...A, memberAccountIds: [B.accountId] }
        assert.deepEqual(sorted(await allIds(store, withB, {})), sorted(['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'b1', 'b5']))
        assert.deepEqual((await store.findings.get(withB, ['b1', 'f1', 'r1'])).map((f) => f.id), ['b1', 'f1'])
        const counts = await store.findings.statistics(withB, {}, 'type', {})
        const total = counts.reduce((n, c) => n + c.count, 0)
        assert.equal(total, 8)
        // The region stays the caller's: A's other region is not read.
        assert.deepEqual(await allIds(store, { ...A2, memberAccountIds: [B.accountId] }, {}), ['r1'])
      })

      it('pages with tokens; the last page has none', async () => {
        const first = await store.findings.list(A, {}, { attributeName: 'createdAt', orderBy: 'ASC' }, { maxResults: 4 })
        assert.deepEqual(first.items, ['f1', 'f2', 'f3', 'f4'])
        assert.ok(first.nextToken)
        const second = await store.findings.list(A, {}, { attributeName: 'createdAt', orderBy: 'ASC' }, { maxResults: 4, nextToken: first.nextToken })
        assert.deepEqual(second, { items: ['f5', 'f6'] })
        const exact = await store.findings.list(A, {}, { attributeName: 'createdAt', orderBy: 'ASC' }, { maxResults: 3 })
        const rest = await store.findings.list(A, {}, { attributeName: 'createdAt', orderBy: 'ASC' }, { maxResults: 3, nextToken: exact.nextToken! })
        assert.deepEqual(rest, { items: ['f4', 'f5', 'f6'] })
        assert.deepEqual(await store.findings.list(A, { criterion: { id: { eq: ['none'] } } }, undefined, {}), { items: [] })
      })

      it('pages 50 findings by default', async () => {
        await store.findings.insertMany(Array.from({ length: 55 }, (_, i) => finding({ ...SPECS[0]!, id: `many-${String(i).padStart(2, '0')}`, scope: B })))
        const page = await store.findings.list(B, {}, undefined, {})
        assert.equal(page.items.length, 50)
        assert.equal((await store.findings.list(B, {}, undefined, { nextToken: page.nextToken! })).items.length, 7)
      })

      it('rejects a malformed token, a token of another sort and a bad page size', async () => {
        const { nextToken } = await store.findings.list(A, {}, { attributeName: 'count', orderBy: 'DESC' }, { maxResults: 1 })
        await assert.rejects(store.findings.list(A, {}, undefined, { nextToken: 'not a token!' }), InvalidInputError)
        await assert.rejects(store.findings.list(A, {}, undefined, { nextToken: 'bm9wZQ' }), InvalidInputError)
        await assert.rejects(store.findings.list(A, {}, { attributeName: 'count', orderBy: 'ASC' }, { nextToken: nextToken! }), InvalidInputError)
        await assert.rejects(store.findings.list(A, {}, undefined, { maxResults: 0 }), InvalidInputError)
      })

      const sorts: Array<[SortCriteria, string[]]> = [
        [{ attributeName: 'createdAt', orderBy: 'ASC' }, ['f1', 'f2', 'f3', 'f4', 'f5', 'f6']],
        [{ attributeName: 'createdAt', orderBy: 'DESC' }, ['f6', 'f5', 'f4', 'f3', 'f2', 'f1']],
        [{ attributeName: 'updatedAt', orderBy: 'ASC' }, ['f1', 'f2', 'f3', 'f4', 'f6', 'f5']],
        [{ attributeName: 'count', orderBy: 'DESC' }, ['f5', 'f6', 'f4', 'f3', 'f2', 'f1']],
        [{ attributeName: 'count', orderBy: 'ASC' }, ['f1', 'f2', 'f3', 'f4', 'f6', 'f5']],
        [{ attributeName: 'severity.score', orderBy: 'ASC' }, ['f6', 'f2', 'f4', 'f1', 'f3', 'f5']],
        [{ attributeName: 'severity.score', orderBy: 'DESC' }, ['f5', 'f3', 'f1', 'f4', 'f2', 'f6']],
        [{ attributeName: 'type', orderBy: 'ASC' }, ['f5', 'f6', 'f4', 'f2', 'f3', 'f1']],
        [{ attributeName: 'resourcesAffected', orderBy: 'ASC' }, ['f1', 'f2', 'f6', 'f3', 'f4', 'f5']],
        [{ attributeName: 'resourcesAffected', orderBy: 'DESC' }, ['f5', 'f4', 'f3', 'f6', 'f2', 'f1']],
        [{ attributeName: 'policyDetails.action.apiCallDetails.firstSeen', orderBy: 'DESC' }, ['f5', 'f6', 'f4', 'f3', 'f2', 'f1']],
        [{ attributeName: 'policyDetails.action.apiCallDetails.lastSeen', orderBy: 'ASC' }, ['f1', 'f2', 'f3', 'f4', 'f6', 'f5']],
      ]
      for (const [sort, expected] of sorts) {
        it(`sorts by ${sort.attributeName} ${sort.orderBy}, across pages`, async () => {
          assert.deepEqual(await allIds(store, A, {}, sort, 2), expected)
        })
      }

      it('rejects an unknown sort attribute', async () => {
        await assert.rejects(store.findings.list(A, {}, { attributeName: 'title', orderBy: 'ASC' }, {}), isInvalid(/title/))
      })

      const criteria: Array<[string, FindingCriteria['criterion'], string[]]> = [
        ['eq on text', { 'severity.description': { eq: ['High'] } }, ['f1', 'f3', 'f5']],
        ['eq with several values (OR)', { 'severity.description': { eq: ['High', 'Low'] } }, ['f1', 'f3', 'f5', 'f6']],
        ['neq', { 'severity.description': { neq: ['High'] } }, ['f2', 'f4', 'f6']],
        ['neq with several values', { type: { neq: [PUBLIC, 'SensitiveData:S3Object/Personal'] } }, ['f2', 'f3', 'f4', 'f6']],
        ['gt', { 'severity.score': { gt: 2 } }, ['f1', 'f3', 'f5']],
        ['gte', { 'severity.score': { gte: 2 } }, ['f1', 'f2', 'f3', 'f4', 'f5']],
        ['lt', { 'severity.score': { lt: 2 } }, ['f6']],
        ['lte', { 'severity.score': { lte: 2 } }, ['f2', 'f4', 'f6']],
        ['a range', { 'severity.score': { gte: 2, lte: 2 } }, ['f2', 'f4']],
        ['dates as epoch milliseconds', { createdAt: { gt: at(3).getTime() } }, ['f4', 'f5', 'f6']],
        ['dates lte', { updatedAt: { lte: at(2).getTime() } }, ['f1', 'f2']],
        ['date eq as ISO-8601', { createdAt: { eq: [iso(1)] } }, ['f1']],
        ['date eq as epoch milliseconds', { createdAt: { eq: [String(at(2).getTime())] } }, ['f2']],
        ['count', { count: { gt: 1 } }, ['f5']],
        ['count eq', { count: { eq: ['3'] } }, ['f5']],
        ['archived true', { archived: { eq: ['true'] } }, ['f3']],
        ['archived false', { archived: { eq: ['false'] } }, ['f1', 'f2', 'f4', 'f5', 'f6']],
        ['sample', { sample: { eq: ['true'] } }, ['f4']],
        ['type', { type: { eq: ['SensitiveData:S3Object/Personal', 'SensitiveData:S3Object/Financial'] } }, ['f1', 'f2']],
        ['category', { category: { eq: ['POLICY'] } }, ['f5']],
        ['category neq', { category: { neq: ['POLICY'] } }, ['f1', 'f2', 'f3', 'f4', 'f6']],
        ['job ID', { 'classificationDetails.jobId': { eq: ['job-1'] } }, ['f1', 'f2', 'f3', 'f4']],
        ['job ID neq keeps findings without one', { 'classificationDetails.jobId': { neq: ['job-1'] } }, ['f5', 'f6']],
        ['origin type', { 'classificationDetails.originType': { eq: ['SENSITIVE_DATA_DISCOVERY_JOB'] } }, ['f1', 'f2', 'f3', 'f4', 'f6']],
        ['id', { id: { eq: ['f2', 'b1'] } }, ['f2']],
        ['accountId', { accountId: { eq: [A.accountId] } }, ['f1', 'f2', 'f3', 'f4', 'f5', 'f6']],
        ['accountId of another account', { accountId: { eq: [B.accountId] } }, []],
        ['region', { region: { eq: ['us-east-1'] } }, ['f1', 'f2', 'f3', 'f4', 'f5', 'f6']],
        ['bucket name', { 'resourcesAffected.s3Bucket.name': { eq: ['beta'] } }, ['f3', 'f4']],
        ['bucket name neq', { 'resourcesAffected.s3Bucket.name': { neq: ['alpha'] } }, ['f3', 'f4', 'f5']],
        ['object key', { 'resourcesAffected.s3Object.key': { eq: ['a/1.csv'] } }, ['f1']],
        ['extension', { 'resourcesAffected.s3Object.extension': { eq: ['csv', 'json'] } }, ['f1', 'f2']],
        ['extension neq keeps findings without an object', { 'resourcesAffected.s3Object.extension': { neq: ['txt'] } }, ['f1', 'f2', 'f5', 'f6']],
        ['effective permission', { 'resourcesAffected.s3Bucket.publicAccess.effectivePermission': { eq: ['PUBLIC'] } }, ['f5']],
        ['storage class', { 'resourcesAffected.s3Object.storageClass': { eq: ['GLACIER'] } }, ['f2']],
        ['object public access', { 'resourcesAffected.s3Object.publicAccess': { eq: ['false'] } }, ['f1', 'f2', 'f3', 'f4', 'f6']],
        ['fields AND-joined', { 'severity.description': { eq: ['High'] }, 'resourcesAffected.s3Bucket.name': { eq: ['alpha'] } }, ['f1']],
        ['an empty eq list is no condition', { type: { eq: [] } }, ['f1', 'f2', 'f3', 'f4', 'f5', 'f6']],
        ['sensitiveData.category eq', { 'sensitiveData.category': { eq: ['FINANCIAL_INFORMATION'] } }, ['f2', 'f3']],
        ['sensitiveData.category neq', { 'sensitiveData.category': { neq: ['PERSONAL_INFORMATION'] } }, ['f2', 'f4', 'f5', 'f6']],
        ['sensitiveData.category eqExactMatch one', { 'sensitiveData.category': { eqExactMatch: ['FINANCIAL_INFORMATION'] } }, ['f2']],
        [
          'sensitiveData.category eqExactMatch all',
          { 'sensitiveData.category': { eqExactMatch: ['PERSONAL_INFORMATION', 'FINANCIAL_INFORMATION'] } },
          ['f3'],
        ],
        ['sensitiveData.detections.type eq', { 'sensitiveData.detections.type': { eq: ['USA_SOCIAL_SECURITY_NUMBER'] } }, ['f1', 'f3']],
        ['sensitiveData.detections.type eqExactMatch', { 'sensitiveData.detections.type': { eqExactMatch: ['USA_SOCIAL_SECURITY_NUMBER'] } }, ['f1']],
        ['the full path of a detection type', { 'classificationDetails.result.sensitiveData.detections.type': { eq: ['AWS_CREDENTIALS'] } }, ['f6']],
        ['customDataIdentifiers.detections.arn', { 'customDataIdentifiers.detections.arn': { eq: [CDI_ARN] } }, ['f3', 'f4']],
        ['customDataIdentifiers.detections.name eqExactMatch', { 'customDataIdentifiers.detections.name': { eqExactMatch: ['EmployeeId'] } }, ['f3', 'f4']],
        ['bucket tag key', { 'resourcesAffected.s3Bucket.tags.key': { eq: ['env'] } }, ['f1']],
        ['bucket tag value eqExactMatch', { 'resourcesAffected.s3Bucket.tags.value': { eqExactMatch: ['prod'] } }, ['f1']],
        ['object tag key', { 'resourcesAffected.s3Object.tags.key': { eq: ['owner'] } }, ['f2']],
        ['object tag value', { 'resourcesAffected.s3Object.tags.value': { eq: ['finance', 'nobody'] } }, ['f2']],
        ['object tag value eqExactMatch with a missing value', { 'resourcesAffected.s3Object.tags.value': { eqExactMatch: ['finance', 'nobody'] } }, []],
      ]
      for (const [title, criterion, expected] of criteria) {
        it(`filters by ${title}`, async () => {
          assert.deepEqual(sorted(await allIds(store, A, { criterion })), expected)
        })
      }

      it('rejects an unknown field, naming it', async () => {
        await assert.rejects(store.findings.list(A, { criterion: { 'nope.field': { eq: ['x'] } } }, undefined, {}), isInvalid(/nope\.field/))
        await assert.rejects(store.findings.statistics(A, { criterion: { 'nope.field': { eq: ['x'] } } }, 'type', {}), isInvalid(/nope\.field/))
        await assert.rejects(store.findings.setArchived(A, { criterion: { 'nope.field': { eq: ['x'] } } }, true), isInvalid(/nope\.field/))
      })

      it('rejects operators a field does not take and values of the wrong kind', async () => {
        const bad: FindingCriteria['criterion'][] = [
          { type: { eqExactMatch: ['SensitiveData:S3Object/Personal'] } },
          { type: { gt: 1 } },
          { 'sensitiveData.category': { lt: 3 } },
          { archived: { eq: ['maybe'] } },
          { count: { eq: ['many'] } },
          { createdAt: { eq: ['yesterday'] } },
        ]
        for (const criterion of bad) await assert.rejects(store.findings.list(A, { criterion }, undefined, {}), InvalidInputError, JSON.stringify(criterion))
      })

      it('counts findings per group, with size and sort', async () => {
        const bucket = 'resourcesAffected.s3Bucket.name'
        assert.deepEqual(await store.findings.statistics(A, {}, bucket, {}), [
          { groupKey: 'alpha', count: 3 },
          { groupKey: 'beta', count: 2 },
          { groupKey: 'gamma', count: 1 },
        ])
        assert.deepEqual(
          (await store.findings.statistics(A, {}, bucket, { sort: { attributeName: 'groupKey', orderBy: 'DESC' } })).map((g) => g.groupKey),
          ['gamma', 'beta', 'alpha'],
        )
        assert.deepEqual(
          (await store.findings.statistics(A, {}, bucket, { sort: { attributeName: 'count', orderBy: 'ASC' } })).map((g) => g.groupKey),
          ['gamma', 'beta', 'alpha'],
        )
        assert.deepEqual(await store.findings.statistics(A, {}, bucket, { size: 2, sort: { attributeName: 'groupKey', orderBy: 'ASC' } }), [
          { groupKey: 'alpha', count: 3 },
          { groupKey: 'beta', count: 2 },
        ])
        assert.deepEqual(await store.findings.statistics(A, {}, 'severity.description', {}), [
          { groupKey: 'High', count: 3 },
          { groupKey: 'Medium', count: 2 },
          { groupKey: 'Low', count: 1 },
        ])
        assert.deepEqual(await store.findings.statistics(A, {}, 'classificationDetails.jobId', {}), [
          { groupKey: 'job-1', count: 4 },
          { groupKey: 'job-2', count: 1 },
        ])
        assert.equal((await store.findings.statistics(A, {}, 'type', {})).length, 6)
        assert.deepEqual(await store.findings.statistics(A, { criterion: { archived: { eq: ['false'] } } }, bucket, {}), [
          { groupKey: 'alpha', count: 3 },
          { groupKey: 'beta', count: 1 },
          { groupKey: 'gamma', count: 1 },
        ])
        assert.deepEqual(await store.findings.statistics(B, {}, 'type', { sort: { attributeName: 'groupKey', orderBy: 'ASC' } }), [
          { groupKey: PUBLIC, count: 1 },
          { groupKey: 'SensitiveData:S3Object/Personal', count: 1 },
        ])
      })

      it('archives what the criteria match, counts changes, and keeps the JSON in step', async () => {
        const alpha = { criterion: { 'resourcesAffected.s3Bucket.name': { eq: ['alpha'] } } }
        assert.equal(await store.findings.setArchived(A, alpha, true), 3)
        assert.equal(await store.findings.setArchived(A, alpha, true), 0)
        assert.equal((await store.findings.get(A, ['f1']))[0]?.finding.archived, true)
        assert.deepEqual(sorted(await allIds(store, A, { criterion: { archived: { eq: ['true'] } } })), ['f1', 'f2', 'f3', 'f6'])
        assert.equal((await store.findings.get(B, ['b1']))[0]?.finding.archived, false)
        assert.equal(await store.findings.setArchived(A, {}, false), 4)
        assert.deepEqual(await allIds(store, A, { criterion: { archived: { eq: ['true'] } } }), [])
      })

      it('finds the policy finding of a bucket and type in its scope only', async () => {
        assert.equal((await store.findings.getPolicyFinding(A, 'gamma', PUBLIC))?.id, 'f5')
        assert.equal((await store.findings.getPolicyFinding(B, 'gamma', PUBLIC))?.id, 'b5')
        assert.equal(await store.findings.getPolicyFinding(A, 'gamma', 'Policy:IAMUser/S3BucketEncryptionDisabled'), undefined)
        assert.equal(await store.findings.getPolicyFinding(A2, 'gamma', PUBLIC), undefined)
      })

      it('updates a finding: JSON, columns and multi-valued fields together', async () => {
        const updated = finding({ ...SPECS[4]!, count: 7, updated: 20, seen: [5, 20], bucketTags: [{ key: 'exposed', value: 'yes' }] })
        await store.findings.update(updated)
        assert.deepEqual(await store.findings.get(A, ['f5']), [updated])
        assert.deepEqual((await allIds(store, A, {}, { attributeName: 'count', orderBy: 'DESC' })).slice(0, 1), ['f5'])
        assert.deepEqual(await allIds(store, A, { criterion: { count: { gt: 5 } } }), ['f5'])
        assert.deepEqual(await allIds(store, A, { criterion: { 'resourcesAffected.s3Bucket.tags.key': { eq: ['exposed'] } } }), ['f5'])
        await assert.rejects(store.findings.update({ ...updated, ...B }), NotFoundError)
      })
    })

    describe('custom data identifiers', () => {
      it('returns one as inserted, finds it by client token, within its scope', async () => {
        const row = cdi(A, 'c1', 1, {
          description: 'employee IDs',
          keywords: ['employee'],
          ignoreWords: ['EMP-000000'],
          maximumMatchDistance: 30,
          severityLevels: [{ occurrencesThreshold: 1, severity: 'LOW' }],
          clientToken: 'tok',
          tags: { k: 'v' },
        })
        await store.customDataIdentifiers.insert(row)
        await store.customDataIdentifiers.insert(cdi(A, 'c-min', 2))
        assert.deepEqual(await store.customDataIdentifiers.get(A, 'c1'), row)
        assert.deepEqual(await store.customDataIdentifiers.get(A, 'c-min'), cdi(A, 'c-min', 2))
        assert.deepEqual(await store.customDataIdentifiers.getByClientToken(A, 'tok'), row)
        assert.equal(await store.customDataIdentifiers.getByClientToken(B, 'tok'), undefined)
        assert.equal(await store.customDataIdentifiers.get(B, 'c1'), undefined)
        await assert.rejects(store.customDataIdentifiers.insert(cdi(A, 'c2', 3, { clientToken: 'tok' })), ConflictError)
      })

      it('soft-deletes: still returned by get, not by list or count', async () => {
        for (const [i, id] of ['c1', 'c2', 'c3'].entries()) await store.customDataIdentifiers.insert(cdi(A, id, i))
        await store.customDataIdentifiers.insert(cdi(B, 'cb', 0))
        await store.customDataIdentifiers.softDelete(A, 'c2')
        assert.equal((await store.customDataIdentifiers.get(A, 'c2'))?.deleted, true)
        assert.deepEqual((await store.customDataIdentifiers.list(A, {})).items.map((c) => c.id), ['c1', 'c3'])
        assert.equal(await store.customDataIdentifiers.count(A), 2)
        assert.equal(await store.customDataIdentifiers.count(B), 1)
        await assert.rejects(store.customDataIdentifiers.softDelete(B, 'c1'), NotFoundError)
        assert.equal((await store.customDataIdentifiers.get(A, 'c1'))?.deleted, false)
      })

      it('pages in creation order', async () => {
        for (const [i, id] of ['c5', 'c4', 'c3', 'c2', 'c1'].entries()) await store.customDataIdentifiers.insert(cdi(A, id, i))
        const first = await store.customDataIdentifiers.list(A, { maxResults: 2 })
        assert.deepEqual(first.items.map((c) => c.id), ['c5', 'c4'])
        const second = await store.customDataIdentifiers.list(A, { maxResults: 2, nextToken: first.nextToken! })
        assert.deepEqual(second.items.map((c) => c.id), ['c3', 'c2'])
        const last = await store.customDataIdentifiers.list(A, { maxResults: 2, nextToken: second.nextToken! })
        assert.deepEqual(last.items.map((c) => c.id), ['c1'])
        assert.equal(last.nextToken, undefined)
        await assert.rejects(store.customDataIdentifiers.list(A, { nextToken: first.nextToken!.slice(1) }), InvalidInputError)
        await assert.rejects(store.allowLists.list(A, { nextToken: first.nextToken! }), InvalidInputError)
      })
    })

    describe('allow lists', () => {
      it('inserts, gets, finds by client token, updates and deletes within a scope', async () => {
        const row = allowList(A, 'al1', 1, { description: 'test numbers', clientToken: 'tok', tags: { a: 'b' } })
        await store.allowLists.insert(row)
        assert.deepEqual(await store.allowLists.get(A, 'al1'), row)
        assert.deepEqual(await store.allowLists.getByClientToken(A, 'tok'), row)
        assert.equal(await store.allowLists.get(B, 'al1'), undefined)
        assert.equal(await store.allowLists.getByClientToken(A2, 'tok'), undefined)
        const changed: AllowListRow = { ...row, name: 'renamed', criteria: { s3WordsList: { bucketName: 'lists', objectKey: 'words.txt' } }, updatedAt: at(9) }
        delete changed.description
        await store.allowLists.update(changed)
        assert.deepEqual(await store.allowLists.get(A, 'al1'), changed)
        await assert.rejects(store.allowLists.update({ ...changed, ...B }), NotFoundError)
        await assert.rejects(store.allowLists.delete(B, 'al1'), NotFoundError)
        await store.allowLists.delete(A, 'al1')
        assert.equal(await store.allowLists.get(A, 'al1'), undefined)
        assert.deepEqual(await store.tags.get(A, row.arn), {})
        await assert.rejects(store.allowLists.delete(A, 'al1'), NotFoundError)
      })

      it('pages in creation order, one scope only', async () => {
        for (const [i, id] of ['l1', 'l2', 'l3'].entries()) await store.allowLists.insert(allowList(A, id, i))
        await store.allowLists.insert(allowList(B, 'lb', 0))
        const first = await store.allowLists.list(A, { maxResults: 2 })
        assert.deepEqual(first.items.map((l) => l.id), ['l1', 'l2'])
        const second = await store.allowLists.list(A, { maxResults: 2, nextToken: first.nextToken! })
        assert.deepEqual(second.items.map((l) => l.id), ['l3'])
        assert.equal(second.nextToken, undefined)
      })
    })

    describe('findings filters', () => {
      it('lists in position order across pages', async () => {
        await store.findingsFilters.insert(filter(A, 'ff-c', 3))
        await store.findingsFilters.insert(filter(A, 'ff-a', 1))
        await store.findingsFilters.insert(filter(A, 'ff-b', 2))
        await store.findingsFilters.insert(filter(B, 'ff-other', 0))
        const first = await store.findingsFilters.list(A, { maxResults: 2 })
        assert.deepEqual(first.items.map((f) => f.id), ['ff-a', 'ff-b'])
        const second = await store.findingsFilters.list(A, { maxResults: 2, nextToken: first.nextToken! })
        assert.deepEqual(second, { items: [filter(A, 'ff-c', 3)] })
      })

      it('inserts, gets, finds by client token, updates and deletes within a scope', async () => {
        const row = filter(A, 'ff1', 1, { description: 'low noise', clientToken: 'tok', tags: { t: '1' } })
        await store.findingsFilters.insert(row)
        assert.deepEqual(await store.findingsFilters.get(A, 'ff1'), row)
        assert.deepEqual(await store.findingsFilters.getByClientToken(A, 'tok'), row)
        assert.equal(await store.findingsFilters.get(B, 'ff1'), undefined)
        assert.equal(await store.findingsFilters.getByClientToken(B, 'tok'), undefined)
        const changed = { ...row, action: 'NOOP' as const, position: 5, findingCriteria: { criterion: { type: { eq: [PUBLIC] } } } }
        await store.findingsFilters.update(changed)
        assert.deepEqual(await store.findingsFilters.get(A, 'ff1'), changed)
        await assert.rejects(store.findingsFilters.update({ ...changed, ...A2 }), NotFoundError)
        await assert.rejects(store.findingsFilters.delete(B, 'ff1'), NotFoundError)
        await store.findingsFilters.delete(A, 'ff1')
        assert.equal(await store.findingsFilters.get(A, 'ff1'), undefined)
        assert.deepEqual(await store.findingsFilters.list(A, {}), { items: [] })
      })
    })

    describe('export configurations and usage', () => {
      it('keeps one export configuration per scope', async () => {
        assert.equal(await store.exportConfigurations.get(A), undefined)
        const row = { ...A, s3Destination: { bucketName: 'results', keyPrefix: 'macie/', kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k1' } }
        await store.exportConfigurations.put(row)
        assert.deepEqual(await store.exportConfigurations.get(A), row)
        assert.equal(await store.exportConfigurations.get(B), undefined)
        const replaced = { ...A, s3Destination: { bucketName: 'other', kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k2' } }
        await store.exportConfigurations.put(replaced)
        assert.deepEqual(await store.exportConfigurations.get(A), replaced)
      })

      it('adds usage per scope, month and type', async () => {
        const base = { ...A, month: '2026-11', type: 'SENSITIVE_DATA_DISCOVERY' as const }
        await store.usage.add({ ...base, bytes: 10, objects: 1 })
        await store.usage.add({ ...base, bytes: 5, objects: 2 })
        await store.usage.add({ ...base, month: '2026-10', bytes: 1, objects: 1 })
        await store.usage.add({ ...base, type: 'DATA_INVENTORY_EVALUATION', bytes: 7, objects: 0 })
        await store.usage.add({ ...base, ...B, bytes: 99, objects: 9 })
        assert.deepEqual(await store.usage.list(A, ['2026-11']), [
          { ...base, type: 'DATA_INVENTORY_EVALUATION', bytes: 7, objects: 0 },
          { ...base, bytes: 15, objects: 3 },
        ])
        assert.equal((await store.usage.list(A, ['2026-10', '2026-11'])).length, 3)
        assert.deepEqual(await store.usage.list(A, []), [])
        assert.deepEqual(await store.usage.list(A2, ['2026-11']), [])
      })
    })

    describe('deleting a scope', () => {
      it('deletes every row of one account in one region and nothing of any other', async () => {
        const seed = async (scope: Scope, tag: string): Promise<void> => {
          await store.accounts.ensure(scope.accountId)
          await store.sessions.put({ ...scope, status: 'ENABLED', findingPublishingFrequency: 'ONE_HOUR', createdAt: at(0), updatedAt: at(0) })
          await store.jobs.insert(job(scope, `job-${tag}`, { tags: { team: tag } }))
          await store.runs.insert(run(scope, `run-${tag}`, `job-${tag}`, at(1)))
          await store.runObjects.insertMany([object(`run-${tag}`, 1), object(`run-${tag}`, 2)])
          await store.runObjects.complete({ runId: `run-${tag}`, seq: 1, findings: [finding({ id: `f-${tag}`, scope, type: 'SensitiveData:S3Object/Personal', severity: 'High', created: 1, bucket: 'alpha', sensitive: [{ category: 'PERSONAL_INFORMATION', types: ['NAME'] }], runId: `run-${tag}`, objectKey: '1' })], usage: { month: '2026-11', bytes: 10, objects: 1 } })
          await store.customDataIdentifiers.insert(cdi(scope, `cdi-${tag}`, 1))
          await store.allowLists.insert(allowList(scope, `al-${tag}`, 1))
          await store.findingsFilters.insert(filter(scope, `ff-${tag}`, 1))
          await store.exportConfigurations.put({ ...scope, s3Destination: { bucketName: `results-${tag}`, kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k' } })
          await store.settings.put(scope, 'reveal', { configuration: { status: 'ENABLED' } })
        }
        const contents = async (scope: Scope, tag: string) => ({
          session: (await store.sessions.get(scope))?.status,
          job: (await store.jobs.get(scope, `job-${tag}`))?.name,
          jobTags: await store.tags.get(scope, job(scope, `job-${tag}`).jobArn),
          run: (await store.runs.get(`run-${tag}`))?.status,
          pending: (await store.runObjects.listPending(`run-${tag}`, 0, 10)).length,
          findings: (await store.findings.list(scope, {}, undefined, {})).items,
          cdis: (await store.customDataIdentifiers.list(scope, {})).items.length,
          allowLists: (await store.allowLists.list(scope, {})).items.length,
          filters: (await store.findingsFilters.list(scope, {})).items.length,
          exportConfiguration: (await store.exportConfigurations.get(scope))?.s3Destination.bucketName,
          usage: (await store.usage.list(scope, ['2026-11'])).length,
          reveal: await store.settings.get(scope, 'reveal'),
        })
        const full = (tag: string) => ({
          session: 'ENABLED',
          job: `job job-${tag}`,
          jobTags: { team: tag },
          run: 'RUNNING',
          pending: 1,
          findings: [`f-${tag}`],
          cdis: 1,
          allowLists: 1,
          filters: 1,
          exportConfiguration: `results-${tag}`,
          usage: 1,
          reveal: { configuration: { status: 'ENABLED' } },
        })
        await seed(A, 'a')
        await seed(B, 'b')
        await seed(A2, 'a2')
        assert.deepEqual(await contents(A, 'a'), full('a'))

        await store.deleteScope(A)
        assert.deepEqual(await contents(A, 'a'), {
          session: undefined,
          job: undefined,
          jobTags: {},
          run: undefined,
          pending: 0,
          findings: [],
          cdis: 0,
          allowLists: 0,
          filters: 0,
          exportConfiguration: undefined,
          usage: 0,
          reveal: undefined,
        })
        assert.deepEqual(await store.findings.get(A, ['f-a']), [])
        assert.deepEqual(await contents(B, 'b'), full('b'))
        assert.deepEqual(await contents(A2, 'a2'), full('a2'))
        assert.deepEqual(await store.accounts.list(), [A.accountId, B.accountId].sort())
      })
    })

    describe('settings', () => {
      it('keeps one JSON value per scope and name, replaced by the next put', async () => {
        assert.equal(await store.settings.get(A, 'reveal'), undefined)
        const value = { configuration: { status: 'ENABLED', kmsKeyId: 'alias/reveal' }, retrievalConfiguration: { retrievalMode: 'ASSUME_ROLE', roleName: 'r', externalId: 'x' } }
        await store.settings.put(A, 'reveal', value)
        await store.settings.put(A, 'publication', { publishPolicyFindings: false })
        assert.deepEqual(await store.settings.get(A, 'reveal'), value)
        assert.deepEqual(await store.settings.get(A, 'publication'), { publishPolicyFindings: false })
        await store.settings.put(A, 'reveal', { configuration: { status: 'DISABLED' } })
        assert.deepEqual(await store.settings.get(A, 'reveal'), { configuration: { status: 'DISABLED' } })
        assert.deepEqual(await store.settings.get(A, 'publication'), { publishPolicyFindings: false })
      })

      it('never reads a setting of another account or region', async () => {
        await store.settings.put(A, 'scope', { bucketNames: ['a'] })
        assert.equal(await store.settings.get(B, 'scope'), undefined)
        assert.equal(await store.settings.get(A2, 'scope'), undefined)
        await store.settings.put(B, 'scope', { bucketNames: ['b'] })
        assert.deepEqual(await store.settings.get(A, 'scope'), { bucketNames: ['a'] })
        assert.deepEqual(await store.settings.get(B, 'scope'), { bucketNames: ['b'] })
      })

      it('stores scalars, arrays and strings with quotes as JSON, dates as ISO strings', async () => {
        const cases: Array<[name: string, value: unknown, read: unknown]> = [
          ['flag', false, false],
          ['number', 0, 0],
          ['list', ['x', 'y'], ['x', 'y']],
          ['text', 'it\'s "quoted" \u00e9', 'it\'s "quoted" \u00e9'],
          ['nothing', null, null],
          ['when', { at: new Date(T0) }, { at: iso(0) }],
        ]
        for (const [name, value] of cases) await store.settings.put(A, name, value)
        for (const [name, , read] of cases) assert.deepEqual(await store.settings.get(A, name), read, name)
      })

      it('refuses an undefined value', async () => {
        await assert.rejects(store.settings.put(A, 'reveal', undefined), InvalidInputError)
        assert.equal(await store.settings.get(A, 'reveal'), undefined)
      })
    })
  })
}
