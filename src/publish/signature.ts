// Signed webhook payloads: `x-trawl-signature: t=<unix seconds>,v1=<hex>`, where the hex is the
// HMAC-SHA256 of `<t>.<body>` under the webhook's secret. Receivers check it with verifySignature.
import { createHmac, timingSafeEqual } from 'node:crypto'

/** The request header that carries the signature. */
export const SIGNATURE_HEADER = 'x-trawl-signature'

/** The request header that carries the event's ID (the envelope's `id`), for de-duplication. */
export const EVENT_ID_HEADER = 'x-trawl-event-id'

/** How far a signature's timestamp may be from the receiver's clock by default: 5 minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 300

function hmac(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest('hex')
}

/**
 * The signature header value of a body sent at `now` with a webhook's secret.
 * @example
 * headers['x-trawl-signature'] = signatureHeader(secret, body, new Date())
 */
export function signatureHeader(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000)
  return `t=${t},v1=${hmac(secret, t, body)}`
}

/**
 * Whether a webhook request is authentic: the header's timestamp is within `toleranceSeconds`
 * of `now` and one of its `v1` signatures is the HMAC-SHA256 of `<t>.<body>` under `secret`.
 * Pass the raw request body, exactly as received (not re-serialised JSON); compare in constant time.
 * @example
 * // in a node:http handler, with the body read as a UTF-8 string
 * if (!verifySignature(secret, req.headers['x-trawl-signature'], body)) return res.writeHead(401).end()
 */
export function verifySignature(
  secret: string,
  header: string | string[] | undefined,
  body: string | Buffer,
  now: Date = new Date(),
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  if (typeof header !== 'string' || secret === '') return false
  let timestamp: number | undefined
  const signatures: string[] = []
  for (const part of header.split(',')) {
    const at = part.indexOf('=')
    if (at < 0) continue
    const key = part.slice(0, at).trim()
    const value = part.slice(at + 1).trim()
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value)
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value)
  }
  if (timestamp === undefined || signatures.length === 0) return false
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex')
  return signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected))
}
