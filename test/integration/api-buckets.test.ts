// DescribeBuckets, GetBucketStatistics and SearchResources through @aws-sdk/client-macie2 against
// buildApp() on 127.0.0.1: over a folder of buckets (with job details from a job that ran), and
// over moto's S3 with a bucket made public by its policy. Two accounts never see each other's.
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  CreateClassificationJobCommand,
  DescribeBucketsCommand,
  GetBucketStatisticsCommand,
  SearchResourcesCommand,
} from '@aws-sdk/client-macie2'
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { bucketInventoryCache } from '../../src/jobs/inventory.js'
import type { SourceSpec } from '../../src/sources/types.js'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'
import { motoUnavailable, skipUnless, startMoto, TEST_CREDENTIALS, type RunningServer } from '../support/servers.js'

describe('bucket inventory operations over a folder of buckets', () => {
  let api: RunningApi

  before(async () => {
    bucketInventoryCache.clear()
    // Each account has a folder of buckets of its own.
    const folders: Record<string, string> = { [A.accountId]: 'a', [B.accountId]: 'b' }
    api = await startApi({
      buckets: (root) => {
        mkdirSync(join(root, 'a', 'reports'), { recursive: true })
        mkdirSync(join(root, 'a', 'media'), { recursive: true })
        mkdirSync(join(root, 'b', 'b-only'), { recursive: true })
        writeFileSync(join(root, 'a', 'reports', 'q1.csv'), 'name,amount\nx,1\n')
        writeFileSync(join(root, 'a', 'reports', 'q2.txt'), 'nothing here')
        writeFileSync(join(root, 'a', 'media', 'clip.mp4'), 'not really a video')
      },
      sourceFor: (accountId, root) => ({ kind: 'folder', root: join(root, folders[accountId] ?? 'none') }),
      enable: [A, B],
    })
  })

  after(() => api?.close())

  it('describes buckets with statistics and the job that ran on them', async () => {
    const a = api.client(A)
    const created = await a.send(
      new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name: 'reports', s3JobDefinition: { bucketDefinitions: [{ accountId: A.accountId, buckets: ['reports'] }] } }),
    )
    await api.jobs.waitFor(created.jobId!)
    const out = await a.send(new DescribeBucketsCommand({}))
    assert.deepEqual(out.buckets?.map((b) => b.bucketName), ['media', 'reports'])
    const [media, reports] = out.buckets!
    assert.equal(reports!.accountId, A.accountId)
    assert.equal(reports!.bucketArn, 'arn:aws:s3:::reports')
    assert.equal(reports!.region, 'us-east-1')
    assert.equal(reports!.objectCount, 2)
    assert.equal(reports!.classifiableObjectCount, 2)
    assert.equal(reports!.sensitivityScore, 50)
    assert.ok(reports!.lastUpdated instanceof Date)
    assert.equal(reports!.jobDetails?.isDefinedInJob, 'TRUE')
    assert.equal(reports!.jobDetails?.isMonitoredByJob, 'FALSE')
    assert.equal(reports!.jobDetails?.lastJobId, created.jobId)
    assert.ok(reports!.jobDetails?.lastJobRunTime instanceof Date)
    assert.equal(media!.jobDetails?.isDefinedInJob, 'FALSE')
    assert.deepEqual(media!.unclassifiableObjectCount, { fileType: 1, storageClass: 0, total: 1 })
    assert.equal(media!.publicAccess?.effectivePermission, 'UNKNOWN')

    const filtered = await a.send(new DescribeBucketsCommand({ criteria: { bucketName: { prefix: 'rep' } } }))
    assert.deepEqual(filtered.buckets?.map((b) => b.bucketName), ['reports'])
    const paged = await a.send(new DescribeBucketsCommand({ maxResults: 1, sortCriteria: { attributeName: 'objectCount', orderBy: 'DESC' } }))
    assert.deepEqual(paged.buckets?.map((b) => b.bucketName), ['reports'])
    const rest = await a.send(new DescribeBucketsCommand({ maxResults: 1, nextToken: paged.nextToken!, sortCriteria: { attributeName: 'objectCount', orderBy: 'DESC' } }))
    assert.deepEqual(rest.buckets?.map((b) => b.bucketName), ['media'])
    assert.equal(rest.nextToken, undefined)
  })

  it('answers ValidationException for criteria it cannot apply', async () => {
    const a = api.client(A)
    await assert.rejects(a.send(new DescribeBucketsCommand({ criteria: { colour: { eq: ['red'] } } })), (err: Error) => err.name === 'ValidationException')
    await assert.rejects(a.send(new DescribeBucketsCommand({ sortCriteria: { attributeName: 'region' } })), (err: Error) => err.name === 'ValidationException')
    await assert.rejects(
      a.send(new SearchResourcesCommand({ bucketCriteria: { includes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'EQ' } }] } } })),
      (err: Error) => err.name === 'ValidationException',
    )
  })

  it('sums bucket statistics', async () => {
    const s = await api.client(A).send(new GetBucketStatisticsCommand({}))
    assert.equal(s.bucketCount, 2)
    assert.equal(s.objectCount, 3)
    assert.equal(s.classifiableObjectCount, 2)
    assert.equal(s.unclassifiableObjectCount?.fileType, 1)
    assert.equal(s.bucketCountByEffectivePermission?.unknown, 2)
    assert.equal(s.bucketStatisticsBySensitivity?.notClassified?.totalCount, 2)
    assert.ok(s.lastUpdated instanceof Date)
  })

  it('searches resources', async () => {
    const a = api.client(A)
    const all = await a.send(new SearchResourcesCommand({}))
    assert.deepEqual(all.matchingResources?.map((r) => r.matchingBucket?.bucketName), ['media', 'reports'])
    const some = await a.send(
      new SearchResourcesCommand({
        bucketCriteria: { excludes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'EQ', values: ['media'] } }] } },
      }),
    )
    assert.deepEqual(some.matchingResources?.map((r) => r.matchingBucket?.bucketName), ['reports'])
    assert.equal(some.matchingResources?.[0]?.matchingBucket?.jobDetails?.isDefinedInJob, 'TRUE')
  })

  it('shows each account its own buckets only', async () => {
    const b = api.client(B)
    assert.deepEqual((await b.send(new DescribeBucketsCommand({}))).buckets?.map((x) => x.bucketName), ['b-only'])
    assert.deepEqual((await b.send(new SearchResourcesCommand({}))).matchingResources?.map((r) => r.matchingBucket?.bucketName), ['b-only'])
    assert.equal((await b.send(new GetBucketStatisticsCommand({ accountId: A.accountId }))).bucketCount, 0)
    assert.deepEqual((await api.client(A).send(new DescribeBucketsCommand({ criteria: { bucketName: { eq: ['b-only'] } } }))).buckets, [])
  })
})

