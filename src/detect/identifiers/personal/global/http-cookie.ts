import { defineIdentifier } from '../../../identifier.js'

// Examples of RFC 6265 §3.1 and of MDN's Cookie / Set-Cookie pages (first name=value pair).
const documentedPairs = new Set(['SID=31d4d96e407aad42', 'sessionId=38afes7a8', 'id=a3fWa', 'PHPSESSID=298zf09hf012fh2', 'name=value'])

/** HTTP `Cookie` and `Set-Cookie` headers carrying at least one name=value pair. */
export const httpCookie = defineIdentifier({
  id: 'HTTP_COOKIE',
  category: 'PERSONAL_INFORMATION',
  description: 'Complete HTTP Cookie or Set-Cookie header with at least one non-empty name=value pair (RFC 6265).',
  severity: ['Low', 'Medium', 'High'],
  // RFC 6265 §4.1.1: field name, a token cookie-name, `=`, a cookie-value (optionally quoted), then
  // `; ` and further pairs or attributes to the end of the line. An empty value (a deletion) is not
  // reported. Quotes and backslashes end the match: they close the string a header is quoted in.
  pattern:
    /(?<![A-Za-z0-9-])(?:Set-)?Cookie:[ \t]{0,8}[!#$%&*+.^_`|~0-9A-Za-z-]{1,256}=(?:"[\x21\x23-\x26\x28-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]{1,1024}"|[\x21\x23-\x26\x28-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]{1,1024})(?:;[^\r\n\\"']{0,1024})?/gi,
  anchors: ['cookie:'],
  maxLength: 11 + 8 + 256 + 3 + 1024 + 1025,
  reject: [(m) => documentedPairs.has(m.replace(/^[^:]*:[ \t]*/, '').split(';')[0]!.replace(/"/g, ''))],
})
