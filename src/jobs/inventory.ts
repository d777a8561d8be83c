// The bucket inventory behind DescribeBuckets, GetBucketStatistics and SearchResources: each
// bucket's posture and object statistics read from the account's source (cached a few minutes),
// job details from the store's jobs, and the queries over it (criteria, sorting, pages, sums).
// It owns no persistence: the inventory lives in memory and is read again once it is stale.
import { createHash } from 'node:crypto'
import { InvalidInputError } from '../errors.js'
import { effectivePermission, s3BucketOf, sharedAccess } from '../findings/bucket-access.js'
import type { AllowsUnencryptedObjectUploads, BucketPublicAccess, EffectivePermission, KeyValuePair, SharedAccess } from '../findings/types.js'
import { openSource } from '../sources/index.js'
import { SourceError, type BucketInfo, type BucketPosture, type ObjectSource, type SourceSpec } from '../sources/types.js'
import type { CriteriaForJob, JobRow, Scope } from '../store/types.js'
import { matchesBucketCriteria, type BucketFacts } from './bucket-criteria.js'
import { isAnalysableStorageClass, isNeverAnalysedExtension } from './eligibility.js'
import { decodePageToken, pageAfter, queryFingerprint } from './page-token.js'
import { objectExtension } from './scope.js'

/** How long an account's inventory is served from memory before the source is read again. */
export const INVENTORY_MAX_AGE_MS = 5 * 60 * 1000

/** Buckets Macie monitors per account (MACIE.md §8.2); later ones carry BUCKET_COUNT_EXCEEDS_QUOTA. */
export const MAX_MONITORED_BUCKETS = 10_000

/**
 * Objects per bucket whose encryption is read with a HEAD (listings do not tell it); the rest
 * count as `unknown`, as Macie counts objects it has no current encryption metadata for.
 */
export const ENCRYPTION_HEADS_PER_BUCKET = 200

/** Buckets read at once, and HEADs at once within a bucket. */
const BUCKET_CONCURRENCY = 4
const HEAD_CONCURRENCY = 8

/** Extensions of compressed objects, for `sizeInBytesCompressed` (the model's .gz, .gzip, .zip). */
const COMPRESSED_EXTENSIONS = new Set(['gz', 'gzip', 'zip'])

/** Macie's `ObjectLevelStatistics`. */
export interface ObjectLevelStatistics {
  fileType: number
  storageClass: number
  total: number
}

/** Macie's `ObjectCountByEncryptionType`. */
export interface ObjectCountByEncryptionType {
  customerManaged: number
  kmsManaged: number
  s3Managed: number
  unencrypted: number
  unknown: number
}

/** Macie's `JobDetails`. */
export interface JobDetails {
  isDefinedInJob: 'TRUE' | 'FALSE' | 'UNKNOWN'
  isMonitoredByJob: 'TRUE' | 'FALSE' | 'UNKNOWN'
  lastJobId?: string
  lastJobRunTime?: Date
}

/** What the source tells of one bucket: Macie's `BucketMetadata` less region and job details. */
export interface InventoryBucket {
  accountId: string
  bucketName: string
  bucketArn: string
  bucketCreatedAt?: Date
  /** The bucket's region where the store reports it. */
  region?: string
  lastUpdated: Date
  allowsUnencryptedObjectUploads: AllowsUnencryptedObjectUploads
  publicAccess: BucketPublicAccess
  sharedAccess: SharedAccess
  serverSideEncryption?: { type: 'NONE' | 'AES256' | 'aws:kms' | 'aws:kms:dsse'; kmsMasterKeyId?: string }
  replicationDetails?: { replicated: boolean; replicatedExternally: boolean; replicationAccounts: string[] }
  versioning?: boolean
  tags: KeyValuePair[]
  /** Object statistics; absent when the objects could not be listed (see errorCode). */
  objectCount?: number
  sizeInBytes?: number
  sizeInBytesCompressed?: number
  classifiableObjectCount?: number
  classifiableSizeInBytes?: number
  unclassifiableObjectCount?: ObjectLevelStatistics
  unclassifiableObjectSizeInBytes?: ObjectLevelStatistics
  objectCountByEncryptionType?: ObjectCountByEncryptionType
  errorCode?: 'ACCESS_DENIED' | 'BUCKET_COUNT_EXCEEDS_QUOTA'
  errorMessage?: string
}

/** Macie's `BucketMetadata`, as DescribeBuckets answers it. */
export interface BucketMetadata extends InventoryBucket {
  region: string
  jobDetails: JobDetails
  /**
   * From the bucket's resource profile while automated discovery is (or was lately) enabled;
   * otherwise 1 for an empty bucket and 50 (not yet analysed), the values the model documents
   * for accounts that never enabled it.
   */
  sensitivityScore: number
  automatedDiscoveryMonitoringStatus: 'MONITORED' | 'NOT_MONITORED'
}

