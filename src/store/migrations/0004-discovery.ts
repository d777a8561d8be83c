// Migration 0004-discovery: automated sensitive data discovery: per-bucket resource profiles, artifacts and detections.
// Columns are written out here: a shipped migration never changes.
import type { Kysely, Migration } from 'kysely'

/** Per account and region: the account's own automated discovery status and when its last round ended. */
export interface DiscoveryAccountsTable {
  account_id: string
  region: string
  /** ENABLED or DISABLED as BatchUpdateAutomatedDiscoveryAccounts set it; null: never set. */
  status: string | null
  last_round_at: number | null
  updated_at: number
}

/** One S3 bucket's resource profile: score override, suppressed identifiers, what the last listing saw. */
export interface DiscoveryProfilesTable {
  account_id: string
  region: string
  bucket: string
  score_override: number | null
  /** JSON array of `{id, type}`: identifiers left out of the score. */
  suppressed: string
  object_count: number | null
  /** Objects a round could analyse at the last listing (classifiable, not empty). */
  eligible_objects: number | null
  listed_at: number | null
  updated_at: number
}

/** An object automated discovery analysed, as it was when analysed. */
export interface DiscoveryArtifactsTable {
  account_id: string
  region: string
  bucket: string
  object_key: string
  e_tag: string | null
  last_modified: number
  size: number
  status: string
  reason: string | null
  is_sensitive: number
  bytes_classified: number
  analysed_at: number
}

/** Occurrences one identifier found in one analysed object (a bucket's detections are their sums). */
export interface DiscoveryDetectionsTable {
  account_id: string
  region: string
  bucket: string
  object_key: string
  identifier_type: string
  identifier_id: string
  name: string
  arn: string | null
  count: number
}

/** The tables this migration creates. */
export interface DiscoveryTables {
  discovery_accounts: DiscoveryAccountsTable
  discovery_profiles: DiscoveryProfilesTable
  discovery_artifacts: DiscoveryArtifactsTable
  discovery_detections: DiscoveryDetectionsTable
}

/** Creates the tables. */
export const discoveryMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('discovery_accounts')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('status', 'text')
      .addColumn('last_round_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('discovery_accounts_pk', ['account_id', 'region'])
      .execute()

    await db.schema
      .createTable('discovery_profiles')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('score_override', 'integer')
      .addColumn('suppressed', 'text', (c) => c.notNull())
      .addColumn('object_count', 'bigint')
      .addColumn('eligible_objects', 'bigint')
      .addColumn('listed_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('discovery_profiles_pk', ['account_id', 'region', 'bucket'])
      .execute()

    await db.schema
      .createTable('discovery_artifacts')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('object_key', 'text', (c) => c.notNull())
      .addColumn('e_tag', 'text')
      .addColumn('last_modified', 'bigint', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('is_sensitive', 'integer', (c) => c.notNull())
      .addColumn('bytes_classified', 'bigint', (c) => c.notNull())
      .addColumn('analysed_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('discovery_artifacts_pk', ['account_id', 'region', 'bucket', 'object_key'])
      .execute()

    await db.schema
      .createTable('discovery_detections')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('object_key', 'text', (c) => c.notNull())
      .addColumn('identifier_type', 'text', (c) => c.notNull())
      .addColumn('identifier_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('arn', 'text')
      .addColumn('count', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('discovery_detections_pk', ['account_id', 'region', 'bucket', 'object_key', 'identifier_type', 'identifier_id'])
      .execute()
    // A bucket's detections are summed per identifier: walk them in that order.
    await db.schema
      .createIndex('discovery_detections_identifier')
      .on('discovery_detections')
      .columns(['account_id', 'region', 'bucket', 'identifier_type', 'identifier_id'])
      .execute()
  },
}
