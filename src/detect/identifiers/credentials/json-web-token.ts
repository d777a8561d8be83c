import { defineIdentifier } from '../../identifier.js'
import { decodeBase64Text } from '../../validators/decode-base64-text.js'

function jsonObject(part: string | undefined): Record<string, unknown> | undefined {
  const text = part === undefined ? undefined : decodeBase64Text(part, 'base64url')
  if (text === undefined) return undefined
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** RFC 7515 §4.1.1: the JOSE header is a JSON object with an `alg` string; RFC 7519 §7.2: the claims set is a JSON object. */
function isJws(m: string): boolean {
  const [header, payload] = m.split('.')
  return typeof jsonObject(header)?.alg === 'string' && jsonObject(payload) !== undefined
}

/** The token of jwt.io's debugger (sub 1234567890, John Doe) and of RFC 7519 §3.1 (iss joe). */
function isDocumentedExample(m: string): boolean {
  const claims = jsonObject(m.split('.')[1])
  return (claims?.sub === '1234567890' && claims.name === 'John Doe') || (claims?.iss === 'joe' && claims.exp === 1300819380)
}

/** JSON Web Tokens in JWS compact form, signed or unsigned (`alg: none`, empty signature). */
export const jsonWebToken = defineIdentifier({
  id: 'JSON_WEB_TOKEN',
  category: 'CREDENTIALS',
  description: 'JSON Web Token (RFC 7519) in JWS compact form, signed or unsigned; header and claims must decode to JSON objects.',
  severity: ['High', 'High', 'High'],
  // header.payload.signature in base64url; the header JSON starts `{"` so its encoding starts eyJ.
  // Bounds: a header with a kid or jku, an ID token's claims, an RSA-4096 signature (683 chars).
  pattern: /(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]{8,1000}\.[A-Za-z0-9_-]{2,4000}\.[A-Za-z0-9_-]{0,700}(?![A-Za-z0-9_.-])/g,
  anchors: ['eyJ'],
  maxLength: 3 + 1000 + 1 + 4000 + 1 + 700,
  validate: [isJws],
  reject: [isDocumentedExample],
})
