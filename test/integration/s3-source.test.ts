// S3Source against real servers: the source contract on moto and on s3rver, bucket posture and
// SSE-KMS on moto, endpoint configuration, and how S3 failures map to Macie's reasons.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import {
  CreateBucketCommand,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketReplicationCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { InvalidInputError } from '../../src/errors.js'
import { FolderSource } from '../../src/sources/folder.js'
import { openSource, parseS3Url, s3SpecFromEnv } from '../../src/sources/index.js'
import { S3Source, s3FailureReason } from '../../src/sources/s3.js'
import { sourceContract } from '../../src/sources/source.contract.js'
import { SourceError, type SourceFailure, type Tag } from '../../src/sources/types.js'
import { freePort, motoUnavailable, s3rverUnavailable, skipUnless, startMoto, startS3rver, TEST_CREDENTIALS, type RunningServer } from '../support/servers.js'

// s3rver checks signatures against its own built-in key pair, not TEST_CREDENTIALS.
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

type Credentials = typeof TEST_CREDENTIALS

function adminClient(endpoint: string, credentials: Credentials): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials })
}

function newBucketName(label: string): string {
  return `trawl-${label}-${randomBytes(4).toString('hex')}`
}

/** A contract harness: a fresh bucket, an S3Source on it and a raw writer beside it. */
function contractOn(server: () => RunningServer, admin: () => S3Client, credentials: Credentials) {
  return async () => {
    const bucket = newBucketName('contract')
    await admin().send(new CreateBucketCommand({ Bucket: bucket }))
    const put = async (key: string, body: Buffer, tags?: Tag[]) => {
      await admin().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
      if (tags) {
        const TagSet = tags.map((t) => ({ Key: t.key, Value: t.value }))
        await admin().send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet } }))
      }
    }
    return { source: new S3Source({ kind: 's3', endpoint: server().endpoint, credentials }), bucket, put }
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

