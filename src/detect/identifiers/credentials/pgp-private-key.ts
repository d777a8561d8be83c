import { defineIdentifier } from '../../identifier.js'
import { pemBody } from '../../validators/pem-body.js'

/**
 * A transferable secret key starts with a Secret-Key packet (tag 5, RFC 9580 §5.5.1.3): header
 * byte 0x94–0x97 (legacy format) or 0xC5 (OpenPGP format), so the base64 body starts `l` or `x`.
 */
const hasSecretKeyPacket = (m: string): boolean => /^[lx]/.test(pemBody(m))

/** ASCII-armoured OpenPGP private key blocks: the BEGIN line, armour headers and the start of the body. */
export const pgpPrivateKey = defineIdentifier({
  id: 'PGP_PRIVATE_KEY',
  category: 'CREDENTIALS',
  description: 'ASCII-armoured PGP private key block (RFC 9580 §6.2): the BEGIN line followed by a Secret-Key packet.',
  severity: ['High', 'High', 'High'],
  recommended: true,
  // Armour headers (Version:, Comment:) end at a blank line, then the base64 body. Newlines may be
  // escaped (`\n`); a block flattened to one line keeps only a space after the BEGIN line.
  pattern:
    /-----BEGIN PGP PRIVATE KEY BLOCK-----(?:[ \t]{1,32}|[\x20-\x7e\t\r\n]{0,300}?(?:\r?\n|(?:\\r)?\\n)[ \t]{0,32}(?:\r?\n|(?:\\r)?\\n)[ \t]{0,32})[A-Za-z0-9+/]{16,80}/g,
  anchors: ['BEGIN PGP PRIVATE KEY BLOCK'],
  maxLength: 37 + 300 + 36 + 36 + 80,
  validate: [hasSecretKeyPacket],
})
