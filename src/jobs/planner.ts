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

/** What planning found. */
export interface Plan {
  objects: number
  /** Buckets the run covers, with their posture where it was read. */
  buckets: Array<{ name: string; createdAt?: Date; posture?: BucketPosture }>
  /** Account- or bucket-level errors (Macie's lastRunErrorStatus ERROR). */
  errors: string[]
}

async function postureOf(source: ObjectSource, bucket: string): Promise<BucketPosture> {
  try {
    return await source.getBucketPosture(bucket)
  } catch {
    return {}
  }
}

/** The buckets a run covers: the job's definitions, or every bucket its criteria select now. */
async function selectBuckets(job: JobRow, source: ObjectSource, errors: string[]): Promise<Plan['buckets']> {
  const def = job.s3JobDefinition
  const selected: Plan['buckets'] = []
  if (def.bucketDefinitions) {
    for (const d of def.bucketDefinitions) {
      if (d.accountId !== job.accountId) {
        errors.push(`buckets of account ${d.accountId} are not reachable from account ${job.accountId}`)
        continue
      }
      for (const name of d.buckets) {
        if (await source.hasBucket(name).catch(() => false)) selected.push({ name })
        else errors.push(`bucket ${name} does not exist or cannot be reached`)
      }
    }
    return selected
  }
  const criteria = def.bucketCriteria ?? {}
  const needsPosture = criteriaNeedPosture(criteria)
  for await (const bucket of source.listBuckets()) {
    const posture = needsPosture ? await postureOf(source, bucket.name) : undefined
    const facts: BucketFacts = {
      accountId: job.accountId,
      name: bucket.name,
      effectivePermission: posture ? effectivePermission(posture) : 'UNKNOWN',
      sharedAccess: posture ? sharedAccess(posture, job.accountId) : 'UNKNOWN',
      tags: posture?.tags ?? [],
    }
    if (matchesBucketCriteria(facts, criteria)) selected.push({ name: bucket.name, ...(bucket.createdAt ? { createdAt: bucket.createdAt } : {}), ...(posture ? { posture } : {}) })
  }
  return selected
}

/**
 * Lists, selects and stores the objects of a run.
 * @example
 * const plan = await planRun(store, source, job, run)
 */
export async function planRun(store: Store, source: ObjectSource, job: JobRow, run: RunRow): Promise<Plan> {
  const errors: string[] = []
  let buckets: Plan['buckets']
  try {
    buckets = await selectBuckets(job, source, errors)
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
        rows.push({ runId: run.runId, seq: batchIndex * BATCH_SLOTS + inBatch, ...objectRefOf(o), state: 'PENDING' })
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
