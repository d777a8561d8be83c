// What running jobs needs from its host (the CLI or the server): the store, where each account's
// buckets are, the results keyring, and how much work may run at once.
import type { Keyring } from '../results/keyring.js'
import type { SourceSpec } from '../sources/types.js'
import type { Store } from '../store/types.js'

/** Macie's default monthly sensitive data discovery quota per account and region: 5 TB. */
export const DEFAULT_MONTHLY_QUOTA_BYTES = 5 * 1024 ** 4

/** The environment jobs run in. */
export interface JobContext {
  store: Store
  /** Where an account's buckets are (S3 endpoint and credentials, or a folder of buckets). */
  sourceFor(accountId: string): SourceSpec
  keyring: Keyring
  /** Worker threads of one run. */
  workers: number
  /** Runs in progress at once; more wait their turn. */
  maxConcurrentRuns?: number
  /** Bytes a scope may analyse per calendar month before its jobs are PAUSED. */
  monthlyQuotaBytes?: number
  partition?: string
  /** Time one object may take (Macie: 10 hours). */
  timeoutMs?: number
  tempDir?: string
  /** Progress of runs, for people (never sensitive values). */
  onEvent?(event: RunEvent): void
}

/** Something a run did, for progress displays and logs. */
export type RunEvent =
  | { kind: 'planned'; jobId: string; runId: string; objects: number }
  | { kind: 'object'; jobId: string; runId: string; bucket: string; key: string; status: string; findings: number; bytes: number }
  | { kind: 'failure'; jobId: string; runId: string; bucket: string; key: string; message: string }
  | { kind: 'finished'; jobId: string; runId: string; status: string }

/** The month a usage row belongs to ('2026-11', UTC). */
export function usageMonth(at: Date): string {
  return at.toISOString().slice(0, 7)
}
