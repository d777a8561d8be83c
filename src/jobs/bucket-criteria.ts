// Macie's `bucketCriteria` (MACIE.md §4.2): whether one bucket is in a job's run. Evaluated at
// the start of each run over facts the planner gathers; terms are checked by validate.ts.
import { InvalidInputError } from '../errors.js'
import type { Tag } from '../sources/types.js'
import type { CriteriaForJob, S3JobDefinition } from '../store/types.js'

/** What bucket criteria look at, in Macie's values. */
export interface BucketFacts {
  accountId: string
  name: string
  effectivePermission: 'PUBLIC' | 'NOT_PUBLIC' | 'UNKNOWN'
  sharedAccess: 'EXTERNAL' | 'INTERNAL' | 'NOT_SHARED' | 'UNKNOWN'
  tags: Tag[]
}

type BucketCriteria = S3JobDefinition['bucketCriteria']

function factFor(bucket: BucketFacts, key: string): string {
  switch (key) {
    case 'ACCOUNT_ID':
      return bucket.accountId
    case 'S3_BUCKET_NAME':
      return bucket.name
    case 'S3_BUCKET_EFFECTIVE_PERMISSION':
      return bucket.effectivePermission
    case 'S3_BUCKET_SHARED_ACCESS':
      return bucket.sharedAccess
  }
  throw new InvalidInputError(`bucket criterion key ${key} is not valid`)
}

function hasAnyTag(tags: readonly Tag[], wanted: ReadonlyArray<{ key?: string; value?: string }>): boolean {
  // A pair may name a key only, a value only, or both; an empty string counts as not given.
  return wanted.some((w) => tags.some((t) => (!w.key || t.key === w.key) && (!w.value || t.value === w.value)))
}

function holds(bucket: BucketFacts, criterion: CriteriaForJob): boolean {
  const { simpleCriterion, tagCriterion } = criterion
  const term = simpleCriterion ?? tagCriterion
  if (!term) throw new InvalidInputError('a bucket criterion must specify simpleCriterion or tagCriterion')
  const hit = simpleCriterion
    ? simpleCriterion.values.includes(factFor(bucket, simpleCriterion.key))
    : hasAnyTag(bucket.tags, tagCriterion!.tagValues)
  if (term.comparator === 'EQ') return hit
  if (term.comparator === 'NE') return !hit
  throw new InvalidInputError(`bucket criterion comparator ${term.comparator} is not valid`)
}

/**
 * Whether a bucket is selected: values of one condition are ORed, conditions ANDed, and a bucket
 * that meets every exclude condition is left out whatever the includes say. Case-sensitive, no
 * wildcards. No criteria: every bucket.
 * @example
 * matchesBucketCriteria(bucket, { includes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_EFFECTIVE_PERMISSION', comparator: 'EQ', values: ['PUBLIC'] } }] } })
 */
export function matchesBucketCriteria(bucket: BucketFacts, criteria: BucketCriteria): boolean {
  const includes = criteria?.includes?.and ?? []
  const excludes = criteria?.excludes?.and ?? []
  if (!includes.every((c) => holds(bucket, c))) return false
  return excludes.length === 0 || !excludes.every((c) => holds(bucket, c))
}

/**
 * Whether evaluating the criteria needs the bucket's posture — effective permission, shared
 * access or tags — so the planner reads it (several requests per bucket) only then.
 * @example
 * criteriaNeedPosture({ includes: { and: [{ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'EQ', values: ['b'] } }] } }) // false
 */
export function criteriaNeedPosture(criteria: BucketCriteria): boolean {
  const all = [...(criteria?.includes?.and ?? []), ...(criteria?.excludes?.and ?? [])]
  return all.some(
    (c) =>
      c.tagCriterion !== undefined ||
      c.simpleCriterion?.key === 'S3_BUCKET_EFFECTIVE_PERMISSION' ||
      c.simpleCriterion?.key === 'S3_BUCKET_SHARED_ACCESS',
  )
}
