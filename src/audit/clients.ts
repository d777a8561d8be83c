// The SDK clients the auditor uses in one region: Macie2 at the given endpoint (or the SDK's own
// AWS_ENDPOINT_URL_MACIE2), S3 and KMS from the standard environment, one credential chain or profile.
import { KMSClient } from '@aws-sdk/client-kms'
import { Macie2Client } from '@aws-sdk/client-macie2'
import { S3Client } from '@aws-sdk/client-s3'
import type { RegionClients } from './types.js'

/** Where the clients point and whose credentials they use. */
export interface ClientOptions {
  /** The Macie2 endpoint (`--endpoint-url`); without it the SDK reads AWS_ENDPOINT_URL_MACIE2, then AWS_ENDPOINT_URL. */
  endpointUrl?: string
  /** A profile of the shared config and credentials files (`--profile`). */
  profile?: string
  /** The environment to read S3 endpoint variables from (default: process.env). */
  env?: NodeJS.ProcessEnv
}

// A few retries with the SDK's backoff ride out throttling across many regions without hiding an
// endpoint that is down for long.
const MAX_ATTEMPTS = 3

/**
 * Builds the Macie2, S3 and KMS clients of a region.
 * @example
 * const clients = regionClients('eu-west-1', { endpointUrl: 'http://127.0.0.1:8080' })
 */
export function regionClients(region: string, options: ClientOptions = {}): RegionClients {
  const env = options.env ?? process.env
  const common = { region, maxAttempts: MAX_ATTEMPTS, ...(options.profile ? { profile: options.profile } : {}) }
  // The SDK reads AWS_ENDPOINT_URL_S3 itself; a local S3 server (moto, MinIO) needs path-style
  // addressing, as src/sources/s3.ts does for the same variables.
  const hasS3Endpoint = Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL)
  return {
    region,
    macie2: new Macie2Client({ ...common, ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}) }),
    s3: new S3Client({ ...common, forcePathStyle: hasS3Endpoint }),
    kms: new KMSClient(common),
  }
}

/** Closes a region's clients' sockets. */
export function destroyRegionClients(clients: RegionClients): void {
  clients.macie2.destroy()
  clients.s3.destroy()
  clients.kms.destroy()
}
