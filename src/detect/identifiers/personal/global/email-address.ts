import { defineIdentifier } from '../../../identifier.js'

/** RFC 5321 §4.5.3.1: local part at most 64 octets, dot-atom without empty atoms. */
function isLocalPart(local: string): boolean {
  return local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..')
}

/** RFC 1035 §2.3.4 / RFC 5321: labels of 1–63 letters, digits and inner hyphens; at most 253 in all. */
function isDomain(domain: string): boolean {
  return domain.length <= 253 && domain.split('.').every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label))
}

/**
 * Names that never reach a mailbox: RFC 2606 §3 (example.com, .net, .org) and the special-use
 * TLDs of RFC 2606 §2 / RFC 6761 (.example, .test, .invalid, .localhost), with their subdomains.
 */
function isReservedDomain(domain: string): boolean {
  const d = domain.toLowerCase()
  return /(?:^|\.)example\.(?:com|net|org)$/.test(d) || /(?:^|\.)(?:example|test|invalid|localhost)$/.test(d)
}

/** trawl's own: e-mail addresses (local@domain with a TLD), not one of Macie's managed identifiers. */
export const emailAddress = defineIdentifier({
  id: 'EMAIL_ADDRESS',
  category: 'PERSONAL_INFORMATION',
  description: "trawl's own identifier, not one of Macie's: e-mail address (RFC 5321 local@domain with a TLD); reserved example domains are not reported.",
  severity: ['Low', 'Medium', 'High'],
  trawlOnly: true,
  // Unquoted local parts in the characters addresses use in practice; a domain of labels and a
  // TLD of letters (or an IDN xn-- label). A full stop after the address ends it.
  pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,251}\.(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{1,59})(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g,
  anchors: ['@'],
  maxLength: 64 + 1 + 253,
  validate: [
    (m) => isLocalPart(m.slice(0, m.lastIndexOf('@'))),
    (m) => isDomain(m.slice(m.lastIndexOf('@') + 1)),
  ],
  reject: [
    (m) => isReservedDomain(m.slice(m.lastIndexOf('@') + 1)),
    // Image density variants (icon@2x.png) share the shape of an address.
    (m) => /^[0-9.]+x\.[A-Za-z]+$/.test(m.slice(m.lastIndexOf('@') + 1)),
  ],
})
