// Requests to trawl serve's own routes (/trawl/…), signed with SigV4 for the macie2 service from
// the standard AWS credential chain, as the AWS CLI and SDKs sign Macie's.
import { createHmac } from 'node:crypto'
import { Macie2Client } from '@aws-sdk/client-macie2'
import { sha256Hex, signingKey, uriEncode } from '../api/sigv4.js'
import { UsageError } from './usage-error.js'

/** Who signs and where the request goes. */
export interface SignedRequestOptions {
  endpoint: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** The region of the credential scope (trawl's routes do not depend on it). */
  region: string
  now?: Date
}

/**
 * Sends a request with no body to trawl serve, signed with SigV4 for the macie2 service, and
 * returns the parsed JSON; a non-2xx answer throws an Error carrying the API's error type and message.
 * @example
 * const page = await signedRequest('GET', '/trawl/audit-history', { region: 'us-east-1' }, { endpoint, credentials, region: 'us-east-1' })
 */
export async function signedRequest(method: 'GET' | 'POST', path: string, query: Record<string, string>, options: SignedRequestOptions): Promise<unknown> {
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
    method,
    fullPath.split('/').map((s) => uriEncode(uriEncode(decodeURIComponent(s)))).join('/'),
    queryString,
    ...names.map((n) => `${n}:${headers[n]!.trim()}`),
    '',
    names.join(';'),
    sha256Hex(''),
  ].join('\n')
  const scope = `${day}/${options.region}/macie2/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n')
  const signature = createHmac('sha256', signingKey(options.credentials.secretAccessKey, day, options.region, 'macie2')).update(stringToSign).digest('hex')
  const authorization = `AWS4-HMAC-SHA256 Credential=${options.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`
  const url = `${base.protocol}//${base.host}${fullPath}${queryString ? `?${queryString}` : ''}`
  // fetch sets Host itself (and refuses to be given one); the value signed is the same.
  const sent = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'host'))
  let response: Response
  try {
    response = await fetch(url, { method, headers: { ...sent, authorization, accept: 'application/json' } })
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
 * Where trawl serve is (`--endpoint-url`, else AWS_ENDPOINT_URL_MACIE2 or AWS_ENDPOINT_URL) and who
 * signs (the standard credential chain or `--profile`, resolved by the SDK), for `what` in messages.
 * @example
 * const caller = await remoteCaller({ endpointUrl: 'http://127.0.0.1:8080' }, 'trawl audit history')
 */
export async function remoteCaller(opts: { endpointUrl?: string; profile?: string; region?: string }, what: string): Promise<SignedRequestOptions> {
  const endpoint = opts.endpointUrl ?? process.env.AWS_ENDPOINT_URL_MACIE2 ?? process.env.AWS_ENDPOINT_URL
  if (!endpoint) throw new UsageError(`${what} talks to trawl serve: give its endpoint with --endpoint-url (or AWS_ENDPOINT_URL_MACIE2)`)
  if (!/^https?:\/\/[^/]/.test(endpoint)) throw new UsageError('--endpoint-url must be an http(s) URL')
  const client = new Macie2Client({ ...(opts.profile ? { profile: opts.profile } : {}), region: opts.region ?? process.env.AWS_REGION ?? 'us-east-1' })
  try {
    return { endpoint, credentials: await client.config.credentials(), region: await client.config.region() }
  } finally {
    client.destroy()
  }
}
