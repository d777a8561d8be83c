import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { BucketMetadata, JobSummary, S3BucketCriteriaForJob } from '@aws-sdk/client-macie2'
import { matchesBucketCriteria, uncoveredBuckets } from './coverage.js'

const hr: BucketMetadata = { accountId: '111122223333', bucketName: 'hr-exports', publicAccess: { effectivePermission: 'NOT_PUBLIC' }, sharedAccess: 'NOT_SHARED', tags: [{ key: 'team', value: 'hr' }] }
const web: BucketMetadata = { accountId: '111122223333', bucketName: 'web-assets', publicAccess: { effectivePermission: 'PUBLIC' }, sharedAccess: 'EXTERNAL', tags: [] }

const name = (comparator: string, values: string[]): S3BucketCriteriaForJob => ({ includes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: comparator as 'EQ', values } }] } })

const cases: Array<[what: string, criteria: S3BucketCriteriaForJob, hr: boolean, web: boolean]> = [
  ['name EQ', name('EQ', ['hr-exports']), true, false],
  ['name NE', name('NE', ['hr-exports']), false, true],
  ['name STARTS_WITH', name('STARTS_WITH', ['web-']), false, true],
  ['name CONTAINS', name('CONTAINS', ['export']), true, false],
  ['name GT (not for strings)', name('GT', ['a']), false, false],
  ['effective permission', { includes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_EFFECTIVE_PERMISSION', comparator: 'EQ', values: ['PUBLIC'] } }] } }, false, true],
  ['shared access', { includes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_SHARED_ACCESS', comparator: 'EQ', values: ['NOT_SHARED'] } }] } }, true, false],
  ['account', { includes: { and: [{ simpleCriterion: { key: 'ACCOUNT_ID', comparator: 'EQ', values: ['111122223333'] } }] } }, true, true],
  ['tag EQ', { includes: { and: [{ tagCriterion: { comparator: 'EQ', tagValues: [{ key: 'team', value: 'hr' }] } }] } }, true, false],
  ['tag key only', { includes: { and: [{ tagCriterion: { comparator: 'EQ', tagValues: [{ key: 'team' }] } }] } }, true, false],
  ['tag NE', { includes: { and: [{ tagCriterion: { comparator: 'NE', tagValues: [{ key: 'team', value: 'hr' }] } }] } }, false, true],
  ['excludes only', { excludes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'EQ', values: ['web-assets'] } }] } }, true, false],
  ['includes and excludes', { includes: { and: [{ simpleCriterion: { key: 'ACCOUNT_ID', comparator: 'EQ', values: ['111122223333'] } }] }, excludes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'STARTS_WITH', values: ['hr'] } }] } }, false, true],
  ['two includes conditions are ANDed', { includes: { and: [name('CONTAINS', ['-']).includes!.and![0]!, { simpleCriterion: { key: 'S3_BUCKET_SHARED_ACCESS', comparator: 'EQ', values: ['EXTERNAL'] } }] } }, false, true],
]

describe('matchesBucketCriteria', () => {
  for (const [what, criteria, hrMatches, webMatches] of cases) {
    it(what, () => {
      assert.equal(matchesBucketCriteria(hr, criteria), hrMatches)
      assert.equal(matchesBucketCriteria(web, criteria), webMatches)
    })
  }
})

describe('uncoveredBuckets', () => {
  const job = (status: string, extra: Partial<JobSummary>): JobSummary => ({ jobId: status, jobStatus: status as 'RUNNING', jobType: 'ONE_TIME', ...extra })
  it('counts bucket definitions and criteria of jobs that are not cancelled', () => {
    assert.deepEqual(uncoveredBuckets([hr, web], [job('RUNNING', { bucketDefinitions: [{ accountId: '111122223333', buckets: ['hr-exports'] }] })]), ['web-assets'])
    assert.deepEqual(uncoveredBuckets([hr, web], [job('COMPLETE', { bucketDefinitions: [{ accountId: '111122223333', buckets: ['hr-exports'] }] }), job('IDLE', { bucketCriteria: name('STARTS_WITH', ['web']) })]), [])
  })
  it('ignores cancelled jobs and definitions of another account', () => {
    assert.deepEqual(uncoveredBuckets([hr], [job('CANCELLED', { bucketDefinitions: [{ accountId: '111122223333', buckets: ['hr-exports'] }] })]), ['hr-exports'])
    assert.deepEqual(uncoveredBuckets([hr], [job('RUNNING', { bucketDefinitions: [{ accountId: '444455556666', buckets: ['hr-exports'] }] })]), ['hr-exports'])
  })
  it('leaves every bucket uncovered without jobs', () => {
    assert.deepEqual(uncoveredBuckets([hr, web], []), ['hr-exports', 'web-assets'])
  })
})
