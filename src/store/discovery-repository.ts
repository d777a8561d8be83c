// Automated sensitive data discovery: per-bucket resource profiles, artifacts and detections.
// Repository functions over the tables of migration 0004-discovery.
import type { Kysely } from 'kysely'
import type { Database } from './schema.js'
import type { Scope } from './scope.js'

/** Automated sensitive data discovery: per-bucket resource profiles, artifacts and detections. */
export interface DiscoveryRepository {
  /** Deletes every row of the scope (DisableMacie). */
  deleteScope(scope: Scope): Promise<void>
}

/**
 * The discovery repository on a migrated database.
 * @example
 * const discovery = discoveryRepository(db)
 */
export function discoveryRepository(db: Kysely<Database>): DiscoveryRepository {
  void db
  return {
    async deleteScope() {},
  }
}
