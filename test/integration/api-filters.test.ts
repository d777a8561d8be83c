// Findings filters, tags and sample findings through @aws-sdk/client-macie2 against buildApp() on
// 127.0.0.1: suppression rules archiving and un-archiving findings, tags on every taggable
// resource type, the modeled errors, and a second account that never sees the first's resources.
import assert from 'node:assert/strict'
import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  CreateClassificationJobCommand,
  CreateFindingsFilterCommand,
  CreateSampleFindingsCommand,
  DeleteFindingsFilterCommand,
  DescribeClassificationJobCommand,
  GetFindingsCommand,
  GetFindingsFilterCommand,
  ListFindingsCommand,
  ListFindingsFiltersCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFindingsFilterCommand,
  type FindingCriteria,
} from '@aws-sdk/client-macie2'
import type { ApiAccount } from '../../src/api/credentials.js'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'

const SCOPE_A = { accountId: A.accountId, region: 'us-east-1' }

const named = (name: string) => (err: Error) => err.name === name
const byType = (...types: string[]): FindingCriteria => ({ criterion: { type: { eq: types } } })

describe('findings filters, tags and sample findings through the AWS SDK', () => {
  let api: RunningApi

  /** Types of the sample findings that are archived, sorted. */
  const archivedTypes = async (who: ApiAccount): Promise<string[]> => {
    const c = api.client(who)
    const ids = (await c.send(new ListFindingsCommand({ findingCriteria: { criterion: { archived: { eq: ['true'] }, sample: { eq: ['true'] } } } }))).findingIds!
    if (ids.length === 0) return []
    return (await c.send(new GetFindingsCommand({ findingIds: ids }))).findings!.map((f) => f.type!).sort()
  }

  before(async () => {
    api = await startApi({ buckets: (root) => cpSync('examples/demo-bucket', join(root, 'demo'), { recursive: true }), enable: [A, B] })
  })

  after(() => api?.close())

  it('creates one sample finding per type, or per type asked, that ListFindings shows', async () => {
    const a = api.client(A)
    await a.send(new CreateSampleFindingsCommand({}))
    const ids = (await a.send(new ListFindingsCommand({ findingCriteria: { criterion: { sample: { eq: ['true'] } } } }))).findingIds!
    assert.equal(ids.length, 11)
    const findings = (await a.send(new GetFindingsCommand({ findingIds: ids }))).findings!
    assert.equal(new Set(findings.map((f) => f.type)).size, 11)
    for (const f of findings) {
      assert.equal(f.sample, true)
      assert.equal(f.archived, false)
      assert.equal(f.accountId, A.accountId)
      assert.equal(f.region, 'us-east-1')
      assert.ok(f.createdAt instanceof Date)
      assert.equal(f.resourcesAffected?.s3Bucket?.name, 'trawl-sample-findings-bucket')
    }
    const personal = findings.find((f) => f.type === 'SensitiveData:S3Object/Personal')!
    assert.equal(personal.category, 'CLASSIFICATION')
    assert.equal(personal.severity?.description, 'High')
    assert.equal(personal.classificationDetails?.result?.sensitiveData?.[0]?.detections?.[0]?.type, 'USA_SOCIAL_SECURITY_NUMBER')
    const pub = findings.find((f) => f.type === 'Policy:IAMUser/S3BucketPublic')!
    assert.equal(pub.category, 'POLICY')
    assert.equal(pub.resourcesAffected?.s3Bucket?.publicAccess?.effectivePermission, 'PUBLIC')

    await a.send(new CreateSampleFindingsCommand({ findingTypes: ['SensitiveData:S3Object/Personal'] }))
    const personalIds = (await a.send(new ListFindingsCommand({ findingCriteria: byType('SensitiveData:S3Object/Personal') }))).findingIds!
    assert.equal(personalIds.length, 2)
    await assert.rejects(a.send(new CreateSampleFindingsCommand({ findingTypes: ['SensitiveData:S3Object/Nothing' as 'SensitiveData:S3Object/Personal'] })), named('ValidationException'))
    // The other account sees none of them.
    assert.deepEqual((await api.client(B).send(new ListFindingsCommand({}))).findingIds, [])
  })

  it('creates, gets, lists and updates filters, with modeled errors', async () => {
    const a = api.client(A)
    const created = await a.send(
      new CreateFindingsFilterCommand({
        name: 'high severity',
        description: 'saved view',
        action: 'NOOP',
        findingCriteria: { criterion: { 'severity.description': { eq: ['High'] } } },
        tags: { team: 'security' },
        clientToken: 'filter-token-1',
      }),
    )
    assert.match(created.id!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    assert.equal(created.arn, `arn:aws:macie2:us-east-1:${A.accountId}:findings-filter/${created.id}`)
    const replay = await a.send(new CreateFindingsFilterCommand({ name: 'high severity', action: 'NOOP', findingCriteria: { criterion: { 'severity.description': { eq: ['High'] } } }, clientToken: 'filter-token-1' }))
    assert.equal(replay.id, created.id)

    const got = await a.send(new GetFindingsFilterCommand({ id: created.id! }))
    assert.deepEqual(
      { name: got.name, description: got.description, action: got.action, position: got.position, tags: got.tags, criteria: got.findingCriteria },
      { name: 'high severity', description: 'saved view', action: 'NOOP', position: 1, tags: { team: 'security' }, criteria: { criterion: { 'severity.description': { eq: ['High'] } } } },
    )
    assert.equal((await archivedTypes(A)).length, 0, 'a NOOP filter archives nothing')

    const second = await a.send(new CreateFindingsFilterCommand({ name: 'low severity', action: 'NOOP', findingCriteria: { criterion: { 'severity.score': { lte: 1 } } } }))
    const first = await a.send(new ListFindingsFiltersCommand({ maxResults: 1 }))
    assert.deepEqual(first.findingsFilterListItems?.map((f) => [f.id, f.name, f.action, f.tags]), [[created.id, 'high severity', 'NOOP', { team: 'security' }]])
    assert.ok(first.nextToken)
    const rest = await a.send(new ListFindingsFiltersCommand({ maxResults: 1, nextToken: first.nextToken }))
    assert.deepEqual(rest.findingsFilterListItems?.map((f) => f.id), [second.id])
    assert.equal(rest.nextToken, undefined)

    const updated = await a.send(new UpdateFindingsFilterCommand({ id: second.id!, name: 'renamed', position: 5 }))
    assert.equal(updated.id, second.id)
    const after = await a.send(new GetFindingsFilterCommand({ id: second.id! }))
    assert.deepEqual([after.name, after.position, after.action, after.findingCriteria], ['renamed', 5, 'NOOP', { criterion: { 'severity.score': { lte: 1 } } }])

    await assert.rejects(a.send(new GetFindingsFilterCommand({ id: '00000000-0000-0000-0000-000000000000' })), named('ResourceNotFoundException'))
    await assert.rejects(a.send(new UpdateFindingsFilterCommand({ id: '00000000-0000-0000-0000-000000000000', name: 'x-name' })), named('ResourceNotFoundException'))
    await assert.rejects(a.send(new DeleteFindingsFilterCommand({ id: '00000000-0000-0000-0000-000000000000' })), named('ResourceNotFoundException'))
    await assert.rejects(a.send(new CreateFindingsFilterCommand({ name: 'ab', action: 'NOOP', findingCriteria: byType('x') })), named('ValidationException'))
    await assert.rejects(a.send(new CreateFindingsFilterCommand({ name: 'no criteria', action: 'NOOP', findingCriteria: { criterion: {} } })), named('ValidationException'))
    await assert.rejects(a.send(new CreateFindingsFilterCommand({ name: 'bad field', action: 'NOOP', findingCriteria: { criterion: { nope: { eq: ['x'] } } } })), named('ValidationException'))
    await assert.rejects(a.send(new UpdateFindingsFilterCommand({ id: second.id!, description: 'x'.repeat(513) })), named('ValidationException'))

    await a.send(new DeleteFindingsFilterCommand({ id: created.id! }))
    await a.send(new DeleteFindingsFilterCommand({ id: second.id! }))
    await assert.rejects(a.send(new GetFindingsFilterCommand({ id: created.id! })), named('ResourceNotFoundException'))
    assert.deepEqual((await a.send(new ListFindingsFiltersCommand({}))).findingsFilterListItems, [])
  })

  it('archives what ARCHIVE filters match, and un-archives only what no remaining one matches', async () => {
    const a = api.client(A)
    const PERSONAL = 'SensitiveData:S3Object/Personal'
    const FINANCIAL = 'SensitiveData:S3Object/Financial'
    const CREDENTIALS = 'SensitiveData:S3Object/Credentials'
    const f1 = await a.send(new CreateFindingsFilterCommand({ name: 'suppress personal and financial', action: 'ARCHIVE', findingCriteria: byType(PERSONAL, FINANCIAL) }))
    assert.deepEqual(await archivedTypes(A), [FINANCIAL, PERSONAL, PERSONAL])
    const f2 = await a.send(new CreateFindingsFilterCommand({ name: 'suppress financial', action: 'ARCHIVE', findingCriteria: byType(FINANCIAL) }))
    assert.deepEqual(await archivedTypes(A), [FINANCIAL, PERSONAL, PERSONAL])

    await a.send(new UpdateFindingsFilterCommand({ id: f1.id!, action: 'NOOP' }))
    assert.deepEqual(await archivedTypes(A), [FINANCIAL], 'the other rule still suppresses the financial finding')
    await a.send(new UpdateFindingsFilterCommand({ id: f1.id!, action: 'ARCHIVE' }))
    assert.deepEqual(await archivedTypes(A), [FINANCIAL, PERSONAL, PERSONAL])
    await a.send(new UpdateFindingsFilterCommand({ id: f1.id!, findingCriteria: byType(CREDENTIALS) }))
    assert.deepEqual(await archivedTypes(A), [CREDENTIALS, FINANCIAL])

    // A new finding that an ARCHIVE filter matches is stored archived.
    await a.send(new CreateSampleFindingsCommand({ findingTypes: [CREDENTIALS] }))
    assert.deepEqual(await archivedTypes(A), [CREDENTIALS, CREDENTIALS, FINANCIAL])

    await a.send(new DeleteFindingsFilterCommand({ id: f2.id! }))
    assert.deepEqual(await archivedTypes(A), [CREDENTIALS, CREDENTIALS])
    await a.send(new DeleteFindingsFilterCommand({ id: f1.id! }))
    assert.deepEqual(await archivedTypes(A), [])
  })

  it('refuses a findings filter beyond 1,000 per account and region', async () => {
    const a = api.client(A)
    for (let i = 0; i < 999; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
      await api.store.findingsFilters.insert({
        ...SCOPE_A,
        id,
        arn: `arn:aws:macie2:us-east-1:${A.accountId}:findings-filter/${id}`,
        name: `filter ${i}`,
        action: 'NOOP',
        findingCriteria: byType('SensitiveData:S3Object/Personal') as never,
        position: i + 1,
        tags: {},
      })
    }
    const last = await a.send(new CreateFindingsFilterCommand({ name: 'the thousandth', action: 'NOOP', findingCriteria: byType('SensitiveData:S3Object/Personal') }))
    assert.equal((await a.send(new GetFindingsFilterCommand({ id: last.id! }))).position, 1000)
    await assert.rejects(
      a.send(new CreateFindingsFilterCommand({ name: 'one too many', action: 'NOOP', findingCriteria: byType('SensitiveData:S3Object/Personal') })),
      named('ServiceQuotaExceededException'),
    )
    // Another account has a quota of its own.
    await api.client(B).send(new CreateFindingsFilterCommand({ name: 'of account b', action: 'NOOP', findingCriteria: byType('SensitiveData:S3Object/Personal') }))
    for (const f of await api.store.findingsFilters.list(SCOPE_A, { maxResults: 1000 }).then((p) => p.items)) await api.store.findingsFilters.delete(SCOPE_A, f.id)
  })

  it('tags jobs, custom data identifiers, findings filters and allow lists by ARN', async () => {
    const a = api.client(A)
    const job = await a.send(new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name: 'tagged', s3JobDefinition: { bucketDefinitions: [{ accountId: A.accountId, buckets: ['demo'] }] }, tags: { a: '1' } }))
    await api.jobs.waitFor(job.jobId!)
    await a.send(new TagResourceCommand({ resourceArn: job.jobArn!, tags: { team: 'data', a: 'one' } }))
    assert.deepEqual((await a.send(new DescribeClassificationJobCommand({ jobId: job.jobId! }))).tags, { a: 'one', team: 'data' })
    await a.send(new UntagResourceCommand({ resourceArn: job.jobArn!, tagKeys: ['a', 'absent'] }))
    assert.deepEqual((await a.send(new ListTagsForResourceCommand({ resourceArn: job.jobArn! }))).tags, { team: 'data' })
    assert.deepEqual((await a.send(new DescribeClassificationJobCommand({ jobId: job.jobId! }))).tags, { team: 'data' })

    const filter = await a.send(new CreateFindingsFilterCommand({ name: 'tagged filter', action: 'NOOP', findingCriteria: byType('SensitiveData:S3Object/Personal'), tags: { x: '1' } }))
    await a.send(new TagResourceCommand({ resourceArn: filter.arn!, tags: { y: '2' } }))
    assert.deepEqual((await a.send(new GetFindingsFilterCommand({ id: filter.id! }))).tags, { x: '1', y: '2' })

    const cdiId = '11111111-2222-4333-8444-555555555555'
    const cdiArn = `arn:aws:macie2:us-east-1:${A.accountId}:custom-data-identifier/${cdiId}`
    await api.store.customDataIdentifiers.insert({ ...SCOPE_A, id: cdiId, arn: cdiArn, name: 'employee id', regex: 'EMP-[0-9]{6}', tags: {}, createdAt: new Date(), deleted: false })
    const listId = 'abcdefghij0123456789ab'
    const listArn = `arn:aws:macie2:us-east-1:${A.accountId}:allow-list/${listId}`
    await api.store.allowLists.insert({ ...SCOPE_A, id: listId, arn: listArn, name: 'test values', criteria: { regex: 'test-[0-9]+' }, tags: {}, createdAt: new Date(), updatedAt: new Date() })
    for (const arn of [cdiArn, listArn]) {
      await a.send(new TagResourceCommand({ resourceArn: arn, tags: { owner: 'privacy' } }))
      assert.deepEqual((await a.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { owner: 'privacy' })
    }
    assert.deepEqual((await api.store.customDataIdentifiers.get(SCOPE_A, cdiId))?.tags, { owner: 'privacy' })

    // Modeled errors: unknown resources, resources of another region, too many or too long tags.
    const unknown = `arn:aws:macie2:us-east-1:${A.accountId}:findings-filter/00000000-0000-0000-0000-000000000000`
    await assert.rejects(a.send(new TagResourceCommand({ resourceArn: unknown, tags: { a: 'b' } })), named('ResourceNotFoundException'))
    await assert.rejects(a.send(new ListTagsForResourceCommand({ resourceArn: 'not-an-arn' })), named('ResourceNotFoundException'))
    await assert.rejects(a.send(new ListTagsForResourceCommand({ resourceArn: job.jobArn!.replace('us-east-1', 'eu-west-1') })), named('ResourceNotFoundException'))
    await assert.rejects(a.send(new UntagResourceCommand({ resourceArn: `arn:aws:macie2:us-east-1:${A.accountId}:member/${B.accountId}`, tagKeys: ['a'] })), named('ResourceNotFoundException'))
    const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v']))
    await assert.rejects(a.send(new TagResourceCommand({ resourceArn: filter.arn!, tags: many })), named('ValidationException'), '2 + 49 tags')
    await a.send(new TagResourceCommand({ resourceArn: filter.arn!, tags: Object.fromEntries(Object.entries(many).slice(0, 48)) }))
    assert.equal(Object.keys((await a.send(new ListTagsForResourceCommand({ resourceArn: filter.arn! }))).tags!).length, 50)
    await assert.rejects(a.send(new TagResourceCommand({ resourceArn: job.jobArn!, tags: { ['k'.repeat(129)]: 'v' } })), named('ValidationException'))
    await assert.rejects(a.send(new TagResourceCommand({ resourceArn: job.jobArn!, tags: { k: 'v'.repeat(257) } })), named('ValidationException'))
    await a.send(new TagResourceCommand({ resourceArn: job.jobArn!, tags: { ['k'.repeat(128)]: 'v'.repeat(256) } }))
  })

  it('keeps one account out of another account’s filters and tags', async () => {
    const a = api.client(A)
    const b = api.client(B)
    const filter = await a.send(new CreateFindingsFilterCommand({ name: 'private to a', action: 'ARCHIVE', findingCriteria: byType('SensitiveData:S3Object/Personal'), tags: { k: 'v' } }))
    await b.send(new CreateSampleFindingsCommand({ findingTypes: ['SensitiveData:S3Object/Personal'] }))
    assert.deepEqual(await archivedTypes(B), [], "account a's suppression rule does not touch account b's findings")
    assert.deepEqual((await b.send(new ListFindingsFiltersCommand({}))).findingsFilterListItems?.map((f) => f.name), ['of account b'])
    await assert.rejects(b.send(new GetFindingsFilterCommand({ id: filter.id! })), named('ResourceNotFoundException'))
    await assert.rejects(b.send(new UpdateFindingsFilterCommand({ id: filter.id!, action: 'NOOP' })), named('ResourceNotFoundException'))
    await assert.rejects(b.send(new DeleteFindingsFilterCommand({ id: filter.id! })), named('ResourceNotFoundException'))
    await assert.rejects(b.send(new ListTagsForResourceCommand({ resourceArn: filter.arn! })), named('ResourceNotFoundException'))
    await assert.rejects(b.send(new TagResourceCommand({ resourceArn: filter.arn!, tags: { k: 'stolen' } })), named('ResourceNotFoundException'))
    await assert.rejects(b.send(new UntagResourceCommand({ resourceArn: filter.arn!, tagKeys: ['k'] })), named('ResourceNotFoundException'))
    const got = await a.send(new GetFindingsFilterCommand({ id: filter.id! }))
    assert.deepEqual([got.action, got.tags], ['ARCHIVE', { k: 'v' }])
    assert.deepEqual(await archivedTypes(A), ['SensitiveData:S3Object/Personal', 'SensitiveData:S3Object/Personal'])
  })
})
