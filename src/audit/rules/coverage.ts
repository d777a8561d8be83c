// Which of a region's buckets its classification jobs cover (Macie2-003's bucket coverage): a bucket
// is covered when a job that is not CANCELLED names it or its bucket criteria match it.
import type { BucketMetadata, CriteriaBlockForJob, CriteriaForJob, JobSummary, S3BucketCriteriaForJob } from '@aws-sdk/client-macie2'

/** The bucket's values for a simple criterion's key (S3BucketCriteriaForJob's keys). */
function valuesOf(bucket: BucketMetadata, key: string | undefined): string[] {
  switch (key) {
    case 'ACCOUNT_ID':
      return bucket.accountId ? [bucket.accountId] : []
    case 'S3_BUCKET_NAME':
      return bucket.bucketName ? [bucket.bucketName] : []
    case 'S3_BUCKET_EFFECTIVE_PERMISSION':
      return bucket.publicAccess?.effectivePermission ? [bucket.publicAccess.effectivePermission] : []
    case 'S3_BUCKET_SHARED_ACCESS':
      return bucket.sharedAccess ? [bucket.sharedAccess] : []
    default:
      return []
  }
}

function compare(comparator: string | undefined, actual: string[], wanted: string[]): boolean {
  switch (comparator) {
    case 'EQ':
      return actual.some((a) => wanted.includes(a))
    case 'NE':
      return !actual.some((a) => wanted.includes(a))
    case 'CONTAINS':
      return actual.some((a) => wanted.some((w) => a.includes(w)))
    case 'STARTS_WITH':
      return actual.some((a) => wanted.some((w) => a.startsWith(w)))
    // GT/GTE/LT/LTE do not apply to these string-valued keys: such a condition matches nothing.
    default:
      return false
  }
}

function matchesCondition(bucket: BucketMetadata, c: CriteriaForJob): boolean {
  if (c.simpleCriterion) {
    if (!compare(c.simpleCriterion.comparator, valuesOf(bucket, c.simpleCriterion.key), c.simpleCriterion.values ?? [])) return false
  }
  if (c.tagCriterion) {
    const pairs = c.tagCriterion.tagValues ?? []
    // A pair with no value matches the tag key with any value.
    const hasTag = pairs.some((p) => (bucket.tags ?? []).some((t) => t.key === p.key && (p.value === undefined || p.value === '' || t.value === p.value)))
    if (c.tagCriterion.comparator === 'NE' ? hasTag : !hasTag) return false
  }
  return true
}

function matchesBlock(bucket: BucketMetadata, block: CriteriaBlockForJob | undefined): boolean {
  return (block?.and ?? []).every((c) => matchesCondition(bucket, c))
}

/**
 * Whether bucket criteria select the bucket: it matches every `includes` condition (none: every
 * bucket) and not every `excludes` condition (none: excludes nothing).
 * @example
 * matchesBucketCriteria({ bucketName: 'hr-data' }, { includes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'STARTS_WITH', values: ['hr-'] } }] } }) // true
 */
export function matchesBucketCriteria(bucket: BucketMetadata, criteria: S3BucketCriteriaForJob): boolean {
  if (!matchesBlock(bucket, criteria.includes)) return false
  const excludes = criteria.excludes?.and ?? []
  return excludes.length === 0 || !matchesBlock(bucket, criteria.excludes)
}

/** Whether a job names the bucket in its bucket definitions or selects it by its criteria. */
export function jobCoversBucket(job: JobSummary, bucket: BucketMetadata): boolean {
  if (job.bucketDefinitions?.some((d) => (!d.accountId || !bucket.accountId || d.accountId === bucket.accountId) && (d.buckets ?? []).includes(bucket.bucketName ?? ''))) return true
  return job.bucketCriteria ? matchesBucketCriteria(bucket, job.bucketCriteria) : false
}

/**
 * The names of the buckets no job that is not CANCELLED covers.
 * @example
 * uncoveredBuckets([{ bucketName: 'a' }, { bucketName: 'b' }], [{ jobStatus: 'RUNNING', bucketDefinitions: [{ buckets: ['a'] }] }]) // ['b']
 */
export function uncoveredBuckets(buckets: readonly BucketMetadata[], jobs: readonly JobSummary[]): string[] {
  const live = jobs.filter((j) => j.jobStatus !== 'CANCELLED')
  return buckets.filter((b) => !live.some((j) => jobCoversBucket(j, b))).map((b) => b.bucketName ?? '')
}
