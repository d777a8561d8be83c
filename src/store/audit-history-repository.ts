// The history of scheduled compliance audits: each run's verdicts per rule and region, by
// account, with the latest run, paged history and retention. Repository functions over the table
// of migration 0008-audit-history; running audits and deciding what to keep is the caller's.
import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely'
import { InvalidInputError } from '../errors.js'
import { decodePageToken, encodePageToken, pageSize } from './finding-query.js'
import type { AuditResultsTable } from './migrations/0008-audit-history.js'
import type { Database } from './schema.js'
import type { Scope } from './scope.js'
import type { Page, PageRequest } from './rows.js'

/** A rule's verdict: it holds, it does not, or it could not be checked. */
export type AuditVerdict = 'SUCCESS' | 'FAILURE' | 'ERROR'

/** One rule's outcome in one region. */
export interface AuditResultRecord {
  region: string
  ruleId: string
  verdict: AuditVerdict
  reason: string
  /** ARNs, bucket names or job IDs the verdict is about (empty when none). */
  resources: string[]
}

/** One audit run of an account: every result it produced. */
export interface AuditRunRecord {
  accountId: string
  runId: string
  runAt: Date
  results: AuditResultRecord[]
}

/** One result of one run, as history lists it. */
export interface AuditHistoryEntry extends AuditResultRecord {
  accountId: string
  runId: string
  runAt: Date
}

/** Which of an account's results to list. */
export interface AuditHistoryQuery {
  region?: string
  ruleId?: string
  /** Only runs at or after this instant. */
  since?: Date
}

/** Scheduled audits' results, by account. */
export interface AuditHistoryRepository {
  /** Stores a run's results, all or none (storing the same run twice fails on the table's key). */
  insertRun(run: AuditRunRecord): Promise<void>
  /** The account's most recent run, or undefined when it has none. */
  latestRun(accountId: string): Promise<AuditRunRecord | undefined>
  /** The account's results, newest run first, then by region and rule ID. */
  list(accountId: string, query: AuditHistoryQuery, page: PageRequest): Promise<Page<AuditHistoryEntry>>
  /** Deletes the results of runs before `cutoff`, in every account (retention); returns how many rows. */
  deleteBefore(cutoff: Date): Promise<number>
  /** Deletes the scope's results (DisableMacie deletes an account's data in a region). */
  deleteScope(scope: Scope): Promise<void>
}

const TOKEN_KIND = 'audit-history'
const ROWS_PER_INSERT = 200
const VERDICTS: ReadonlySet<string> = new Set(['SUCCESS', 'FAILURE', 'ERROR'])

function entryFromRow(row: Selectable<AuditResultsTable>): AuditHistoryEntry {
  let resources: unknown
  try {
    resources = JSON.parse(row.resources)
  } catch {
    resources = []
  }
  return {
    accountId: row.account_id,
    runId: row.run_id,
    runAt: new Date(Number(row.run_at)),
    region: row.region,
    ruleId: row.rule_id,
    verdict: row.verdict as AuditVerdict,
    reason: row.reason,
    resources: Array.isArray(resources) ? resources.map(String) : [],
  }
}

/**
 * The audit history repository on a migrated database.
 * @example
 * const history = auditHistoryRepository(db)
 * await history.insertRun({ accountId: '111122223333', runId: 'r1', runAt: new Date(), results: [] })
 */
export function auditHistoryRepository(db: Kysely<Database>): AuditHistoryRepository {
  return {
    async insertRun(run) {
      if (run.results.length === 0) return
      for (const r of run.results) {
        if (!VERDICTS.has(r.verdict)) throw new InvalidInputError(`audit result ${r.ruleId} in ${r.region}: verdict must be SUCCESS, FAILURE or ERROR`)
      }
      const rows = run.results.map((r) => ({
        account_id: run.accountId,
        region: r.region,
        run_id: run.runId,
        run_at: run.runAt.getTime(),
        rule_id: r.ruleId,
        verdict: r.verdict,
        reason: r.reason,
        resources: JSON.stringify(r.resources),
      }))
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await trx.insertInto('audit_results').values(rows.slice(i, i + ROWS_PER_INSERT)).execute()
      })
    },

    async latestRun(accountId) {
      const latest = await db
        .selectFrom('audit_results')
        .select(['run_id', 'run_at'])
        .where('account_id', '=', accountId)
        .orderBy('run_at', 'desc')
        .orderBy('run_id', 'desc')
        .limit(1)
        .executeTakeFirst()
      if (!latest) return undefined
      const rows = await db
        .selectFrom('audit_results')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('run_id', '=', latest.run_id)
        .orderBy('region')
        .orderBy('rule_id')
        .execute()
      return {
        accountId,
        runId: latest.run_id,
        runAt: new Date(Number(latest.run_at)),
        results: rows.map((row) => {
          const { region, ruleId, verdict, reason, resources } = entryFromRow(row)
          return { region, ruleId, verdict, reason, resources }
        }),
      }
    },

    async list(accountId, query, page) {
      const limit = pageSize(page)
      let q = db.selectFrom('audit_results').selectAll().where('account_id', '=', accountId)
      if (query.region !== undefined) q = q.where('region', '=', query.region)
      if (query.ruleId !== undefined) q = q.where('rule_id', '=', query.ruleId)
      if (query.since !== undefined) q = q.where('run_at', '>=', query.since.getTime())
      if (page.nextToken !== undefined) {
        const [runAt, runId, region, ruleId] = decodePageToken(page.nextToken, TOKEN_KIND, [true, false, false, false])
        // Newest run first, then region and rule ascending: mixed directions, so the keyset is
        // spelled out rather than one row-value comparison.
        q = q.where(
          sql<SqlBool>`(run_at < ${runAt} or (run_at = ${runAt} and run_id < ${runId}) or (run_at = ${runAt} and run_id = ${runId} and (region > ${region} or (region = ${region} and rule_id > ${ruleId}))))`,
        )
      }
      const rows = await q.orderBy('run_at', 'desc').orderBy('run_id', 'desc').orderBy('region').orderBy('rule_id').limit(limit + 1).execute()
      const items = rows.slice(0, limit)
      const last = items.at(-1)
      return {
        items: items.map(entryFromRow),
        ...(rows.length > limit && last ? { nextToken: encodePageToken(TOKEN_KIND, [Number(last.run_at), last.run_id, last.region, last.rule_id]) } : {}),
      }
    },

    async deleteBefore(cutoff) {
      const deleted = await db.deleteFrom('audit_results').where('run_at', '<', cutoff.getTime()).executeTakeFirst()
      return Number(deleted.numDeletedRows)
    },

    async deleteScope(scope) {
      await db.deleteFrom('audit_results').where('account_id', '=', scope.accountId).where('region', '=', scope.region).execute()
    },
  }
}
