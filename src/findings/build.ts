// A sensitive data finding from an object's discovery result record (MACIE.md §6): the record's
// type, severity and counts, its locations cut to Macie's 15 per detection type, and the bucket
// and object as a finding describes them. Whether the finding is suppressed is filters.ts' job.
import { randomBytes } from 'node:crypto'
import type { ResultRecord } from '../scan/record.js'
import type { Encryption, Tag } from '../sources/types.js'
import { serverSideEncryptionOf } from './bucket-access.js'
import type { ClassificationResult, Finding, Occurrences, S3Bucket, SensitiveFindingType } from './types.js'

/** Locations a finding keeps per detection type (and per custom identifier); results keep 1,000. */
export const FINDING_OCCURRENCES_CAP = 15

/** What a finding adds to the record: the bucket's posture, the object's tags and encryption. */
export interface FindingExtras {
  s3Bucket: S3Bucket
  objectTags?: Tag[]
  serverSideEncryption?: Encryption
  /** Whether the object itself is public (its ACL or the bucket's); false when unknown. */
  objectPublicAccess?: boolean
  /** Where the record was written in the discovery results repository. */
  detailedResultsLocation?: string
}

const OCCURRENCE_KINDS = ['lineRanges', 'cells', 'records', 'pages', 'offsetRanges'] as const

/** The first `cap` locations of one detection, across its arrays in a fixed order; `isCut` when any was dropped. */
function capOccurrences(o: Occurrences, cap: number): { occurrences: Occurrences; isCut: boolean } {
  let left = cap
  let isCut = false
  const out: Occurrences = {}
  for (const kind of OCCURRENCE_KINDS) {
    const list = o[kind]
    if (!list) continue
    if (list.length > left) isCut = true
    // The arrays differ in element type; each is copied into its own key.
    ;(out as Record<string, unknown>)[kind] = list.slice(0, left).map((x) => ({ ...x }))
    left = Math.max(0, left - list.length)
  }
  return { occurrences: out, isCut }
}

function cappedResult(result: ClassificationResult): ClassificationResult {
  let isCut = false
  const cap = (o: Occurrences): Occurrences => {
    const c = capOccurrences(o, FINDING_OCCURRENCES_CAP)
    isCut ||= c.isCut
    return c.occurrences
  }
  const sensitiveData = result.sensitiveData.map((g) => ({
    category: g.category,
    detections: g.detections.map((d) => ({ type: d.type, count: d.count, occurrences: cap(d.occurrences) })),
    totalCount: g.totalCount,
  }))
  const customDataIdentifiers = {
    detections: result.customDataIdentifiers.detections.map((d) => ({ arn: d.arn, name: d.name, count: d.count, occurrences: cap(d.occurrences) })),
    totalCount: result.customDataIdentifiers.totalCount,
  }
  return {
    additionalOccurrences: result.additionalOccurrences || isCut,
    customDataIdentifiers,
    mimeType: result.mimeType,
    sensitiveData,
    sizeClassified: result.sizeClassified,
    status: { code: result.status.code, reason: result.status.reason },
  }
}

/** Types and counts only: a description never carries a sensitive value. */
function describe(result: ClassificationResult): string {
  const parts = [
    ...result.sensitiveData.flatMap((g) => g.detections.map((d) => `${d.type} (${d.count})`)),
    ...result.customDataIdentifiers.detections.map((d) => `custom data identifier ${d.name} (${d.count})`),
  ]
  const total = result.sensitiveData.reduce((n, g) => n + g.totalCount, 0) + result.customDataIdentifiers.totalCount
  return `The S3 object contains ${total} ${total === 1 ? 'occurrence' : 'occurrences'} of sensitive data: ${parts.join(', ')}.`
}

/**
 * A new finding ID: 32 lowercase hex characters, as Macie's look.
 * @example
 * newFindingId() // '6f1c0b9e2d4a4c7e8b3f5a1d9e0c2b7a'
 */
export function newFindingId(): string {
  return randomBytes(16).toString('hex')
}

/**
 * The sensitive data finding of one analysed object, or undefined when the record calls for none:
 * no reportable detection, or a record about an archive member (members get results, their
 * archive gets the finding).
 * @example
 * const finding = buildSensitiveDataFinding(record, { s3Bucket: s3BucketOf({ name: 'b' }, posture, '111122223333') })
 */
export function buildSensitiveDataFinding(record: ResultRecord, extras: FindingExtras): Finding | undefined {
  if (!record.type || !record.severity) return undefined
  const o = record.resourcesAffected.s3Object
  if (o.embeddedFileDetails) return undefined
  const details = record.classificationDetails
  const result = cappedResult(details.result)
  return {
    accountId: record.accountId,
    archived: false,
    category: 'CLASSIFICATION',
    classificationDetails: {
      detailedResultsLocation: extras.detailedResultsLocation ?? details.detailedResultsLocation,
      jobArn: details.jobArn,
      jobId: details.jobId,
      originType: details.originType,
      result,
    },
    count: 1,
    createdAt: record.createdAt,
    description: describe(result),
    id: newFindingId(),
    partition: record.partition,
    policyDetails: null,
    region: record.region,
    resourcesAffected: {
      s3Bucket: extras.s3Bucket,
      s3Object: {
        bucketArn: o.bucketArn,
        eTag: o.eTag,
        extension: o.extension,
        key: o.key,
        lastModified: o.lastModified,
        path: o.path,
        publicAccess: extras.objectPublicAccess ?? o.publicAccess,
        serverSideEncryption: extras.serverSideEncryption ? serverSideEncryptionOf(extras.serverSideEncryption) : null,
        size: o.size,
        storageClass: o.storageClass,
        tags: (extras.objectTags ?? []).map((t) => ({ key: t.key, value: t.value })),
        versionId: o.versionId,
      },
    },
    sample: false,
    schemaVersion: record.schemaVersion,
    severity: { description: record.severity.description, score: record.severity.score },
    title: record.title,
    type: record.type as SensitiveFindingType,
    // Sensitive data findings are never updated (MACIE.md §6.3).
    updatedAt: record.createdAt,
  }
}