/** What automated discovery tells of a scope's buckets (readBucketSensitivity in discovery.ts). */
export interface BucketSensitivity {
  monitoringStatusOf(bucketName: string): 'MONITORED' | 'NOT_MONITORED'
  /** The score of the bucket's resource profile; undefined where discovery has none to give. */
  scoreOf(bucketName: string): number | undefined
}

function emptyLevels(): ObjectLevelStatistics {
  return { fileType: 0, storageClass: 0, total: 0 }
}

function encryptionKind(type: string): keyof ObjectCountByEncryptionType {
  switch (type) {
    case 'NONE':
      return 'unencrypted'
    case 'AES256':
      return 's3Managed'
    case 'aws:kms':
    case 'aws:kms:dsse':
      return 'kmsManaged'
    case 'SSE-C':
      return 'customerManaged'
  }
  return 'unknown'
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}

type ObjectStatistics = Required<
  Pick<
    InventoryBucket,
    | 'objectCount'
    | 'sizeInBytes'
    | 'sizeInBytesCompressed'
    | 'classifiableObjectCount'
    | 'classifiableSizeInBytes'
    | 'unclassifiableObjectCount'
    | 'unclassifiableObjectSizeInBytes'
    | 'objectCountByEncryptionType'
  >
>

/** Lists a bucket's objects once: counts and sizes by eligibility, and the encryption of the first few. */
async function objectStatistics(source: ObjectSource, bucket: string): Promise<ObjectStatistics> {
  const s: ObjectStatistics = {
    objectCount: 0,
    sizeInBytes: 0,
    sizeInBytesCompressed: 0,
    classifiableObjectCount: 0,
    classifiableSizeInBytes: 0,
    unclassifiableObjectCount: emptyLevels(),
    unclassifiableObjectSizeInBytes: emptyLevels(),
    objectCountByEncryptionType: { customerManaged: 0, kmsManaged: 0, s3Managed: 0, unencrypted: 0, unknown: 0 },
  }
  const toHead: string[] = []
  for await (const o of source.listObjects(bucket)) {
    s.objectCount++
    s.sizeInBytes += o.size
    const extension = objectExtension(o.key)
    if (COMPRESSED_EXTENSIONS.has(extension)) s.sizeInBytesCompressed += o.size
    // The storage class decides first, as a job's skip reason does (eligibility.ts skipReason).
    const level = !isAnalysableStorageClass(o.storageClass) ? 'storageClass' : isNeverAnalysedExtension(extension) ? 'fileType' : undefined
    if (level) {
      s.unclassifiableObjectCount[level]++
      s.unclassifiableObjectCount.total++
      s.unclassifiableObjectSizeInBytes[level] += o.size
      s.unclassifiableObjectSizeInBytes.total += o.size
    } else {
      s.classifiableObjectCount++
      s.classifiableSizeInBytes += o.size
    }
    if (toHead.length < ENCRYPTION_HEADS_PER_BUCKET) toHead.push(o.key)
  }
  const counts = s.objectCountByEncryptionType
  counts.unknown += s.objectCount - toHead.length
  await eachLimited(toHead, HEAD_CONCURRENCY, async (key) => {
    try {
      counts[encryptionKind((await source.headObject(bucket, key)).serverSideEncryption.encryptionType)]++
    } catch (err) {
      // A HEAD without the customer's key fails on SSE-C objects; anything else leaves it unknown.
      counts[err instanceof SourceError && err.reason === 'INVALID_ENCRYPTION' ? 'customerManaged' : 'unknown']++
    }
  })
  return s
}

type BucketEncryptionType = NonNullable<InventoryBucket['serverSideEncryption']>['type']

/** Whether a default encryption is one of the model's `BucketServerSideEncryption` types (which lack UNKNOWN). */
function isBucketEncryptionType(type: string): type is BucketEncryptionType {
  return type === 'NONE' || type === 'AES256' || type === 'aws:kms' || type === 'aws:kms:dsse'
}

async function postureOf(source: ObjectSource, bucket: string): Promise<BucketPosture> {
  try {
    return await source.getBucketPosture(bucket)
  } catch {
    return {}
  }
}

