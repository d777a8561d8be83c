import { defineIdentifier } from '../../identifier.js'

// The two secret keys of the AWS documentation (IAM User Guide, "Managing access keys"); other
// pages vary them but keep the EXAMPLEKEY tail, which no generated key plausibly ends with.
const documentationKeys = new Set(['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'])

/**
 * A secret access key is 30 random bytes in base64: 40 characters drawn from 64. Such a string
 * lacks an upper-case or a lower-case letter with probability about 2·(38/64)^40 ≈ 2e-9, and
 * lacks both digits and `+` `/` with probability (52/64)^40 ≈ 2e-4. Requiring all three keeps
 * SHA-1 hex digests, decimal runs, upper-case base32 and 40-letter code identifiers out at that cost.
 */
function hasKeyCharacterMix(m: string): boolean {
  return /[A-Z]/.test(m) && /[a-z]/.test(m) && /[0-9+/]/.test(m)
}

/** AWS secret access keys: 40 base64 characters near a credentials keyword. */
export const awsCredentials = defineIdentifier({
  id: 'AWS_CREDENTIALS',
  category: 'CREDENTIALS',
  description: 'AWS secret access key (40 base64 characters) near a keyword; documentation example keys are never reported.',
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
  keywords: ['aws_secret_access_key', 'credentials', 'secret access key', 'secret key', 'set-awscredential'],
  maxLength: 40,
  validate: [hasKeyCharacterMix],
  reject: [(m) => documentationKeys.has(m) || m.endsWith('EXAMPLEKEY')],
})
