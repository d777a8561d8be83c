// Revealed sensitive data occurrences, encrypted at rest: one row per finding whose samples were
// asked for, from the retrieval's claim (PROCESSING) to its outcome, until it expires. Rows hold
// sealed bytes only; sealing and opening them is the caller's (jobs/reveal.ts).
import type { Kysely } from 'kysely'
import type { Database } from './schema.js'
import type { Scope } from './scope.js'

/** Macie's RevealRequestStatus. */
export type RevealStatus = 'PROCESSING' | 'SUCCESS' | 'ERROR'

/** A retrieval of a finding's samples, as stored. */
export interface RevealSample {
  findingId: string
  claim: string
  status: RevealStatus
  /** Why the retrieval failed (ERROR only). */
  error?: string
  /** The sealed occurrences (SUCCESS only). */
  sealed?: Buffer
  createdAt: Date
  expiresAt: Date
}

/** How a retrieval ended. */
export type RevealOutcome = { status: 'SUCCESS'; sealed: Buffer } | { status: 'ERROR'; error: string }

/** Revealed sensitive data occurrences, encrypted at rest. */
export interface RevealRepository {
  /** The finding's retrieval if one exists and has not expired at `now`. */
  get(scope: Scope, findingId: string, now: Date): Promise<RevealSample | undefined>
  /** Starts a retrieval (PROCESSING) unless an unexpired one exists; true when this call started it. */
  claim(scope: Scope, findingId: string, claim: string, now: Date, expiresAt: Date): Promise<boolean>
  /** Records the outcome of the retrieval that holds `claim`; false when its row was deleted or replaced meanwhile. */
  finish(scope: Scope, findingId: string, claim: string, outcome: RevealOutcome, expiresAt: Date): Promise<boolean>
  /** Deletes rows that expired at or before `now`, in every scope; returns how many. */
  deleteExpired(now: Date): Promise<number>
  /** Deletes every row of the scope (DisableMacie, reveal disabled). */
  deleteScope(scope: Scope): Promise<void>
}

/**
 * The reveal repository on a migrated database.
 * @example
 * const reveal = revealRepository(db)
 */
export function revealRepository(db: Kysely<Database>): RevealRepository {
  return {
    async get(scope, findingId, now) {
      const row = await db
        .selectFrom('reveal_samples')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('region', '=', scope.region)
        .where('finding_id', '=', findingId)
        .where('expires_at', '>', now.getTime())
        .executeTakeFirst()
      if (!row) return undefined
      return {
        findingId: row.finding_id,
        claim: row.claim,
        status: row.status as RevealStatus,
        ...(row.error !== null ? { error: row.error } : {}),
        ...(row.sealed !== null ? { sealed: Buffer.from(row.sealed, 'base64') } : {}),
        createdAt: new Date(Number(row.created_at)),
        expiresAt: new Date(Number(row.expires_at)),
      }
    },

    async claim(scope, findingId, claim, now, expiresAt) {
      // An expired row gives way; two callers racing here both delete only what expired, and the
      // primary key lets one insert win.
      await db
        .deleteFrom('reveal_samples')
        .where('account_id', '=', scope.accountId)
        .where('region', '=', scope.region)
        .where('finding_id', '=', findingId)
        .where('expires_at', '<=', now.getTime())
        .execute()
      const inserted = await db
        .insertInto('reveal_samples')
        .values({
          account_id: scope.accountId,
          region: scope.region,
          finding_id: findingId,
          claim,
          status: 'PROCESSING',
          error: null,
          sealed: null,
          created_at: now.getTime(),
          expires_at: expiresAt.getTime(),
        })
        .onConflict((oc) => oc.columns(['account_id', 'region', 'finding_id']).doNothing())
        .executeTakeFirst()
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1
    },

    async finish(scope, findingId, claim, outcome, expiresAt) {
      const updated = await db
        .updateTable('reveal_samples')
        .set({
          status: outcome.status,
          error: outcome.status === 'ERROR' ? outcome.error : null,
          sealed: outcome.status === 'SUCCESS' ? outcome.sealed.toString('base64') : null,
          expires_at: expiresAt.getTime(),
        })
        .where('account_id', '=', scope.accountId)
        .where('region', '=', scope.region)
        .where('finding_id', '=', findingId)
        .where('claim', '=', claim)
        .where('status', '=', 'PROCESSING')
        .executeTakeFirst()
      return Number(updated.numUpdatedRows) === 1
    },

    async deleteExpired(now) {
      const deleted = await db.deleteFrom('reveal_samples').where('expires_at', '<=', now.getTime()).executeTakeFirst()
      return Number(deleted.numDeletedRows)
    },

    async deleteScope(scope) {
      await db.deleteFrom('reveal_samples').where('account_id', '=', scope.accountId).where('region', '=', scope.region).execute()
    },
  }
}