/** One bucket's inventory entry, read from the source. */
async function readBucket(source: ObjectSource, accountId: string, bucket: BucketInfo, now: Date): Promise<InventoryBucket> {
  const posture = await postureOf(source, bucket.name)
  const s3 = s3BucketOf(bucket, posture, accountId)
  const entry: InventoryBucket = {
    accountId,
    bucketName: bucket.name,
    bucketArn: s3.arn,
    ...(bucket.createdAt ? { bucketCreatedAt: bucket.createdAt } : {}),
    ...(bucket.region ? { region: bucket.region } : {}),
    lastUpdated: now,
    allowsUnencryptedObjectUploads: s3.allowsUnencryptedObjectUploads,
    publicAccess: s3.publicAccess ?? { effectivePermission: effectivePermission(posture), permissionConfiguration: null },
    sharedAccess: sharedAccess(posture, accountId),
    tags: s3.tags,
  }
  const enc = posture.defaultEncryption
  if (enc && isBucketEncryptionType(enc.encryptionType)) {
    entry.serverSideEncryption = { type: enc.encryptionType, ...(enc.kmsMasterKeyId ? { kmsMasterKeyId: enc.kmsMasterKeyId } : {}) }
  }
  if (posture.replication) {
    const accounts = [...new Set(posture.replication.map((r) => r.account).filter((a): a is string => !!a && a !== accountId))].sort()
    entry.replicationDetails = { replicated: posture.replication.length > 0, replicatedExternally: accounts.length > 0, replicationAccounts: accounts }
  }
  if (posture.versioning !== undefined) entry.versioning = posture.versioning
  try {
    Object.assign(entry, await objectStatistics(source, bucket.name))
  } catch (err) {
    entry.errorCode = 'ACCESS_DENIED'
    entry.errorMessage = err instanceof SourceError && err.reason === 'PERMISSION_DENIED' ? 'access to the bucket was denied' : 'the bucket could not be listed'
  }
  return entry
}

/**
 * Reads the inventory of an account's buckets from its source: posture and object statistics of
 * each, in listing order; buckets past MAX_MONITORED_BUCKETS are listed with an error and not read.
 * @example
 * const buckets = await readBucketInventory(openSource({ kind: 'folder', root: 'examples' }), '111122223333')
 */
export async function readBucketInventory(source: ObjectSource, accountId: string, now = new Date()): Promise<InventoryBucket[]> {
  const listed: BucketInfo[] = []
  for await (const b of source.listBuckets()) listed.push(b)
  const entries: InventoryBucket[] = new Array<InventoryBucket>(listed.length)
  const read = listed.slice(0, MAX_MONITORED_BUCKETS).map((b, i) => ({ b, i }))
  await eachLimited(read, BUCKET_CONCURRENCY, async ({ b, i }) => {
    entries[i] = await readBucket(source, accountId, b, now)
  })
  listed.slice(MAX_MONITORED_BUCKETS).forEach((b, j) => {
    entries[MAX_MONITORED_BUCKETS + j] = {
      accountId,
      bucketName: b.name,
      bucketArn: `arn:aws:s3:::${b.name}`,
      lastUpdated: now,
      allowsUnencryptedObjectUploads: 'UNKNOWN',
      publicAccess: { effectivePermission: 'UNKNOWN', permissionConfiguration: null },
      sharedAccess: 'UNKNOWN',
      tags: [],
      errorCode: 'BUCKET_COUNT_EXCEEDS_QUOTA',
      errorMessage: `the account has more than ${MAX_MONITORED_BUCKETS} buckets`,
    }
  })
  return entries
}

/**
 * Each account's inventory kept in memory for `maxAgeMs`; concurrent requests share one read, and
 * a failed read is not kept.
 * @example
 * const buckets = await bucketInventoryCache.get('111122223333', { kind: 'folder', root: 'buckets' })
 */
export class BucketInventoryCache {
  readonly #entries = new Map<string, { readAt: number; buckets: Promise<InventoryBucket[]> }>()

  constructor(
    readonly maxAgeMs = INVENTORY_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get(accountId: string, spec: SourceSpec): Promise<InventoryBucket[]> {
    // The spec may hold credentials: the key keeps only a digest of it.
    const key = `${accountId}:${createHash('sha256').update(JSON.stringify(spec)).digest('base64url')}`
    const hit = this.#entries.get(key)
    if (hit && this.now() - hit.readAt < this.maxAgeMs) return hit.buckets
    const buckets = (async () => {
      const source = openSource(spec)
      try {
        return await readBucketInventory(source, accountId, new Date(this.now()))
      } finally {
        source.close()
      }
    })()
    const entry = { readAt: this.now(), buckets }
    this.#entries.set(key, entry)
    buckets.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key)
    })
    return buckets
  }

  /** Forgets every account's inventory. */
  clear(): void {
    this.#entries.clear()
  }
}

/** The inventory cache the API serves from. */
export const bucketInventoryCache = new BucketInventoryCache()

function factsOf(bucket: InventoryBucket): BucketFacts {
  return {
    accountId: bucket.accountId,
    name: bucket.bucketName,
    effectivePermission: bucket.publicAccess.effectivePermission,
    sharedAccess: bucket.sharedAccess,
    tags: bucket.tags,
  }
}

function jobCovers(job: JobRow, bucket: InventoryBucket, facts: BucketFacts): boolean {
  const def = job.s3JobDefinition
  if (def.bucketDefinitions) return def.bucketDefinitions.some((d) => d.accountId === bucket.accountId && d.buckets.includes(bucket.bucketName))
  try {
    return matchesBucketCriteria(facts, def.bucketCriteria ?? {})
  } catch {
    return false
  }
}

