// Strict base64 / base64url decoding to UTF-8 text, for credentials whose encoded form hides a
// structure worth checking (HTTP Basic `user:password`, JWT JSON headers). Canonical input only.

const ALPHABETS = {
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
} as const

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decodes canonical base64 (RFC 4648 §4) or base64url (§5) to UTF-8 text; `undefined` when the
 * input is not canonical (bad characters, impossible length, wrong padding, non-zero spare bits)
 * or the bytes are not valid UTF-8. Padding is optional.
 * @example
 * decodeBase64Text('dXNlcjpwYXNz', 'base64') // 'user:pass'
 */
export function decodeBase64Text(value: string, alphabet: keyof typeof ALPHABETS): string | undefined {
  const chars = ALPHABETS[alphabet]
  const unpadded = value.replace(/={1,2}$/, '')
  const padding = value.length - unpadded.length
  if (unpadded.length % 4 === 1) return undefined
  if (padding > 0 && (unpadded.length + padding) % 4 !== 0) return undefined
  const bytes = new Uint8Array(Math.floor((unpadded.length * 3) / 4))
  let buffer = 0
  let bits = 0
  let n = 0
  for (let i = 0; i < unpadded.length; i++) {
    const v = chars.indexOf(unpadded[i]!)
    if (v < 0) return undefined
    buffer = (buffer << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[n++] = (buffer >> bits) & 0xff
    }
  }
  // Canonical encoders leave the spare low bits of the last character zero (RFC 4648 §3.5).
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}
