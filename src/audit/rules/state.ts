// What the rules read from a region, each read made once per region and shared by every rule that
// needs it (the session, the jobs, the export configuration, the buckets), and how errors are told apart.
import {
  DescribeBucketsCommand,
  GetClassificationExportConfigurationCommand,
  GetMacieSessionCommand,
  ListClassificationJobsCommand,
  type BucketMetadata,
  type GetMacieSessionResponse,
  type JobSummary,
  type S3Destination,
} from '@aws-sdk/client-macie2'
import type { RegionClients } from '../types.js'

// Keyed by the clients object: runAudit makes one per region, so a read is shared by the rules of
// that region and forgotten with it. The promise is kept, so a failed read fails every rule alike.
const reads = new WeakMap<RegionClients, Map<string, Promise<unknown>>>()

/**
 * Runs `read` once per region and key, and hands every later caller the same promise.
 * @example
 * const session = await once(clients, 'GetMacieSession', () => clients.macie2.send(new GetMacieSessionCommand({})))
 */
export function once<T>(clients: RegionClients, key: string, read: () => Promise<T>): Promise<T> {
  let cache = reads.get(clients)
  if (!cache) reads.set(clients, (cache = new Map()))
  let hit = cache.get(key) as Promise<T> | undefined
  if (!hit) cache.set(key, (hit = read()))
  return hit
}

/** The parts of an SDK error the rules read. */
interface ServiceErrorLike {
  name?: string
  Code?: string
  message?: string
  $metadata?: { httpStatusCode?: number }
}

function facts(err: unknown): ServiceErrorLike {
  return typeof err === 'object' && err !== null ? (err as ServiceErrorLike) : { message: String(err) }
}

/** The error's service code (`NoSuchBucket`, `NotFoundException`), or its class name. */
export function errorCode(err: unknown): string {
  const e = facts(err)
  return e.Code ?? e.name ?? ''
}

/**
 * Whether Macie answered that it is not enabled for the account in the region (Macie says so with
 * UnauthorizedException, or AccessDeniedException, and the message "Macie is not enabled").
 */
export function isMacieNotEnabled(err: unknown): boolean {
  const code = errorCode(err)
  return (code === 'UnauthorizedException' || code === 'AccessDeniedException') && /Macie is not enabled/i.test(facts(err).message ?? '')
}

/**
 * An error in words for a verdict's reason: the service's code and message, or the network fault.
 * @example
 * describeError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })) // 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1'
 */
export function describeError(err: unknown): string {
  const e = facts(err) as ServiceErrorLike & { code?: string; cause?: unknown }
  const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code
  const message = e.message || (e.cause instanceof Error ? e.cause.message : '') || 'unknown error'
  return code && !message.startsWith(code) ? `${code}: ${message}` : message
}

/** GetMacieSession, once per region (it throws when Macie is not enabled). */
export function macieSession(clients: RegionClients): Promise<GetMacieSessionResponse> {
  return once(clients, 'GetMacieSession', () => clients.macie2.send(new GetMacieSessionCommand({})))
}

/** Every classification job of the region (ListClassificationJobs, all pages). */
export function classificationJobs(clients: RegionClients): Promise<JobSummary[]> {
  return once(clients, 'ListClassificationJobs', async () => {
    const jobs: JobSummary[] = []
    let nextToken: string | undefined
    do {
      const page = await clients.macie2.send(new ListClassificationJobsCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }))
      jobs.push(...(page.items ?? []))
      nextToken = page.nextToken || undefined
    } while (nextToken)
    return jobs
  })
}

/** The discovery results repository of the region, or undefined when none is configured. */
export function resultsDestination(clients: RegionClients): Promise<S3Destination | undefined> {
  return once(clients, 'GetClassificationExportConfiguration', async () => {
    const out = await clients.macie2.send(new GetClassificationExportConfigurationCommand({}))
    return out.configuration?.s3Destination?.bucketName ? out.configuration.s3Destination : undefined
  })
}

/** The results bucket a rule checks, or the FAILURE of a region that has none configured. */
export type ResultsBucket =
  | { bucket: string; resources: string[]; owner: { ExpectedBucketOwner?: string }; failure?: undefined }
  | { failure: { verdict: 'FAILURE'; reason: string } }

/**
 * The region's results bucket, with what S3 calls about it take; a FAILURE when no repository is configured.
 * @example
 * const results = await resultsBucket(clients); if (results.failure) return results.failure
 */
export async function resultsBucket(clients: RegionClients): Promise<ResultsBucket> {
  const destination = await resultsDestination(clients)
  if (!destination?.bucketName) {
    return { failure: { verdict: 'FAILURE', reason: `No discovery results repository is configured in ${clients.region}, so there is no results bucket to check` } }
  }
  const bucket = destination.bucketName
  return { bucket, resources: [`arn:aws:s3:::${bucket}`], owner: destination.expectedBucketOwner ? { ExpectedBucketOwner: destination.expectedBucketOwner } : {} }
}

/** Every bucket Macie inventories for the account in the region (DescribeBuckets, all pages). */
export function describedBuckets(clients: RegionClients): Promise<BucketMetadata[]> {
  return once(clients, 'DescribeBuckets', async () => {
    const buckets: BucketMetadata[] = []
    let nextToken: string | undefined
    do {
      const page = await clients.macie2.send(new DescribeBucketsCommand({ maxResults: 50, ...(nextToken ? { nextToken } : {}) }))
      buckets.push(...(page.buckets ?? []))
      nextToken = page.nextToken || undefined
    } while (nextToken)
    return buckets
  })
}

/**
 * The 12-digit account an ARN names (`arn:aws:iam::111122223333:role/…` → `111122223333`).
 * @example
 * accountOfArn('arn:aws:iam::111122223333:role/x') // '111122223333'
 */
export function accountOfArn(arn: string | undefined): string | undefined {
  return arn?.split(':')[4]?.match(/^\d{12}$/)?.[0]
}
