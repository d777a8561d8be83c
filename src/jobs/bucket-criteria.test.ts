import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { CriteriaForJob, S3JobDefinition } from '../store/types.js'
import { criteriaNeedPosture, matchesBucketCriteria, type BucketFacts } from './bucket-criteria.js'

const bucket: BucketFacts = {
  accountId: '111122223333',
  name: 'customer-exports',
  effectivePermission: 'PUBLIC',
  sharedAccess: 'EXTERNAL',
  tags: [
    { key: 'env', value: 'prod' },
    { key: 'owner', value: 'billing' },
  ],
}
const simple = (key: string, comparator: string, values: string[]): CriteriaForJob => ({ simpleCriterion: { key, comparator, values } })
const tag = (comparator: string, tagValues: Array<{ key?: string; value?: string }>): CriteriaForJob => ({ tagCriterion: { comparator, tagValues } })

// One condition as the only include condition: is the bucket above selected?
const conditions: Array<[criterion: CriteriaForJob, expected: boolean]> = [
  [simple('ACCOUNT_ID', 'EQ', ['111122223333']), true],
  [simple('ACCOUNT_ID', 'EQ', ['444455556666']), false],
  [simple('ACCOUNT_ID', 'NE', ['444455556666']), true],
  [simple('ACCOUNT_ID', 'NE', ['444455556666', '111122223333']), false],
  [simple('S3_BUCKET_NAME', 'EQ', ['other', 'customer-exports']), true], // values → OR
  [simple('S3_BUCKET_NAME', 'EQ', ['Customer-Exports']), false], // case-sensitive
  [simple('S3_BUCKET_NAME', 'EQ', ['customer-*']), false], // no wildcards
  [simple('S3_BUCKET_NAME', 'EQ', ['customer']), false], // no partial values
  [simple('S3_BUCKET_NAME', 'NE', ['customer-exports']), false],
  [simple('S3_BUCKET_EFFECTIVE_PERMISSION', 'EQ', ['PUBLIC']), true],
  [simple('S3_BUCKET_EFFECTIVE_PERMISSION', 'EQ', ['NOT_PUBLIC', 'UNKNOWN']), false],
  [simple('S3_BUCKET_EFFECTIVE_PERMISSION', 'NE', ['PUBLIC']), false],
  [simple('S3_BUCKET_SHARED_ACCESS', 'EQ', ['EXTERNAL', 'INTERNAL']), true],
  [simple('S3_BUCKET_SHARED_ACCESS', 'EQ', ['NOT_SHARED']), false],
  [simple('S3_BUCKET_SHARED_ACCESS', 'NE', ['NOT_SHARED']), true],
  [tag('EQ', [{ key: 'env', value: 'prod' }]), true], // pair
  [tag('EQ', [{ key: 'env', value: 'billing' }]), false], // pair: both must be on one tag
  [tag('EQ', [{ key: 'env' }]), true], // key only
  [tag('EQ', [{ key: 'env', value: '' }]), true], // key only, empty value
  [tag('EQ', [{ value: 'billing' }]), true], // value only
  [tag('EQ', [{ key: '', value: 'billing' }]), true], // value only, empty key
  [tag('EQ', [{ value: 'Billing' }]), false], // case-sensitive
  [tag('EQ', [{ key: 'team' }, { value: 'prod' }]), true], // several → OR
  [tag('NE', [{ key: 'env', value: 'prod' }]), false],
  [tag('NE', [{ key: 'team' }]), true],
]

describe('matchesBucketCriteria: one include condition', () => {
  for (const [criterion, expected] of conditions) {
    it(`${JSON.stringify(criterion)} → ${expected}`, () => {
      assert.equal(matchesBucketCriteria(bucket, { includes: { and: [criterion] } }), expected)
    })
  }
})

const isPublic = simple('S3_BUCKET_EFFECTIVE_PERMISSION', 'EQ', ['PUBLIC'])
const isProd = tag('EQ', [{ key: 'env', value: 'prod' }])
const isOther = simple('S3_BUCKET_NAME', 'EQ', ['other'])

const blocks: Array<[what: string, criteria: S3JobDefinition['bucketCriteria'], expected: boolean]> = [
  ['no criteria', undefined, true],
  ['empty blocks', { includes: {}, excludes: { and: [] } }, true],
  ['includes ANDed, all hold', { includes: { and: [isPublic, isProd] } }, true],
  ['includes ANDed, one fails', { includes: { and: [isPublic, isOther] } }, false],
  ['exclude holds', { excludes: { and: [isProd] } }, false],
  ['exclude fails', { excludes: { and: [isOther] } }, true],
  ['excludes ANDed, only one holds', { excludes: { and: [isProd, isOther] } }, true],
  ['exclude wins over include', { includes: { and: [isPublic] }, excludes: { and: [isProd] } }, false],
]

describe('matchesBucketCriteria: includes and excludes', () => {
  for (const [what, criteria, expected] of blocks) {
    it(what, () => assert.equal(matchesBucketCriteria(bucket, criteria), expected))
  }

  it('rejects conditions no job could hold', () => {
    assert.throws(() => matchesBucketCriteria(bucket, { includes: { and: [simple('S3_BUCKET_REGION', 'EQ', ['x'])] } }), /not valid/)
    assert.throws(() => matchesBucketCriteria(bucket, { includes: { and: [simple('S3_BUCKET_NAME', 'CONTAINS', ['x'])] } }), /not valid/)
    assert.throws(() => matchesBucketCriteria(bucket, { includes: { and: [{}] } }), /simpleCriterion or tagCriterion/)
  })
})

describe('criteriaNeedPosture', () => {
  const cases: Array<[criteria: S3JobDefinition['bucketCriteria'], expected: boolean]> = [
    [undefined, false],
    [{ includes: { and: [isOther, simple('ACCOUNT_ID', 'EQ', ['111122223333'])] } }, false],
    [{ includes: { and: [isPublic] } }, true],
    [{ excludes: { and: [simple('S3_BUCKET_SHARED_ACCESS', 'EQ', ['EXTERNAL'])] } }, true],
    [{ excludes: { and: [isProd] } }, true], // tags are part of the posture
  ]
  for (const [criteria, expected] of cases) it(`${JSON.stringify(criteria)} → ${expected}`, () => assert.equal(criteriaNeedPosture(criteria), expected))
})
