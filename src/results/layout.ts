// Where discovery results live in the repository bucket: Macie's folder layout
// (`<keyPrefix>AWSLogs/<account>/Macie/<region>/<jobId>/`) and one deterministic file per object.
import { createHash } from 'node:crypto'
import { InvalidInputError } from '../errors.js'
import type { ExportConfigurationRow, Scope } from '../store/types.js'

/** The discovery results repository of an export configuration: bucket, prefix, KMS key. */
export type ResultsDestination = ExportConfigurationRow['s3Destination']

/** What ends the name of every results file: JSON Lines, gzip. */
export const RESULTS_EXTENSION = '.jsonl.gz'

/** What an envelope-encrypted results file adds to its name (see envelope.ts for the format). */
export const ENVELOPE_EXTENSION = '.enc'

/**
 * The key prefix as Macie users write it, with the trailing slash added when it lacks one.
 * @example
 * normalizeKeyPrefix({ bucketName: 'b', keyPrefix: 'macie', kmsKeyArn: 'k' }) // 'macie/'
 */
export function normalizeKeyPrefix(dest: ResultsDestination): string {
  const prefix = dest.keyPrefix ?? ''
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`
}

// A job ID becomes one folder level; a slash or a dot folder would write outside the job's folder.
function checkFolderName(value: string, what: string): void {
  if (value === '' || value.includes('/') || value === '.' || value === '..') {
    throw new InvalidInputError(`${what} ${JSON.stringify(value)} cannot name a results folder`)
  }
}

function regionPrefix(dest: ResultsDestination, scope: Scope): string {
  checkFolderName(scope.accountId, 'account ID')
  checkFolderName(scope.region, 'region')
  return `${normalizeKeyPrefix(dest)}AWSLogs/${scope.accountId}/Macie/${scope.region}/`
}

/**
 * The folder of a job's results: `<keyPrefix>AWSLogs/<accountId>/Macie/<region>/<jobId>/`.
 * @example
 * resultsPrefix(dest, { accountId: '111122223333', region: 'us-east-1' }, 'a1b2…')
 * // 'macie/AWSLogs/111122223333/Macie/us-east-1/a1b2…/'
 */
export function resultsPrefix(dest: ResultsDestination, scope: Scope, jobId: string): string {
  checkFolderName(jobId, 'job ID')
  return `${regionPrefix(dest, scope)}${jobId}/`
}

/**
 * The key of the marker object written to learn whether the store applies SSE-KMS.
 * @example
 * probeKey(dest, scope) // 'macie/AWSLogs/111122223333/Macie/us-east-1/.trawl-kms-probe'
 */
export function probeKey(dest: ResultsDestination, scope: Scope): string {
  return `${regionPrefix(dest, scope)}.trawl-kms-probe`
}

/**
 * The file name of one analysed object's results in one run: the first 40 hex digits of
 * SHA-256 over `runId \n bucket \n key`, so a retried object overwrites its own file.
 * @example
 * resultsFileName('run-1', 'my-bucket', 'hr/employees.csv') // 40 hex digits
 */
export function resultsFileName(runId: string, bucket: string, key: string): string {
  return createHash('sha256').update(`${runId}\n${bucket}\n${key}`).digest('hex').slice(0, 40)
}

/**
 * The key of one analysed object's results file:
 * `<prefix>AWSLogs/<acct>/Macie/<region>/<jobId>/<acct>/<name>.jsonl.gz`, plus `.enc` when the
 * file is envelope-encrypted.
 * @example
 * resultsKey(dest, scope, jobId, runId, 'my-bucket', 'hr/employees.csv', false)
 */
export function resultsKey(
  dest: ResultsDestination,
  scope: Scope,
  jobId: string,
  runId: string,
  bucket: string,
  key: string,
  isEnvelope: boolean,
): string {
  const name = resultsFileName(runId, bucket, key)
  return `${resultsPrefix(dest, scope, jobId)}${scope.accountId}/${name}${RESULTS_EXTENSION}${isEnvelope ? ENVELOPE_EXTENSION : ''}`
}

/**
 * The `s3://bucket/key` URL of one analysed object's results file (what findings carry as
 * `classificationDetails.detailedResultsLocation`); it takes resultsKey's parameters.
 * @example
 * resultsLocation(dest, scope, jobId, runId, 'my-bucket', 'hr/employees.csv', false)
 * // 's3://results-bucket/macie/AWSLogs/111122223333/Macie/us-east-1/<jobId>/111122223333/<name>.jsonl.gz'
 */
export function resultsLocation(...args: Parameters<typeof resultsKey>): string {
  const [dest] = args
  return `s3://${dest.bucketName}/${resultsKey(...args)}`
}
