// trawl's own routes beside the Macie2 API, under /trawl/: the history of scheduled compliance
// audits (trawl serve --audit-interval) and the findings publication's dead letters. Signed and
// answered like the Macie routes (same error shapes), for the caller's account only (dead letters:
// in the region the request is signed for); no Macie session is needed to read them.
import { InvalidInputError, NotFoundError } from '../errors.js'
import { listDeadLetters, redeliver, type DeadLetter } from '../publish/dead-letters.js'
import type { AuditHistoryEntry, AuditResultRecord } from '../store/audit-history-repository.js'
import type { Scope } from '../store/types.js'
import type { ApiContext } from './context.js'
import { RequestError } from './errors.js'

/** What a trawl route answers: a status and a JSON body. */
export interface TrawlAnswer {
  status: number
  body: string
}

/** Where trawl's routes live; Macie's model has nothing under it. */
const PREFIX = '/trawl/'
const MAX_RESULTS = 1000
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
const RULE_ID = /^[A-Za-z0-9._-]{1,64}$/
// ISO 8601 date or date-time (what `--since` sends): a bare number would be read as a year.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * Whether a request path is one of trawl's routes rather than a Macie operation.
 * @example
 * isTrawlPath('/trawl/audit-history') // true
 */
export function isTrawlPath(path: string): boolean {
  return path === '/trawl' || path.startsWith(PREFIX)
}

function only(query: URLSearchParams, names: readonly string[]): void {
  for (const name of new Set(query.keys())) {
    if (!names.includes(name)) throw new InvalidInputError(`unknown query parameter ${name} (known: ${names.join(', ')})`)
    if (query.getAll(name).length > 1) throw new InvalidInputError(`query parameter ${name} is given more than once`)
  }
}

function text(query: URLSearchParams, name: string, pattern: RegExp, what: string): string | undefined {
  const value = query.get(name)
  if (value === null || value === '') return undefined
  if (!pattern.test(value)) throw new InvalidInputError(`${name} must be ${what}`)
  return value
}

const resultJson = (r: AuditResultRecord): Record<string, unknown> => ({ region: r.region, ruleId: r.ruleId, verdict: r.verdict, reason: r.reason, resources: r.resources })
const entryJson = (e: AuditHistoryEntry): Record<string, unknown> => ({ runId: e.runId, runAt: e.runAt.toISOString(), ...resultJson(e) })

async function auditHistory(query: URLSearchParams, { accountId }: Scope, ctx: ApiContext): Promise<TrawlAnswer> {
  only(query, ['region', 'ruleId', 'since', 'maxResults', 'nextToken'])
  const region = text(query, 'region', REGION, 'a region name such as us-east-1')
  const ruleId = text(query, 'ruleId', RULE_ID, 'a rule ID such as Macie2-003')
  const sinceText = text(query, 'since', ISO_INSTANT, 'an ISO 8601 date or time, such as 2026-01-31T00:00:00Z')
  const since = sinceText === undefined ? undefined : new Date(sinceText)
  if (since && Number.isNaN(since.getTime())) throw new InvalidInputError('since is not a valid date')
  const maxText = text(query, 'maxResults', /^\d{1,4}$/, `a whole number from 1 to ${MAX_RESULTS}`)
  const maxResults = maxText === undefined ? 100 : Number(maxText)
  if (maxResults < 1 || maxResults > MAX_RESULTS) throw new InvalidInputError(`maxResults must be a whole number from 1 to ${MAX_RESULTS}`)
  const nextToken = query.get('nextToken') || undefined
  const page = await ctx.store.auditHistory.list(
    accountId,
    { ...(region ? { region } : {}), ...(ruleId ? { ruleId } : {}), ...(since ? { since } : {}) },
    { maxResults, ...(nextToken ? { nextToken } : {}) },
  )
  return { status: 200, body: JSON.stringify({ results: page.items.map(entryJson), ...(page.nextToken ? { nextToken: page.nextToken } : {}) }) }
}

async function latestAudit(query: URLSearchParams, { accountId }: Scope, ctx: ApiContext): Promise<TrawlAnswer> {
  only(query, [])
  const run = await ctx.store.auditHistory.latestRun(accountId)
  if (!run) throw new NotFoundError('audit run', `of account ${accountId}`)
  return { status: 200, body: JSON.stringify({ runId: run.runId, runAt: run.runAt.toISOString(), results: run.results.map(resultJson) }) }
}

const deadLetterJson = (d: DeadLetter): Record<string, unknown> => ({
  ...d,
  createdAt: d.createdAt.toISOString(),
  ...(d.deadAt ? { deadAt: d.deadAt.toISOString() } : {}),
})

async function deadLetters(query: URLSearchParams, scope: Scope, ctx: ApiContext): Promise<TrawlAnswer> {
  only(query, ['maxResults', 'nextToken'])
  const maxText = text(query, 'maxResults', /^\d{1,4}$/, `a whole number from 1 to ${MAX_RESULTS}`)
  const maxResults = maxText === undefined ? 100 : Number(maxText)
  if (maxResults < 1 || maxResults > MAX_RESULTS) throw new InvalidInputError(`maxResults must be a whole number from 1 to ${MAX_RESULTS}`)
  const nextToken = query.get('nextToken') || undefined
  const page = await listDeadLetters(ctx.store, scope, { maxResults, ...(nextToken ? { nextToken } : {}) })
  return { status: 200, body: JSON.stringify({ deadLetters: page.items.map(deadLetterJson), ...(page.nextToken ? { nextToken: page.nextToken } : {}) }) }
}

async function redeliverDeadLetters(query: URLSearchParams, scope: Scope, ctx: ApiContext): Promise<TrawlAnswer> {
  only(query, ['ids'])
  const ids = (query.get('ids') ?? '').split(',').map((id) => id.trim()).filter(Boolean)
  if (ids.length === 0 || ids.length > MAX_RESULTS) throw new InvalidInputError(`ids must name 1 to ${MAX_RESULTS} dead letters, separated by commas`)
  return { status: 200, body: JSON.stringify({ redelivered: await redeliver(ctx.store, scope, ids) }) }
}

type Route = (query: URLSearchParams, caller: Scope, ctx: ApiContext) => Promise<TrawlAnswer>

const ROUTES: Readonly<Record<string, Record<string, Route>>> = {
  '/trawl/audit-history': { GET: auditHistory },
  '/trawl/audit-history/latest': { GET: latestAudit },
  '/trawl/dead-letters': { GET: deadLetters },
  '/trawl/dead-letters/redeliver': { POST: redeliverDeadLetters },
}

/**
 * Answers one of trawl's routes for the account and region that signed the request (the caller
 * reads its own account's data only; the audit history spans regions, dead letters are the region's).
 * @example
 * const { status, body } = await answerTrawlRoute('GET', '/trawl/audit-history', new URLSearchParams('region=us-east-1'), scope, ctx)
 */
export async function answerTrawlRoute(method: string, path: string, query: URLSearchParams, caller: Scope, ctx: ApiContext): Promise<TrawlAnswer> {
  const methods = ROUTES[path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path]
  if (!methods) throw new RequestError('UnknownOperationException', 404, `no operation at ${method} ${path}`)
  const route = methods[method]
  if (!route) throw new RequestError('MethodNotAllowedException', 405, `${method} is not allowed on ${path}`)
  return route(query, caller, ctx)
}
