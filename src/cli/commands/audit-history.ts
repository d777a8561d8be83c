// `trawl audit history`: reads the results of `trawl serve`'s scheduled audits through its API
// (GET /trawl/audit-history, SigV4-signed with the standard AWS credential chain, as the auditor's
// clients are) and prints them as a table or JSON. Loaded only when the command runs.
import { createHash, createHmac } from 'node:crypto'
import { Macie2Client } from '@aws-sdk/client-macie2'
import { UsageError } from '../usage-error.js'
import { durationMs } from '../duration.js'

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

/** Who signs and where the request goes. */
export interface SignedGetOptions {
  endpoint: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** The region of the credential scope (trawl's routes do not depend on it). */
  region: string
  now?: Date
}

// The longest retention `trawl serve` keeps, as a bound on `--since 3650d`.
const MAX_SINCE_MS = 3650 * 86_400_000
const PAGE_SIZE = 1000

const sha256Hex = (data: string): string => createHash('sha256').update(data).digest('hex')
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest()
/** RFC 3986 unreserved characters stay; everything else becomes %XX, as SigV4 requires. */
const uriEncode = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/**
 * Sends a GET signed with SigV4 for the macie2 service and returns the parsed JSON; a non-2xx
 * answer throws an Error carrying the API's error type and message.
 * @example
 * const page = await signedGet('/trawl/audit-history', { region: 'us-east-1' }, { endpoint, credentials, region: 'us-east-1' })
 */
export async function signedGet(path: string, query: Record<string, string>, options: SignedGetOptions): Promise<unknown> {
  const base = new URL(options.endpoint)
  const queryString = Object.entries(query)
    .map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`)
    .sort()
    .join('&')
  const fullPath = `${base.pathname.replace(/\/$/, '')}${path}`
  const amzDate = (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')
  const day = amzDate.slice(0, 8)
  const headers: Record<string, string> = { host: base.host, 'x-amz-date': amzDate, ...(options.credentials.sessionToken ? { 'x-amz-security-token': options.credentials.sessionToken } : {}) }
  const names = Object.keys(headers).sort()
  const canonicalRequest = [
    'GET',
    fullPath.split('/').map((s) => uriEncode(uriEncode(decodeURIComponent(s)))).join('/'),
    queryString,
    ...names.map((n) => `${n}:${headers[n]!.trim()}`),
    '',
    names.join(';'),
    sha256Hex(''),
  ].join('\n')
  const scope = `${day}/${options.region}/macie2/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n')
  let key = hmac(`AWS4${options.credentials.secretAccessKey}`, day)
  for (const part of [options.region, 'macie2', 'aws4_request']) key = hmac(key, part)
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex')
  const authorization = `AWS4-HMAC-SHA256 Credential=${options.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`
  const url = `${base.protocol}//${base.host}${fullPath}${queryString ? `?${queryString}` : ''}`
  // fetch sets Host itself (and refuses to be given one); the value signed is the same.
  const sent = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'host'))
  let response: Response
  try {
    response = await fetch(url, { headers: { ...sent, authorization, accept: 'application/json' } })
  } catch (err) {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, a certificate) is its cause.
    const cause = (err as Error).cause as { message?: string } | undefined
    throw new Error(`cannot reach ${base.origin}: ${cause?.message ?? (err as Error).message}`, { cause: err })
  }
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : {}
  } catch {
    body = { message: text.slice(0, 200) }
  }
  if (!response.ok) {
    const type = response.headers.get('x-amzn-errortype') ?? `HTTP ${response.status}`
    throw new Error(`${type}: ${(body as { message?: string }).message ?? 'request failed'}`)
  }
  return body
}

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
  const endpoint = opts.endpointUrl ?? process.env.AWS_ENDPOINT_URL_MACIE2 ?? process.env.AWS_ENDPOINT_URL
  if (!endpoint) throw new UsageError('trawl audit history reads trawl serve\'s history: give its endpoint with --endpoint-url (or AWS_ENDPOINT_URL_MACIE2)')
  if (!/^https?:\/\/[^/]/.test(endpoint)) throw new UsageError('--endpoint-url must be an http(s) URL')
  const query: Record<string, string> = {}
  if (opts.region) query.region = opts.region
  if (opts.rule) query.ruleId = opts.rule
  if (opts.since) query.since = sinceOf(opts.since, new Date())
  // The SDK resolves the standard credential chain (environment, --profile, SSO, …) and the region.
  const client = new Macie2Client({ ...(opts.profile ? { profile: opts.profile } : {}), region: opts.region ?? process.env.AWS_REGION ?? 'us-east-1' })
  try {
    const credentials = await client.config.credentials()
    const region = await client.config.region()
    const items: AuditHistoryItem[] = []
    let nextToken: string | undefined
    do {
      const page = (await signedGet('/trawl/audit-history', { ...query, maxResults: String(Math.min(PAGE_SIZE, limit - items.length)), ...(nextToken ? { nextToken } : {}) }, { endpoint, credentials, region })) as {
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
  } finally {
    client.destroy()
  }
}