/**
 * Macie's `JobDetails` of a bucket. A job defines the bucket when it names it (and is not
 * CANCELLED) or when its bucket criteria match the bucket now and it has run; it monitors the
 * bucket when it is also SCHEDULED and not CANCELLED. The last job is the covering job that
 * started a run most recently.
 * @example
 * jobDetailsOf(bucket, await store.jobs.list(scope)) // { isDefinedInJob: 'FALSE', isMonitoredByJob: 'FALSE' }
 */
export function jobDetailsOf(bucket: InventoryBucket, jobs: readonly JobRow[]): JobDetails {
  const facts = factsOf(bucket)
  const covering = jobs.filter((j) => jobCovers(j, bucket, facts))
  const defining = covering.filter((j) => (j.s3JobDefinition.bucketDefinitions ? j.jobStatus !== 'CANCELLED' : j.lastRunTime !== undefined))
  const isMonitored = covering.some((j) => j.jobType === 'SCHEDULED' && j.jobStatus !== 'CANCELLED')
  const details: JobDetails = { isDefinedInJob: defining.length > 0 || isMonitored ? 'TRUE' : 'FALSE', isMonitoredByJob: isMonitored ? 'TRUE' : 'FALSE' }
  const last = covering.filter((j) => j.lastRunTime).sort((a, b) => b.lastRunTime!.getTime() - a.lastRunTime!.getTime())[0]
  if (last) {
    details.lastJobId = last.jobId
    details.lastJobRunTime = last.lastRunTime!
  }
  return details
}

/**
 * The inventory as `BucketMetadata`: region (the bucket's, else the caller's), job details from
 * the scope's jobs, and the sensitivity score and monitoring status automated discovery gives
 * (without it: NOT_MONITORED, and 1 for an empty bucket, 50 otherwise).
 * @example
 * const metadata = bucketMetadata(await bucketInventoryCache.get(scope.accountId, spec), scope, await store.jobs.list(scope))
 */
export function bucketMetadata(buckets: readonly InventoryBucket[], scope: Scope, jobs: readonly JobRow[], sensitivity?: BucketSensitivity): BucketMetadata[] {
  return buckets.map((b) => ({
    ...b,
    region: b.region ?? scope.region,
    jobDetails: jobDetailsOf(b, jobs),
    sensitivityScore: sensitivity?.scoreOf(b.bucketName) ?? (b.objectCount === 0 ? 1 : 50),
    automatedDiscoveryMonitoringStatus: sensitivity?.monitoringStatusOf(b.bucketName) ?? 'NOT_MONITORED',
  }))
}

function fail(message: string): never {
  throw new InvalidInputError(message)
}

/** A DescribeBuckets criterion's operators (Macie's `BucketCriteriaAdditionalProperties`). */
export interface BucketCriterion {
  eq?: string[]
  neq?: string[]
  gt?: number
  gte?: number
  lt?: number
  lte?: number
  prefix?: string
}

type FieldValue = string | number | boolean | Date | undefined

/** Fields DescribeBuckets criteria can name: the scalar members of `BucketMetadata`, dotted. */
const CRITERIA_FIELDS: Record<string, (b: BucketMetadata) => FieldValue[]> = {
  accountId: (b) => [b.accountId],
  bucketArn: (b) => [b.bucketArn],
  bucketName: (b) => [b.bucketName],
  region: (b) => [b.region],
  bucketCreatedAt: (b) => [b.bucketCreatedAt],
  lastUpdated: (b) => [b.lastUpdated],
  allowsUnencryptedObjectUploads: (b) => [b.allowsUnencryptedObjectUploads],
  automatedDiscoveryMonitoringStatus: (b) => [b.automatedDiscoveryMonitoringStatus],
  classifiableObjectCount: (b) => [b.classifiableObjectCount],
  classifiableSizeInBytes: (b) => [b.classifiableSizeInBytes],
  errorCode: (b) => [b.errorCode],
  objectCount: (b) => [b.objectCount],
  sensitivityScore: (b) => [b.sensitivityScore],
  sharedAccess: (b) => [b.sharedAccess],
  sizeInBytes: (b) => [b.sizeInBytes],
  sizeInBytesCompressed: (b) => [b.sizeInBytesCompressed],
  versioning: (b) => [b.versioning],
  'jobDetails.isDefinedInJob': (b) => [b.jobDetails.isDefinedInJob],
  'jobDetails.isMonitoredByJob': (b) => [b.jobDetails.isMonitoredByJob],
  'jobDetails.lastJobId': (b) => [b.jobDetails.lastJobId],
  'jobDetails.lastJobRunTime': (b) => [b.jobDetails.lastJobRunTime],
  'publicAccess.effectivePermission': (b) => [b.publicAccess.effectivePermission],
  'replicationDetails.replicated': (b) => [b.replicationDetails?.replicated],
  'replicationDetails.replicatedExternally': (b) => [b.replicationDetails?.replicatedExternally],
  'replicationDetails.replicationAccounts': (b) => b.replicationDetails?.replicationAccounts ?? [],
  'serverSideEncryption.type': (b) => [b.serverSideEncryption?.type],
  'serverSideEncryption.kmsMasterKeyId': (b) => [b.serverSideEncryption?.kmsMasterKeyId],
  'tags.key': (b) => b.tags.map((t) => t.key),
  'tags.value': (b) => b.tags.map((t) => t.value),
  ...Object.fromEntries(
    (['unclassifiableObjectCount', 'unclassifiableObjectSizeInBytes'] as const).flatMap((f) =>
      (['fileType', 'storageClass', 'total'] as const).map((k) => [`${f}.${k}`, (b: BucketMetadata) => [b[f]?.[k]]]),
    ),
  ),
  ...Object.fromEntries(
    (['customerManaged', 'kmsManaged', 's3Managed', 'unencrypted', 'unknown'] as const).map((k) => [
      `objectCountByEncryptionType.${k}`,
      (b: BucketMetadata) => [b.objectCountByEncryptionType?.[k]],
    ]),
  ),
}

