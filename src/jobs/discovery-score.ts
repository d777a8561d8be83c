// A bucket's sensitivity score (−1…100) and statistics from its resource profile (MACIE.md §8.5).
// Macie does not publish its formula; the one below keeps Macie's ranges and documented trends.
import type { ArtifactCounts, DetectionRow, ProfileSummary, SuppressedIdentifier } from '../store/discovery-repository.js'

/** What the score reads of a bucket. */
export interface ScoreInput {
  /** 100 while overridden (UpdateResourceProfile). */
  scoreOverride?: number
  /** Objects the last listing saw; undefined when the bucket was never listed. */
  objectCount?: number
  /** Objects a round could analyse at the last listing (classifiable, not empty). */
  eligibleObjects?: number
  /** Objects analysed: COMPLETE or PARTIAL. */
  classified: number
  /** Objects that could not be analysed (SKIPPED). */
  skipped: number
  /** Occurrences per identifier; suppressed ones do not count. */
  detections: ReadonlyArray<{ count: number; suppressed: boolean }>
}

/** Macie's `ResourceStatistics`. */
export interface ResourceStatistics {
  totalBytesClassified: number
  totalDetections: number
  totalDetectionsSuppressed: number
  totalItemsClassified: number
  totalItemsSensitive: number
  totalItemsSkipped: number
  totalItemsSkippedInvalidEncryption: number
  totalItemsSkippedInvalidKms: number
  totalItemsSkippedPermissionDenied: number
}

/** A detection summed over a bucket, with whether it is left out of the score. */
export interface BucketDetection extends DetectionRow {
  suppressed: boolean
}

// Weight of the occurrences: one type of sensitive data found this many times weighs as much
// as the whole intensity scale's midpoint.
const INTENSITY_MIDPOINT = 4

/**
 * The sensitivity score of a bucket. Macie's formula is unpublished; trawl's is:
 *
 * - 100 when overridden; otherwise never 100.
 * - 1 when the last listing found nothing to analyse (empty, or only empty or unclassifiable
 *   objects) and nothing was analysed.
 * - 50 when nothing was analysed or attempted yet (never listed, or listed but not sampled).
 * - −1 when every attempt failed (only SKIPPED objects).
 * - Let `coverage` = classified ÷ max(classified, eligible objects) ∈ (0, 1].
 * - Not sensitive (no unsuppressed detection): `49 − round(48 × coverage)` ∈ 1…49, lower as more
 *   of the bucket was analysed and found clean.
 * - Sensitive: `magnitude` = Σ over unsuppressed identifiers of (1 + log10(occurrences)), which
 *   grows with the number of sensitive types and with their occurrences;
 *   `intensity` = magnitude ÷ (magnitude + 4) ∈ (0, 1); score =
 *   `51 + round(48 × intensity × (0.5 + 0.5 × coverage))` ∈ 51…99, higher with more types, more
 *   occurrences and more of the bucket analysed.
 * @example
 * sensitivityScore({ eligibleObjects: 10, classified: 10, skipped: 0, detections: [] }) // 1
 */
export function sensitivityScore(input: ScoreInput): number {
  if (input.scoreOverride === 100) return 100
  const attempted = input.classified + input.skipped
  if (attempted === 0) {
    if (input.objectCount !== undefined && (input.objectCount === 0 || input.eligibleObjects === 0)) return 1
    return 50
  }
  if (input.classified === 0) return -1
  const coverage = input.classified / Math.max(input.classified, input.eligibleObjects ?? input.classified)
  const counted = input.detections.filter((d) => !d.suppressed && d.count > 0)
  if (counted.length === 0) return Math.max(1, 49 - Math.round(48 * coverage))
  const magnitude = counted.reduce((m, d) => m + 1 + Math.log10(d.count), 0)
  const intensity = magnitude / (magnitude + INTENSITY_MIDPOINT)
  return Math.min(99, 51 + Math.round(48 * intensity * (0.5 + 0.5 * coverage)))
}

function isSuppressed(d: DetectionRow, suppressed: readonly SuppressedIdentifier[]): boolean {
  return suppressed.some((s) => s.type === d.type && s.id === d.id)
}

/**
 * A bucket's detections with their `suppressed` flag from the profile.
 * @example
 * bucketDetections(summary).filter((d) => !d.suppressed)
 */
export function bucketDetections(summary: ProfileSummary): BucketDetection[] {
  const suppressed = summary.profile?.suppressed ?? []
  return summary.detections.map((d) => ({ ...d, suppressed: isSuppressed(d, suppressed) }))
}

/**
 * Macie's `ResourceStatistics` of a bucket's profile.
 * @example
 * resourceStatistics(summary).totalItemsClassified
 */
export function resourceStatistics(summary: ProfileSummary): ResourceStatistics {
  const c: ArtifactCounts = summary.counts
  const detections = bucketDetections(summary)
  return {
    totalBytesClassified: c.bytesClassified,
    totalDetections: detections.reduce((n, d) => n + d.count, 0),
    totalDetectionsSuppressed: detections.filter((d) => d.suppressed).reduce((n, d) => n + d.count, 0),
    totalItemsClassified: c.complete + c.partial,
    totalItemsSensitive: c.sensitive,
    totalItemsSkipped: c.skipped,
    totalItemsSkippedInvalidEncryption: c.skippedInvalidEncryption,
    totalItemsSkippedInvalidKms: c.skippedInvalidKms,
    totalItemsSkippedPermissionDenied: c.skippedPermissionDenied,
  }
}

/**
 * The score of a bucket's profile summary.
 * @example
 * summaryScore(summary) // 50 before any analysis
 */
export function summaryScore(summary: ProfileSummary): number {
  const p = summary.profile
  return sensitivityScore({
    ...(p?.scoreOverride !== undefined ? { scoreOverride: p.scoreOverride } : {}),
    ...(p?.objectCount !== undefined ? { objectCount: p.objectCount } : {}),
    ...(p?.eligibleObjects !== undefined ? { eligibleObjects: p.eligibleObjects } : {}),
    classified: summary.counts.complete + summary.counts.partial,
    skipped: summary.counts.skipped,
    detections: bucketDetections(summary),
  })
}
