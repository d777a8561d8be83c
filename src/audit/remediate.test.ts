import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { defaultResultsBucket, DERIVED_FROM_BUCKETS, isMacieNotEnabled, jobIdentity, placeholder, resolvePlaceholders } from './remediate.js'

describe('resolvePlaceholders', () => {
  const outputs = [{ KeyMetadata: { KeyId: 'k-1', Arn: 'arn:aws:kms:eu-west-1:111122223333:key/k-1' } }, undefined, { buckets: [{ bucketName: 'a' }, { bucketName: 'results' }, { bucketName: 'b' }] }]

  it('puts an earlier step\'s output where its placeholder is, at any depth', () => {
    const input = { AliasName: 'alias/x', TargetKeyId: placeholder(1, 'KeyMetadata.KeyId'), configuration: { s3Destination: { kmsKeyArn: placeholder(1, 'KeyMetadata.Arn') } } }
    assert.deepEqual(resolvePlaceholders(input, outputs), {
      AliasName: 'alias/x',
      TargetKeyId: 'k-1',
      configuration: { s3Destination: { kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k-1' } },
    })
  })

  it('maps over arrays and drops the excepted value', () => {
    assert.deepEqual(resolvePlaceholders({ buckets: placeholder(3, 'buckets[].bucketName', 'results') }, outputs), { buckets: ['a', 'b'] })
  })

  it('leaves other strings alone', () => {
    assert.deepEqual(resolvePlaceholders({ a: 'step 1', b: [1, true], c: DERIVED_FROM_BUCKETS }, outputs), { a: 'step 1', b: [1, true], c: DERIVED_FROM_BUCKETS })
  })

  it('refuses a step without output, or a path it lacks', () => {
    assert.throws(() => resolvePlaceholders({ x: placeholder(2, 'KeyMetadata.Arn') }, outputs), /has no output/)
    assert.throws(() => resolvePlaceholders({ x: placeholder(1, 'KeyMetadata.Nope') }, outputs), /has no KeyMetadata.Nope/)
  })
})

describe('jobIdentity', () => {
  it('is the same for the same region, type and buckets in any order', () => {
    assert.deepEqual(jobIdentity('eu-west-1', 'ONE_TIME', ['b', 'a']), jobIdentity('eu-west-1', 'ONE_TIME', ['a', 'b']))
    assert.match(jobIdentity('eu-west-1', 'ONE_TIME', ['a']).name, /^trawl-fix-eu-west-1-[0-9a-f]{8}$/)
  })

  it('differs by region, job type and buckets', () => {
    const base = jobIdentity('eu-west-1', 'ONE_TIME', ['a']).clientToken
    assert.notEqual(jobIdentity('us-east-1', 'ONE_TIME', ['a']).clientToken, base)
    assert.notEqual(jobIdentity('eu-west-1', 'SCHEDULED', ['a']).clientToken, base)
    assert.notEqual(jobIdentity('eu-west-1', 'ONE_TIME', ['a', 'b']).clientToken, base)
    assert.ok(base.length <= 128)
  })
})

describe('isMacieNotEnabled', () => {
  const err = (name: string, message: string): Error => Object.assign(new Error(message), { name })
  it('recognises Macie\'s answer in a region where it is off', () => {
    assert.equal(isMacieNotEnabled(err('UnauthorizedException', 'Macie is not enabled')), true)
    assert.equal(isMacieNotEnabled(err('AccessDeniedException', 'Macie is not enabled.')), true)
  })
  it('does not take other denials for it', () => {
    assert.equal(isMacieNotEnabled(err('AccessDeniedException', 'User is not authorized to perform macie2:GetMacieSession')), false)
    assert.equal(isMacieNotEnabled(err('ThrottlingException', 'Macie is not enabled')), false)
  })
})

describe('defaultResultsBucket', () => {
  it('names the account and region', () => assert.equal(defaultResultsBucket('111122223333', 'ap-southeast-2'), 'macie-results-111122223333-ap-southeast-2'))
})
