import { defineIdentifier } from '../../identifier.js'
import { pemBody } from '../../validators/pem-body.js'

/** Every OpenSSH key body starts with the magic `openssh-key-v1\0` (PROTOCOL.key), `b3BlbnNzaC1rZXkt…` in base64. */
const MAGIC = 'b3BlbnNzaC1rZXkt'

/** OpenSSH private keys: the BEGIN line and the start of the base64 body. */
export const opensshPrivateKey = defineIdentifier({
  id: 'OPENSSH_PRIVATE_KEY',
  category: 'CREDENTIALS',
  description: 'OpenSSH private key: the BEGIN OPENSSH PRIVATE KEY line followed by a body that starts with the openssh-key-v1 magic.',
  severity: ['High', 'High', 'High'],
  recommended: true,
  // The body follows a newline, an escaped `\n` (keys pasted into .env or JSON) or, in text
  // that lost its line breaks, a space; indentation (YAML block scalars) is allowed.
  pattern: /-----BEGIN OPENSSH PRIVATE KEY-----(?:\r?\n|(?:\\r)?\\n|[ \t])[ \t]{0,32}[A-Za-z0-9+/]{16,80}/g,
  anchors: ['BEGIN OPENSSH PRIVATE KEY'],
  maxLength: 35 + 4 + 32 + 80,
  validate: [(m) => pemBody(m).startsWith(MAGIC)],
})
