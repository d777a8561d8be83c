// S3 and S3-compatible stores (AWS, MinIO, Ceph, R2, moto, s3rver) through the AWS SDK v3:
// listing, streamed reads, bucket posture and writes. Failures Macie names become SourceErrors;
// anything else (network, credentials, throttling) is thrown as an infrastructure error with context.
import { Readable } from 'node:stream'
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
  type Grant,
  type S3ClientConfig,
} from '@aws-sdk/client-s3'
import {
  SourceError,
  type BucketInfo,
  type BucketPosture,
  type ObjectHead,
  type ObjectSource,
  type OpenedObject,
  type PutOptions,
  type SourceFailure,
  type SourceObject,
  type SourceSpec,
  type Tag,
} from './types.js'

type S3Spec = Extract<SourceSpec, { kind: 's3' }>

/** The parts of an SDK error this module reads. */
interface ServiceErrorLike {
  name?: string
  Code?: string
  message?: string
  $metadata?: { httpStatusCode?: number }
}

function errorFacts(err: unknown): { code: string; status: number | undefined; message: string } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ServiceErrorLike
  return { code: e.Code ?? e.name ?? '', status: e.$metadata?.httpStatusCode, message: e.message ?? String(err) }
}

// 403s that mean trawl's own credentials are wrong: a configuration fault, not an object Macie
// would report as PERMISSION_DENIED.
const CREDENTIAL_FAULTS = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'RequestTimeTooSkewed',
])

/**
 * Macie's reason for an S3 failure, or undefined for an infrastructure error.
 * @example
 * s3FailureReason({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } }) // 'SOURCE_OBJECT_NO_LONGER_AVAILABLE'
 */
export function s3FailureReason(err: unknown): SourceFailure | undefined {
  const { code, status, message } = errorFacts(err)
  if (code === 'NoSuchBucket') return 'NO_SUCH_BUCKET_AVAILABLE'
  if (code === 'NoSuchKey' || code === 'NoSuchVersion' || code === 'NotFound' || status === 404) {
    return 'SOURCE_OBJECT_NO_LONGER_AVAILABLE'
  }
  if (code === 'PreconditionFailed' || status === 412) return 'OBJECT_VERSION_MISMATCH'
  // S3 relays KMS failures as KMS.<exception>: a denied key is a permission (MACIE.md §5.2),
  // a disabled, pending-deletion or missing key is an invalid one.
  if (code.startsWith('KMS.')) return /AccessDenied/i.test(code) ? 'PERMISSION_DENIED' : 'INVALID_KMS_KEY'
  if (CREDENTIAL_FAULTS.has(code)) return undefined
  if (code === 'AccessDenied' || code === 'Forbidden' || code === 'AllAccessDisabled' || status === 403) {
    return 'PERMISSION_DENIED'
  }
  // A GET of an SSE-C object without its key: 400 InvalidRequest, "The object was stored using a
  // form of Server Side Encryption. The correct parameters must be provided to retrieve the object."
  if (status === 400 && code === 'InvalidRequest' && /server.side.encryption|customer.*key|SSE-?C/i.test(message)) {
    return 'INVALID_ENCRYPTION'
  }
  return undefined
}

function unquote(eTag: string | undefined): string | undefined {
  return eTag?.replace(/^(W\/)?"(.*)"$/, '$2')
}

function describeTarget(bucket: string, key?: string): string {
  return key === undefined ? `s3://${bucket}` : `s3://${bucket}/${key}`
}

/** Throws `err` as a SourceError when Macie names it, else as an infrastructure error with context. */
function rethrow(err: unknown, operation: string, target: string): never {
  if (err instanceof SourceError) throw err
  const reason = s3FailureReason(err)
  const { code, message } = errorFacts(err)
  if (reason) throw new SourceError(reason, `${operation} ${target}: ${code || message}`, { cause: err })
  throw new Error(`${operation} ${target} failed: ${code ? `${code}: ` : ''}${message}`, { cause: err })
}

// Answers of a store that does not offer a bucket setting at all (s3rver, some S3-compatibles),
// or that does not let trawl read it: that part of the posture stays unknown.
function isUnavailablePart(err: unknown): boolean {
  const { code, status } = errorFacts(err)
  return (
    code === 'NotImplemented' ||
    code === 'MethodNotAllowed' ||
    code === 'XNotImplemented' ||
    code === 'AccessDenied' ||
    status === 501 ||
    status === 405 ||
    status === 403
  )
}

