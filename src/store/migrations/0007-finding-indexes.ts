// Migration 0007-finding-indexes: the findings indexes of the console's and auditors' usual
// ListFindings — one bucket's, one severity's or one type's findings, newest change first. With
// 0001's indexes the planner had to pick between the filter and the order, and a 1M-finding scope
// then sorted a whole bucket on every page (seconds); these answer filter, order and `archived`
// (and, for buckets, severity) from the index alone.
import type { Kysely, Migration } from 'kysely'

/** Creates the indexes. */
export const findingIndexesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const indexes: Array<[string, string[]]> = [
      ['findings_bucket_updated', ['account_id', 'region', 's3_bucket_name', 'updated_at', 'id', 'archived', 'severity_description']],
      ['findings_severity_updated', ['account_id', 'region', 'severity_description', 'updated_at', 'id', 'archived']],
      ['findings_type_updated', ['account_id', 'region', 'type', 'updated_at', 'id', 'archived']],
    ]
    for (const [name, columns] of indexes) await db.schema.createIndex(name).on('findings').columns(columns).execute()
  },
}
