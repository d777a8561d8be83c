// Verifies AWS Signature Version 4 on incoming API requests by recomputing it, and names failures
// with the error codes and messages AWS answers. It does not know accounts' data or HTTP framing.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** An authentication failure, carrying the AWS error code and HTTP status a client expects. */
export class AuthError extends Error {
  override readonly name = 'AuthError'
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** The parts of an HTTP request that SigV4 covers. */
export interface SignedRequest {
  method: string
  /** Path and query exactly as received (Node's `req.url`). */
  rawUrl: string
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** Who signed a request: the key, the account it maps to and the region of the credential scope. */
export interface VerifiedCaller {
  accessKeyId: string
  accountId: string
  region: string
}

/** Finds the secret and account of an access key ID, or undefined for an unknown key. */
export type CredentialLookup = (accessKeyId: string) => { secretAccessKey: string; accountId: string } | undefined

const SERVICE = 'macie2'
const ALGORITHM = 'AWS4-HMAC-SHA256'
const TERMINATOR = 'aws4_request'
/** AWS accepts request dates up to 15 minutes from its clock either way. */
const MAX_SKEW_MS = 15 * 60 * 1000
const BASIC_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/
const SHA256_HEX = /^[0-9a-f]{64}$/

const missingToken = () => new AuthError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token')
const incomplete = (message: string) => new AuthError('IncompleteSignatureException', 403, message)
const invalid = (message: string) => new AuthError('InvalidSignatureException', 403, message)
const unrecognized = () =>
  new AuthError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.')

/**
 * Verifies a request's `Authorization: AWS4-HMAC-SHA256 …` header for the macie2 service and returns the caller.
 *
 * Throws AuthError with AWS's code and message for each way a signature can fail; the checks run in
 * the order AWS runs them, so a client sees the same first complaint it would get from AWS.
 * @example
 * const caller = verifySigV4(
 *   { method: 'GET', rawUrl: '/macie', headers: req.headers, body: Buffer.alloc(0) },
 *   (id) => (id === 'AKIAEXAMPLE' ? { secretAccessKey: 'secret', accountId: '111122223333' } : undefined),
 * )
 */
export function verifySigV4(request: SignedRequest, lookup: CredentialLookup, now: Date = new Date()): VerifiedCaller {
  const authorization = header(request.headers, 'authorization')
  if (authorization === undefined || !authorization.trim().startsWith('AWS4-')) throw missingToken()
  const auth = authorization.trim()

  const { algorithm, params } = parseAuthorization(auth)
  const credential = params.get('Credential')
  const signedHeadersParam = params.get('SignedHeaders')
  const signature = params.get('Signature')
  const amzDate = header(request.headers, 'x-amz-date')
  const httpDate = header(request.headers, 'date')
  let missing = ''
  if (!credential) missing += "Authorization header requires 'Credential' parameter. "
  if (!signature) missing += "Authorization header requires 'Signature' parameter. "
  if (signedHeadersParam === undefined) missing += "Authorization header requires 'SignedHeaders' parameter. "
  if (amzDate === undefined && httpDate === undefined) {
    missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
  }
  if (missing || !credential || !signature || signedHeadersParam === undefined) {
    throw incomplete(`${missing}Authorization=${auth}`)
  }

  const requestDate = parseRequestDate(amzDate, httpDate)
  checkSkew(requestDate, now)

  const signedHeaders = signedHeadersParam
    .split(';')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '')
    .sort()
  if (!signedHeaders.includes('host')) throw invalid("'Host' must be a 'SignedHeader' in the AWS Authorization.")

  if (algorithm !== ALGORITHM) {
    throw incomplete(`Unsupported AWS 'algorithm': '${algorithm}' (only ${ALGORITHM} for now). `)
  }

