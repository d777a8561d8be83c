// Automated discovery through @aws-sdk/client-macie2 against buildApp() on 127.0.0.1: enabling it,
// a round run by the engine, resource profiles (score, override, statistics, artifacts,
// detections and their suppression), discovery accounts, modeled errors and account isolation.
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  BatchUpdateAutomatedDiscoveryAccountsCommand,
  DescribeBucketsCommand,
  GetBucketStatisticsCommand,
  GetFindingsCommand,
  GetResourceProfileCommand,
  ListAutomatedDiscoveryAccountsCommand,
  ListFindingsCommand,
  ListResourceProfileArtifactsCommand,
  ListResourceProfileDetectionsCommand,
  UpdateAutomatedDiscoveryConfigurationCommand,
  UpdateResourceProfileCommand,
  UpdateResourceProfileDetectionsCommand,
} from '@aws-sdk/client-macie2'
import { runDueRounds, type DiscoveryDeps } from '../../src/jobs/discovery.js'
import type { SourceSpec } from '../../src/sources/types.js'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'

const SSN = 'id,name,ssn\n1,Jordan Example,261-29-6226\n2,Sam Example,261-29-6227\n'
const CARD = 'note\ncard number 4929 1234 5678 9015\n'
const CLEAN = 'id,note\n1,nothing to see here\n'
const isError = (name: string, message?: RegExp) => (err: Error) => err.name === name && (!message || message.test(err.message))
const arn = (bucket: string): string => `arn:aws:s3:::${bucket}`

