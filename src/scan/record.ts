// The sensitive data discovery result record (MACIE.md §7): Macie's finding schema applied to one
// object, with its status, size classified, MIME type and every detection located (up to 1,000).
import { randomUUID } from 'node:crypto'
import type { CustomIdentifier } from '../detect/custom.js'
import type { Category, Identifier, Severity } from '../detect/identifier.js'
import { customSeverity, findingType, managedSeverity, maxSeverity, type SeverityScore } from '../detect/severity.js'
import type { Encryption, SourceObject, Tag } from '../sources/types.js'
import type { Occurrences, Tally } from './tally.js'

/** Macie's result status codes. */
export type StatusCode = 'COMPLETE' | 'PARTIAL' | 'SKIPPED'

/**
 * One managed detection in `sensitiveData[].detections` (Macie's `DefaultDetection`); findings
 * give `O` Macie's wider `Occurrences`.
 */
export interface SensitiveDataDetection<O = Occurrences> {
  type: string
  count: number
  occurrences: O
}

/** One custom identifier detection (Macie's `CustomDetection`); findings give `O` Macie's wider `Occurrences`. */
export interface CustomDetection<O = Occurrences> {
  arn: string | null
  name: string
  count: number
  occurrences: O
}

/** Macie's `ClassificationResult`. */
export interface ClassificationResult {
  additionalOccurrences: boolean
  customDataIdentifiers: { totalCount: number; detections: CustomDetection[] }
  mimeType: string | null
  sensitiveData: Array<{ category: Category; totalCount: number; detections: SensitiveDataDetection[] }>
  sizeClassified: number
  status: { code: StatusCode; reason: string | null }
}

/** The analysed object, as Macie describes it under `resourcesAffected`. */
export interface ObjectRef {
  bucket: string
  key: string
  size: number
  lastModified?: Date
  eTag?: string
  versionId?: string
  storageClass?: string
  /** Learnt when the object is read, where the store reports it. */
  serverSideEncryption?: Encryption
  /** Known when the read says the object has no tags (then `[]`). */
  tags?: Tag[]
}

/** Macie's `embeddedFileDetails`: which member of an archive (or attachment) a record is about. */
export interface EmbeddedFileDetails {
  filePath: string
  fileExtension: string
  fileSize: number | null
  fileLastModified: string | null
}

/** Who and what produced the record. */
export interface RecordContext {
  accountId: string
  region: string
  partition?: string
  jobId: string
  jobArn?: string
  originType?: 'SENSITIVE_DATA_DISCOVERY_JOB' | 'AUTOMATED_SENSITIVE_DATA_DISCOVERY'
  detailedResultsLocation?: string
}

/** A sensitive data discovery result record. */
export interface ResultRecord {
  accountId: string
  category: 'CLASSIFICATION'
  classificationDetails: {
    detailedResultsLocation: string | null
    jobArn: string | null
    jobId: string | null
    originType: string
    result: ClassificationResult
  }
  createdAt: string
  description: string
  id: string
  partition: string
  region: string
  resourcesAffected: {
    s3Bucket: { arn: string; name: string }
    s3Object: {
      bucketArn: string
      eTag: string | null
      extension: string
      key: string
      lastModified: string | null
      path: string
      publicAccess: boolean
      size: number
      storageClass: string
      versionId: string | null
      serverSideEncryption?: Encryption
      tags?: Tag[]
      embeddedFileDetails?: EmbeddedFileDetails
    }
  }
  schemaVersion: '1.0'
  severity?: SeverityScore
  title: string
  type?: string
  updatedAt: string
}

const CATEGORY_WORDS: Record<Category, string> = {
  CREDENTIALS: 'credentials data',
  FINANCIAL_INFORMATION: 'financial information',
  PERSONAL_INFORMATION: 'personal information',
}

/** What the scan of one object produced. */
export interface ObjectOutcome {
  object: ObjectRef
  /** Set for an archive member or attachment: the record is about it, inside `object`. */
  embedded?: EmbeddedFileDetails
  mimeType: string | null
  sizeClassified: number
  status: StatusCode
  reason: string | null
  tally?: Tally
}

/**
 * A listed object's identity and listing facts alone, without what a caller adds to it (a plan's
 * sequence number, a local path); optional facts are left out when the listing has none.
 * @example
 * objectRefOf({ seq: 3, bucket: 'b', key: 'k', size: 1, lastModified: new Date() }) // no seq
 */
export function objectRefOf(object: SourceObject): SourceObject {
  return {
    bucket: object.bucket,
    key: object.key,
    size: object.size,
    lastModified: object.lastModified,
    ...(object.eTag !== undefined ? { eTag: object.eTag } : {}),
    ...(object.versionId !== undefined ? { versionId: object.versionId } : {}),
    ...(object.storageClass !== undefined ? { storageClass: object.storageClass } : {}),
  }
}

/**
 * The outcome of an object not analysed: SKIPPED for `reason`, nothing classified.
 * @example
 * buildResultRecord(skippedOutcome(object, 'UNABLE_TO_PARSE_FILE'), ctx, new Map(), new Map())
 */
export function skippedOutcome(object: SourceObject, reason: string): ObjectOutcome {
  return { object: objectRefOf(object), mimeType: null, sizeClassified: 0, status: 'SKIPPED', reason }
}