/** A value as criteria compare it: numbers and instants (epoch milliseconds) as numbers, the rest as text. */
function comparable(v: Exclude<FieldValue, undefined>): string | number {
  if (v instanceof Date) return v.getTime()
  if (typeof v === 'boolean') return String(v)
  return v
}

/** Whether a criterion's text value equals a field value (numbers and instants compare as such). */
function equals(actual: string | number, expected: string): boolean {
  if (typeof actual === 'string') return actual === expected
  const asNumber = /^-?\d+(\.\d+)?$/.test(expected.trim()) ? Number(expected) : Date.parse(expected)
  return asNumber === actual
}

interface CheckedCriterion {
  field: string
  read: (b: BucketMetadata) => FieldValue[]
  op: BucketCriterion
}

function checkCriteria(criteria: unknown): CheckedCriterion[] {
  if (criteria === undefined || criteria === null) return []
  if (typeof criteria !== 'object' || Array.isArray(criteria)) fail('criteria must be a map of field names to conditions')
  return Object.entries(criteria as Record<string, unknown>).map(([field, raw]) => {
    const read = CRITERIA_FIELDS[field] ?? fail(`criteria field ${field} is not valid; use one of ${Object.keys(CRITERIA_FIELDS).join(', ')}`)
    if (typeof raw !== 'object' || raw === null) fail(`criteria.${field} must be a condition`)
    const op = raw as BucketCriterion
    const hasOne = op.eq !== undefined || op.neq !== undefined || op.prefix !== undefined || [op.gt, op.gte, op.lt, op.lte].some((n) => n !== undefined)
    if (!hasOne) fail(`criteria.${field} must use eq, neq, gt, gte, lt, lte or prefix`)
    return { field, read, op }
  })
}

function holds(bucket: BucketMetadata, c: CheckedCriterion): boolean {
  const values = c.read(bucket).filter((v): v is Exclude<FieldValue, undefined> => v !== undefined).map(comparable)
  const { eq, neq, gt, gte, lt, lte, prefix } = c.op
  if (eq && !values.some((v) => eq.some((e) => equals(v, e)))) return false
  if (neq && values.some((v) => neq.some((e) => equals(v, e)))) return false
  if (prefix !== undefined && !values.some((v) => typeof v === 'string' && v.startsWith(prefix))) return false
  const ranges: Array<[number | undefined, (a: number, b: number) => boolean]> = [
    [gt, (a, b) => a > b],
    [gte, (a, b) => a >= b],
    [lt, (a, b) => a < b],
    [lte, (a, b) => a <= b],
  ]
  for (const [bound, test] of ranges) {
    if (bound === undefined) continue
    if (values.some((v) => typeof v === 'string')) fail(`criteria.${c.field} is not numeric: use eq, neq or prefix`)
    if (!values.some((v) => test(v as number, bound))) return false
  }
  return true
}

/** Page size when a request names none (the model's documented default). */
export const DEFAULT_MAX_RESULTS = 50
/** Largest page; a larger `maxResults` is served as this many (Macie documents no bound). */
export const MAX_MAX_RESULTS = 1000

function pageSize(maxResults: unknown): number {
  if (maxResults === undefined || maxResults === null || maxResults === 0) return DEFAULT_MAX_RESULTS
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 0) fail('maxResults must be a positive integer')
  return Math.min(maxResults, MAX_MAX_RESULTS)
}

type SortValue = string | number

function orderBy(value: unknown): 1 | -1 {
  if (value === undefined || value === null || value === 'ASC') return 1
  if (value === 'DESC') return -1
  return fail('sortCriteria.orderBy must be ASC or DESC')
}