describe('automated discovery through the AWS SDK', () => {
  let api: RunningApi
  // Each account has its own folder of buckets: B cannot reach A's.
  const sourceFor = (accountId: string, root: string): SourceSpec => ({ kind: 'folder', root: join(root, accountId) })

  before(async () => {
    api = await startApi({
      enable: [A, B],
      sourceFor,
      buckets: (root) => {
        const put = (account: string, bucket: string, key: string, body: string): void => {
          mkdirSync(join(root, account, bucket), { recursive: true })
          writeFileSync(join(root, account, bucket, key), body)
        }
        put(A.accountId, 'people', 'ssn.csv', SSN)
        put(A.accountId, 'people', 'card.txt', CARD)
        put(A.accountId, 'people', 'clean.csv', CLEAN)
        for (let i = 0; i < 3; i++) put(A.accountId, 'clean', `c${i}.csv`, CLEAN)
        mkdirSync(join(root, A.accountId, 'empty'), { recursive: true })
        put(B.accountId, 'theirs', 'ssn.csv', SSN)
      },
    })
  })

  after(() => api?.close())

  const deps = (): DiscoveryDeps => ({ store: api.store, sourceFor: (accountId) => sourceFor(accountId, join(api.dir, 'buckets')), workers: 1 })

  it('scores 50 before any round (1 when empty), and names no profile update yet', async () => {
    const a = api.client(A)
    const people = await a.send(new GetResourceProfileCommand({ resourceArn: arn('people') }))
    assert.equal(people.sensitivityScore, 50)
    assert.equal(people.sensitivityScoreOverridden, false)
    assert.equal(people.profileUpdatedAt, undefined)
    assert.equal(people.statistics?.totalItemsClassified, 0)
    assert.equal((await a.send(new GetResourceProfileCommand({ resourceArn: arn('empty') }))).sensitivityScore, 1)
  })

  it('runs a round once enabled, for the enabled account only', async () => {
    assert.deepEqual(await runDueRounds(deps()), [])
    await api.client(A).send(new UpdateAutomatedDiscoveryConfigurationCommand({ status: 'ENABLED' }))
    const rounds = await runDueRounds(deps())
    assert.deepEqual(
      rounds.map((r) => [r.accountId, r.analysed, r.errors]),
      [[A.accountId, 6, []]],
    )
  })

  it('answers the resource profile: score, statistics, artifacts and detections', async () => {
    const a = api.client(A)
    const people = await a.send(new GetResourceProfileCommand({ resourceArn: arn('people') }))
    assert.ok(people.sensitivityScore! > 50 && people.sensitivityScore! < 100, `${people.sensitivityScore}`)
    assert.ok(people.profileUpdatedAt instanceof Date)
    assert.equal(people.statistics?.totalItemsClassified, 3)
    assert.equal(people.statistics?.totalItemsSensitive, 2)
    assert.equal(people.statistics?.totalDetections, 3)
    assert.equal(people.statistics?.totalDetectionsSuppressed, 0)
    assert.ok(people.statistics!.totalBytesClassified! > 0)
    assert.equal((await a.send(new GetResourceProfileCommand({ resourceArn: arn('clean') }))).sensitivityScore, 1)

    const artifacts = await a.send(new ListResourceProfileArtifactsCommand({ resourceArn: arn('people') }))
    assert.deepEqual(
      artifacts.artifacts?.map((x) => [x.arn, x.classificationResultStatus, x.sensitive]),
      [
        ['arn:aws:s3:::people/card.txt', 'COMPLETE', true],
        ['arn:aws:s3:::people/clean.csv', 'COMPLETE', false],
        ['arn:aws:s3:::people/ssn.csv', 'COMPLETE', true],
      ],
    )
    assert.equal(artifacts.nextToken, undefined)

    const first = await a.send(new ListResourceProfileDetectionsCommand({ resourceArn: arn('people'), maxResults: 1 }))
    assert.deepEqual(first.detections?.map((d) => [d.id, d.name, d.type, d.count, d.suppressed]), [['CREDIT_CARD_NUMBER', 'CREDIT_CARD_NUMBER', 'MANAGED', 1, false]])
    assert.ok(first.nextToken)
    const second = await a.send(new ListResourceProfileDetectionsCommand({ resourceArn: arn('people'), maxResults: 1, nextToken: first.nextToken }))
    assert.deepEqual(second.detections?.map((d) => [d.id, d.count]), [['USA_SOCIAL_SECURITY_NUMBER', 2]])
    assert.equal(second.nextToken, undefined)
  })

  it('made findings of automated discovery, without a job', async () => {
    const a = api.client(A)
    const ids = (await a.send(new ListFindingsCommand({}))).findingIds ?? []
    assert.equal(ids.length, 2)
    const { findings } = await a.send(new GetFindingsCommand({ findingIds: ids }))
    for (const f of findings ?? []) {
      assert.equal(f.classificationDetails?.originType, 'AUTOMATED_SENSITIVE_DATA_DISCOVERY')
      assert.equal(f.classificationDetails?.jobId, undefined)
    }
    assert.deepEqual((await api.client(B).send(new ListFindingsCommand({}))).findingIds, [])
  })

  it('leaves suppressed identifiers out of the score', async () => {
    const a = api.client(A)
    const before = (await a.send(new GetResourceProfileCommand({ resourceArn: arn('people') }))).sensitivityScore!
    await a.send(new UpdateResourceProfileDetectionsCommand({ resourceArn: arn('people'), suppressDataIdentifiers: [{ id: 'CREDIT_CARD_NUMBER', type: 'MANAGED' }] }))
    const partly = await a.send(new GetResourceProfileCommand({ resourceArn: arn('people') }))
    assert.ok(partly.sensitivityScore! > 50 && partly.sensitivityScore! < before)
    assert.equal(partly.statistics?.totalDetectionsSuppressed, 1)
    const detections = await a.send(new ListResourceProfileDetectionsCommand({ resourceArn: arn('people') }))
    assert.deepEqual(detections.detections?.map((d) => [d.id, d.suppressed]), [['CREDIT_CARD_NUMBER', true], ['USA_SOCIAL_SECURITY_NUMBER', false]])
    // The list replaces the previous one.
    await a.send(
      new UpdateResourceProfileDetectionsCommand({
        resourceArn: arn('people'),
        suppressDataIdentifiers: [
          { id: 'CREDIT_CARD_NUMBER', type: 'MANAGED' },
          { id: 'USA_SOCIAL_SECURITY_NUMBER', type: 'MANAGED' },
        ],
      }),
    )
    assert.ok((await a.send(new GetResourceProfileCommand({ resourceArn: arn('people') }))).sensitivityScore! < 50)
    await a.send(new UpdateResourceProfileDetectionsCommand({ resourceArn: arn('people'), suppressDataIdentifiers: [] }))
    assert.equal((await a.send(new GetResourceProfileCommand({ resourceArn: arn('people') }))).sensitivityScore, before)
    await assert.rejects(
      a.send(new UpdateResourceProfileDetectionsCommand({ resourceArn: arn('people'), suppressDataIdentifiers: [{ id: 'NOT_AN_IDENTIFIER', type: 'MANAGED' }] })),
      isError('ValidationException'),
    )
    await assert.rejects(
      a.send(new UpdateResourceProfileDetectionsCommand({ resourceArn: arn('people'), suppressDataIdentifiers: [{ id: '11111111-2222-3333-4444-555555555555', type: 'CUSTOM' }] })),
      isError('ValidationException'),
    )
  })

  it('overrides the score to 100 and back', async () => {
    const a = api.client(A)
    await a.send(new UpdateResourceProfileCommand({ resourceArn: arn('clean'), sensitivityScoreOverride: 100 }))
    let clean = await a.send(new GetResourceProfileCommand({ resourceArn: arn('clean') }))
    assert.deepEqual([clean.sensitivityScore, clean.sensitivityScoreOverridden], [100, true])
    await a.send(new UpdateResourceProfileCommand({ resourceArn: arn('clean') }))
    clean = await a.send(new GetResourceProfileCommand({ resourceArn: arn('clean') }))
    assert.deepEqual([clean.sensitivityScore, clean.sensitivityScoreOverridden], [1, false])
    await assert.rejects(a.send(new UpdateResourceProfileCommand({ resourceArn: arn('clean'), sensitivityScoreOverride: 50 })), isError('ValidationException'))
  })

  it('answers modeled errors for bad and unknown bucket ARNs, and another account’s buckets', async () => {
    const a = api.client(A)
    await assert.rejects(a.send(new GetResourceProfileCommand({ resourceArn: 'arn:aws:s3:::' })), isError('ValidationException'))
    await assert.rejects(a.send(new GetResourceProfileCommand({ resourceArn: 'arn:aws:macie2:us-east-1:111122223333:allow-list/x' })), isError('ValidationException'))
    await assert.rejects(a.send(new GetResourceProfileCommand({ resourceArn: arn('no-such-bucket') })), isError('ResourceNotFoundException'))
    await assert.rejects(a.send(new ListResourceProfileArtifactsCommand({ resourceArn: arn('theirs') })), isError('ResourceNotFoundException'))
    const b = api.client(B)
    await assert.rejects(b.send(new GetResourceProfileCommand({ resourceArn: arn('people') })), isError('ResourceNotFoundException'))
    await assert.rejects(b.send(new UpdateResourceProfileCommand({ resourceArn: arn('people'), sensitivityScoreOverride: 100 })), isError('ResourceNotFoundException'))
    await assert.rejects(b.send(new ListResourceProfileDetectionsCommand({ resourceArn: arn('people') })), isError('ResourceNotFoundException'))
    await assert.rejects(b.send(new UpdateResourceProfileDetectionsCommand({ resourceArn: arn('people'), suppressDataIdentifiers: [] })), isError('ResourceNotFoundException'))
    // B's own bucket has no profile: no round ran for B.
    const theirs = await b.send(new GetResourceProfileCommand({ resourceArn: arn('theirs') }))
    assert.deepEqual([theirs.sensitivityScore, theirs.statistics?.totalItemsClassified], [50, 0])
    await assert.rejects(
      a.send(new ListResourceProfileArtifactsCommand({ resourceArn: arn('people'), nextToken: 'not-a-token' })),
      isError('ValidationException'),
    )
  })

  it('shows the scores in GetBucketStatistics and DescribeBuckets', async () => {
    const a = api.client(A)
    const { buckets } = await a.send(new DescribeBucketsCommand({}))
    const byName = new Map(buckets?.map((x) => [x.bucketName, x]))
    assert.ok(byName.get('people')!.sensitivityScore! > 50)
    assert.equal(byName.get('clean')!.sensitivityScore, 1)
    assert.equal(byName.get('people')!.automatedDiscoveryMonitoringStatus, 'MONITORED')
    const stats = await a.send(new GetBucketStatisticsCommand({}))
    assert.equal(stats.bucketStatisticsBySensitivity?.sensitive?.totalCount, 1)
    assert.equal(stats.bucketStatisticsBySensitivity?.notSensitive?.totalCount, 2)
    const other = await api.client(B).send(new DescribeBucketsCommand({}))
    assert.deepEqual(other.buckets?.map((x) => [x.bucketName, x.sensitivityScore, x.automatedDiscoveryMonitoringStatus]), [['theirs', 50, 'NOT_MONITORED']])
  })

  it('lists and updates the caller’s discovery account; other accounts are not found', async () => {
    const a = api.client(A)
    assert.deepEqual((await a.send(new ListAutomatedDiscoveryAccountsCommand({}))).items, [{ accountId: A.accountId, status: 'ENABLED' }])
    assert.deepEqual((await a.send(new ListAutomatedDiscoveryAccountsCommand({ accountIds: [B.accountId] }))).items, [])
    const { errors } = await a.send(
      new BatchUpdateAutomatedDiscoveryAccountsCommand({
        accounts: [
          { accountId: A.accountId, status: 'DISABLED' },
          { accountId: B.accountId, status: 'ENABLED' },
        ],
      }),
    )
    assert.deepEqual(errors, [{ accountId: B.accountId, errorCode: 'ACCOUNT_NOT_FOUND' }])
    assert.deepEqual((await a.send(new ListAutomatedDiscoveryAccountsCommand({ accountIds: [A.accountId] }))).items, [{ accountId: A.accountId, status: 'DISABLED' }])
    // A disabled account gets no round, however long since the last.
    assert.deepEqual(await runDueRounds(deps(), { now: new Date(Date.now() + 48 * 3600_000) }), [])
    await assert.rejects(a.send(new BatchUpdateAutomatedDiscoveryAccountsCommand({ accounts: [{ accountId: 'abc', status: 'ENABLED' }] })), isError('ValidationException'))
    assert.deepEqual((await api.client(B).send(new ListAutomatedDiscoveryAccountsCommand({}))).items, [{ accountId: B.accountId, status: 'DISABLED' }])
    await a.send(new BatchUpdateAutomatedDiscoveryAccountsCommand({ accounts: [{ accountId: A.accountId, status: 'ENABLED' }] }))
    assert.deepEqual((await a.send(new ListAutomatedDiscoveryAccountsCommand({}))).items, [{ accountId: A.accountId, status: 'ENABLED' }])
  })
})
