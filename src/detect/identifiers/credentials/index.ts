// Credentials identifiers: one line per identifier.
import type { Identifier } from '../../identifier.js'
import { awsCredentials } from './aws-credentials.js'
import { gcpApiKey } from './gcp-api-key.js'
import { httpBasicAuthHeader } from './http-basic-auth-header.js'
import { jsonWebToken } from './json-web-token.js'
import { opensshPrivateKey } from './openssh-private-key.js'
import { pgpPrivateKey } from './pgp-private-key.js'
import { pkcs } from './pkcs.js'
import { puttyPrivateKey } from './putty-private-key.js'
import { stripeCredentials } from './stripe-credentials.js'

/** Secrets and keys (Macie's CREDENTIALS category). */
export const credentialIdentifiers: readonly Identifier[] = [
  awsCredentials,
  gcpApiKey,
  httpBasicAuthHeader,
  jsonWebToken,
  opensshPrivateKey,
  pgpPrivateKey,
  pkcs,
  puttyPrivateKey,
  stripeCredentials,
]
