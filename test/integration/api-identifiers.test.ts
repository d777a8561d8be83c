// Custom data identifiers, allow lists and managed data identifiers through
// @aws-sdk/client-macie2 against buildApp() on 127.0.0.1: every operation, its modeled errors,
// quotas, the job check on deleting an allow list, and a second account that sees none of it.
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  BatchGetCustomDataIdentifiersCommand,
  CreateAllowListCommand,
  CreateClassificationJobCommand,
  CreateCustomDataIdentifierCommand,
  DeleteAllowListCommand,
  DeleteCustomDataIdentifierCommand,
  EnableMacieCommand,
  GetAllowListCommand,
  GetCustomDataIdentifierCommand,
  ListAllowListsCommand,
  ListCustomDataIdentifiersCommand,
  ListManagedDataIdentifiersCommand,
  TestCustomDataIdentifierCommand,
  UpdateAllowListCommand,
  UpdateClassificationJobCommand,
  type ManagedDataIdentifierSummary,
} from '@aws-sdk/client-macie2'
import { managedIdentifiers } from '../../src/detect/identifiers/index.js'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const isError = (name: string, message?: RegExp) => (err: Error) => err.name === name && (!message || message.test(err.message))

describe('custom data identifiers, allow lists and managed data identifiers through the AWS SDK', () => {
  let api: RunningApi

  before(async () => {
    api = await startApi({
      buckets: (root) => {
        mkdirSync(join(root, 'lists'), { recursive: true })
        mkdirSync(join(root, 'data'), { recursive: true })
        writeFileSync(join(root, 'lists', 'words.txt'), 'Jane Doe\nJohn Roe\n')
        writeFileSync(join(root, 'lists', 'empty.txt'), '')
        writeFileSync(join(root, 'lists', 'blank-lines.txt'), '\n\n  \n')
        writeFileSync(join(root, 'data', 'note.txt'), 'nothing here\n')
      },
      enable: [A, B],
    })
  })

  after(() => api?.close())

  it('creates a custom data identifier once per client token and reads it back with its defaults', async () => {
    const a = api.client(A)
    const request = { name: 'Employee ID', description: 'HR numbers', regex: 'EMP-[0-9]{6}', keywords: ['employee'], tags: { team: 'hr' }, clientToken: 'cdi-token-1' }
    const { customDataIdentifierId: id } = await a.send(new CreateCustomDataIdentifierCommand(request))
    assert.match(id!, UUID)
    assert.equal((await a.send(new CreateCustomDataIdentifierCommand(request))).customDataIdentifierId, id)
    const got = await a.send(new GetCustomDataIdentifierCommand({ id }))
    assert.equal(got.arn, `arn:aws:macie2:us-east-1:${A.accountId}:custom-data-identifier/${id}`)
    assert.equal(got.name, 'Employee ID')
    assert.equal(got.description, 'HR numbers')
    assert.equal(got.regex, 'EMP-[0-9]{6}')
    assert.deepEqual(got.keywords, ['employee'])
    assert.deepEqual(got.ignoreWords, [])
    assert.equal(got.maximumMatchDistance, 50)
    assert.deepEqual(got.severityLevels, [{ occurrencesThreshold: 1, severity: 'MEDIUM' }])
    assert.deepEqual(got.tags, { team: 'hr' })
    assert.equal(got.deleted, false)
    assert.ok(got.createdAt instanceof Date)
  })

  it('refuses definitions Macie refuses, with ValidationException', async () => {
    const a = api.client(A)
    const bad = [
      { name: 'x', regex: '(?=EMP)[0-9]+' },
      { name: 'x', regex: 'a(b' },
      { name: 'x', regex: '[0-9]{3}', keywords: ['ab'] },
      { name: 'x', regex: '[0-9]{3}', maximumMatchDistance: 301 },
      { name: 'x', regex: '[0-9]{3}', severityLevels: [{ occurrencesThreshold: 10, severity: 'LOW' as const }, { occurrencesThreshold: 5, severity: 'HIGH' as const }] },
      { name: 'x', regex: '[0-9]{3}', tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
    ]
    for (const request of bad) await assert.rejects(a.send(new CreateCustomDataIdentifierCommand(request)), isError('ValidationException'), JSON.stringify(request))
    await assert.rejects(a.send(new GetCustomDataIdentifierCommand({ id: '00000000-0000-4000-8000-000000000000' })), isError('ResourceNotFoundException'))
  })

  it('lists, batch-gets and soft-deletes custom data identifiers', async () => {
    const a = api.client(A, 'us-west-2')
    await a.send(new EnableMacieCommand({}))
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push((await a.send(new CreateCustomDataIdentifierCommand({ name: `cdi ${i}`, regex: `X${i}-[0-9]{4}` }))).customDataIdentifierId!)
    const first = await a.send(new ListCustomDataIdentifiersCommand({ maxResults: 2 }))
    assert.deepEqual(first.items?.map((i) => i.id), ids.slice(0, 2))
    assert.ok(first.nextToken)
    const second = await a.send(new ListCustomDataIdentifiersCommand({ maxResults: 2, nextToken: first.nextToken }))
    assert.deepEqual(second.items?.map((i) => i.id), ids.slice(2))
    assert.equal(second.nextToken, undefined)
    assert.equal(first.items?.[0]?.name, 'cdi 0')
    assert.ok(first.items?.[0]?.createdAt instanceof Date)
    await assert.rejects(a.send(new ListCustomDataIdentifiersCommand({ nextToken: 'not-a-token' })), isError('ValidationException'))

    await a.send(new DeleteCustomDataIdentifierCommand({ id: ids[1]! }))
    assert.deepEqual((await a.send(new ListCustomDataIdentifiersCommand({}))).items?.map((i) => i.id), [ids[0], ids[2]])
    const deleted = await a.send(new GetCustomDataIdentifierCommand({ id: ids[1]! }))
    assert.equal(deleted.deleted, true)
    assert.equal(deleted.name, 'cdi 1')
    const batch = await a.send(new BatchGetCustomDataIdentifiersCommand({ ids: [ids[0]!, ids[1]!, 'missing'] }))
    assert.deepEqual(batch.customDataIdentifiers?.map((c) => [c.id, c.deleted]), [[ids[0], false], [ids[1], true]])
    assert.deepEqual(batch.notFoundIdentifierIds, ['missing'])
    await assert.rejects(a.send(new DeleteCustomDataIdentifierCommand({ id: 'missing' })), isError('ResourceNotFoundException'))
    // A deleted identifier can no longer be used by a job.
    await assert.rejects(
      a.send(
        new CreateClassificationJobCommand({
          jobType: 'ONE_TIME',
          name: 'uses a deleted identifier',
          customDataIdentifierIds: [ids[1]!],
          s3JobDefinition: { bucketDefinitions: [{ accountId: A.accountId, buckets: ['data'] }] },
        }),
      ),
      isError('ValidationException'),
    )
  })

  it('refuses a custom data identifier beyond the quota of 10,000', async () => {
    const scope = { accountId: A.accountId, region: 'ap-south-1' }
    await api.client(A, scope.region).send(new EnableMacieCommand({}))
    const createdAt = new Date()
    for (let i = 0; i < 10_000; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
      await api.store.customDataIdentifiers.insert({ ...scope, id, arn: `arn:aws:macie2:${scope.region}:${scope.accountId}:custom-data-identifier/${id}`, name: `n${i}`, regex: 'x', tags: {}, createdAt, deleted: false })
    }
    await assert.rejects(api.client(A, scope.region).send(new CreateCustomDataIdentifierCommand({ name: 'one too many', regex: 'y' })), isError('ServiceQuotaExceededException'))
    await api.store.customDataIdentifiers.softDelete(scope, '00000000-0000-4000-8000-000000000000')
    await api.client(A, scope.region).send(new CreateCustomDataIdentifierCommand({ name: 'fits again', regex: 'y' }))
  })

  it('tests a definition on sample text with keywords, ignore words and distance', async () => {
    const a = api.client(A)
    const count = async (request: { regex: string; sampleText: string; keywords?: string[]; ignoreWords?: string[]; maximumMatchDistance?: number }) =>
      (await a.send(new TestCustomDataIdentifierCommand(request))).matchCount
    assert.equal(await count({ regex: 'EMP-[0-9]{6}', sampleText: 'EMP-123456 and EMP-654321' }), 2)
    assert.equal(await count({ regex: 'EMP-[0-9]{6}', sampleText: 'nothing to see' }), 0)
    const text = `Employee: EMP-123456. ${'x'.repeat(80)} EMP-654321`
    assert.equal(await count({ regex: 'EMP-[0-9]{6}', sampleText: text, keywords: ['employee'] }), 1)
    assert.equal(await count({ regex: 'EMP-[0-9]{6}', sampleText: text, keywords: ['employee'], maximumMatchDistance: 300 }), 2)
    assert.equal(await count({ regex: 'EMP-[0-9]{6}', sampleText: text, keywords: ['manager'] }), 0)
    assert.equal(await count({ regex: 'EMP-[0-9]{6}', sampleText: 'EMP-000000 EMP-123456', ignoreWords: ['EMP-000000'] }), 1)
    await assert.rejects(a.send(new TestCustomDataIdentifierCommand({ regex: 'x', sampleText: 'x'.repeat(1001) })), isError('ValidationException', /1,?000/))
    await assert.rejects(a.send(new TestCustomDataIdentifierCommand({ regex: '(a)\\1', sampleText: 'aa' })), isError('ValidationException'))
  })

  it('creates, reads, lists, updates and deletes allow lists, with the status of words lists', async () => {
    const a = api.client(A)
    const created = await a.send(new CreateAllowListCommand({ name: 'test numbers', description: 'fake', criteria: { regex: '555-01[0-9]{2}' }, tags: { k: 'v' }, clientToken: 'al-token-1' }))
    assert.match(created.id!, /^[a-z0-9]{22}$/)
    assert.equal(created.arn, `arn:aws:macie2:us-east-1:${A.accountId}:allow-list/${created.id}`)
    assert.equal((await a.send(new CreateAllowListCommand({ name: 'again', criteria: { regex: 'x' }, clientToken: 'al-token-1' }))).id, created.id)
    const got = await a.send(new GetAllowListCommand({ id: created.id }))
    assert.deepEqual(got.status, { code: 'OK' })
    assert.deepEqual(got.criteria, { regex: '555-01[0-9]{2}' })
    assert.equal(got.description, 'fake')
    assert.deepEqual(got.tags, { k: 'v' })
    assert.ok(got.createdAt instanceof Date && got.updatedAt instanceof Date)

    const words = async (objectKey: string, bucketName = 'lists') => {
      const { id } = await a.send(new CreateAllowListCommand({ name: objectKey, criteria: { s3WordsList: { bucketName, objectKey } } }))
      return (await a.send(new GetAllowListCommand({ id }))).status
    }
    assert.deepEqual(await words('words.txt'), { code: 'OK' })
    assert.equal((await words('missing.txt'))?.code, 'S3_OBJECT_NOT_FOUND')
    assert.equal((await words('words.txt', 'no-such-bucket'))?.code, 'S3_OBJECT_NOT_FOUND')
    assert.equal((await words('empty.txt'))?.code, 'S3_OBJECT_EMPTY')
    assert.equal((await words('blank-lines.txt'))?.code, 'S3_OBJECT_EMPTY')

    const list = await a.send(new ListAllowListsCommand({ maxResults: 2 }))
    assert.equal(list.allowLists?.[0]?.id, created.id)
    assert.equal(list.allowLists?.length, 2)
    assert.ok(list.nextToken)
    const rest = await a.send(new ListAllowListsCommand({ maxResults: 25, nextToken: list.nextToken }))
    assert.equal(rest.allowLists?.length, 4)
    assert.equal(rest.nextToken, undefined)

    const updated = await a.send(new UpdateAllowListCommand({ id: created.id, name: 'renamed', criteria: { regex: '555-02[0-9]{2}' } }))
    assert.deepEqual([updated.id, updated.arn], [created.id, created.arn])
    const after = await a.send(new GetAllowListCommand({ id: created.id }))
    assert.equal(after.name, 'renamed')
    assert.equal(after.description, undefined)
    assert.deepEqual(after.criteria, { regex: '555-02[0-9]{2}' })
    assert.ok(after.updatedAt!.getTime() >= got.updatedAt!.getTime())
    await assert.rejects(a.send(new UpdateAllowListCommand({ id: created.id, name: 'bad', criteria: { regex: '(?<=x)y' } })), isError('ValidationException'))
    await assert.rejects(
      a.send(new UpdateAllowListCommand({ id: created.id, name: 'both', criteria: { regex: 'x', s3WordsList: { bucketName: 'lists', objectKey: 'words.txt' } } })),
      isError('ValidationException'),
    )
    await assert.rejects(a.send(new UpdateAllowListCommand({ id: 'a'.repeat(22), name: 'x', criteria: { regex: 'x' } })), isError('ResourceNotFoundException'))

    await a.send(new DeleteAllowListCommand({ id: created.id }))
    await assert.rejects(a.send(new GetAllowListCommand({ id: created.id })), isError('ResourceNotFoundException'))
    await assert.rejects(a.send(new DeleteAllowListCommand({ id: created.id })), isError('ResourceNotFoundException'))
  })

  it('refuses bad criteria and more than five allow lists of a kind', async () => {
    const a = api.client(A, 'eu-central-1')
    await a.send(new EnableMacieCommand({}))
    await assert.rejects(a.send(new CreateAllowListCommand({ name: 'none', criteria: {} })), isError('ValidationException'))
    await assert.rejects(a.send(new CreateAllowListCommand({ name: 'lookahead', criteria: { regex: '(?=a)b' } })), isError('ValidationException'))
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await a.send(new CreateAllowListCommand({ name: `regex ${i}`, criteria: { regex: `${i}x` } }))).id!)
    await assert.rejects(a.send(new CreateAllowListCommand({ name: 'regex 5', criteria: { regex: '5x' } })), isError('ServiceQuotaExceededException'))
    const wordsIds: string[] = []
    for (let i = 0; i < 5; i++) {
      wordsIds.push((await a.send(new CreateAllowListCommand({ name: `words ${i}`, criteria: { s3WordsList: { bucketName: 'lists', objectKey: 'words.txt' } } }))).id!)
    }
    await assert.rejects(
      a.send(new CreateAllowListCommand({ name: 'words 5', criteria: { s3WordsList: { bucketName: 'lists', objectKey: 'words.txt' } } })),
      isError('ServiceQuotaExceededException'),
    )
    // Turning a words list into a sixth regex list is refused too; keeping its kind is not.
    await assert.rejects(a.send(new UpdateAllowListCommand({ id: wordsIds[0]!, name: 'to regex', criteria: { regex: 'y' } })), isError('ValidationException', /at most 5/))
    await a.send(new UpdateAllowListCommand({ id: ids[0]!, name: 'still regex', criteria: { regex: 'z' } }))
  })

  it('refuses to delete an allow list an active job uses, unless told to ignore job checks', async () => {
    const a = api.client(A)
    const { id } = await a.send(new CreateAllowListCommand({ name: 'in use', criteria: { regex: 'in-use-[0-9]+' } }))
    const job = await a.send(
      new CreateClassificationJobCommand({
        jobType: 'SCHEDULED',
        name: 'weekly with allow list',
        initialRun: false,
        scheduleFrequency: { weeklySchedule: { dayOfWeek: 'MONDAY' } },
        allowListIds: [id!],
        s3JobDefinition: { bucketDefinitions: [{ accountId: A.accountId, buckets: ['data'] }] },
      }),
    )
    await assert.rejects(a.send(new DeleteAllowListCommand({ id })), isError('ValidationException', new RegExp(job.jobId!)))
    await a.send(new DeleteAllowListCommand({ id, ignoreJobChecks: 'true' }))
    await assert.rejects(a.send(new GetAllowListCommand({ id })), isError('ResourceNotFoundException'))

    const { id: second } = await a.send(new CreateAllowListCommand({ name: 'used then not', criteria: { regex: 'later-[0-9]+' } }))
    const other = await a.send(
      new CreateClassificationJobCommand({
        jobType: 'SCHEDULED',
        name: 'cancelled later',
        initialRun: false,
        scheduleFrequency: { dailySchedule: {} },
        allowListIds: [second!],
        s3JobDefinition: { bucketDefinitions: [{ accountId: A.accountId, buckets: ['data'] }] },
      }),
    )
    await assert.rejects(a.send(new DeleteAllowListCommand({ id: second })), isError('ValidationException'))
    await a.send(new UpdateClassificationJobCommand({ jobId: other.jobId!, jobStatus: 'CANCELLED' }))
    await a.send(new DeleteAllowListCommand({ id: second }))
  })

  it('lists every managed data identifier, page by page', async () => {
    const a = api.client(A)
    const items: ManagedDataIdentifierSummary[] = []
    let nextToken: string | undefined
    let pages = 0
    do {
      const page = await a.send(new ListManagedDataIdentifiersCommand({ ...(nextToken ? { nextToken } : {}) }))
      items.push(...(page.items ?? []))
      nextToken = page.nextToken
      pages++
    } while (nextToken)
    assert.equal(items.length, managedIdentifiers.length)
    assert.equal(pages, Math.ceil(managedIdentifiers.length / 100))
    assert.equal(new Set(items.map((i) => i.id)).size, items.length)
    assert.deepEqual(items.find((i) => i.id === 'USA_SOCIAL_SECURITY_NUMBER'), { id: 'USA_SOCIAL_SECURITY_NUMBER', category: 'PERSONAL_INFORMATION' })
    assert.deepEqual(items.find((i) => i.id === 'AWS_CREDENTIALS'), { id: 'AWS_CREDENTIALS', category: 'CREDENTIALS' })
    await assert.rejects(a.send(new ListManagedDataIdentifiersCommand({ nextToken: 'garbage' })), isError('ValidationException'))
  })

  it('keeps one account from seeing or touching another account’s identifiers and allow lists', async () => {
    const a = api.client(A)
    const b = api.client(B)
    const { customDataIdentifierId: cdi } = await a.send(new CreateCustomDataIdentifierCommand({ name: 'private', regex: 'PRIV-[0-9]{4}' }))
    const { id: list } = await a.send(new CreateAllowListCommand({ name: 'private list', criteria: { regex: 'ok-[0-9]+' } }))
    await assert.rejects(b.send(new GetCustomDataIdentifierCommand({ id: cdi })), isError('ResourceNotFoundException'))
    await assert.rejects(b.send(new DeleteCustomDataIdentifierCommand({ id: cdi })), isError('ResourceNotFoundException'))
    assert.deepEqual((await b.send(new BatchGetCustomDataIdentifiersCommand({ ids: [cdi!] }))).notFoundIdentifierIds, [cdi])
    assert.deepEqual((await b.send(new ListCustomDataIdentifiersCommand({}))).items, [])
    await assert.rejects(b.send(new GetAllowListCommand({ id: list })), isError('ResourceNotFoundException'))
    await assert.rejects(b.send(new UpdateAllowListCommand({ id: list, name: 'mine', criteria: { regex: 'x' } })), isError('ResourceNotFoundException'))
    await assert.rejects(b.send(new DeleteAllowListCommand({ id: list })), isError('ResourceNotFoundException'))
    assert.deepEqual((await b.send(new ListAllowListsCommand({}))).allowLists, [])
    // B's own client token does not return A's resources.
    const mine = await b.send(new CreateCustomDataIdentifierCommand({ name: 'b', regex: 'B-[0-9]+', clientToken: 'cdi-token-1' }))
    assert.notEqual(mine.customDataIdentifierId, cdi)
    assert.equal((await a.send(new GetCustomDataIdentifierCommand({ id: cdi }))).deleted, false)
    assert.equal((await a.send(new GetAllowListCommand({ id: list }))).name, 'private list')
  })
})