describe('S3Source on moto', { skip: skipUnless(motoUnavailable()) }, () => {
  let server: RunningServer
  let admin: S3Client
  let source: S3Source

  before(async () => {
    server = await startMoto()
    admin = adminClient(server.endpoint, TEST_CREDENTIALS)
    source = new S3Source({ kind: 's3', endpoint: server.endpoint, credentials: TEST_CREDENTIALS })
  })
  after(async () => {
    source?.close()
    admin?.destroy()
    await server?.stop()
  })

  sourceContract('moto S3', contractOn(() => server, () => admin, TEST_CREDENTIALS), { manyObjects: 1100 })

  describe('bucket posture', () => {
    it('reads a bucket with nothing configured as nulls, NONE and empty lists', async () => {
      const bucket = newBucketName('bare')
      await admin.send(new CreateBucketCommand({ Bucket: bucket }))
      const posture = await source.getBucketPosture(bucket)
      assert.equal(posture.publicAccessBlock, null)
      assert.equal(posture.policy, null)
      assert.equal(posture.acl?.allowsPublicReadAccess, false)
      assert.equal(posture.acl?.allowsPublicWriteAccess, false)
      assert.match(posture.acl?.owner?.id ?? '', /\w/)
      assert.deepEqual(posture.defaultEncryption, { encryptionType: 'NONE', kmsMasterKeyId: null })
      assert.deepEqual(posture.replication, [])
      assert.equal(posture.versioning, false)
      assert.deepEqual(posture.tags, [])
    })

    it('reads back public access block, policy, ACL, AES256 encryption, versioning, replication and tags', async () => {
      const bucket = newBucketName('configured')
      await admin.send(new CreateBucketCommand({ Bucket: bucket }))
      const block = { BlockPublicAcls: false, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true }
      await admin.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: block }))
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }],
      })
      await admin.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }))
      await admin.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' }))
      await admin.send(
        new PutBucketEncryptionCommand({
          Bucket: bucket,
          ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        }),
      )
      await admin.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }))
      await admin.send(
        new PutBucketReplicationCommand({
          Bucket: bucket,
          ReplicationConfiguration: {
            Role: 'arn:aws:iam::123456789012:role/replication',
            Rules: [
              { ID: 'on', Priority: 1, Status: 'Enabled', Filter: { Prefix: '' }, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: 'arn:aws:s3:::replica-bucket', Account: '210987654321' } },
              { ID: 'off', Priority: 2, Status: 'Disabled', Filter: { Prefix: 'x/' }, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: 'arn:aws:s3:::unused-bucket' } },
            ],
          },
        }),
      )
      await admin.send(
        new PutBucketTaggingCommand({
          Bucket: bucket,
          Tagging: { TagSet: [{ Key: 'owner', Value: 'data-team' }, { Key: 'env', Value: 'prod' }] },
        }),
      )

      const posture = await source.getBucketPosture(bucket)
      assert.deepEqual(posture.publicAccessBlock, { blockPublicAcls: false, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: true })
      assert.deepEqual(JSON.parse(posture.policy ?? 'null'), JSON.parse(policy))
      assert.equal(posture.acl?.allowsPublicReadAccess, true)
      assert.equal(posture.acl?.allowsPublicWriteAccess, false)
      assert.deepEqual(posture.defaultEncryption, { encryptionType: 'AES256', kmsMasterKeyId: null })
      assert.equal(posture.versioning, true)
      assert.deepEqual(posture.replication, [{ destinationBucket: 'arn:aws:s3:::replica-bucket', account: '210987654321' }])
      assert.deepEqual(
        [...(posture.tags ?? [])].sort((a, b) => a.key.localeCompare(b.key)),
        [
          { key: 'env', value: 'prod' },
          { key: 'owner', value: 'data-team' },
        ],
      )
    })

    it('reads public write access from an AllUsers WRITE grant, and authenticated-users grants as public', async () => {
      // Explicit grants: moto's public-read-write canned ACL grants READ only.
      const open = newBucketName('rw')
      await admin.send(new CreateBucketCommand({ Bucket: open }))
      await admin.send(new PutBucketAclCommand({ Bucket: open, GrantWrite: 'uri="http://acs.amazonaws.com/groups/global/AllUsers"' }))
      const written = (await source.getBucketPosture(open)).acl
      assert.equal(written?.allowsPublicReadAccess, false)
      assert.equal(written?.allowsPublicWriteAccess, true)
      const authenticated = newBucketName('auth')
      await admin.send(new CreateBucketCommand({ Bucket: authenticated }))
      await admin.send(new PutBucketAclCommand({ Bucket: authenticated, ACL: 'authenticated-read' }))
      const acl = (await source.getBucketPosture(authenticated)).acl
      assert.equal(acl?.allowsPublicReadAccess, true)
      assert.equal(acl?.allowsPublicWriteAccess, false)
    })

    it('reads aws:kms default encryption with its key', async () => {
      const kms = new KMSClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS })
      const key = (await kms.send(new CreateKeyCommand({ Description: 'bucket default' }))).KeyMetadata!
      kms.destroy()
      const bucket = newBucketName('kms-default')
      await admin.send(new CreateBucketCommand({ Bucket: bucket }))
      await admin.send(
        new PutBucketEncryptionCommand({
          Bucket: bucket,
          ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key.Arn } }] },
        }),
      )
      assert.deepEqual((await source.getBucketPosture(bucket)).defaultEncryption, { encryptionType: 'aws:kms', kmsMasterKeyId: key.Arn })
    })
  })

  describe('SSE-KMS writes', () => {
    it('puts an object under a KMS key and HEAD shows aws:kms with that key', async () => {
      const kms = new KMSClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS })
      const key = (await kms.send(new CreateKeyCommand({ Description: 'results repository' }))).KeyMetadata!
      kms.destroy()
      const bucket = newBucketName('results')
      await admin.send(new CreateBucketCommand({ Bucket: bucket }))
      const out = await source.putObject(bucket, 'results/r.jsonl.gz', Buffer.from('encrypted'), { kmsKeyId: key.Arn!, contentType: 'application/gzip' })
      assert.deepEqual(out, { isKmsEncrypted: true })
      const head = await source.headObject(bucket, 'results/r.jsonl.gz')
      assert.deepEqual(head.serverSideEncryption, { encryptionType: 'aws:kms', kmsMasterKeyId: key.Arn })
      assert.equal(head.contentType, 'application/gzip')

      const plain = await source.putObject(bucket, 'results/plain.txt', Buffer.from('plain'))
      assert.deepEqual(plain, { isKmsEncrypted: false })
      assert.equal((await source.headObject(bucket, 'results/plain.txt')).serverSideEncryption.encryptionType, 'NONE')
    })
  })

  describe('configuration', () => {
    it('reaches the endpoint in AWS_ENDPOINT_URL_S3, path style, when the spec names none', async () => {
      const bucket = newBucketName('env')
      await admin.send(new CreateBucketCommand({ Bucket: bucket }))
      const saved = process.env.AWS_ENDPOINT_URL_S3
      process.env.AWS_ENDPOINT_URL_S3 = server.endpoint
      const fromEnv = new S3Source({ kind: 's3', credentials: TEST_CREDENTIALS })
      try {
        assert.equal(await fromEnv.hasBucket(bucket), true)
        assert.ok((await collect(fromEnv.listBuckets())).some((b) => b.name === bucket))
      } finally {
        fromEnv.close()
        if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_S3
        else process.env.AWS_ENDPOINT_URL_S3 = saved
      }
    })

    it('throws an unreachable store as an infrastructure error with context, not a SourceError', async () => {
      const port = await freePort()
      const down = new S3Source({ kind: 's3', endpoint: `http://127.0.0.1:${port}`, credentials: TEST_CREDENTIALS })
      try {
        await assert.rejects(down.openObject({ bucket: 'any-bucket', key: 'a.txt' }), (err: unknown) => {
          assert.ok(err instanceof Error && !(err instanceof SourceError))
          assert.match(err.message, /GetObject s3:\/\/any-bucket\/a\.txt failed/)
          assert.ok(err.cause)
          return true
        })
      } finally {
        down.close()
      }
    })
  })
})

