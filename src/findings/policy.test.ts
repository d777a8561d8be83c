import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { BucketPosture } from '../sources/types.js'
import { policyFindingsFor } from './policy.js'
import type { Finding } from './types.js'

const OWNER = '111122223333'
const OTHER = '444455556666'
const scope = { accountId: OWNER, region: 'eu-west-1' }
const bucket = { name: 'assets', createdAt: new Date('2025-06-01T00:00:00.000Z') }
const t0 = new Date('2026-04-01T08:00:00.000Z')
const t1 = new Date('2026-04-02T08:00:00.000Z')
const none = () => undefined

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements })
const OFF = { blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false }
const ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }
const PRIVATE_ACL = { allowsPublicReadAccess: false, allowsPublicWriteAccess: false }
const SSE = { encryptionType: 'AES256', kmsMasterKeyId: null }
/** A bucket with nothing to report. */
const clean: BucketPosture = { publicAccessBlock: ON, acl: PRIVATE_ACL, policy: null, defaultEncryption: SSE, replication: [] }

const typesOf = (fs: Finding[]) => fs.map((f) => f.type).sort()

describe('policyFindingsFor', () => {
  const cases: Array<[name: string, posture: BucketPosture, expected: Array<[type: string, severity: string]>]> = [
    ['a locked-down bucket', clean, []],
    ['no block public access configuration', { ...clean, publicAccessBlock: null }, [['Policy:IAMUser/S3BlockPublicAccessDisabled', 'High']]],
    ['all four block settings off', { ...clean, publicAccessBlock: OFF }, [['Policy:IAMUser/S3BlockPublicAccessDisabled', 'High']]],
    ['some block settings on', { ...clean, publicAccessBlock: { ...OFF, ignorePublicAcls: true } }, []],
    ['no default encryption', { ...clean, defaultEncryption: { encryptionType: 'NONE', kmsMasterKeyId: null } }, [['Policy:IAMUser/S3BucketEncryptionDisabled', 'Low']]],
    [
      'a public-read ACL with block settings off',
      { ...clean, publicAccessBlock: OFF, acl: { allowsPublicReadAccess: true, allowsPublicWriteAccess: false } },
      [
        ['Policy:IAMUser/S3BlockPublicAccessDisabled', 'High'],
        ['Policy:IAMUser/S3BucketPublic', 'High'],
      ],
    ],
    [
      'a public policy neutralised by RestrictPublicBuckets',
      { ...clean, publicAccessBlock: { ...OFF, restrictPublicBuckets: true }, policy: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' }) },
      [],
    ],
    ['replication to another account', { ...clean, replication: [{ destinationBucket: 'arn:aws:s3:::copy', account: OTHER }] }, [['Policy:IAMUser/S3BucketReplicatedExternally', 'High']]],
    ['replication within the account', { ...clean, replication: [{ destinationBucket: 'arn:aws:s3:::copy', account: OWNER }] }, []],
    ['replication with no known account', { ...clean, replication: [{ destinationBucket: 'arn:aws:s3:::copy' }] }, []],
    [
      'a policy allowing another account',
      { ...clean, policy: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' }) },
      [['Policy:IAMUser/S3BucketSharedExternally', 'High']],
    ],
    [
      'a policy allowing a CloudFront OAI only',
      {
        ...clean,
        policy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHEXAMPLE' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' }),
      },
      [['Policy:IAMUser/S3BucketSharedWithCloudFront', 'Medium']],
    ],
    [
      'a policy allowing CloudFront and another account',
      {
        ...clean,
        policy: policy(
          { Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' },
          { Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' },
        ),
      },
      [['Policy:IAMUser/S3BucketSharedExternally', 'High']],
    ],
    ['a posture the store does not expose', {}, []],
  ]
  for (const [name, posture, expected] of cases) {
    it(name, () => {
      const found = policyFindingsFor(bucket, posture, scope, OWNER, none, t0)
      assert.deepEqual(
        found.map((f) => [f.type, f.severity.description]).sort(),
        expected.map(([t, s]) => [t, s]).sort(),
      )
    })
  }

  it('treats sharing and replication within the organization as internal', () => {
    const posture: BucketPosture = {
      ...clean,
      replication: [{ destinationBucket: 'arn:aws:s3:::copy', account: OTHER }],
      policy: policy({ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' }),
    }
    assert.deepEqual(policyFindingsFor(bucket, posture, scope, OWNER, none, t0, { organizationAccountIds: [OTHER] }), [])
  })

  it('builds a new policy finding in Macie\'s shape', () => {
    const [f] = policyFindingsFor(bucket, { ...clean, publicAccessBlock: null }, scope, OWNER, none, t0)
    assert.ok(f)
    assert.match(f.id, /^[0-9a-f]{32}$/)
    assert.equal(f.category, 'POLICY')
    assert.equal(f.classificationDetails, null)
    assert.equal(f.count, 1)
    assert.equal(f.archived, false)
    assert.equal(f.sample, false)
    assert.equal(f.accountId, OWNER)
    assert.equal(f.region, 'eu-west-1')
    assert.equal(f.createdAt, t0.toISOString())
    assert.equal(f.updatedAt, t0.toISOString())
    assert.deepEqual(f.severity, { description: 'High', score: 3 })
    assert.deepEqual(f.policyDetails, {
      action: { actionType: 'AWS_API_CALL', apiCallDetails: { api: 'DeletePublicAccessBlock', apiServiceName: 's3.amazonaws.com', firstSeen: t0.toISOString(), lastSeen: t0.toISOString() } },
      actor: null,
    })
    assert.equal(f.resourcesAffected.s3Object, null)
    assert.equal(f.resourcesAffected.s3Bucket.name, 'assets')
    assert.equal(f.resourcesAffected.s3Bucket.createdAt, '2025-06-01T00:00:00.000Z')
    assert.match(f.description, /not from an observed API call/)
    assert.ok(f.title.length > 0)
  })

  it('aggregates: an existing finding comes back with count + 1 and a new updatedAt', () => {
    const posture: BucketPosture = { ...clean, publicAccessBlock: null, defaultEncryption: { encryptionType: 'NONE', kmsMasterKeyId: null } }
    const first = policyFindingsFor(bucket, posture, scope, OWNER, none, t0)
    assert.deepEqual(typesOf(first), ['Policy:IAMUser/S3BlockPublicAccessDisabled', 'Policy:IAMUser/S3BucketEncryptionDisabled'])
    const stored = new Map(first.map((f) => [f.type, { ...f, archived: f.type === 'Policy:IAMUser/S3BucketEncryptionDisabled' }]))
    const again = policyFindingsFor(bucket, posture, scope, OWNER, (type) => stored.get(type), t1)
    assert.equal(again.length, 2)
    for (const f of again) {
      const prior = stored.get(f.type)!
      assert.equal(f.id, prior.id)
      assert.equal(f.count, 2)
      assert.equal(f.createdAt, t0.toISOString())
      assert.equal(f.updatedAt, t1.toISOString())
      assert.equal(f.archived, prior.archived)
      assert.deepEqual(f.severity, prior.severity)
      assert.equal(f.policyDetails!.action!.apiCallDetails!.firstSeen, t0.toISOString())
      assert.equal(f.policyDetails!.action!.apiCallDetails!.lastSeen, t1.toISOString())
    }
    // The stored findings themselves are left as they were.
    assert.equal(stored.get('Policy:IAMUser/S3BlockPublicAccessDisabled')!.count, 1)
  })

  it('asks only for the types the posture calls for, and none once it is fixed', () => {
    const asked: string[] = []
    const found = policyFindingsFor(bucket, clean, scope, OWNER, (type) => {
      asked.push(type)
      return undefined
    }, t1)
    assert.deepEqual(found, [])
    assert.deepEqual(asked, [])
  })
})