const PUBLIC_GROUPS = new Set([
  'http://acs.amazonaws.com/groups/global/AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
])

/** Whether ACL grants give the public (AllUsers or any AWS user) read or write access to the bucket. */
function publicAccessOf(grants: readonly Grant[]): { allowsPublicReadAccess: boolean; allowsPublicWriteAccess: boolean } {
  let allowsPublicReadAccess = false
  let allowsPublicWriteAccess = false
  for (const g of grants) {
    if (g.Grantee?.Type !== 'Group' || !PUBLIC_GROUPS.has(g.Grantee.URI ?? '')) continue
    if (g.Permission === 'READ' || g.Permission === 'FULL_CONTROL') allowsPublicReadAccess = true
    // WRITE_ACP counts as write: whoever may rewrite the ACL may grant themselves WRITE.
    if (g.Permission === 'WRITE' || g.Permission === 'WRITE_ACP' || g.Permission === 'FULL_CONTROL') {
      allowsPublicWriteAccess = true
    }
  }
  return { allowsPublicReadAccess, allowsPublicWriteAccess }
}

/** Whether the key S3 reports is the one asked for; aliases cannot be compared and are trusted. */
function isSameKmsKey(asked: string, reported: string | undefined): boolean {
  if (!reported || asked.startsWith('alias/') || asked.includes(':alias/')) return true
  const id = (arnOrId: string) => arnOrId.slice(arnOrId.lastIndexOf('/') + 1)
  return reported === asked || id(reported) === id(asked)
}

/** The S3 client configuration a spec stands for (see the spec's field notes for the fallbacks). */
function clientConfig(spec: S3Spec, env: NodeJS.ProcessEnv): S3ClientConfig {
  // Without an endpoint in the spec the SDK itself reads AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL;
  // an endpoint from there is a local server as much as one in the spec, so path style follows it.
  const hasEndpoint = Boolean(spec.endpoint || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL)
  return {
    region: spec.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    ...(spec.endpoint ? { endpoint: spec.endpoint } : {}),
    forcePathStyle: spec.forcePathStyle ?? hasEndpoint,
    ...(spec.credentials ? { credentials: spec.credentials } : {}),
    ...(spec.profile ? { profile: spec.profile } : {}),
    // On AWS a bucket in another region answers 301; follow it rather than fail the bucket.
    followRegionRedirects: true,
  }
}

/**
 * Object storage over the S3 API.
 * @example
 * const source = new S3Source({ kind: 's3', endpoint: 'http://127.0.0.1:9000' })
 * for await (const o of source.listObjects('my-bucket', 'logs/')) console.log(o.key, o.size)
 * source.close()
 */
export class S3Source implements ObjectSource {
  readonly #client: S3Client

  constructor(spec: S3Spec) {
    this.#client = new S3Client(clientConfig(spec, process.env))
  }

  async *listBuckets(): AsyncIterable<BucketInfo> {
    let token: string | undefined
    do {
      let out
      try {
        out = await this.#client.send(new ListBucketsCommand(token ? { ContinuationToken: token } : {}))
      } catch (err) {
        rethrow(err, 'ListBuckets', 's3://')
      }
      for (const b of out.Buckets ?? []) {
        if (!b.Name) continue
        const info: BucketInfo = { name: b.Name }
        if (b.CreationDate) info.createdAt = b.CreationDate
        if (b.BucketRegion) info.region = b.BucketRegion
        yield info
      }
      // A store echoing the token it was sent would loop for ever.
      token = out.ContinuationToken && out.ContinuationToken !== token ? out.ContinuationToken : undefined
    } while (token)
  }

