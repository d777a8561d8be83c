// Writes discovery results as one gzip JSON Lines file (the records of one analysed object, or
// of a batch of them, with their archive members'): SSE-KMS where the store applies it,
// otherwise sealed in trawl's envelope.
//
// Nothing is written in clear to find out whether the store applies SSE-KMS: the caller
// probes once per destination (probeSseKms, a marker holding no data) and passes the answer.
import { gzipSync } from 'node:zlib'
import type { ResultRecord } from '../scan/record.js'
import type { ObjectSource } from '../sources/types.js'
import type { Scope } from '../store/types.js'
import { sealEnvelope } from './envelope.js'
import type { Keyring } from './keyring.js'
import { probeKey, resultsKey, type ResultsDestination } from './layout.js'

/** Where a store writes: the one ObjectSource method the results repository needs. */
export type ResultsSink = Pick<ObjectSource, 'putObject'>

/** What a results file is about (an analysed object, or a batch named in `key`), and where it goes. */
export interface ResultsTarget {
  dest: ResultsDestination
  scope: Scope
  jobId: string
  runId: string
  /** The analysed object's bucket and key (not the repository's); for a batch, its name in `key`. */
  bucket: string
  key: string
}

/** What writeResultsFile needs. */
export interface ResultsFile extends ResultsTarget {
  records: readonly ResultRecord[]
  /** The probe's answer for this destination: whether the store applies SSE-KMS. */
  isSseKms: boolean
  keyring: Keyring
}

const PROBE_BODY = Buffer.from('trawl checks here whether this store applies SSE-KMS; this object holds no data.\n')

/**
 * Writes a marker object with SSE-KMS under the destination's region folder and tells whether
 * the store applied it; callers cache the answer per destination.
 * @example
 * const isSseKms = await probeSseKms(source, dest, { accountId: '111122223333', region: 'us-east-1' })
 */
export async function probeSseKms(sink: ResultsSink, dest: ResultsDestination, scope: Scope): Promise<boolean> {
  const { isKmsEncrypted } = await sink.putObject(dest.bucketName, probeKey(dest, scope), PROBE_BODY, {
    contentType: 'text/plain',
    kmsKeyId: dest.kmsKeyArn,
  })
  return isKmsEncrypted
}

/**
 * The `s3://` location a results file will have, so records can carry it before it is written.
 * @example
 * record.classificationDetails.detailedResultsLocation = resultsLocationFor({ ...target, isSseKms })
 */
export function resultsLocationFor(target: ResultsTarget & { isSseKms: boolean }): string {
  return `s3://${target.dest.bucketName}/${keyFor(target)}`
}

function keyFor(target: ResultsTarget & { isSseKms: boolean }): string {
  const { dest, scope, jobId, runId, bucket, key, isSseKms } = target
  return resultsKey(dest, scope, jobId, runId, bucket, key, !isSseKms)
}

/**
 * Gzip-compressed JSON Lines of the records, one record per line.
 * @example
 * gunzipSync(encodeResults([record])).toString() // '{"accountId":…}\n'
 */
export function encodeResults(records: readonly ResultRecord[]): Buffer {
  return gzipSync(Buffer.from(records.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8'))
}

/**
 * Writes one analysed object's results file, overwriting the same object's file of an earlier
 * try. Returns its location and whether SSE-KMS protects it: when a store that passed the probe
 * stops applying SSE-KMS, the file just written is overwritten at once by its envelope, and
 * `isSseKms: false` tells the caller to probe that destination again.
 * @example
 * const { location } = await writeResultsFile(source, { ...target, records, isSseKms, keyring })
 */
export async function writeResultsFile(sink: ResultsSink, file: ResultsFile): Promise<{ location: string; isSseKms: boolean }> {
  const key = keyFor(file)
  const location = `s3://${file.dest.bucketName}/${key}`
  const gz = encodeResults(file.records)
  if (!file.isSseKms) {
    await sink.putObject(file.dest.bucketName, key, sealEnvelope(gz, file.keyring), { contentType: 'application/octet-stream' })
    return { location, isSseKms: false }
  }
  const { isKmsEncrypted } = await sink.putObject(file.dest.bucketName, key, gz, { contentType: 'application/gzip', kmsKeyId: file.dest.kmsKeyArn })
  if (isKmsEncrypted) return { location, isSseKms: true }
  // The name keeps `.jsonl.gz` so the records' detailedResultsLocation stays true; readers
  // recognise the envelope by its magic. (A versioned bucket still keeps the replaced version.)
  await sink.putObject(file.dest.bucketName, key, sealEnvelope(gz, file.keyring), { contentType: 'application/octet-stream' })
  return { location, isSseKms: false }
}
