// What trawl needs of object storage, whatever serves it: S3 through the AWS SDK (AWS, MinIO,
// Ceph, R2, moto, …) or local folders. Listing streams page by page; objects are read as streams.
// A SourceSpec is plain data, so worker threads can open the same source themselves.
import type { Readable } from 'node:stream'

/** A tag on a bucket or object. */
export interface Tag {
  key: string
  value: string
}

/** How to reach a store: plain data that crosses to worker threads. */
export type SourceSpec =
  | {
      kind: 's3'
      /** Endpoint URL; absent: the SDK's own (AWS, or `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`). */
      endpoint?: string
      /** Region; absent: the SDK's chain (`AWS_REGION`, profile), else us-east-1. */
      region?: string
      /** Path-style addressing (local servers); absent: true when an endpoint is given. */
      forcePathStyle?: boolean
      /** Static credentials; absent: the standard credential chain (`AWS_PROFILE`, env, files, …). */
      credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
      profile?: string
    }
  | {
      kind: 'folder'
      /** A folder whose sub-folders are buckets. */
      root: string
    }

/** A bucket, as listing shows it. */
export interface BucketInfo {
  name: string
  createdAt?: Date
  /** The bucket's region, where the store tells it. */
  region?: string
}

/** An object, as listing shows it (latest version only, as Macie analyses). */
export interface SourceObject {
  bucket: string
  key: string
  size: number
  lastModified: Date
  eTag?: string
  storageClass?: string
  versionId?: string
}

/** Server-side encryption of an object or a bucket's default. */
export interface Encryption {
  /** Macie's values: NONE, AES256, aws:kms, aws:kms:dsse, UNKNOWN (SSE-C objects: 'SSE-C'). */
  encryptionType: string
  kmsMasterKeyId: string | null
}

/** What a HEAD adds to a listed object. */
export interface ObjectHead {
  size: number
  lastModified: Date
  eTag?: string
  versionId?: string
  storageClass?: string
  contentType?: string
  serverSideEncryption: Encryption
}

/** An object opened for reading, with what the read told about it on the way. */
export interface OpenedObject {
  body: Readable
  /** The object's encryption, where the read reports it (S3: the GET's headers). */
  serverSideEncryption?: Encryption
  /** How many tags the object has, where the read reports it (S3: `x-amz-tagging-count`). */
  tagCount?: number
}

/** The four public access block settings. */
export interface BlockPublicAccess {
  blockPublicAcls: boolean
  blockPublicPolicy: boolean
  ignorePublicAcls: boolean
  restrictPublicBuckets: boolean
}

/**
 * A bucket's security posture, each part `undefined` where the store does not expose it
 * (for DescribeBuckets, bucket criteria and policy findings).
 */
export interface BucketPosture {
  /** Bucket-level public access block; `null` when none is set. */
  publicAccessBlock?: BlockPublicAccess | null
  /** The bucket policy document (JSON text); `null` when none is set. */
  policy?: string | null
  /** Whether the ACL grants AllUsers / AuthenticatedUsers read or write. */
  acl?: { allowsPublicReadAccess: boolean; allowsPublicWriteAccess: boolean; owner?: { id: string; displayName?: string } }
  /** Default encryption; `encryptionType: 'NONE'` when none is configured. */
  defaultEncryption?: Encryption
  /** Replication destinations (bucket ARNs and accounts), `[]` when none. */
  replication?: Array<{ destinationBucket: string; account?: string }>
  versioning?: boolean
  tags?: Tag[]
}

/** Why an object or bucket could not be read, in Macie's result reasons. */
export type SourceFailure =
  | 'PERMISSION_DENIED'
  | 'SOURCE_OBJECT_NO_LONGER_AVAILABLE'
  | 'NO_SUCH_BUCKET_AVAILABLE'
  | 'INVALID_ENCRYPTION'
  | 'INVALID_KMS_KEY'
  | 'OBJECT_VERSION_MISMATCH'

/** A read that failed for a reason Macie names; anything else is an infrastructure error. */
export class SourceError extends Error {
  override readonly name = 'SourceError'
  constructor(
    readonly reason: SourceFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** Options of a write into a bucket (the discovery results repository). */
export interface PutOptions {
  contentType?: string
  /** Store the object with SSE-KMS under this key (ARN, ID or alias ARN). */
  kmsKeyId?: string
}

/** Object storage, read (and written, for the results repository). */
export interface ObjectSource {
  /** Streams the account's buckets. */
  listBuckets(): AsyncIterable<BucketInfo>
  /** Streams a bucket's objects page by page (never the whole listing in memory), in key order. */
  listObjects(bucket: string, prefix?: string): AsyncIterable<SourceObject>
  headObject(bucket: string, key: string): Promise<ObjectHead>
  getObjectTags(bucket: string, key: string): Promise<Tag[]>
  /**
   * Opens an object for reading. With `eTag`, a changed object fails with
   * OBJECT_VERSION_MISMATCH; failures Macie names are SourceErrors.
   */
  openObject(object: Pick<SourceObject, 'bucket' | 'key'> & { eTag?: string; versionId?: string }): Promise<Readable>
  /** As `openObject`, with what the read reports about the object (saves a HEAD where it can). */
  readObject?(object: Pick<SourceObject, 'bucket' | 'key'> & { eTag?: string; versionId?: string }): Promise<OpenedObject>
  getBucketPosture(bucket: string): Promise<BucketPosture>
  /** Writes an object; reports whether the store applied SSE-KMS with the key asked for. */
  putObject(bucket: string, key: string, body: Buffer, options?: PutOptions): Promise<{ isKmsEncrypted: boolean }>
  /** Whether the bucket exists and can be reached. */
  hasBucket(bucket: string): Promise<boolean>
  close(): void
}