describe('bucket inventory operations over moto', { skip: skipUnless(motoUnavailable()) }, () => {
  let moto: RunningServer
  let api: RunningApi

  before(async () => {
    bucketInventoryCache.clear()
    moto = await startMoto()
    const s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS })
    await s3.send(new CreateBucketCommand({ Bucket: 'open-data' }))
    await s3.send(new CreateBucketCommand({ Bucket: 'private-data' }))
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::open-data/*' }] }
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'open-data', Policy: JSON.stringify(policy) }))
    await s3.send(new PutObjectCommand({ Bucket: 'open-data', Key: 'list.csv', Body: 'a,b\n1,2\n' }))
    await s3.send(new PutObjectCommand({ Bucket: 'private-data', Key: 'cold.csv', Body: 'x', StorageClass: 'GLACIER' }))
    await s3.send(new PutObjectCommand({ Bucket: 'private-data', Key: 'sealed.txt', Body: 'y', ServerSideEncryption: 'AES256' }))
    s3.destroy()
    const spec: SourceSpec = { kind: 's3', endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS }
    api = await startApi({ sourceFor: () => spec, enable: [A] })
  })

  after(async () => {
    await api?.close()
    await moto?.stop()
  })

  it('reports the public bucket, storage classes and object encryption', async () => {
    const a = api.client(A)
    const out = await a.send(new DescribeBucketsCommand({ criteria: { 'publicAccess.effectivePermission': { eq: ['PUBLIC'] } } }))
    assert.deepEqual(out.buckets?.map((b) => b.bucketName), ['open-data'])
    const open = out.buckets![0]!
    assert.equal(open.publicAccess?.permissionConfiguration?.bucketLevelPermissions?.bucketPolicy?.allowsPublicReadAccess, true)
    const [priv] = (await a.send(new DescribeBucketsCommand({ criteria: { bucketName: { eq: ['private-data'] } } }))).buckets!
    assert.equal(priv!.publicAccess?.effectivePermission, 'NOT_PUBLIC')
    assert.equal(priv!.sharedAccess, 'NOT_SHARED')
    assert.deepEqual(priv!.unclassifiableObjectCount, { fileType: 0, storageClass: 1, total: 1 })
    assert.equal(priv!.objectCountByEncryptionType?.s3Managed, 1)
    const stats = await a.send(new GetBucketStatisticsCommand({}))
    assert.equal(stats.bucketCount, 2)
    assert.equal(stats.bucketCountByEffectivePermission?.publiclyAccessible, 1)
    assert.equal(stats.bucketCountByEffectivePermission?.publiclyReadable, 1)
    assert.equal(stats.bucketCountByEffectivePermission?.publiclyWritable, 0)
    const search = await a.send(
      new SearchResourcesCommand({
        bucketCriteria: { includes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_EFFECTIVE_PERMISSION', comparator: 'EQ', values: ['PUBLIC'] } }] } },
      }),
    )
    assert.deepEqual(search.matchingResources?.map((r) => r.matchingBucket?.bucketName), ['open-data'])
  })
})
