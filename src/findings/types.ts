// Macie's finding JSON (a GetFindings item, MACIE.md §6.4) as TypeScript types, member for member
// with the API model's Finding, ResourcesAffected, S3Bucket, S3Object, PolicyDetails, … shapes.
// The types are data only; building, matching and aggregating findings live beside them.
import type { SensitiveFindingType, SeverityScore } from '../detect/severity.js'
import type { CustomDetection as ResultCustomDetection, SensitiveDataDetection } from '../scan/record.js'
import type { CellOccurrence as Cell, LineRange as Range, RecordOccurrence as RecordLocation } from '../scan/tally.js'

// A finding locates occurrences as a discovery result record does; only `Occurrences` differs
// (Macie's finding shape has offsetRanges, page ranges and null arrays that records never use).
export type { Cell, Range, RecordLocation, SensitiveFindingType, SeverityScore }

/** Macie's policy finding types (MACIE.md §6.1). */
export type PolicyFindingType =
  | 'Policy:IAMUser/S3BlockPublicAccessDisabled'
  | 'Policy:IAMUser/S3BucketEncryptionDisabled'
  | 'Policy:IAMUser/S3BucketPublic'
  | 'Policy:IAMUser/S3BucketReplicatedExternally'
  | 'Policy:IAMUser/S3BucketSharedExternally'
  | 'Policy:IAMUser/S3BucketSharedWithCloudFront'

/** Macie's `FindingType`: every sensitive data and policy finding type. */
export type FindingType = SensitiveFindingType | PolicyFindingType

/** Macie's `FindingCategory`. */
export type FindingCategory = 'CLASSIFICATION' | 'POLICY'

/** Macie's `EncryptionType`. */
export type EncryptionType = 'NONE' | 'AES256' | 'aws:kms' | 'aws:kms:dsse' | 'UNKNOWN'

/** Macie's `StorageClass`. */
export type StorageClass =
  | 'STANDARD'
  | 'REDUCED_REDUNDANCY'
  | 'STANDARD_IA'
  | 'INTELLIGENT_TIERING'
  | 'DEEP_ARCHIVE'
  | 'ONEZONE_IA'
  | 'GLACIER'
  | 'GLACIER_IR'
  | 'OUTPOSTS'

/** Macie's `EffectivePermission`. */
export type EffectivePermission = 'PUBLIC' | 'NOT_PUBLIC' | 'UNKNOWN'

/** Macie's `AllowsUnencryptedObjectUploads`. */
export type AllowsUnencryptedObjectUploads = 'TRUE' | 'FALSE' | 'UNKNOWN'

/** Macie's `SharedAccess` (a bucket's, in DescribeBuckets). */
export type SharedAccess = 'EXTERNAL' | 'INTERNAL' | 'NOT_SHARED' | 'UNKNOWN'

/** Macie's `KeyValuePair`: a tag of a bucket or object. */
export interface KeyValuePair {
  key: string
  value: string
}

/** Macie's `ServerSideEncryption`: a bucket's default or an object's encryption. */
export interface ServerSideEncryption {
  encryptionType: EncryptionType
  kmsMasterKeyId: string | null
}

/** Macie's `S3BucketOwner`: display name and canonical user ID. */
export interface S3BucketOwner {
  displayName: string | null
  id: string | null
}

/** Macie's `BlockPublicAccess`: the four block public access settings. */
export interface BlockPublicAccess {
  blockPublicAcls: boolean
  blockPublicPolicy: boolean
  ignorePublicAcls: boolean
  restrictPublicBuckets: boolean
}

/** Macie's `AccessControlList` and `BucketPolicy`: whether each grants the public read or write. */
export interface PublicGrants {
  allowsPublicReadAccess: boolean
  allowsPublicWriteAccess: boolean
}

/** Macie's `BucketPermissionConfiguration`. */
export interface BucketPermissionConfiguration {
  accountLevelPermissions: { blockPublicAccess: BlockPublicAccess | null } | null
  bucketLevelPermissions: {
    /** Null when the store does not report the ACL. */
    accessControlList: PublicGrants | null
    blockPublicAccess: BlockPublicAccess | null
    /** Null when the bucket has no policy. */
    bucketPolicy: PublicGrants | null
  } | null
}

/** Macie's `BucketPublicAccess`. */
export interface BucketPublicAccess {
  effectivePermission: EffectivePermission
  permissionConfiguration: BucketPermissionConfiguration | null
}

/** Macie's `S3Bucket`: the bucket a finding applies to. */
export interface S3Bucket {
  allowsUnencryptedObjectUploads: AllowsUnencryptedObjectUploads
  arn: string
  createdAt: string | null
  defaultServerSideEncryption: ServerSideEncryption | null
  name: string
  owner: S3BucketOwner | null
  publicAccess: BucketPublicAccess | null
  tags: KeyValuePair[]
}

