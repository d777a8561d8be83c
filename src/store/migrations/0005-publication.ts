// Migration 0005-publication: findings publication: finding events, webhook deliveries and dead letters.
// Columns are written out here: a shipped migration never changes.
import { PostgresAdapter, type Generated, type Kysely, type Migration } from 'kysely'

/**
 * The outbox: one row per finding inserted or updated (unless archived), written in the finding's
 * own transaction; the publisher turns rows into deliveries and deletes them. `seq` orders them.
 */
export interface PublicationEventsTable {
  /** Assigned by the database. */
  seq: Generated<number>
  account_id: string
  region: string
  finding_id: string
  /** NEW or UPDATE. */
  kind: string
  created_at: number
}

/** One envelope to one webhook; PENDING until delivered (then deleted), DEAD after the last attempt. */
export interface PublicationDeliveriesTable {
  id: string
  account_id: string
  region: string
  /** The envelope's `id`: the same across retries, so receivers can de-duplicate. */
  event_id: string
  finding_id: string
  /** A hash of the webhook's URL: the URL itself may carry a token, and is never stored. */
  webhook_id: string
  /** The URL without user info, query or fragment, for display. */
  webhook_url: string
  /** The envelope JSON, sent byte for byte on every attempt. */
  body: string
  state: string
  attempts: number
  /** When the next attempt may start; set before each attempt, so it doubles as the attempt's lease. */
  next_attempt_at: number
  created_at: number
  last_attempt_at: number | null
  last_error: string | null
  dead_at: number | null
}

/** The tables this migration creates. */
export interface PublicationTables {
  publication_events: PublicationEventsTable
  publication_deliveries: PublicationDeliveriesTable
}

/** Creates the tables. */
export const publicationMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // An ever-growing sequence: an identity column on PostgreSQL, a rowid alias on SQLite.
    const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter
    await db.schema
      .createTable('publication_events')
      .addColumn('seq', isPostgres ? 'bigint' : 'integer', (c) => (isPostgres ? c.generatedAlwaysAsIdentity().primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('finding_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('publication_events_scope').on('publication_events').columns(['account_id', 'region', 'seq']).execute()
    await db.schema.createIndex('publication_events_finding').on('publication_events').columns(['account_id', 'region', 'finding_id']).execute()

    await db.schema
      .createTable('publication_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('finding_id', 'text', (c) => c.notNull())
      .addColumn('webhook_id', 'text', (c) => c.notNull())
      .addColumn('webhook_url', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_attempt_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('dead_at', 'bigint')
      .execute()
    // One delivery of an event per webhook, whoever enqueues it.
    await db.schema.createIndex('publication_deliveries_event').unique().on('publication_deliveries').columns(['event_id', 'webhook_id']).execute()
    await db.schema.createIndex('publication_deliveries_due').on('publication_deliveries').columns(['state', 'webhook_id', 'next_attempt_at']).execute()
    await db.schema.createIndex('publication_deliveries_scope').on('publication_deliveries').columns(['account_id', 'region', 'state', 'created_at', 'id']).execute()
  },
}