/** A sorted page of buckets behind an opaque token bound to the query. */
function pageOf<T extends { accountId: string; bucketName: string }>(
  items: T[],
  query: unknown,
  valueOf: (b: T) => SortValue,
  direction: 1 | -1,
  request: { maxResults?: unknown; nextToken?: unknown },
): { items: T[]; nextToken?: string } {
  const fingerprint = queryFingerprint(query)
  const keyOf = (b: T): [SortValue, string] => [valueOf(b), `${b.accountId}/${b.bucketName}`]
  const compare = (a: [SortValue, string], b: [SortValue, string]): number => {
    if (a[0] !== b[0]) return (a[0] < b[0] ? -1 : 1) * direction
    return a[1] === b[1] ? 0 : (a[1] < b[1] ? -1 : 1) * direction
  }
  const isKey = (k: unknown): k is SortValue => typeof k === 'string' || typeof k === 'number'
  const after = decodePageToken(request.nextToken, fingerprint, isKey, 'query')
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)))
  return pageAfter(sorted, { after, pageSize: pageSize(request.maxResults), fingerprint, keyOf, compare })
}

/** DescribeBuckets' sort attributes (the model's documented list). */
const DESCRIBE_SORT: Record<string, (b: BucketMetadata) => SortValue> = {
  accountId: (b) => b.accountId,
  bucketName: (b) => b.bucketName,
  classifiableObjectCount: (b) => b.classifiableObjectCount ?? -1,
  classifiableSizeInBytes: (b) => b.classifiableSizeInBytes ?? -1,
  objectCount: (b) => b.objectCount ?? -1,
  sensitivityScore: (b) => b.sensitivityScore,
  sizeInBytes: (b) => b.sizeInBytes ?? -1,
}

/** Macie's `DescribeBucketsRequest`. */
export interface DescribeBucketsRequest {
  criteria?: Record<string, BucketCriterion>
  sortCriteria?: { attributeName?: string; orderBy?: string }
  maxResults?: number
  nextToken?: string
}

/**
 * One page of DescribeBuckets: buckets meeting every criterion (operators of one field ANDed,
 * values of `eq`/`neq` ORed; numbers and instants compare as numbers, instants in epoch
 * milliseconds), sorted (default `bucketName` ASC).
 * @example
 * describeBuckets(metadata, { criteria: { 'publicAccess.effectivePermission': { eq: ['PUBLIC'] } }, maxResults: 10 })
 */
export function describeBuckets(buckets: readonly BucketMetadata[], request: DescribeBucketsRequest): { buckets: BucketMetadata[]; nextToken?: string } {
  const criteria = checkCriteria(request.criteria)
  const attribute = request.sortCriteria?.attributeName ?? 'bucketName'
  const valueOf = DESCRIBE_SORT[attribute] ?? fail(`sortCriteria.attributeName must be one of ${Object.keys(DESCRIBE_SORT).join(', ')}`)
  const direction = orderBy(request.sortCriteria?.orderBy)
  const matching = buckets.filter((b) => criteria.every((c) => holds(b, c)))
  const page = pageOf(matching, ['DescribeBuckets', request.criteria ?? {}, attribute, direction], valueOf, direction, request)
  return { buckets: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) }
}

/** Macie's `SearchResourcesCriteria`. */
export interface SearchResourcesCriteria {
  simpleCriterion?: { comparator?: string; key?: string; values?: string[] }
  tagCriterion?: { comparator?: string; tagValues?: Array<{ key?: string; value?: string }> }
}

/** Macie's `SearchResourcesRequest`. */
export interface SearchResourcesRequest {
  bucketCriteria?: { includes?: { and?: SearchResourcesCriteria[] }; excludes?: { and?: SearchResourcesCriteria[] } }
  sortCriteria?: { attributeName?: string; orderBy?: string }
  maxResults?: number
  nextToken?: string
}

const SEARCH_KEYS = ['ACCOUNT_ID', 'S3_BUCKET_NAME', 'S3_BUCKET_EFFECTIVE_PERMISSION', 'S3_BUCKET_SHARED_ACCESS', 'AUTOMATED_DISCOVERY_MONITORING_STATUS']

function checkSearchCriteria(list: SearchResourcesCriteria[] | undefined, at: string): SearchResourcesCriteria[] {
  return (list ?? []).map((c, i) => {
    const where = `${at}[${i}]`
    const term = c.simpleCriterion ?? c.tagCriterion
    if (!term || (c.simpleCriterion && c.tagCriterion)) fail(`${where} must specify one of simpleCriterion or tagCriterion`)
    if (term.comparator !== 'EQ' && term.comparator !== 'NE') fail(`${where}: comparator must be EQ or NE`)
    if (c.simpleCriterion) {
      const { key, values } = c.simpleCriterion
      if (!key || !SEARCH_KEYS.includes(key)) fail(`${where}.simpleCriterion.key must be one of ${SEARCH_KEYS.join(', ')}`)
      if (!Array.isArray(values) || values.length === 0) fail(`${where}.simpleCriterion.values must list at least one value`)
    } else if (!Array.isArray(c.tagCriterion!.tagValues) || c.tagCriterion!.tagValues.length === 0) {
      fail(`${where}.tagCriterion.tagValues must list at least one tag`)
    }
    return c
  })
}

