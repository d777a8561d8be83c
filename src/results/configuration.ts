// The discovery results repository's configuration (PutClassificationExportConfiguration):
// validated as Macie does, and checked by writing to the bucket before it is saved, so that a
// job never finds out mid-run that its results cannot be stored.
import { InvalidInputError } from '../errors.js'
import type { ResultsDestination } from './layout.js'
import { probeSseKms, type ResultsSink } from './writer.js'
import type { Scope, Store } from '../store/types.js'

const KMS_KEY_ARN = /^arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/

/**
 * Validates an S3Destination (`bucketName`, `kmsKeyArn` required; `keyPrefix`,
 * `expectedBucketOwner` optional).
 * @example
 * validateS3Destination({ bucketName: 'results', kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' })
 */
export function validateS3Destination(input: unknown): ResultsDestination {
  const d = input as Partial<Record<keyof ResultsDestination, unknown>> | null
  if (!d || typeof d !== 'object') throw new InvalidInputError('configuration.s3Destination is required')
  if (typeof d.bucketName !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(d.bucketName)) {
    throw new InvalidInputError('s3Destination.bucketName must be the name of an S3 general purpose bucket (3–63 lowercase letters, digits, dots, hyphens)')
  }
  if (typeof d.kmsKeyArn !== 'string' || !KMS_KEY_ARN.test(d.kmsKeyArn)) {
    throw new InvalidInputError('s3Destination.kmsKeyArn must be the ARN of a KMS key (arn:aws:kms:<region>:<account>:key/<id>)')
  }
  if (d.keyPrefix !== undefined && (typeof d.keyPrefix !== 'string' || d.keyPrefix.length > 1024 || d.keyPrefix.split('/').includes('..'))) {
    throw new InvalidInputError('s3Destination.keyPrefix must be a key prefix of at most 1,024 characters without ".." segments')
  }
  if (d.expectedBucketOwner !== undefined && (typeof d.expectedBucketOwner !== 'string' || !/^\d{12}$/.test(d.expectedBucketOwner))) {
    throw new InvalidInputError('s3Destination.expectedBucketOwner must be a 12-digit account ID')
  }
  return {
    bucketName: d.bucketName,
    kmsKeyArn: d.kmsKeyArn,
    ...(d.keyPrefix ? { keyPrefix: d.keyPrefix as string } : {}),
    ...(d.expectedBucketOwner ? { expectedBucketOwner: d.expectedBucketOwner as string } : {}),
  }
}

/**
 * Saves the results repository of a scope after checking that trawl can write to it; reports
 * whether the store encrypts with the KMS key (SSE-KMS) or trawl seals files itself (envelope).
 * @example
 * await putExportConfiguration(store, source, scope, { bucketName: 'results', kmsKeyArn })
 */
export async function putExportConfiguration(
  store: Store,
  sink: ResultsSink & { hasBucket(bucket: string): Promise<boolean> },
  scope: Scope,
  input: unknown,
): Promise<{ s3Destination: ResultsDestination; isSseKms: boolean }> {
  const s3Destination = validateS3Destination(input)
  if (!(await sink.hasBucket(s3Destination.bucketName))) throw new InvalidInputError(`the results bucket ${s3Destination.bucketName} does not exist or cannot be reached`)
  let isSseKms: boolean
  try {
    isSseKms = await probeSseKms(sink, s3Destination, scope)
  } catch (err) {
    throw new InvalidInputError(`trawl cannot write to s3://${s3Destination.bucketName}: ${(err as Error).message}`, { cause: err })
  }
  await store.exportConfigurations.put({ ...scope, s3Destination })
  return { s3Destination, isSseKms }
}
