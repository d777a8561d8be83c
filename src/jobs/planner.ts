// Plans a run: which buckets (definitions, or criteria evaluated now), which of their objects
// (scoping, incremental window, sampling), numbered in listing order and stored before any is
// analysed, so an interrupted run resumes with the same plan. Listing streams page by page and
// the plan is written in batches: a bucket of millions of objects is never held in memory.
import { matchesBucketCriteria, criteriaNeedPosture, type BucketFacts } from './bucket-criteria.js'
import { isSampled } from './sampling.js'
import { matchesScoping, scopingNeedsTags } from './scope.js'
import { effectivePermission, sharedAccess } from '../findings/bucket-access.js'
import { objectRefOf } from '../scan/record.js'
import type { BucketPosture, ObjectSource, Tag } from '../sources/types.js'
import type { JobRow, RunObjectRow, RunRow, Store } from '../store/types.js'

/** Rows written to the store at once while planning. */
const INSERT_ROWS = 1000

/**
 * Objects are planned in batches that share one results file and one commit: at most
 * BATCH_OBJECTS objects or BATCH_BYTES bytes (a single larger object makes a batch of its own).
 * A batch's objects are numbered from `batch × BATCH_SLOTS`, so the batch of an object follows
 * from its number alone, however much of the run is done when it resumes.
 */
export const BATCH_SLOTS = 128
const BATCH_OBJECTS = 100
const BATCH_BYTES = 32 * 1024 * 1024

/** The plan batch an object's number belongs to. */
export function batchOf(seq: number): number {
  return Math.floor(seq / BATCH_SLOTS)
}

/** A bucket a run covers, with its owner and its posture where it was read. */
export interface PlannedBucket {
  /** The account that owns the bucket: the job's own, or one of its members. */
  accountId: string
  name: string
  createdAt?: Date
  posture?: BucketPosture
}

/** What planning found. */
export interface Plan {
  objects: number
  /** Buckets the run covers. */
  buckets: PlannedBucket[]
  /** Account- or bucket-level errors (Macie's lastRunErrorStatus ERROR). */
  errors: string[]
}

/** The buckets a run may reach: the job's account's and, for an administrator, its members'. */
export interface RunSources {
  /** The job's account first, then its associated (Enabled) members in the job's region. */
  accounts: readonly string[]
  /** Where the buckets of one of `accounts` are. */
  sourceOf(accountId: string): ObjectSource
}

async function postureOf(source: ObjectSource, bucket: string): Promise<BucketPosture> {
  try {
    return await source.getBucketPosture(bucket)
  } catch {
    return {}
  }
}

/**
 * The buckets a run covers: the job's definitions, or every bucket of the job's account and its
 * members that its criteria select now (the ACCOUNT_ID criterion picks among them).
 */
async function selectBuckets(job: JobRow, sources: RunSources, errors: string[]): Promise<PlannedBucket[]> {
  const def = job.s3JobDefinition
  const selected: PlannedBucket[] = []
  if (def.bucketDefinitions) {
    for (const d of def.bucketDefinitions) {
      // Creation checked membership; a member that left since is reported here, run by run.
      if (!sources.accounts.includes(d.accountId)) {
        errors.push(`buckets of account ${d.accountId} are not reachable from account ${job.accountId}`)
        continue
      }
      const source = sources.sourceOf(d.accountId)
      for (const name of d.buckets) {
        if (await source.hasBucket(name).catch(() => false)) selected.push({ accountId: d.accountId, name })
        else errors.push(`bucket ${name} does not exist or cannot be reached`)
      }
    }
    return selected
  }
  const criteria = def.bucketCriteria ?? {}
  const needsPosture = criteriaNeedPosture(criteria)
  for (const accountId of sources.accounts) {
    const source = sources.sourceOf(accountId)
    try {
      for await (const bucket of source.listBuckets()) {
        const posture = needsPosture ? await postureOf(source, bucket.name) : undefined
        const facts: BucketFacts = {
          accountId,
          name: bucket.name,
          effectivePermission: posture ? effectivePermission(posture) : 'UNKNOWN',
          sharedAccess: posture ? sharedAccess(posture, accountId) : 'UNKNOWN',
          tags: posture?.tags ?? [],
        }
        if (matchesBucketCriteria(facts, criteria)) selected.push({ accountId, name: bucket.name, ...(bucket.createdAt ? { createdAt: bucket.createdAt } : {}), ...(posture ? { posture } : {}) })
      }
    } catch (err) {
      errors.push(`cannot list buckets${accountId === job.accountId ? '' : ` of account ${accountId}`}: ${(err as Error).message}`)
    }
  }
  return selected
}

/**
 * Lists, selects and stores the objects of a run: from one source (the job's account's), or from
 * the sources of the job's account and its members, each object planned with its owner.
 * @example
 * const plan = await planRun(store, source, job, run)
 */
export async function planRun(store: Store, sources: ObjectSource | RunSources, job: JobRow, run: RunRow): Promise<Plan> {
  const reach: RunSources = 'sourceOf' in sources ? sources : { accounts: [job.accountId], sourceOf: () => sources }
  const errors: string[] = []
  let buckets: PlannedBucket[]
  try {
    buckets = await selectBuckets(job, reach, errors)
  } catch (err) {
    errors.push(`cannot list buckets: ${(err as Error).message}`)
    buckets = []
  }
  const scoping = job.s3JobDefinition.scoping
  const needsTags = scopingNeedsTags(scoping)
  let planned = 0
  let batchIndex = 0
  let inBatch = 0
  let batchBytes = 0
  let rows: RunObjectRow[] = []
  const flush = async (): Promise<void> => {
    if (rows.length > 0) await store.runObjects.insertMany(rows)
    rows = []
  }
  for (const bucket of buckets) {
    const source = reach.sourceOf(bucket.accountId)
    const owner = bucket.accountId === job.accountId ? {} : { accountId: bucket.accountId }
    try {
      for await (const o of source.listObjects(bucket.name)) {
        // Stores keep modification times to the second: an object changed in the second the last
        // run started is analysed again rather than missed.
        if (run.modifiedAfter && o.lastModified.getTime() < Math.floor(run.modifiedAfter.getTime() / 1000) * 1000) continue
        if (!isSampled(run.runId, o.bucket, o.key, job.samplingPercentage)) continue
        let tags: Tag[] | undefined
        if (needsTags) tags = await source.getObjectTags(o.bucket, o.key).catch(() => [])
        if (!matchesScoping({ key: o.key, size: o.size, lastModified: o.lastModified, ...(tags ? { tags } : {}) }, scoping)) continue
        if (inBatch >= BATCH_OBJECTS || (inBatch > 0 && batchBytes + o.size > BATCH_BYTES)) {
          batchIndex++
          inBatch = 0
          batchBytes = 0
        }
        rows.push({ runId: run.runId, seq: batchIndex * BATCH_SLOTS + inBatch, ...objectRefOf(o), state: 'PENDING', ...owner })
        inBatch++
        batchBytes += o.size
        planned++
        if (rows.length >= INSERT_ROWS) await flush()
      }
    } catch (err) {
      errors.push(`cannot list bucket ${bucket.name}: ${(err as Error).message}`)
    }
  }
  await flush()
  return { objects: planned, buckets, errors }
}