describe('S3Source on s3rver', { skip: skipUnless(s3rverUnavailable()) }, () => {
  let server: RunningServer
  let admin: S3Client

  before(async () => {
    server = await startS3rver()
    admin = adminClient(server.endpoint, S3RVER_CREDENTIALS)
  })
  after(async () => {
    admin?.destroy()
    await server?.stop()
  })

  sourceContract('s3rver S3', contractOn(() => server, () => admin, S3RVER_CREDENTIALS), {
    manyObjects: 1100,
    skip: { 'key-order': 's3rver lists keys in the order of its own file names on disk ("a b" before "a", "a/b" before "a-b")' },
  })

  it('leaves the posture parts s3rver does not implement undefined', async () => {
    const source = new S3Source({ kind: 's3', endpoint: server.endpoint, credentials: S3RVER_CREDENTIALS })
    try {
      const bucket = newBucketName('posture')
      await admin.send(new CreateBucketCommand({ Bucket: bucket }))
      const posture = await source.getBucketPosture(bucket)
      for (const part of ['publicAccessBlock', 'policy', 'acl', 'defaultEncryption', 'replication', 'tags'] as const) {
        assert.equal(posture[part], undefined, part)
      }
      assert.equal(posture.versioning, false)
    } finally {
      source.close()
    }
  })

  it('reports a write with a KMS key as not KMS-encrypted (s3rver drops SSE-KMS)', async () => {
    const source = new S3Source({ kind: 's3', endpoint: server.endpoint, credentials: S3RVER_CREDENTIALS })
    try {
      const bucket = newBucketName('kms')
      await admin.send(new CreateBucketCommand({ Bucket: bucket }))
      const out = await source.putObject(bucket, 'r.jsonl.gz', Buffer.from('x'), { kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0b8c2f5e-0000-4000-8000-000000000000' })
      assert.deepEqual(out, { isKmsEncrypted: false })
    } finally {
      source.close()
    }
  })
})

describe('s3FailureReason', () => {
  const failure = (name: string, status?: number, message = '') =>
    Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) })
  const cases: Array<[what: string, err: unknown, expected: SourceFailure | undefined]> = [
    ['NoSuchKey', failure('NoSuchKey', 404), 'SOURCE_OBJECT_NO_LONGER_AVAILABLE'],
    ['HEAD 404', failure('NotFound', 404), 'SOURCE_OBJECT_NO_LONGER_AVAILABLE'],
    ['NoSuchBucket', failure('NoSuchBucket', 404), 'NO_SUCH_BUCKET_AVAILABLE'],
    ['AccessDenied', failure('AccessDenied', 403), 'PERMISSION_DENIED'],
    ['HEAD 403', failure('Forbidden', 403), 'PERMISSION_DENIED'],
    ['If-Match failed', failure('PreconditionFailed', 412), 'OBJECT_VERSION_MISMATCH'],
    ['disabled KMS key', failure('KMS.DisabledException', 400), 'INVALID_KMS_KEY'],
    ['KMS key pending deletion', failure('KMS.KMSInvalidStateException', 400), 'INVALID_KMS_KEY'],
    ['KMS key denied', failure('KMS.AccessDeniedException', 403), 'PERMISSION_DENIED'],
    [
      'SSE-C object read without its key',
      failure('InvalidRequest', 400, 'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.'),
      'INVALID_ENCRYPTION',
    ],
    ['another InvalidRequest', failure('InvalidRequest', 400, 'Missing required header for this request: Content-MD5'), undefined],
    ['wrong access key (trawl misconfigured)', failure('InvalidAccessKeyId', 403), undefined],
    ['bad signature (trawl misconfigured)', failure('SignatureDoesNotMatch', 403), undefined],
    ['server error', failure('InternalError', 500), undefined],
    ['throttling', failure('SlowDown', 503), undefined],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), undefined],
    ['not an error', 'boom', undefined],
  ]
  for (const [what, err, expected] of cases) {
    it(`${what} → ${expected ?? 'infrastructure error'}`, () => {
      assert.equal(s3FailureReason(err), expected)
    })
  }
})

