// Sample findings (CreateSampleFindings, MACIE.md §6.3): one finding per type, shaped exactly as
// real ones, marked `sample: true`, about an invented bucket and objects. Storing them is the caller's job.
import { randomUUID } from 'node:crypto'
import { managedIdentifiers } from '../detect/identifiers/index.js'
import { managedSeverity, maxSeverity } from '../detect/severity.js'
import type { Severity } from '../detect/identifier.js'
import type { BucketPosture } from '../sources/types.js'
import type { Scope } from '../store/types.js'
import { s3BucketOf } from './bucket-access.js'
import { newFindingId } from './build.js'
import { policyFindingsFor } from './policy.js'
import type { CustomDetection, Finding, FindingType, Occurrences, PolicyFindingType, SensitiveDataItem, SensitiveFindingType } from './types.js'

/** Every finding type, in the model's order: what CreateSampleFindings makes when asked for none. */
export const FINDING_TYPES: readonly FindingType[] = [
  'SensitiveData:S3Object/Multiple',
  'SensitiveData:S3Object/Financial',
  'SensitiveData:S3Object/Personal',
  'SensitiveData:S3Object/Credentials',
  'SensitiveData:S3Object/CustomIdentifier',
  'Policy:IAMUser/S3BucketPublic',
  'Policy:IAMUser/S3BucketSharedExternally',
  'Policy:IAMUser/S3BucketReplicatedExternally',
  'Policy:IAMUser/S3BucketEncryptionDisabled',
  'Policy:IAMUser/S3BlockPublicAccessDisabled',
  'Policy:IAMUser/S3BucketSharedWithCloudFront',
]

/** The invented bucket every sample finding is about. */
export const SAMPLE_BUCKET = 'trawl-sample-findings-bucket'

const SAMPLE_NOTE = 'This is a sample finding: it describes an invented bucket and object, not data trawl analysed.'

interface ManagedPart {
  type: string
  count: number
  occurrences: Occurrences
}

interface SensitiveSample {
  key: string
  mimeType: string
  size: number
  managed: ManagedPart[]
  /** Matches of one custom data identifier (its severity: Macie's default, Medium). */
  custom?: { name: string; count: number; occurrences: Occurrences }
  title: string
}

const cells = (columnName: string, column: number, rows: number[]): Occurrences => ({
  cells: rows.map((row) => ({ row, column, columnName, cellReference: null })),
})

const SENSITIVE_SAMPLES: Record<SensitiveFindingType, SensitiveSample> = {
  'SensitiveData:S3Object/Credentials': {
    key: 'deploy/config/app.env',
    mimeType: 'text/plain',
    size: 1_204,
    managed: [{ type: 'AWS_CREDENTIALS', count: 2, occurrences: { lineRanges: [{ start: 4, end: 4, startColumn: 19 }, { start: 5, end: 5, startColumn: 23 }] } }],
    title: 'The S3 object contains credentials data.',
  },
  'SensitiveData:S3Object/Financial': {
    key: 'finance/2024/card-payments.csv',
    mimeType: 'text/csv',
    size: 48_312,
    managed: [{ type: 'CREDIT_CARD_NUMBER', count: 12, occurrences: cells('card_number', 3, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]) }],
    title: 'The S3 object contains financial information.',
  },
  'SensitiveData:S3Object/Personal': {
    key: 'hr/employees.csv',
    mimeType: 'text/csv',
    size: 20_480,
    managed: [{ type: 'USA_SOCIAL_SECURITY_NUMBER', count: 30, occurrences: cells('ssn', 2, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]) }],
    title: 'The S3 object contains personal information.',
  },
  'SensitiveData:S3Object/CustomIdentifier': {
    key: 'hr/badges.txt',
    mimeType: 'text/plain',
    size: 3_072,
    managed: [],
    custom: { name: 'EmployeeId', count: 3, occurrences: { lineRanges: [1, 2, 3].map((n) => ({ start: n, end: n, startColumn: 12 })) } },
    title: 'The S3 object contains custom sensitive data.',
  },
  'SensitiveData:S3Object/Multiple': {
    key: 'exports/customers.json',
    mimeType: 'application/json',
    size: 102_400,
    managed: [
      { type: 'EMAIL_ADDRESS', count: 120, occurrences: { records: [0, 1, 2].map((i) => ({ recordIndex: 0, jsonPath: `$.customers[${i}].email` })) } },
      { type: 'CREDIT_CARD_NUMBER', count: 118, occurrences: { records: [0, 1, 2].map((i) => ({ recordIndex: 0, jsonPath: `$.customers[${i}].card` })) } },
    ],
    title: 'The S3 object contains multiple types of sensitive information.',
  },
}

