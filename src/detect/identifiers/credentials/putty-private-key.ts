import { defineIdentifier } from '../../identifier.js'
import { pemBody } from '../../validators/pem-body.js'

/** PuTTY private key files (PPK v2 and v3): the standard header sequence and the first public-key line. */
export const puttyPrivateKey = defineIdentifier({
  id: 'PUTTY_PRIVATE_KEY',
  category: 'CREDENTIALS',
  description: 'PuTTY private key file (PPK v2/v3) with the standard header sequence and an SSH public key blob.',
  severity: ['High', 'High', 'High'],
  recommended: true,
  // PuTTY's sshpubk.c order: key type, Encryption, (v3 encrypted: Key-Derivation and the Argon2
  // parameters), Comment, Public-Lines, then the public blob. No custom headers. Macie limits the
  // Comment to letters, digits and hyphens; printable ASCII is accepted here (`user@host`).
  pattern:
    /(?<![A-Za-z0-9-])PuTTY-User-Key-File-[23]: [A-Za-z0-9-]{3,40}(?:\r?\n|(?:\\r)?\\n)[ \t]{0,16}Encryption: [A-Za-z0-9-]{1,40}(?:\r?\n|(?:\\r)?\\n)[ \t]{0,16}(?:Key-Derivation: Argon2(?:id|i|d)(?:\r?\n|(?:\\r)?\\n)[ \t]{0,16}Argon2-Memory: [0-9]{1,10}(?:\r?\n|(?:\\r)?\\n)[ \t]{0,16}Argon2-Passes: [0-9]{1,10}(?:\r?\n|(?:\\r)?\\n)[ \t]{0,16}Argon2-Parallelism: [0-9]{1,3}(?:\r?\n|(?:\\r)?\\n)[ \t]{0,16}Argon2-Salt: [0-9a-f]{2,128}(?:\r?\n|(?:\\r)?\\n)[ \t]{0,16})?Comment: [\x20-\x5b\x5d-\x7e]{0,128}(?:\r?\n|(?:\\r)?\\n)[ \t]{0,16}Public-Lines: [1-9][0-9]{0,2}(?:\r?\n|(?:\\r)?\\n)[ \t]{0,16}[A-Za-z0-9+/=]{16,80}/g,
  anchors: ['PuTTY-User-Key-File-'],
  maxLength: 83 + 72 + 338 + 157 + 37 + 80,
  // An SSH public key blob starts with the 32-bit length of its type name (RFC 4253 §6.6): `AAAA`.
  validate: [(m) => pemBody(m).startsWith('AAAA')],
})