describe('S3 specs from URLs and the environment', () => {
  const urls: Array<[url: string, expected: { bucket: string; prefix: string } | undefined]> = [
    ['s3://my-bucket', { bucket: 'my-bucket', prefix: '' }],
    ['s3://my-bucket/', { bucket: 'my-bucket', prefix: '' }],
    ['s3://my.bucket-1/logs/2024/', { bucket: 'my.bucket-1', prefix: 'logs/2024/' }],
    ['s3://my-bucket/a key with spaces', { bucket: 'my-bucket', prefix: 'a key with spaces' }],
    ['s3://Legacy_Bucket/x', { bucket: 'Legacy_Bucket', prefix: 'x' }],
    ['s3://', undefined],
    ['s3:///key', undefined],
    ['s3://ab', undefined],
    ['https://my-bucket.s3.amazonaws.com/key', undefined],
    ['my-bucket/key', undefined],
    ['S3://my-bucket', undefined],
  ]
  for (const [url, expected] of urls) {
    it(`parseS3Url(${JSON.stringify(url)})`, () => {
      if (expected) assert.deepEqual(parseS3Url(url), expected)
      else assert.throws(() => parseS3Url(url), InvalidInputError)
    })
  }

  it('reads endpoint, region, profile and path style from the environment', () => {
    assert.deepEqual(
      s3SpecFromEnv({ AWS_ENDPOINT_URL_S3: 'http://s3.local:9000', AWS_ENDPOINT_URL: 'http://other', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2', AWS_PROFILE: 'scanner', TRAWL_S3_FORCE_PATH_STYLE: 'false' }),
      { kind: 's3', endpoint: 'http://s3.local:9000', region: 'eu-west-1', profile: 'scanner', forcePathStyle: false },
    )
    assert.deepEqual(s3SpecFromEnv({ AWS_ENDPOINT_URL: 'http://other', AWS_DEFAULT_REGION: 'us-west-2', TRAWL_S3_FORCE_PATH_STYLE: 'true' }), {
      kind: 's3',
      endpoint: 'http://other',
      region: 'us-west-2',
      forcePathStyle: true,
    })
    assert.deepEqual(s3SpecFromEnv({}), { kind: 's3' })
    assert.deepEqual(s3SpecFromEnv({ AWS_REGION: '', AWS_ENDPOINT_URL_S3: '' }), { kind: 's3' })
    assert.throws(() => s3SpecFromEnv({ TRAWL_S3_FORCE_PATH_STYLE: 'yes' }), InvalidInputError)
  })

  it('opens the source a spec names', () => {
    const s3 = openSource({ kind: 's3', endpoint: 'http://127.0.0.1:1', credentials: TEST_CREDENTIALS })
    const folder = openSource({ kind: 'folder', root: '.' })
    assert.ok(s3 instanceof S3Source)
    assert.ok(folder instanceof FolderSource)
    s3.close()
    folder.close()
  })
})
