// Macie's `samplingPercentage`: which objects of a run are analysed. The pick is a hash of the run
// and the object, not a random draw, so a run resumed after a crash plans the same objects.
import { createHash } from 'node:crypto'
import { InvalidInputError } from '../errors.js'

/**
 * Whether an object is in a run's sample: deterministic for one run, bucket and key, and picked
 * with probability `percentage`/100 across objects; 100 picks every object.
 * @example
 * isSampled('run-1', 'bucket', 'a.csv', 100) // true
 */
export function isSampled(runId: string, bucket: string, key: string, percentage: number): boolean {
  if (!Number.isFinite(percentage) || percentage < 0 || percentage > 100) {
    throw new InvalidInputError(`samplingPercentage must be from 0 to 100, not ${percentage}`)
  }
  if (percentage >= 100) return true
  if (percentage <= 0) return false
  // NUL cannot occur in a bucket name, so (bucket, key) pairs never collide as one string.
  const digest = createHash('sha256').update(runId).update('\0').update(bucket).update('\0').update(key).digest()
  return digest.readUInt32BE(0) / 2 ** 32 < percentage / 100
}
