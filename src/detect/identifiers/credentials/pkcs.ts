import { defineIdentifier } from '../../identifier.js'
import { pemBody } from '../../validators/pem-body.js'

/**
 * An unencrypted PKCS#1, SEC 1 or PKCS#8 key (and PKCS#8 EncryptedPrivateKeyInfo) is a DER
 * SEQUENCE: first byte 0x30, so the base64 body starts with `M`. A legacy OpenSSL-encrypted
 * PKCS#1 key (RFC 1421 Proc-Type / DEK-Info headers) has a ciphertext body with no such mark.
 */
function hasDerBody(m: string): boolean {
  return m.includes('Proc-Type: 4,ENCRYPTED') || pemBody(m).startsWith('M')
}

/** PEM private keys in PKCS#1 (RSA), SEC 1 (EC), DSA and PKCS#8 (plain or encrypted) form. */
export const pkcs = defineIdentifier({
  id: 'PKCS',
  category: 'CREDENTIALS',
  description: 'PEM private key (PKCS#1 RSA, EC, DSA, PKCS#8, encrypted PKCS#8): the BEGIN line followed by a DER body.',
  severity: ['High', 'High', 'High'],
  recommended: true,
  // Separators as for OpenSSH keys: newline, escaped `\n` or a space, then indentation.
  pattern:
    /-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----(?:\r?\n|(?:\\r)?\\n|[ \t])[ \t]{0,32}(?:Proc-Type: 4,ENCRYPTED(?:\r?\n|(?:\\r)?\\n|[ \t])[ \t]{0,32}DEK-Info: [A-Z0-9-]{1,32},[0-9A-Fa-f]{8,64}(?:\r?\n|(?:\\r)?\\n|[ \t])[ \t]{0,32}(?:\r?\n|(?:\\r)?\\n)?[ \t]{0,32})?[A-Za-z0-9+/]{16,80}/g,
  anchors: ['BEGIN RSA PRIVATE KEY', 'BEGIN EC PRIVATE KEY', 'BEGIN DSA PRIVATE KEY', 'BEGIN ENCRYPTED PRIVATE KEY', 'BEGIN PRIVATE KEY'],
  maxLength: 37 + 36 + 22 + 36 + 10 + 32 + 1 + 64 + 36 + 4 + 32 + 80,
  validate: [hasDerBody],
})