/** Whether one SearchResources condition holds for a bucket (values ORed, EQ or NE). */
function searchHolds(bucket: BucketMetadata, c: SearchResourcesCriteria): boolean {
  const simple = c.simpleCriterion
  if (simple?.key === 'AUTOMATED_DISCOVERY_MONITORING_STATUS') {
    const hit = simple.values!.includes(bucket.automatedDiscoveryMonitoringStatus)
    return simple.comparator === 'EQ' ? hit : !hit
  }
  // The other keys and tag conditions mean what they mean for a job's bucket criteria.
  return matchesBucketCriteria(factsOf(bucket), { includes: { and: [c as CriteriaForJob] } })
}

const SEARCH_SORT: Record<string, (b: BucketMetadata) => SortValue> = {
  ACCOUNT_ID: (b) => b.accountId,
  RESOURCE_NAME: (b) => b.bucketName,
  S3_CLASSIFIABLE_OBJECT_COUNT: (b) => b.classifiableObjectCount ?? -1,
  S3_CLASSIFIABLE_SIZE_IN_BYTES: (b) => b.classifiableSizeInBytes ?? -1,
}

/**
 * One page of SearchResources: buckets meeting every include condition and not every exclude
 * condition (as a job's bucket criteria), sorted (default RESOURCE_NAME ASC), as `MatchingBucket`s.
 * @example
 * searchResources(metadata, { bucketCriteria: { includes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'EQ', values: ['b'] } }] } } })
 */
export function searchResources(
  buckets: readonly BucketMetadata[],
  request: SearchResourcesRequest,
): { matchingResources: Array<{ matchingBucket: BucketMetadata }>; nextToken?: string } {
  const includes = checkSearchCriteria(request.bucketCriteria?.includes?.and, 'bucketCriteria.includes.and')
  const excludes = checkSearchCriteria(request.bucketCriteria?.excludes?.and, 'bucketCriteria.excludes.and')
  const attribute = request.sortCriteria?.attributeName ?? 'RESOURCE_NAME'
  const valueOf = SEARCH_SORT[attribute] ?? fail(`sortCriteria.attributeName must be one of ${Object.keys(SEARCH_SORT).join(', ')}`)
  const direction = orderBy(request.sortCriteria?.orderBy)
  const matching = buckets.filter(
    (b) => includes.every((c) => searchHolds(b, c)) && (excludes.length === 0 || !excludes.every((c) => searchHolds(b, c))),
  )
  const page = pageOf(matching, ['SearchResources', request.bucketCriteria ?? {}, attribute, direction], valueOf, direction, request)
  return { matchingResources: page.items.map((b) => ({ matchingBucket: b })), ...(page.nextToken ? { nextToken: page.nextToken } : {}) }
}

/** Macie's `SensitivityAggregations`. */
export interface SensitivityAggregations {
  classifiableSizeInBytes: number
  publiclyAccessibleCount: number
  totalCount: number
  totalSizeInBytes: number
}

/** Macie's `GetBucketStatisticsResponse`. */
export interface BucketStatistics {
  bucketCount: number
  bucketCountByEffectivePermission: { publiclyAccessible: number; publiclyReadable: number; publiclyWritable: number; unknown: number }
  bucketCountByEncryptionType: { kmsManaged: number; s3Managed: number; unencrypted: number; unknown: number }
  bucketCountByObjectEncryptionRequirement: { allowsUnencryptedObjectUploads: number; deniesUnencryptedObjectUploads: number; unknown: number }
  bucketCountBySharedAccessType: { external: number; internal: number; notShared: number; unknown: number }
  bucketStatisticsBySensitivity: Record<'classificationError' | 'notClassified' | 'notSensitive' | 'sensitive', SensitivityAggregations>
  classifiableObjectCount: number
  classifiableSizeInBytes: number
  lastUpdated?: Date
  objectCount: number
  sizeInBytes: number
  sizeInBytesCompressed: number
  unclassifiableObjectCount: ObjectLevelStatistics
  unclassifiableObjectSizeInBytes: ObjectLevelStatistics
}

/** Whether the public can read (or write) the bucket through a channel its block public access leaves open. */
function isPublicly(b: BucketMetadata, grant: 'allowsPublicReadAccess' | 'allowsPublicWriteAccess'): boolean {
  if (b.publicAccess.effectivePermission !== 'PUBLIC') return false
  const level = b.publicAccess.permissionConfiguration?.bucketLevelPermissions
  const bpa = level?.blockPublicAccess
  return (!!level?.accessControlList?.[grant] && !bpa?.ignorePublicAcls) || (!!level?.bucketPolicy?.[grant] && !bpa?.restrictPublicBuckets)
}