  async *listObjects(bucket: string, prefix?: string): AsyncIterable<SourceObject> {
    const pages = paginateListObjectsV2({ client: this.#client }, { Bucket: bucket, ...(prefix ? { Prefix: prefix } : {}) })
    const iterator = pages[Symbol.asyncIterator]()
    try {
      for (;;) {
        let page
        try {
          page = await iterator.next()
        } catch (err) {
          rethrow(err, 'ListObjectsV2', describeTarget(bucket, prefix || undefined))
        }
        if (page.done) return
        for (const o of page.value.Contents ?? []) {
          if (o.Key === undefined) continue
          const object: SourceObject = {
            bucket,
            key: o.Key,
            size: o.Size ?? 0,
            lastModified: o.LastModified ?? new Date(0),
          }
          const eTag = unquote(o.ETag)
          if (eTag) object.eTag = eTag
          if (o.StorageClass) object.storageClass = o.StorageClass
          yield object
        }
      }
    } finally {
      await iterator.return?.(undefined)
    }
  }

  async headObject(bucket: string, key: string): Promise<ObjectHead> {
    let out
    try {
      out = await this.#client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    } catch (err) {
      const { status } = errorFacts(err)
      // A HEAD answer has no body, so S3 cannot say which of bucket or key is missing: ask.
      if (status === 404 && !(await this.hasBucket(bucket))) {
        throw new SourceError('NO_SUCH_BUCKET_AVAILABLE', `HeadObject ${describeTarget(bucket, key)}: NoSuchBucket`, { cause: err })
      }
      // Nor can it say why a 400 happened; on an object that exists, that is a missing SSE-C key.
      if (status === 400) {
        throw new SourceError('INVALID_ENCRYPTION', `HeadObject ${describeTarget(bucket, key)}: 400 (SSE-C object)`, { cause: err })
      }
      rethrow(err, 'HeadObject', describeTarget(bucket, key))
    }
    const head: ObjectHead = {
      size: out.ContentLength ?? 0,
      lastModified: out.LastModified ?? new Date(0),
      // S3 omits the storage class header for STANDARD objects.
      storageClass: out.StorageClass ?? 'STANDARD',
      serverSideEncryption: {
        encryptionType: out.ServerSideEncryption ?? (out.SSECustomerAlgorithm ? 'SSE-C' : 'NONE'),
        kmsMasterKeyId: out.SSEKMSKeyId ?? null,
      },
    }
    const eTag = unquote(out.ETag)
    if (eTag) head.eTag = eTag
    if (out.VersionId) head.versionId = out.VersionId
    if (out.ContentType) head.contentType = out.ContentType
    return head
  }

  async getObjectTags(bucket: string, key: string): Promise<Tag[]> {
    try {
      const out = await this.#client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }))
      return (out.TagSet ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }))
    } catch (err) {
      rethrow(err, 'GetObjectTagging', describeTarget(bucket, key))
    }
  }

  async openObject(object: Pick<SourceObject, 'bucket' | 'key'> & { eTag?: string; versionId?: string }): Promise<Readable> {
    return (await this.readObject(object)).body
  }