// Settings of a well-kept bucket: the sensitive data samples' bucket, and the start of each policy sample's.
const KEPT: BucketPosture = {
  publicAccessBlock: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
  policy: null,
  acl: { allowsPublicReadAccess: false, allowsPublicWriteAccess: false },
  defaultEncryption: { encryptionType: 'AES256', kmsMasterKeyId: null },
  replication: [],
  tags: [{ key: 'env', value: 'sample' }],
}

/** The invented bucket's posture for each policy type: the state that calls for that finding. */
function policyPosture(type: PolicyFindingType, scope: Scope): BucketPosture {
  // Sharing and replication are external only towards an account other than the caller's.
  const external = scope.accountId === '123456789012' ? '210987654321' : '123456789012'
  const allow = (principal: unknown) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `arn:aws:s3:::${SAMPLE_BUCKET}/*` }] })
  switch (type) {
    case 'Policy:IAMUser/S3BlockPublicAccessDisabled':
      return { ...KEPT, publicAccessBlock: { blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false } }
    case 'Policy:IAMUser/S3BucketEncryptionDisabled':
      return { ...KEPT, defaultEncryption: { encryptionType: 'NONE', kmsMasterKeyId: null } }
    case 'Policy:IAMUser/S3BucketPublic':
      return { ...KEPT, publicAccessBlock: { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: false }, policy: allow('*') }
    case 'Policy:IAMUser/S3BucketReplicatedExternally':
      return { ...KEPT, replication: [{ destinationBucket: `arn:aws:s3:::replica-of-${SAMPLE_BUCKET}`, account: external }] }
    case 'Policy:IAMUser/S3BucketSharedExternally':
      return { ...KEPT, policy: allow({ AWS: `arn:aws:iam::${external}:root` }) }
    case 'Policy:IAMUser/S3BucketSharedWithCloudFront':
      return { ...KEPT, policy: allow({ Service: 'cloudfront.amazonaws.com' }) }
  }
}

function severityOf(sample: SensitiveSample): Finding['severity'] {
  const levels: Severity[] = sample.managed.map((m) => {
    const identifier = managedIdentifiers.find((i) => i.id === m.type)
    if (!identifier) throw new Error(`sample finding names ${m.type}, which is not a managed data identifier`)
    return managedSeverity(identifier, m.count)
  })
  if (sample.custom) levels.push('Medium')
  return maxSeverity(levels)!
}

