import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { matchesCriteria } from './criteria.js'
import { FINDING_TYPES, SAMPLE_BUCKET, sampleFindings } from './sample.js'

const scope = { accountId: '111122223333', region: 'eu-west-1' }
const now = new Date('2024-05-01T12:00:00.000Z')

// Severity by Macie's rules: the identifiers' tables for sensitive data, fixed per policy type.
const cases: Array<[type: (typeof FINDING_TYPES)[number], category: string, severity: string]> = [
  ['SensitiveData:S3Object/Multiple', 'CLASSIFICATION', 'High'],
  ['SensitiveData:S3Object/Financial', 'CLASSIFICATION', 'High'],
  ['SensitiveData:S3Object/Personal', 'CLASSIFICATION', 'High'],
  ['SensitiveData:S3Object/Credentials', 'CLASSIFICATION', 'High'],
  ['SensitiveData:S3Object/CustomIdentifier', 'CLASSIFICATION', 'Medium'],
  ['Policy:IAMUser/S3BucketPublic', 'POLICY', 'High'],
  ['Policy:IAMUser/S3BucketSharedExternally', 'POLICY', 'High'],
  ['Policy:IAMUser/S3BucketReplicatedExternally', 'POLICY', 'High'],
  ['Policy:IAMUser/S3BucketEncryptionDisabled', 'POLICY', 'Low'],
  ['Policy:IAMUser/S3BlockPublicAccessDisabled', 'POLICY', 'High'],
  ['Policy:IAMUser/S3BucketSharedWithCloudFront', 'POLICY', 'Medium'],
]

describe('sampleFindings', () => {
  for (const [type, category, severity] of cases) {
    it(type, () => {
      const [f, ...rest] = sampleFindings(scope, [type], now)
      assert.equal(rest.length, 0)
      assert.equal(f!.type, type)
      assert.equal(f!.category, category)
      assert.equal(f!.severity.description, severity)
      assert.deepEqual([f!.sample, f!.archived, f!.count, f!.accountId, f!.region], [true, false, 1, scope.accountId, scope.region])
      assert.equal(f!.resourcesAffected.s3Bucket.name, SAMPLE_BUCKET)
      assert.match(f!.id, /^[0-9a-f]{32}$/)
      assert.equal(f!.createdAt, now.toISOString())
      assert.equal(category === 'POLICY', f!.classificationDetails === null && f!.resourcesAffected.s3Object === null)
      assert.ok(matchesCriteria(f!, { criterion: { sample: { eq: ['true'] }, type: { eq: [type] } } }))
      assert.ok(!matchesCriteria(f!, { criterion: { sample: { eq: ['false'] } } }))
    })
  }

  it('makes every type once when none is asked, and one per distinct type asked', () => {
    assert.deepEqual(sampleFindings(scope, undefined, now).map((f) => f.type), FINDING_TYPES)
    assert.deepEqual(sampleFindings(scope, [], now).length, FINDING_TYPES.length)
    const twice = sampleFindings(scope, ['SensitiveData:S3Object/Personal', 'SensitiveData:S3Object/Personal'], now)
    assert.equal(twice.length, 1)
    const [a, b] = [sampleFindings(scope, ['SensitiveData:S3Object/Personal'], now)[0]!, twice[0]!]
    assert.notEqual(a.id, b.id)
  })

  it('shares externally with an account other than the caller’s, whichever it is', () => {
    for (const accountId of ['123456789012', '210987654321']) {
      const types = sampleFindings({ accountId, region: 'us-east-1' }, ['Policy:IAMUser/S3BucketSharedExternally', 'Policy:IAMUser/S3BucketReplicatedExternally'], now).map((f) => f.type)
      assert.deepEqual(types, ['Policy:IAMUser/S3BucketSharedExternally', 'Policy:IAMUser/S3BucketReplicatedExternally'])
    }
  })
})