/**
 * Builds the discovery result record of one object.
 * @example
 * buildResultRecord(outcome, { accountId: '111122223333', region: 'us-east-1', jobId: 'j' }, byId, customById)
 */
export function buildResultRecord(
  outcome: ObjectOutcome,
  ctx: RecordContext,
  managedById: ReadonlyMap<string, Identifier>,
  customById: ReadonlyMap<string, CustomIdentifier>,
): ResultRecord {
  const partition = ctx.partition ?? 'aws'
  const now = new Date().toISOString()
  const sensitive = new Map<Category, { category: Category; totalCount: number; detections: SensitiveDataDetection[] }>()
  const customDetections: CustomDetection[] = []
  const severities: Severity[] = []
  const categories = new Set<Category | 'CUSTOM_IDENTIFIER'>()
  for (const e of outcome.tally?.entries.values() ?? []) {
    if (e.isCustom) {
      const cdi = customById.get(e.id)
      customDetections.push({ arn: cdi?.arn ?? null, name: cdi?.name ?? e.id, count: e.count, occurrences: e.occurrences })
      const s = cdi ? customSeverity(cdi, e.count) : 'Medium'
      if (s) {
        severities.push(s)
        categories.add('CUSTOM_IDENTIFIER')
      }
      continue
    }
    const idf = managedById.get(e.id)
    if (!idf) continue
    let group = sensitive.get(idf.category)
    if (!group) sensitive.set(idf.category, (group = { category: idf.category, totalCount: 0, detections: [] }))
    group.totalCount += e.count
    group.detections.push({ type: e.id, count: e.count, occurrences: e.occurrences })
    severities.push(managedSeverity(idf, e.count))
    categories.add(idf.category)
  }
  const sensitiveData = [...sensitive.values()].sort((a, b) => a.category.localeCompare(b.category))
  for (const g of sensitiveData) g.detections.sort((a, b) => a.type.localeCompare(b.type))
  customDetections.sort((a, b) => a.name.localeCompare(b.name))
  const type = findingType(categories)
  const severity = maxSeverity(severities)
  const { object } = outcome
  const extension = extensionOf(object.key)
  const bucketArn = `arn:${partition}:s3:::${object.bucket}`
  const found = [...categories].map((c) => (c === 'CUSTOM_IDENTIFIER' ? 'custom sensitive data' : CATEGORY_WORDS[c]))
  const title = type ? `The S3 object contains ${found.length > 1 ? 'multiple types of sensitive information' : found[0]}.` : 'The S3 object contains no sensitive data.'
  const description =
    outcome.status === 'SKIPPED'
      ? `The S3 object was not analysed: ${outcome.reason ?? 'unknown reason'}.`
      : type
        ? `The object contains ${found.join(' and ')}.`
        : 'No sensitive data was found in the object.'
  return {
    accountId: ctx.accountId,
    category: 'CLASSIFICATION',
    classificationDetails: {
      detailedResultsLocation: ctx.detailedResultsLocation ?? null,
      jobArn: ctx.jobArn ?? `arn:${partition}:macie2:${ctx.region}:${ctx.accountId}:classification-job/${ctx.jobId}`,
      jobId: ctx.jobId,
      originType: ctx.originType ?? 'SENSITIVE_DATA_DISCOVERY_JOB',
      result: {
        additionalOccurrences: outcome.tally?.additionalOccurrences ?? false,
        customDataIdentifiers: { totalCount: customDetections.reduce((n, d) => n + d.count, 0), detections: customDetections },
        mimeType: outcome.mimeType,
        sensitiveData,
        sizeClassified: outcome.sizeClassified,
        status: { code: outcome.status, reason: outcome.reason },
      },
    },
    createdAt: now,
    description,
    id: randomUUID().replace(/-/g, ''),
    partition,
    region: ctx.region,
    resourcesAffected: {
      s3Bucket: { arn: bucketArn, name: object.bucket },
      s3Object: {
        bucketArn,
        eTag: object.eTag ?? null,
        extension,
        key: object.key,
        lastModified: object.lastModified?.toISOString() ?? null,
        path: `${object.bucket}/${object.key}`,
        publicAccess: false,
        size: object.size,
        storageClass: object.storageClass ?? 'STANDARD',
        versionId: object.versionId ?? null,
        ...(object.serverSideEncryption ? { serverSideEncryption: object.serverSideEncryption } : {}),
        ...(object.tags ? { tags: object.tags } : {}),
        ...(outcome.embedded ? { embeddedFileDetails: outcome.embedded } : {}),
      },
    },
    schemaVersion: '1.0',
    ...(severity ? { severity } : {}),
    title,
    ...(type ? { type } : {}),
    updatedAt: now,
  }
}

/** The extension Macie reports: after the last dot of the file name, without the dot. */
export function extensionOf(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1) : ''
}

/**
 * The path a record is about, for people: `bucket/key`, and `bucket/key!/member` for an archive
 * member or attachment.
 * @example
 * displayPath(record) // 'bucket/bundle.tar.gz!/outer.zip/people.csv'
 */
export function displayPath(record: ResultRecord): string {
  const o = record.resourcesAffected.s3Object
  return o.embeddedFileDetails ? `${o.path}!/${o.embeddedFileDetails.filePath}` : o.path
}
