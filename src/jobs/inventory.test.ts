import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { InvalidInputError } from '../errors.js'
import { openSource } from '../sources/index.js'
import type { JobRow } from '../store/types.js'
import {
  BucketInventoryCache,
  bucketMetadata,
  bucketStatistics,
  describeBuckets,
  jobDetailsOf,
  readBucketInventory,
  searchResources,
  type BucketMetadata,
  type InventoryBucket,
} from './inventory.js'

const ACCOUNT = '111122223333'
const SCOPE = { accountId: ACCOUNT, region: 'us-east-1' }

function job(overrides: Partial<JobRow>): JobRow {
  return {
    ...SCOPE,
    jobId: 'j'.repeat(32),
    jobArn: 'arn',
    name: 'job',
    jobType: 'ONE_TIME',
    jobStatus: 'COMPLETE',
    clientToken: 't',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    initialRun: true,
    samplingPercentage: 100,
    managedDataIdentifierSelector: 'RECOMMENDED',
    s3JobDefinition: {},
    tags: {},
    lastRunErrorCode: 'NONE',
    approximateNumberOfObjectsToProcess: 0,
    numberOfRuns: 1,
    ...overrides,
  }
}

describe('bucket inventory over a folder of buckets', () => {
  let root: string
  let inventory: InventoryBucket[]
  let metadata: BucketMetadata[]

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'trawl-inventory-'))
    mkdirSync(join(root, 'alpha', 'deep'), { recursive: true })
    writeFileSync(join(root, 'alpha', 'people.csv'), 'name,ssn\n') // 9 bytes, classifiable
    writeFileSync(join(root, 'alpha', 'deep', 'photo.JPG'), 'xxxxx') // 5 bytes, media: unclassifiable by type
    writeFileSync(join(root, 'alpha', 'logs.gz'), 'zzzzzzz') // 7 bytes, compressed, classifiable
    mkdirSync(join(root, 'beta'))
    mkdirSync(join(root, 'gamma'))
    writeFileSync(join(root, 'gamma', 'notes.txt'), 'hello world, hello') // 18 bytes
    const source = openSource({ kind: 'folder', root })
    try {
      inventory = await readBucketInventory(source, ACCOUNT, new Date('2026-03-01T00:00:00Z'))
    } finally {
      source.close()
    }
    metadata = bucketMetadata(inventory, SCOPE, [])
  })

  after(() => rmSync(root, { recursive: true, force: true }))

  it('counts objects, sizes, classifiable and unclassifiable objects per bucket', () => {
    assert.deepEqual(inventory.map((b) => b.bucketName), ['alpha', 'beta', 'gamma'])
    const alpha = inventory[0]!
    assert.equal(alpha.objectCount, 3)
    assert.equal(alpha.sizeInBytes, 21)
    assert.equal(alpha.sizeInBytesCompressed, 7)
    assert.equal(alpha.classifiableObjectCount, 2)
    assert.equal(alpha.classifiableSizeInBytes, 16)
    assert.deepEqual(alpha.unclassifiableObjectCount, { fileType: 1, storageClass: 0, total: 1 })
    assert.deepEqual(alpha.unclassifiableObjectSizeInBytes, { fileType: 5, storageClass: 0, total: 5 })
    // Files are not encrypted, and each was read with a HEAD.
    assert.deepEqual(alpha.objectCountByEncryptionType, { customerManaged: 0, kmsManaged: 0, s3Managed: 0, unencrypted: 3, unknown: 0 })
    assert.equal(alpha.bucketArn, 'arn:aws:s3:::alpha')
    assert.equal(alpha.serverSideEncryption?.type, 'NONE')
    assert.equal(alpha.errorCode, undefined)
  })

  it('reports what a folder cannot tell about access as UNKNOWN', () => {
    const beta = inventory[1]!
    assert.equal(beta.publicAccess.effectivePermission, 'UNKNOWN')
    assert.equal(beta.sharedAccess, 'UNKNOWN')
    assert.equal(beta.allowsUnencryptedObjectUploads, 'UNKNOWN')
    assert.equal(beta.objectCount, 0)
  })

  it('scores empty buckets 1 and others 50, in the caller region, monitored by no job', () => {
    assert.deepEqual(metadata.map((b) => b.sensitivityScore), [50, 1, 50])
    assert.ok(metadata.every((b) => b.region === 'us-east-1' && b.jobDetails.isDefinedInJob === 'FALSE' && b.automatedDiscoveryMonitoringStatus === 'NOT_MONITORED'))
  })

  it('filters, sorts and pages DescribeBuckets', () => {
    assert.deepEqual(describeBuckets(metadata, { criteria: { bucketName: { prefix: 'a' } } }).buckets.map((b) => b.bucketName), ['alpha'])
    assert.deepEqual(describeBuckets(metadata, { criteria: { bucketName: { neq: ['alpha', 'gamma'] } } }).buckets.map((b) => b.bucketName), ['beta'])
    assert.deepEqual(describeBuckets(metadata, { criteria: { objectCount: { gt: 0, lt: 3 } } }).buckets.map((b) => b.bucketName), ['gamma'])
    assert.deepEqual(describeBuckets(metadata, { criteria: { sizeInBytes: { eq: ['21'] } } }).buckets.map((b) => b.bucketName), ['alpha'])
    assert.deepEqual(describeBuckets(metadata, { criteria: { accountId: { eq: ['444455556666'] } } }).buckets, [])
    assert.deepEqual(
      describeBuckets(metadata, { criteria: { 'publicAccess.effectivePermission': { eq: ['UNKNOWN'] } } }).buckets.length,
      3,
    )
    assert.deepEqual(
      describeBuckets(metadata, { sortCriteria: { attributeName: 'sizeInBytes', orderBy: 'DESC' } }).buckets.map((b) => b.bucketName),
      ['alpha', 'gamma', 'beta'],
    )
    const first = describeBuckets(metadata, { maxResults: 2 })
    assert.deepEqual(first.buckets.map((b) => b.bucketName), ['alpha', 'beta'])
    assert.ok(first.nextToken)
    const second = describeBuckets(metadata, { maxResults: 2, nextToken: first.nextToken! })
    assert.deepEqual(second.buckets.map((b) => b.bucketName), ['gamma'])
    assert.equal(second.nextToken, undefined)
  })

  it('refuses unknown fields, order comparisons on text, unknown sorts and foreign tokens', () => {
    assert.throws(() => describeBuckets(metadata, { criteria: { colour: { eq: ['red'] } } }), InvalidInputError)
    assert.throws(() => describeBuckets(metadata, { criteria: { bucketName: { gt: 3 } } }), /not numeric/)
    assert.throws(() => describeBuckets(metadata, { criteria: { bucketName: {} } }), InvalidInputError)
    assert.throws(() => describeBuckets(metadata, { sortCriteria: { attributeName: 'region' } }), /sortCriteria.attributeName/)
    const token = describeBuckets(metadata, { maxResults: 1 }).nextToken!
    assert.throws(() => describeBuckets(metadata, { maxResults: 1, nextToken: token, sortCriteria: { attributeName: 'objectCount' } }), /nextToken/)
  })

  it('searches resources with include and exclude conditions', () => {
    const names = (request: Parameters<typeof searchResources>[1]) => searchResources(metadata, request).matchingResources.map((r) => r.matchingBucket.bucketName)
    assert.deepEqual(names({}), ['alpha', 'beta', 'gamma'])
    assert.deepEqual(names({ bucketCriteria: { includes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'EQ', values: ['beta', 'gamma'] } }] } } }), ['beta', 'gamma'])
    assert.deepEqual(names({ bucketCriteria: { excludes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'EQ', values: ['beta'] } }] } } }), ['alpha', 'gamma'])
    assert.deepEqual(names({ bucketCriteria: { includes: { and: [{ simpleCriterion: { key: 'ACCOUNT_ID', comparator: 'NE', values: [ACCOUNT] } }] } } }), [])
    assert.deepEqual(names({ bucketCriteria: { includes: { and: [{ simpleCriterion: { key: 'AUTOMATED_DISCOVERY_MONITORING_STATUS', comparator: 'EQ', values: ['NOT_MONITORED'] } }] } } }).length, 3)
    assert.deepEqual(names({ bucketCriteria: { includes: { and: [{ tagCriterion: { comparator: 'EQ', tagValues: [{ key: 'team' }] } }] } } }), [])
    assert.deepEqual(names({ sortCriteria: { attributeName: 'S3_CLASSIFIABLE_SIZE_IN_BYTES', orderBy: 'DESC' } }), ['gamma', 'alpha', 'beta'])
    assert.throws(() => names({ bucketCriteria: { includes: { and: [{ simpleCriterion: { key: 'REGION', comparator: 'EQ', values: ['x'] } }] } } }), InvalidInputError)
    assert.throws(() => names({ bucketCriteria: { includes: { and: [{}] } } }), InvalidInputError)
  })

  it('sums bucket statistics, for the caller account only', () => {
    const s = bucketStatistics(metadata)
    assert.equal(s.bucketCount, 3)
    assert.equal(s.objectCount, 4)
    assert.equal(s.sizeInBytes, 39)
    assert.equal(s.classifiableObjectCount, 3)
    assert.deepEqual(s.unclassifiableObjectCount, { fileType: 1, storageClass: 0, total: 1 })
    assert.deepEqual(s.bucketCountByEffectivePermission, { publiclyAccessible: 0, publiclyReadable: 0, publiclyWritable: 0, unknown: 3 })
    assert.deepEqual(s.bucketCountByEncryptionType, { kmsManaged: 0, s3Managed: 0, unencrypted: 3, unknown: 0 })
    assert.equal(s.bucketStatisticsBySensitivity.notClassified.totalCount, 2)
    assert.equal(s.bucketStatisticsBySensitivity.notSensitive.totalCount, 1)
    assert.deepEqual(s.lastUpdated, new Date('2026-03-01T00:00:00Z'))
    const other = bucketStatistics(metadata, '444455556666')
    assert.equal(other.bucketCount, 0)
    assert.equal(other.objectCount, 0)
  })

  it('keeps an inventory for its maximum age, then reads the source again', async () => {
    let now = 1_000_000
    const cache = new BucketInventoryCache(60_000, () => now)
    const spec = { kind: 'folder' as const, root }
    assert.equal((await cache.get(ACCOUNT, spec)).length, 3)
    mkdirSync(join(root, 'delta'))
    try {
      now += 59_000
      assert.equal((await cache.get(ACCOUNT, spec)).length, 3)
      now += 2_000
      assert.equal((await cache.get(ACCOUNT, spec)).length, 4)
    } finally {
      rmSync(join(root, 'delta'), { recursive: true })
    }
  })

  it('does not keep a failed read', async () => {
    const cache = new BucketInventoryCache()
    const spec = { kind: 'folder' as const, root: join(root, 'missing') }
    await assert.rejects(cache.get(ACCOUNT, spec))
    mkdirSync(spec.root)
    try {
      assert.deepEqual(await cache.get(ACCOUNT, spec), [])
    } finally {
      rmSync(spec.root, { recursive: true })
    }
  })
})

