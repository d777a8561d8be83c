// `trawl audit history`: reads the results of `trawl serve`'s scheduled audits through its API
// (GET /trawl/audit-history, SigV4-signed with the standard AWS credential chain, as the auditor's
// clients are) and prints them as a table or JSON. Loaded only when the command runs.
import { UsageError } from '../usage-error.js'
import { durationMs } from '../duration.js'
import { remoteCaller, signedRequest } from '../signed-request.js'

/** The options of `trawl audit history`, as commander parses them. */
export interface AuditHistoryOptions {
  endpointUrl?: string
  profile?: string
  region?: string
  rule?: string
  since?: string
  limit: string
  format: string
}

/** One result of one scheduled run, as the API answers it. */
export interface AuditHistoryItem {
  runId: string
  runAt: string
  region: string
  ruleId: string
  verdict: 'SUCCESS' | 'FAILURE' | 'ERROR'
  reason: string
  resources: string[]
}

// The longest retention `trawl serve` keeps, as a bound on `--since 3650d`.
const MAX_SINCE_MS = 3650 * 86_400_000
const PAGE_SIZE = 1000

/**
 * `--since`: an ISO 8601 date or time, or a duration back from now (`7d`, `12h`).
 * @example
 * sinceOf('2026-01-31', new Date()) // '2026-01-31T00:00:00.000Z'
 */
export function sinceOf(text: string, now: Date): string {
  if (/^\d+(\.\d+)?[smhd]$/.test(text.trim())) return new Date(now.getTime() - durationMs(text, '--since', MAX_SINCE_MS)).toISOString()
  const date = /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(text) : new Date(NaN)
  if (Number.isNaN(date.getTime())) throw new UsageError('--since must be an ISO 8601 date or time (2026-01-31, 2026-01-31T12:00:00Z) or a duration back from now (7d, 12h)')
  return date.toISOString()
}

function renderTable(items: readonly AuditHistoryItem[]): string {
  const rows = [['RUN AT', 'REGION', 'RULE', 'VERDICT', 'REASON'], ...items.map((i) => [i.runAt, i.region, i.ruleId, i.verdict, i.reason])]
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)))
  return `${rows.map((row) => row.map((v, c) => (c === row.length - 1 ? v : v.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n')}\n`
}

/** `trawl audit history`'s action: every page up to `--limit` results, newest run first, printed. */
export async function auditHistoryAction(opts: AuditHistoryOptions): Promise<void> {
  if (opts.format !== 'table' && opts.format !== 'json') throw new UsageError(`--format must be table or json, not ${opts.format}`)
  const limit = Number(opts.limit)
  if (!/^\d+$/.test(opts.limit) || limit < 1) throw new UsageError('--limit must be a whole number of at least 1')
  const query: Record<string, string> = {}
  if (opts.region) query.region = opts.region
  if (opts.rule) query.ruleId = opts.rule
  if (opts.since) query.since = sinceOf(opts.since, new Date())
  const caller = await remoteCaller(opts, 'trawl audit history')
  const items: AuditHistoryItem[] = []
  let nextToken: string | undefined
  do {
    const page = (await signedRequest('GET', '/trawl/audit-history', { ...query, maxResults: String(Math.min(PAGE_SIZE, limit - items.length)), ...(nextToken ? { nextToken } : {}) }, caller)) as {
      results?: AuditHistoryItem[]
      nextToken?: string
    }
    items.push(...(page.results ?? []))
    nextToken = page.nextToken
  } while (nextToken && items.length < limit)
  if (opts.format === 'json') process.stdout.write(`${JSON.stringify({ results: items, ...(nextToken ? { nextToken } : {}) }, null, 2)}\n`)
  else if (items.length === 0) process.stdout.write('No scheduled audit results (is trawl serve running with --audit-interval?)\n')
  else process.stdout.write(renderTable(items))
  if (nextToken && opts.format === 'table') process.stderr.write(`(more results: raise --limit or narrow with --since, --region, --rule)\n`)
}
