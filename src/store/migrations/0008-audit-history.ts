// Migration 0008-audit-history: the results of scheduled compliance audits (trawl serve
// --audit-interval), one row per rule × region × run. Columns are written out here: a shipped
// migration never changes.
import type { Kysely, Migration } from 'kysely'

/** One rule's verdict in one region in one audit run of an account. */
export interface AuditResultsTable {
  account_id: string
  region: string
  /** The run's ID: every row of one account's audit round shares it. */
  run_id: string
  /** When the run started (epoch ms), the same on every row of the run. */
  run_at: number
  /** Stable rule ID, e.g. Macie2-003. */
  rule_id: string
  /** SUCCESS, FAILURE or ERROR. */
  verdict: string
  reason: string
  /** JSON array of the ARNs, bucket names or job IDs the verdict is about. */
  resources: string
}

/** The tables this migration creates. */
export interface AuditHistoryTables {
  audit_results: AuditResultsTable
}

/** Creates the table and its indexes. */
export const auditHistoryMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_results')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('run_at', 'bigint', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('resources', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_results_pk', ['account_id', 'run_id', 'region', 'rule_id'])
      .execute()
    // The latest run of an account, and an account's history newest first.
    await db.schema.createIndex('audit_results_account_run').on('audit_results').columns(['account_id', 'run_at', 'run_id']).execute()
    // The history of one rule in one region.
    await db.schema.createIndex('audit_results_rule_region').on('audit_results').columns(['account_id', 'region', 'rule_id', 'run_at']).execute()
    // Retention sweeps across every account.
    await db.schema.createIndex('audit_results_run_at').on('audit_results').columns(['run_at']).execute()
  },
}