/** Macie's `S3Object`: the object a sensitive data finding applies to. */
export interface S3Object {
  bucketArn: string
  eTag: string | null
  /** After the last dot of the file name, without the dot; "" when there is none. */
  extension: string
  key: string
  lastModified: string | null
  /** `bucket/key`. */
  path: string
  publicAccess: boolean
  serverSideEncryption: ServerSideEncryption | null
  size: number
  storageClass: StorageClass | string
  tags: KeyValuePair[]
  versionId: string | null
}

/** Macie's `ResourcesAffected`; `s3Object` is null for policy findings. */
export interface ResourcesAffected {
  s3Bucket: S3Bucket
  s3Object: S3Object | null
}

/** Macie's `Page`; its ranges are reserved by Macie and never set by trawl. */
export interface Page {
  pageNumber: number
  lineRange?: Range | null
  offsetRange?: Range | null
}

/** Macie's `Occurrences`: 1–15 locations in a finding; unused arrays absent or null. */
export interface Occurrences {
  cells?: Cell[] | null
  lineRanges?: Range[] | null
  offsetRanges?: Range[] | null
  pages?: Page[] | null
  records?: RecordLocation[] | null
}

/** Macie's `DefaultDetection`: one managed data identifier's count and locations. */
export type DefaultDetection = SensitiveDataDetection<Occurrences>

/** Macie's `SensitiveDataItem`: one category's detections. */
export interface SensitiveDataItem {
  category: 'CREDENTIALS' | 'FINANCIAL_INFORMATION' | 'PERSONAL_INFORMATION' | 'CUSTOM_IDENTIFIER'
  detections: DefaultDetection[]
  totalCount: number
}

/** Macie's `CustomDetection`: one custom data identifier's count and locations. */
export type CustomDetection = ResultCustomDetection<Occurrences>

/** Macie's `ClassificationResult`. */
export interface ClassificationResult {
  additionalOccurrences: boolean
  customDataIdentifiers: { detections: CustomDetection[]; totalCount: number }
  mimeType: string | null
  sensitiveData: SensitiveDataItem[]
  sizeClassified: number
  status: { code: string; reason: string | null }
}

/** Macie's `ClassificationDetails`; job fields are null for automated discovery. */
export interface ClassificationDetails {
  detailedResultsLocation: string | null
  jobArn: string | null
  jobId: string | null
  originType: 'SENSITIVE_DATA_DISCOVERY_JOB' | 'AUTOMATED_SENSITIVE_DATA_DISCOVERY' | string
  result: ClassificationResult
}

/** Macie's `ApiCallDetails`. */
export interface ApiCallDetails {
  api: string
  apiServiceName: string
  firstSeen: string
  lastSeen: string
}

/** Macie's `FindingAction`. */
export interface FindingAction {
  actionType: 'AWS_API_CALL'
  apiCallDetails: ApiCallDetails | null
}

/** Macie's `SessionContext` of temporary credentials. */
export interface SessionContext {
  attributes: { creationDate: string | null; mfaAuthenticated: boolean } | null
  sessionIssuer: { accountId: string; arn: string; principalId: string; type: string; userName: string | null } | null
}

/** Macie's `UserIdentity`: who made the call (trawl observes state, so it never knows). */
export interface UserIdentity {
  type: 'AssumedRole' | 'IAMUser' | 'FederatedUser' | 'Root' | 'AWSAccount' | 'AWSService'
  assumedRole?: { accessKeyId: string; accountId: string; arn: string; principalId: string; sessionContext: SessionContext | null } | null
  awsAccount?: { accountId: string; principalId: string } | null
  awsService?: { invokedBy: string } | null
  federatedUser?: { accessKeyId: string; accountId: string; arn: string; principalId: string; sessionContext: SessionContext | null } | null
  iamUser?: { accountId: string; arn: string; principalId: string; userName: string } | null
  root?: { accountId: string; arn: string; principalId: string } | null
}

/** Macie's `FindingActor`. */
export interface FindingActor {
  domainDetails: { domainName: string } | null
  ipAddressDetails: {
    ipAddressV4: string
    ipCity: { name: string } | null
    ipCountry: { code: string; name: string } | null
    ipGeoLocation: { lat: number; lon: number } | null
    ipOwner: { asn: string; asnOrg: string; isp: string; org: string } | null
  } | null
  userIdentity: UserIdentity | null
}

/** Macie's `PolicyDetails`. */
export interface PolicyDetails {
  action: FindingAction | null
  actor: FindingActor | null
}

/**
 * Macie's `Finding`: a sensitive data finding (classificationDetails set, policyDetails null) or a
 * policy finding (the reverse). A type alias rather than an interface, so that it is assignable
 * to the store's JSON column (`FindingRow.finding`).
 */
export type Finding = {
  accountId: string
  archived: boolean
  category: FindingCategory
  classificationDetails: ClassificationDetails | null
  count: number
  createdAt: string
  description: string
  id: string
  partition: string
  policyDetails: PolicyDetails | null
  region: string
  resourcesAffected: ResourcesAffected
  sample: boolean
  schemaVersion: string
  severity: SeverityScore
  title: string
  type: FindingType
  updatedAt: string
}
