// Migration 0009-run-object-accounts: the account that owns each object of a run, so that an
// administrator's job over its members' buckets reads, bills and reports each object as its owner's.
// Columns are written out here: a shipped migration never changes.
import type { Kysely, Migration } from 'kysely'

/** Adds the column; rows planned before it keep null, their job's account. */
export const runObjectAccountsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('run_objects').addColumn('account_id', 'text').execute()
  },
}
