// What operation handlers work with: the store, the job service, the results keyring, where each
// account's buckets are, and the caller's account and region (from the request's signature).
import type { JobService } from '../jobs/service.js'
import type { Keyring } from '../results/keyring.js'
import type { SourceSpec } from '../sources/types.js'
import type { Scope, Store } from '../store/types.js'

/** The server's parts, shared by every request. */
export interface ApiContext {
  store: Store
  jobs: JobService
  keyring: Keyring
  sourceFor(accountId: string): SourceSpec
  /** Every account the server answers for, in configuration order; the first is the organization's management account. */
  accountIds: readonly string[]
  monthlyQuotaBytes?: number
}

/** One operation's implementation: the validated input in, the output shape's members out. */
export type Handler = (input: Record<string, unknown>, scope: Scope, ctx: ApiContext) => Promise<unknown>

/** Operations that answer before Macie is enabled for the caller's account and region. */
export const WITHOUT_SESSION = new Set(['EnableMacie', 'GetMacieSession'])