const PERMISSION_KEYS: Record<EffectivePermission, 'publiclyAccessible' | 'unknown' | undefined> = { PUBLIC: 'publiclyAccessible', UNKNOWN: 'unknown', NOT_PUBLIC: undefined }
const SHARED_KEYS: Record<SharedAccess, keyof BucketStatistics['bucketCountBySharedAccessType']> = { EXTERNAL: 'external', INTERNAL: 'internal', NOT_SHARED: 'notShared', UNKNOWN: 'unknown' }
const UPLOAD_KEYS: Record<AllowsUnencryptedObjectUploads, keyof BucketStatistics['bucketCountByObjectEncryptionRequirement']> = {
  TRUE: 'allowsUnencryptedObjectUploads',
  FALSE: 'deniesUnencryptedObjectUploads',
  UNKNOWN: 'unknown',
}

function sensitivityGroup(score: number): keyof BucketStatistics['bucketStatisticsBySensitivity'] {
  if (score < 0) return 'classificationError'
  if (score === 50) return 'notClassified'
  return score < 50 ? 'notSensitive' : 'sensitive'
}

/**
 * GetBucketStatistics: sums over the buckets (of `accountId` only, when given).
 * @example
 * bucketStatistics(metadata).bucketCountByEffectivePermission.publiclyAccessible
 */
export function bucketStatistics(buckets: readonly BucketMetadata[], accountId?: string): BucketStatistics {
  const aggregations = (): SensitivityAggregations => ({ classifiableSizeInBytes: 0, publiclyAccessibleCount: 0, totalCount: 0, totalSizeInBytes: 0 })
  const s: BucketStatistics = {
    bucketCount: 0,
    bucketCountByEffectivePermission: { publiclyAccessible: 0, publiclyReadable: 0, publiclyWritable: 0, unknown: 0 },
    bucketCountByEncryptionType: { kmsManaged: 0, s3Managed: 0, unencrypted: 0, unknown: 0 },
    bucketCountByObjectEncryptionRequirement: { allowsUnencryptedObjectUploads: 0, deniesUnencryptedObjectUploads: 0, unknown: 0 },
    bucketCountBySharedAccessType: { external: 0, internal: 0, notShared: 0, unknown: 0 },
    bucketStatisticsBySensitivity: { classificationError: aggregations(), notClassified: aggregations(), notSensitive: aggregations(), sensitive: aggregations() },
    classifiableObjectCount: 0,
    classifiableSizeInBytes: 0,
    objectCount: 0,
    sizeInBytes: 0,
    sizeInBytesCompressed: 0,
    unclassifiableObjectCount: emptyLevels(),
    unclassifiableObjectSizeInBytes: emptyLevels(),
  }
  for (const b of buckets) {
    if (accountId !== undefined && b.accountId !== accountId) continue
    s.bucketCount++
    const permission = PERMISSION_KEYS[b.publicAccess.effectivePermission]
    if (permission) s.bucketCountByEffectivePermission[permission]++
    if (isPublicly(b, 'allowsPublicReadAccess')) s.bucketCountByEffectivePermission.publiclyReadable++
    if (isPublicly(b, 'allowsPublicWriteAccess')) s.bucketCountByEffectivePermission.publiclyWritable++
    const type = b.serverSideEncryption?.type
    s.bucketCountByEncryptionType[type === 'NONE' ? 'unencrypted' : type === 'AES256' ? 's3Managed' : type ? 'kmsManaged' : 'unknown']++
    s.bucketCountByObjectEncryptionRequirement[UPLOAD_KEYS[b.allowsUnencryptedObjectUploads]]++
    s.bucketCountBySharedAccessType[SHARED_KEYS[b.sharedAccess]]++
    const group = s.bucketStatisticsBySensitivity[sensitivityGroup(b.sensitivityScore)]
    group.totalCount++
    group.totalSizeInBytes += b.sizeInBytes ?? 0
    group.classifiableSizeInBytes += b.classifiableSizeInBytes ?? 0
    if (b.publicAccess.effectivePermission === 'PUBLIC') group.publiclyAccessibleCount++
    s.classifiableObjectCount += b.classifiableObjectCount ?? 0
    s.classifiableSizeInBytes += b.classifiableSizeInBytes ?? 0
    s.objectCount += b.objectCount ?? 0
    s.sizeInBytes += b.sizeInBytes ?? 0
    s.sizeInBytesCompressed += b.sizeInBytesCompressed ?? 0
    for (const k of ['fileType', 'storageClass', 'total'] as const) {
      s.unclassifiableObjectCount[k] += b.unclassifiableObjectCount?.[k] ?? 0
      s.unclassifiableObjectSizeInBytes[k] += b.unclassifiableObjectSizeInBytes?.[k] ?? 0
    }
    if (!s.lastUpdated || b.lastUpdated > s.lastUpdated) s.lastUpdated = b.lastUpdated
  }
  return s
}