  // A trailing slash in the credential is tolerated by AWS; anything else must be exactly five parts.
  const scopeParts = credential.replace(/\/$/, '').split('/')
  if (scopeParts.length !== 5) {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    )
  }
  const [accessKeyId, scopeDate, region, service, terminator] = scopeParts as [string, string, string, string, string]
  const longDate = formatBasic(requestDate)
  const shortDate = longDate.slice(0, 8)
  let scopeProblems = ''
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(region)) scopeProblems += `Credential should be scoped to a valid region, not '${region}'. `
  if (service !== SERVICE) scopeProblems += `Credential should be scoped to correct service: '${SERVICE}'. `
  if (terminator !== TERMINATOR) {
    scopeProblems += `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'. `
  }
  if (scopeDate !== shortDate) {
    scopeProblems +=
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ` +
      `'${scopeDate}' != '${shortDate}', from '${longDate}'.`
  }
  if (scopeProblems) throw invalid(scopeProblems.trim())

  const found = lookup(accessKeyId)
  if (!found) throw unrecognized()
  // trawl issues no temporary credentials, so a session token can only be one it did not issue.
  if (header(request.headers, 'x-amz-security-token') !== undefined) throw unrecognized()

  const claimedPayloadHash = header(request.headers, 'x-amz-content-sha256')
  const bodyHash = sha256Hex(request.body)
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(request.rawUrl),
    canonicalQuery(request.rawUrl),
    signedHeaders.map((name) => `${name}:${canonicalHeaderValue(rawHeader(request.headers, name))}\n`).join(''),
    signedHeaders.join(';'),
    claimedPayloadHash ?? bodyHash,
  ].join('\n')
  const scope = `${scopeDate}/${region}/${service}/${terminator}`
  const stringToSign = [ALGORITHM, longDate, scope, sha256Hex(canonicalRequest)].join('\n')
  const expected = hmac(signingKey(found.secretAccessKey, scopeDate, region, service), stringToSign).toString('hex')

  if (!constantTimeEqual(expected, signature.toLowerCase())) {
    throw invalid(
      'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
        `The Canonical String for this request should have been\n'${canonicalRequest}'\n\n` +
        `The String-to-Sign should have been\n'${stringToSign}'\n`,
    )
  }
  // The signature covers the claimed hash, not the body: without this check a replayed header
  // would carry any body past verification.
  if (claimedPayloadHash !== undefined && claimedPayloadHash !== bodyHash) {
    throw invalid("The provided 'x-amz-content-sha256' header does not match what was computed.")
  }
  return { accessKeyId, accountId: found.accountId, region }
}

/** Splits `ALGO k=v, k=v, …` into the algorithm and its parameters, as AWS reads them. */
function parseAuthorization(auth: string): { algorithm: string; params: Map<string, string> } {
  const space = auth.search(/\s/)
  const algorithm = space === -1 ? auth : auth.slice(0, space)
  const params = new Map<string, string>()
  const rest = space === -1 ? '' : auth.slice(space + 1)
  for (const piece of rest.split(',')) {
    const pair = piece.trim()
    if (pair === '') continue
    const eq = pair.indexOf('=')
    if (eq === -1) {
      throw incomplete(`'${pair}' not a valid key=value pair (missing equal-sign) in Authorization header: '${auth}'.`)
    }
    params.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
  }
  return { algorithm, params }
}

/** X-Amz-Date wins over Date, which SigV4 allows as the fallback (RFC 7231 format). */
function parseRequestDate(amzDate: string | undefined, httpDate: string | undefined): Date {
  const raw = (amzDate ?? httpDate ?? '').trim()
  const basic = BASIC_DATE.exec(raw)
  if (basic) {
    const [, y, mo, d, h, mi, s] = basic.map(Number) as [number, number, number, number, number, number, number]
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s))
    // Date.UTC rolls 20261332 over into next year; AWS rejects it, and so do we.
    if (formatBasic(date) === raw) return date
  } else if (amzDate === undefined && /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(raw)) {
    const parsed = Date.parse(raw)
    if (!Number.isNaN(parsed)) return new Date(parsed)
  }
  throw incomplete(`Date must be in ISO-8601 'basic format'. Got '${raw}'. See http://en.wikipedia.org/wiki/ISO_8601`)
}

function checkSkew(requestDate: Date, now: Date): void {
  const nowMs = Math.floor(now.getTime() / 1000) * 1000
  const at = formatBasic(requestDate)
  if (requestDate.getTime() < nowMs - MAX_SKEW_MS) {
    const earliest = formatBasic(new Date(nowMs - MAX_SKEW_MS))
    throw invalid(`Signature expired: ${at} is now earlier than ${earliest} (${formatBasic(new Date(nowMs))} - 15 min.)`)
  }
  if (requestDate.getTime() > nowMs + MAX_SKEW_MS) {
    const latest = formatBasic(new Date(nowMs + MAX_SKEW_MS))
    throw invalid(`Signature not yet current: ${at} is still later than ${latest} (${formatBasic(new Date(nowMs))} + 15 min.)`)
  }
}

/** 20261128T120000Z, the form SigV4 signs. */
function formatBasic(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')
}

/**
 * The path as sent, dot segments and empty segments removed, then URI-encoded once more: for every
 * service but S3 the SDKs and CLIs sign `/tags/arn%3Aaws…` as `/tags/arn%253Aaws…`.
 */
function canonicalUri(rawUrl: string): string {
  const q = rawUrl.indexOf('?')
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q)
  const segments: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(segment)
  }
  const hasTrailingSlash = segments.length > 0 && path.endsWith('/')
  return `/${segments.map(uriEncode).join('/')}${hasTrailingSlash ? '/' : ''}`
}

/** Query parameters decoded, re-encoded the SigV4 way, sorted by key then value. */
function canonicalQuery(rawUrl: string): string {
  const q = rawUrl.indexOf('?')
  if (q === -1) return ''
  const pairs: string[] = []
  for (const piece of rawUrl.slice(q + 1).split('&')) {
    if (piece === '') continue
    const eq = piece.indexOf('=')
    const key = eq === -1 ? piece : piece.slice(0, eq)
    const value = eq === -1 ? '' : piece.slice(eq + 1)
    pairs.push(`${uriEncode(decode(key))}=${uriEncode(decode(value))}`)
  }
  // Sorting `key=value` strings orders by key, then value, because '=' sorts below every encoded character.
  return pairs.sort().join('&')
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component)
  } catch {
    return component
  }
}

/** RFC 3986 unreserved characters stay; everything else becomes %XX (uppercase), as SigV4 requires. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** Trimmed, inner runs of spaces collapsed; repeated headers joined with commas. */
function canonicalHeaderValue(value: string | string[] | undefined): string {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value]
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',')
}

/** Node lowercases header names; other callers may not, so fall back to a case-insensitive search. */
function rawHeader(headers: SignedRequest['headers'], name: string): string | string[] | undefined {
  return headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1]
}

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = rawHeader(headers, name)
  if (value === undefined) return undefined
  return Array.isArray(value) ? value.join(',') : value
}

/** SigV4's signing key of a secret for a day (YYYYMMDD), region and service. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secret}`, date)
  return hmac(hmac(hmac(kDate, region), service), TERMINATOR)
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest()
}

/** The SHA-256 of data, in lowercase hex (SigV4's payload and canonical request hashes). */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

function constantTimeEqual(expectedHex: string, givenHex: string): boolean {
  if (!SHA256_HEX.test(givenHex)) return false
  return timingSafeEqual(Buffer.from(expectedHex, 'hex'), Buffer.from(givenHex, 'hex'))
}