function sensitiveSample(type: SensitiveFindingType, scope: Scope, at: string): Finding {
  const sample = SENSITIVE_SAMPLES[type]
  const byCategory = new Map<SensitiveDataItem['category'], SensitiveDataItem>()
  for (const m of sample.managed) {
    const category = managedIdentifiers.find((i) => i.id === m.type)!.category
    let item = byCategory.get(category)
    if (!item) byCategory.set(category, (item = { category, detections: [], totalCount: 0 }))
    item.detections.push({ type: m.type, count: m.count, occurrences: m.occurrences })
    item.totalCount += m.count
  }
  const custom: CustomDetection[] = sample.custom
    ? [{ arn: `arn:aws:macie2:${scope.region}:${scope.accountId}:custom-data-identifier/${randomUUID()}`, name: sample.custom.name, count: sample.custom.count, occurrences: sample.custom.occurrences }]
    : []
  const jobId = newFindingId()
  const extension = sample.key.slice(sample.key.lastIndexOf('.') + 1)
  const counts = [...sample.managed.map((m) => `${m.type} (${m.count})`), ...custom.map((c) => `custom data identifier ${c.name} (${c.count})`)]
  return {
    accountId: scope.accountId,
    archived: false,
    category: 'CLASSIFICATION',
    classificationDetails: {
      detailedResultsLocation: `s3://${SAMPLE_BUCKET}-results/AWSLogs/${scope.accountId}/Macie/${scope.region}/${jobId}/${scope.accountId}-sample.jsonl.gz`,
      jobArn: `arn:aws:macie2:${scope.region}:${scope.accountId}:classification-job/${jobId}`,
      jobId,
      originType: 'SENSITIVE_DATA_DISCOVERY_JOB',
      result: {
        additionalOccurrences: sample.managed.some((m) => m.count > 15),
        customDataIdentifiers: { detections: custom, totalCount: custom.reduce((n, c) => n + c.count, 0) },
        mimeType: sample.mimeType,
        sensitiveData: [...byCategory.values()].sort((a, b) => a.category.localeCompare(b.category)),
        sizeClassified: sample.size,
        status: { code: 'COMPLETE', reason: null },
      },
    },
    count: 1,
    createdAt: at,
    description: `${SAMPLE_NOTE} The S3 object contains ${counts.join(', ')}.`,
    id: newFindingId(),
    partition: 'aws',
    policyDetails: null,
    region: scope.region,
    resourcesAffected: {
      s3Bucket: s3BucketOf({ name: SAMPLE_BUCKET, createdAt: new Date(Date.parse(at) - 86_400_000) }, KEPT, scope.accountId),
      s3Object: {
        bucketArn: `arn:aws:s3:::${SAMPLE_BUCKET}`,
        eTag: newFindingId(),
        extension,
        key: sample.key,
        lastModified: new Date(Date.parse(at) - 3_600_000).toISOString(),
        path: `${SAMPLE_BUCKET}/${sample.key}`,
        publicAccess: false,
        serverSideEncryption: { encryptionType: 'aws:kms', kmsMasterKeyId: `arn:aws:kms:${scope.region}:${scope.accountId}:key/${randomUUID()}` },
        size: sample.size,
        storageClass: 'STANDARD',
        tags: [{ key: 'owner', value: 'sample' }],
        versionId: null,
      },
    },
    sample: true,
    schemaVersion: '1.0',
    severity: severityOf(sample),
    title: sample.title,
    type,
    updatedAt: at,
  }
}

function policySample(type: PolicyFindingType, scope: Scope, now: Date): Finding {
  const posture = policyPosture(type, scope)
  const found = policyFindingsFor({ name: SAMPLE_BUCKET, createdAt: new Date(now.getTime() - 86_400_000) }, posture, scope, scope.accountId, () => undefined, now)
  const finding = found.find((f) => f.type === type)
  if (!finding) throw new Error(`the sample posture for ${type} calls for no such finding`)
  return { ...finding, description: `${SAMPLE_NOTE} ${finding.title} (bucket ${SAMPLE_BUCKET}).`, sample: true }
}

/**
 * One sample finding per type asked (every type when none), `sample: true`, not archived.
 * @example
 * const [finding] = sampleFindings({ accountId: '111122223333', region: 'us-east-1' }, ['SensitiveData:S3Object/Personal'], new Date())
 */
export function sampleFindings(scope: Scope, types: readonly FindingType[] | undefined, now: Date): Finding[] {
  const wanted = types && types.length > 0 ? [...new Set(types)] : FINDING_TYPES
  const at = now.toISOString()
  return wanted.map((type) =>
    type.startsWith('SensitiveData:') ? sensitiveSample(type as SensitiveFindingType, scope, at) : policySample(type as PolicyFindingType, scope, now),
  )
}
