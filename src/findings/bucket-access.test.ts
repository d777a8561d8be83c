import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { BucketPosture } from '../sources/types.js'
import {
  allowsUnencryptedObjectUploads,
  effectivePermission,
  policyAccess,
  policySharing,
  s3BucketOf,
  serverSideEncryptionOf,
  sharedAccess,
} from './bucket-access.js'

const OWNER = '111122223333'
const OTHER = '444455556666'

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements })

// Policy documents as AWS's documentation and common templates write them.
const publicRead = policy({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::site/*' })
const publicWrite = policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::drop/*' })
const publicAll = policy({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] })
const ipLimited = policy({
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::b/*',
  Condition: { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] } },
})
const anyIp = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } })
const vpceLimited = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })
const orgLimited = policy({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } } })
const wildcardArn = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { ArnLike: { 'aws:SourceArn': '*' } } })
const notIpDeny = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } })
const ifExists = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-111bbb22' } } })
const crossAccount = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] })
const denyAll = policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' })
const listOnly = policy({ Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' })
const deleteGlob = policy({ Effect: 'Allow', Principal: '*', Action: 's3:Delete*', Resource: 'arn:aws:s3:::b/*' })
const notAction = policy({ Effect: 'Allow', Principal: '*', NotAction: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })
const notPrincipal = policy({ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${OWNER}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })
const singleStatement = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } })

describe('policyAccess', () => {
  const cases: Array<[name: string, doc: string, read: boolean, write: boolean]> = [
    ['Principal "*" with GetObject', publicRead, true, false],
    ['{"AWS": "*"} with PutObject', publicWrite, false, true],
    ['{"AWS": ["*"]} with s3:*', publicAll, true, true],
    ['a single statement object', singleStatement, true, false],
    ['ListBucket alone is a read', listOnly, true, false],
    ['s3:Delete* is a write', deleteGlob, false, true],
    ['NotAction grants everything else', notAction, true, true],
    ['NotPrincipal grants everyone else', notPrincipal, true, false],
    ['limited to source IP ranges', ipLimited, false, false],
    ['limited to a VPC endpoint', vpceLimited, false, false],
    ['limited to an organization', orgLimited, false, false],
    ['a 0.0.0.0/0 range limits nothing', anyIp, true, false],
    ['a wildcard source ARN limits nothing', wildcardArn, true, false],
    ['a negative condition limits nothing', notIpDeny, true, false],
    ['an IfExists condition limits nothing', ifExists, true, false],
    ['another account only', crossAccount, false, false],
    ['Deny statements grant nothing', denyAll, false, false],
    ['not JSON', '{not json', false, false],
    ['no Statement', '{"Version":"2012-10-17"}', false, false],
  ]
  for (const [name, doc, read, write] of cases) {
    it(name, () => {
      assert.deepEqual(policyAccess(doc), { allowsPublicReadAccess: read, allowsPublicWriteAccess: write })
    })
  }
})

const NO_BPA = null
const ALL_BPA = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }
const OFF_BPA = { blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false }
const PRIVATE_ACL = { allowsPublicReadAccess: false, allowsPublicWriteAccess: false }
const PUBLIC_ACL = { allowsPublicReadAccess: true, allowsPublicWriteAccess: false }

describe('effectivePermission', () => {
  const cases: Array<[name: string, posture: BucketPosture, expected: string]> = [
    ['private ACL, no policy, no block settings', { publicAccessBlock: NO_BPA, acl: PRIVATE_ACL, policy: null }, 'NOT_PUBLIC'],
    ['public-read ACL', { publicAccessBlock: NO_BPA, acl: PUBLIC_ACL, policy: null }, 'PUBLIC'],
    ['public policy', { publicAccessBlock: OFF_BPA, acl: PRIVATE_ACL, policy: publicRead }, 'PUBLIC'],
    ['public ACL ignored by IgnorePublicAcls', { publicAccessBlock: { ...OFF_BPA, ignorePublicAcls: true }, acl: PUBLIC_ACL, policy: null }, 'NOT_PUBLIC'],
    ['BlockPublicAcls alone leaves an existing public ACL in force', { publicAccessBlock: { ...OFF_BPA, blockPublicAcls: true }, acl: PUBLIC_ACL, policy: null }, 'PUBLIC'],
    ['public policy restricted by RestrictPublicBuckets', { publicAccessBlock: { ...OFF_BPA, restrictPublicBuckets: true }, acl: PRIVATE_ACL, policy: publicAll }, 'NOT_PUBLIC'],
    ['BlockPublicPolicy alone leaves an existing public policy in force', { publicAccessBlock: { ...OFF_BPA, blockPublicPolicy: true }, acl: PRIVATE_ACL, policy: publicAll }, 'PUBLIC'],
    ['everything public but all blocked', { publicAccessBlock: ALL_BPA, acl: PUBLIC_ACL, policy: publicAll }, 'NOT_PUBLIC'],
    ['all blocked, ACL and policy unknown', { publicAccessBlock: ALL_BPA }, 'NOT_PUBLIC'],
    ['nothing known', {}, 'UNKNOWN'],
    ['ACL unknown, policy private', { publicAccessBlock: NO_BPA, policy: null }, 'UNKNOWN'],
    ['policy unknown, ACL private', { publicAccessBlock: NO_BPA, acl: PRIVATE_ACL }, 'UNKNOWN'],
    ['public policy, block settings unknown', { acl: PRIVATE_ACL, policy: publicRead }, 'UNKNOWN'],
    ['private parts, block settings unknown', { acl: PRIVATE_ACL, policy: crossAccount }, 'NOT_PUBLIC'],
    ['policy that does not parse', { publicAccessBlock: NO_BPA, acl: PRIVATE_ACL, policy: '{' }, 'UNKNOWN'],
  ]
  for (const [name, posture, expected] of cases) {
    it(name, () => assert.equal(effectivePermission(posture), expected))
  }
})

const oai = policy({
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHEXAMPLE' },
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::site/*',
})
const oac = policy({
  Effect: 'Allow',
  Principal: { Service: 'cloudfront.amazonaws.com' },
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::site/*',
  Condition: { StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${OWNER}:distribution/EDFDVBD6EXAMPLE` } },
})
const ownAccount = policy({ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${OWNER}:role/reader`, OWNER] }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })
const pinnedByCondition = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalAccount': [OTHER] } } })
const loggingService = policy({ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs/*' })
const deniedOther = policy({ Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 's3:*', Resource: 'arn:aws:s3:::b/*' })

describe('policySharing and sharedAccess', () => {
  it('names other accounts from ARNs, bare IDs and pinning conditions', () => {
    assert.deepEqual(policySharing(crossAccount, OWNER), { accounts: [OTHER], isSharedWithCloudFront: false })
    assert.deepEqual(policySharing(pinnedByCondition, OWNER), { accounts: [OTHER], isSharedWithCloudFront: false })
    assert.deepEqual(policySharing(ownAccount, OWNER), { accounts: [], isSharedWithCloudFront: false })
    assert.equal(policySharing('nope', OWNER), undefined)
  })
  it('recognises CloudFront origin access identities and origin access control', () => {
    assert.deepEqual(policySharing(oai, OWNER), { accounts: [], isSharedWithCloudFront: true })
    assert.deepEqual(policySharing(oac, OWNER), { accounts: [], isSharedWithCloudFront: true })
  })
  const cases: Array<[name: string, posture: BucketPosture, expected: string, org?: string[]]> = [
    ['another account', { policy: crossAccount }, 'EXTERNAL'],
    ['another account of the organization', { policy: crossAccount }, 'INTERNAL', [OTHER]],
    // The API model's SharedAccess: a CloudFront OAI or OAC makes the bucket EXTERNAL.
    ['a CloudFront OAI', { policy: oai }, 'EXTERNAL'],
    ['a CloudFront OAC', { policy: oac }, 'EXTERNAL'],
    ['its own account only', { policy: ownAccount }, 'NOT_SHARED'],
    ['an AWS service', { policy: loggingService }, 'NOT_SHARED'],
    ['a Deny naming another account', { policy: deniedOther }, 'NOT_SHARED'],
    ['public to everyone, not shared', { policy: publicRead }, 'NOT_SHARED'],
    ['no policy', { policy: null }, 'NOT_SHARED'],
    ['policy unknown', {}, 'UNKNOWN'],
    ['policy that does not parse', { policy: '[' }, 'UNKNOWN'],
  ]
  for (const [name, posture, expected, org] of cases) {
    it(name, () => assert.equal(sharedAccess(posture, OWNER, org), expected))
  }
})

// AWS's documented pattern for requiring SSE on uploads: two Deny statements.
const requireSse = policy(
  {
    Sid: 'DenyIncorrectEncryptionHeader',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:PutObject',
    Resource: 'arn:aws:s3:::b/*',
    Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } },
  },
  { Sid: 'DenyUnEncryptedObjectUploads', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*', Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } } },
)
const requireKms = policy({
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 's3:*',
  Resource: 'arn:aws:s3:::b/*',
  Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
})
const nullFalse = policy({ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*', Condition: { Null: { 's3:x-amz-server-side-encryption': 'false' } } })
const denyPrefixOnly = policy({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: 'arn:aws:s3:::b/*',
  Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' }, StringLike: { 's3:prefix': 'secure/*' } },
})
const denyGetOnly = policy({ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } } })

describe('allowsUnencryptedObjectUploads', () => {
  const none = { encryptionType: 'NONE', kmsMasterKeyId: null }
  const sse = { encryptionType: 'AES256', kmsMasterKeyId: null }
  const cases: Array<[name: string, posture: BucketPosture, expected: string]> = [
    ['default encryption on', { defaultEncryption: sse }, 'FALSE'],
    ['no default encryption, no policy', { defaultEncryption: none, policy: null }, 'TRUE'],
    ['policy denies uploads without the SSE header', { defaultEncryption: none, policy: requireSse }, 'FALSE'],
    ['policy denies any value but aws:kms (s3:*)', { defaultEncryption: none, policy: requireKms }, 'FALSE'],
    ['policy requires SSE, default encryption unknown', { policy: requireSse }, 'FALSE'],
    ['a Null "false" condition requires nothing', { defaultEncryption: none, policy: nullFalse }, 'TRUE'],
    ['a Deny limited to a prefix does not cover every upload', { defaultEncryption: none, policy: denyPrefixOnly }, 'TRUE'],
    ['a Deny on GetObject does not cover uploads', { defaultEncryption: none, policy: denyGetOnly }, 'TRUE'],
    ['unrelated public policy', { defaultEncryption: none, policy: publicRead }, 'TRUE'],
    ['no default encryption, policy unknown', { defaultEncryption: none }, 'UNKNOWN'],
    ['no policy, default encryption unknown', { policy: null }, 'UNKNOWN'],
    ['policy that does not parse', { defaultEncryption: none, policy: 'x' }, 'UNKNOWN'],
  ]
  for (const [name, posture, expected] of cases) {
    it(name, () => assert.equal(allowsUnencryptedObjectUploads(posture), expected))
  }
})

describe('s3BucketOf', () => {
  it('describes a fully known bucket as a finding does', () => {
    const createdAt = new Date('2026-01-02T03:04:05.000Z')
    const b = s3BucketOf(
      { name: 'reports', createdAt },
      {
        publicAccessBlock: NO_BPA,
        acl: { ...PUBLIC_ACL, owner: { id: 'canonical-owner-id', displayName: 'ops' } },
        policy: publicWrite,
        defaultEncryption: { encryptionType: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1' },
        tags: [{ key: 'team', value: 'data' }],
      },
      OWNER,
      'aws-us-gov',
    )
    assert.deepEqual(b, {
      allowsUnencryptedObjectUploads: 'FALSE',
      arn: 'arn:aws-us-gov:s3:::reports',
      createdAt: '2026-01-02T03:04:05.000Z',
      defaultServerSideEncryption: { encryptionType: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1' },
      name: 'reports',
      owner: { displayName: 'ops', id: 'canonical-owner-id' },
      publicAccess: {
        effectivePermission: 'PUBLIC',
        permissionConfiguration: {
          accountLevelPermissions: null,
          bucketLevelPermissions: {
            accessControlList: { allowsPublicReadAccess: true, allowsPublicWriteAccess: false },
            blockPublicAccess: { blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false },
            bucketPolicy: { allowsPublicReadAccess: false, allowsPublicWriteAccess: true },
          },
        },
      },
      tags: [{ key: 'team', value: 'data' }],
    })
  })
  it('leaves unknown parts null or UNKNOWN', () => {
    const b = s3BucketOf({ name: 'plain' }, {}, OWNER)
    assert.equal(b.arn, 'arn:aws:s3:::plain')
    assert.equal(b.createdAt, null)
    assert.equal(b.allowsUnencryptedObjectUploads, 'UNKNOWN')
    assert.equal(b.defaultServerSideEncryption, null)
    assert.deepEqual(b.owner, { displayName: null, id: OWNER })
    assert.equal(b.publicAccess?.effectivePermission, 'UNKNOWN')
    assert.deepEqual(b.publicAccess?.permissionConfiguration?.bucketLevelPermissions, { accessControlList: null, blockPublicAccess: null, bucketPolicy: null })
    assert.deepEqual(b.tags, [])
  })
  it('maps encryption types outside Macie\'s enum to UNKNOWN', () => {
    assert.deepEqual(serverSideEncryptionOf({ encryptionType: 'SSE-C', kmsMasterKeyId: null }), { encryptionType: 'UNKNOWN', kmsMasterKeyId: null })
    assert.deepEqual(serverSideEncryptionOf({ encryptionType: 'aws:kms:dsse', kmsMasterKeyId: 'k' }), { encryptionType: 'aws:kms:dsse', kmsMasterKeyId: 'k' })
  })
})
