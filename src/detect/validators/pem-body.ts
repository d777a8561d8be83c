// The first body line of a key block matched by the private-key identifiers (PEM, PGP armour, PPK).

/**
 * The base64 run after the last line break (real or escaped `\n`) or space of a key match.
 * @example
 * pemBody('-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN') // 'MIIEvQIBADAN'
 */
export function pemBody(match: string): string {
  return match.replace(/^[\s\S]*(?:\s|\\n)/, '')
}