describe('jobDetailsOf', () => {
  const bucket = { accountId: ACCOUNT, bucketName: 'alpha', publicAccess: { effectivePermission: 'NOT_PUBLIC' }, sharedAccess: 'NOT_SHARED', tags: [] } as unknown as InventoryBucket
  const byName = { bucketDefinitions: [{ accountId: ACCOUNT, buckets: ['alpha'] }] }

  it('is FALSE without a job that names or selects the bucket', () => {
    assert.deepEqual(jobDetailsOf(bucket, []), { isDefinedInJob: 'FALSE', isMonitoredByJob: 'FALSE' })
    const other = job({ s3JobDefinition: { bucketDefinitions: [{ accountId: ACCOUNT, buckets: ['beta'] }] }, lastRunTime: new Date() })
    assert.deepEqual(jobDetailsOf(bucket, [other]), { isDefinedInJob: 'FALSE', isMonitoredByJob: 'FALSE' })
  })

  it('names the job that ran last among those covering the bucket', () => {
    const older = job({ jobId: 'a'.repeat(32), s3JobDefinition: byName, lastRunTime: new Date('2026-02-01T00:00:00Z') })
    const newer = job({
      jobId: 'b'.repeat(32),
      jobType: 'SCHEDULED',
      jobStatus: 'IDLE',
      s3JobDefinition: { bucketCriteria: { includes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'EQ', values: ['alpha'] } }] } } },
      lastRunTime: new Date('2026-02-02T00:00:00Z'),
    })
    assert.deepEqual(jobDetailsOf(bucket, [older, newer]), {
      isDefinedInJob: 'TRUE',
      isMonitoredByJob: 'TRUE',
      lastJobId: 'b'.repeat(32),
      lastJobRunTime: new Date('2026-02-02T00:00:00Z'),
    })
  })

  it('does not count a cancelled job as defining or monitoring the bucket', () => {
    const cancelled = job({ jobType: 'SCHEDULED', jobStatus: 'CANCELLED', s3JobDefinition: byName, lastRunTime: new Date('2026-02-01T00:00:00Z') })
    const details = jobDetailsOf(bucket, [cancelled])
    assert.equal(details.isDefinedInJob, 'FALSE')
    assert.equal(details.isMonitoredByJob, 'FALSE')
  })
})
