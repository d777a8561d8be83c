// Migration 0006-reveal: revealed sensitive data occurrences, encrypted at rest.
// Columns are written out here: a shipped migration never changes.
import type { Kysely, Migration } from 'kysely'

/** One retrieval of a finding's sensitive data occurrences: its state and, once done, the sealed values. */
export interface RevealSamplesTable {
  account_id: string
  region: string
  finding_id: string
  /** Random token of the retrieval that owns the row: a retrieval whose row was replaced writes nothing. */
  claim: string
  /** PROCESSING, SUCCESS or ERROR (Macie's RevealRequestStatus). */
  status: string
  /** Why an ERROR happened, in words that hold no sensitive value. */
  error: string | null
  /** Base64 of the envelope (results/envelope.ts) that seals the values; never the values in clear. */
  sealed: string | null
  created_at: number
  /** The row is gone, for every reader, from this instant (epoch ms). */
  expires_at: number
}

/** The tables this migration creates. */
export interface RevealTables {
  reveal_samples: RevealSamplesTable
}

/** Creates the tables. */
export const revealMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('reveal_samples')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('finding_id', 'text', (c) => c.notNull())
      .addColumn('claim', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('sealed', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('reveal_samples_pk', ['account_id', 'region', 'finding_id'])
      .execute()
    // Expired rows are swept across every scope.
    await db.schema.createIndex('reveal_samples_expires').on('reveal_samples').columns(['expires_at']).execute()
  },
}