  async readObject(object: Pick<SourceObject, 'bucket' | 'key'> & { eTag?: string; versionId?: string }): Promise<OpenedObject> {
    const { bucket, key, eTag, versionId } = object
    const target = describeTarget(bucket, key)
    let out
    try {
      out = await this.#client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(eTag ? { IfMatch: `"${eTag}"` } : {}),
          ...(versionId ? { VersionId: versionId } : {}),
        }),
      )
    } catch (err) {
      rethrow(err, 'GetObject', target)
    }
    const body = out.Body
    if (!(body instanceof Readable)) {
      throw new Error(`GetObject ${target} returned no readable body`)
    }
    // Some stores (s3rver, a few S3-compatibles) ignore If-Match: check the answer's ETag as well.
    const got = unquote(out.ETag)
    if (eTag && got && got !== eTag) {
      body.destroy()
      throw new SourceError('OBJECT_VERSION_MISMATCH', `GetObject ${target}: ETag is ${got}, expected ${eTag}`)
    }
    return {
      body,
      serverSideEncryption: { encryptionType: out.ServerSideEncryption ?? 'NONE', kmsMasterKeyId: out.SSEKMSKeyId ?? null },
      // S3 sends x-amz-tagging-count only for objects that have tags: no header, no tags.
      tagCount: out.TagCount ?? 0,
    }
  }

  async getBucketPosture(bucket: string): Promise<BucketPosture> {
    const target = describeTarget(bucket)
    const client = this.#client
    // One setting: its value, `notSet.value` when the bucket has none, undefined when unknowable.
    async function part<T, A = never>(operation: string, read: () => Promise<T>, notSet?: { code: string; value: A }): Promise<T | A | undefined> {
      try {
        return await read()
      } catch (err) {
        if (notSet && errorFacts(err).code === notSet.code) return notSet.value
        if (errorFacts(err).code === 'NoSuchBucket') rethrow(err, operation, target)
        if (isUnavailablePart(err)) return undefined
        rethrow(err, operation, target)
      }
    }
    const [publicAccessBlock, policy, acl, defaultEncryption, replication, versioning, tags] = await Promise.all([
      part(
        'GetPublicAccessBlock',
        async () => {
          const c = (await client.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration
          return {
            blockPublicAcls: c?.BlockPublicAcls ?? false,
            blockPublicPolicy: c?.BlockPublicPolicy ?? false,
            ignorePublicAcls: c?.IgnorePublicAcls ?? false,
            restrictPublicBuckets: c?.RestrictPublicBuckets ?? false,
          }
        },
        { code: 'NoSuchPublicAccessBlockConfiguration', value: null },
      ),
      part(
        'GetBucketPolicy',
        async () => (await client.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? null,
        { code: 'NoSuchBucketPolicy', value: null },
      ),
      part(
        'GetBucketAcl',
        async () => {
          const out = await client.send(new GetBucketAclCommand({ Bucket: bucket }))
          const acl: NonNullable<BucketPosture['acl']> = publicAccessOf(out.Grants ?? [])
          if (out.Owner?.ID) {
            acl.owner = { id: out.Owner.ID }
            if (out.Owner.DisplayName) acl.owner.displayName = out.Owner.DisplayName
          }
          return acl
        },
      ),
      part(
        'GetBucketEncryption',
        async () => {
          const out = await client.send(new GetBucketEncryptionCommand({ Bucket: bucket }))
          const rule = out.ServerSideEncryptionConfiguration?.Rules?.find((r) => r.ApplyServerSideEncryptionByDefault)
          const byDefault = rule?.ApplyServerSideEncryptionByDefault
          return { encryptionType: byDefault?.SSEAlgorithm ?? 'NONE', kmsMasterKeyId: byDefault?.KMSMasterKeyID ?? null }
        },
        { code: 'ServerSideEncryptionConfigurationNotFoundError', value: { encryptionType: 'NONE', kmsMasterKeyId: null } },
      ),
      part(
        'GetBucketReplication',
        async () => {
          const out = await client.send(new GetBucketReplicationCommand({ Bucket: bucket }))
          // Only enabled rules replicate anything.
          return (out.ReplicationConfiguration?.Rules ?? [])
            .filter((r) => r.Status === 'Enabled' && r.Destination?.Bucket)
            .map((r) => ({ destinationBucket: r.Destination!.Bucket!, ...(r.Destination!.Account ? { account: r.Destination!.Account } : {}) }))
        },
        { code: 'ReplicationConfigurationNotFoundError', value: [] },
      ),
      part(
        'GetBucketVersioning',
        async () => (await client.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status === 'Enabled',
      ),
      part(
        'GetBucketTagging',
        async () => ((await client.send(new GetBucketTaggingCommand({ Bucket: bucket }))).TagSet ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
        { code: 'NoSuchTagSet', value: [] },
      ),
    ])
    const posture: BucketPosture = {}
    if (publicAccessBlock !== undefined) posture.publicAccessBlock = publicAccessBlock
    if (policy !== undefined) posture.policy = policy
    if (acl !== undefined) posture.acl = acl
    if (defaultEncryption !== undefined) posture.defaultEncryption = defaultEncryption
    if (replication !== undefined) posture.replication = replication
    if (versioning !== undefined) posture.versioning = versioning
    if (tags !== undefined) posture.tags = tags
    return posture
  }

  async putObject(bucket: string, key: string, body: Buffer, options: PutOptions = {}): Promise<{ isKmsEncrypted: boolean }> {
    const { contentType, kmsKeyId } = options
    try {
      const out = await this.#client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ...(contentType ? { ContentType: contentType } : {}),
          ...(kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId } : {}),
        }),
      )
      const isKms = out.ServerSideEncryption === 'aws:kms' || out.ServerSideEncryption === 'aws:kms:dsse'
      return { isKmsEncrypted: isKms && (!kmsKeyId || isSameKmsKey(kmsKeyId, out.SSEKMSKeyId)) }
    } catch (err) {
      rethrow(err, 'PutObject', describeTarget(bucket, key))
    }
  }

  async hasBucket(bucket: string): Promise<boolean> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: bucket }))
      return true
    } catch (err) {
      const { code, status } = errorFacts(err)
      if (CREDENTIAL_FAULTS.has(code)) rethrow(err, 'HeadBucket', describeTarget(bucket))
      if (status === 404 || status === 403 || code === 'NotFound' || code === 'NoSuchBucket' || code === 'Forbidden') return false
      rethrow(err, 'HeadBucket', describeTarget(bucket))
    }
  }

  close(): void {
    this.#client.destroy()
  }
}
