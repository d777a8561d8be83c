import { defineIdentifier } from '../../identifier.js'
import { decodeBase64Text } from '../../validators/decode-base64-text.js'

function credentials(m: string): string | undefined {
  return decodeBase64Text(m.slice(m.search(/[A-Za-z0-9+/=]+$/)), 'base64')
}

/**
 * RFC 7617 §2: the token is base64 of `user-id ":" password`; the user-id holds no colon and
 * neither part holds control characters. The password may be empty (API keys sent as the user).
 */
function isUserPass(m: string): boolean {
  const text = credentials(m)
  if (text === undefined) return false
  const colon = text.indexOf(':')
  return colon > 0 && !/[\x00-\x1f\x7f]/.test(text)
}

// RFC 7617 §2 (Aladdin / open sesame) and §2.1 (test / 123£), MDN's variant, and stock placeholders.
const exampleCredentials = new Set(['Aladdin:open sesame', 'aladdin:opensesame', 'test:123£', 'username:password', 'user:password', 'user:pass'])

/** HTTP `Authorization` / `Proxy-Authorization` headers with the Basic scheme and decodable credentials. */
export const httpBasicAuthHeader = defineIdentifier({
  id: 'HTTP_BASIC_AUTH_HEADER',
  category: 'CREDENTIALS',
  description: 'Whole HTTP Basic Authorization or Proxy-Authorization header (RFC 7617) whose token decodes to user:password.',
  severity: ['High', 'High', 'High'],
  recommended: true,
  // Field names and the scheme are case-insensitive (RFC 9110 §5.1, §11.1).
  pattern: /(?<![A-Za-z0-9-])(?:Proxy-)?Authorization:[ \t]{0,8}Basic[ \t]{1,8}[A-Za-z0-9+/]{4,344}={0,2}(?![A-Za-z0-9+/=])/gi,
  anchors: ['authorization:'],
  maxLength: 20 + 8 + 5 + 8 + 344 + 2,
  validate: [isUserPass],
  reject: [(m) => exampleCredentials.has(credentials(m) ?? '')],
})
