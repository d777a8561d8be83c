// Scans one object into its discovery result record (used in-process and by workers): a local
// file by its path, anything else through the scan's source (S3 or a folder of buckets).
import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import type { ObjectSource, SourceObject } from '../sources/types.js'
import type { BuiltDetector, ScanConfig } from './config.js'
import { buildResultRecord, objectRefOf, type ObjectOutcome, type ResultRecord } from './record.js'
import { scanObject } from './scan-object.js'

/** An object to scan: a listed object, plus its path when it is a local file. */
export interface ScanTarget extends SourceObject {
  path?: string
}

/**
 * The source a configuration reads from, opened once per thread (and loaded only when used: a
 * scan of local files starts without the AWS SDK).
 */
const sources = new WeakMap<ScanConfig, Promise<ObjectSource>>()

function opener(target: ScanTarget, config: ScanConfig): () => Readable | Promise<Readable> {
  if (target.path !== undefined) {
    const path = target.path
    return () => createReadStream(path, { highWaterMark: 1 << 20 })
  }
  if (!config.source) throw new Error(`no source to read s3://${target.bucket}/${target.key} from`)
  const spec = config.source
  let source = sources.get(config)
  if (!source) sources.set(config, (source = import('../sources/index.js').then((m) => m.openSource(spec))))
  const from = source
  return async () => (await from).openObject(target)
}

/**
 * Scans an object and builds its record; the records of its archive members and attachments go
 * to `onMember` first, as they complete.
 * @example
 * const record = await scanTarget(object, config, buildDetector(config), (r) => console.log(r))
 */
export async function scanTarget(
  target: ScanTarget,
  config: ScanConfig,
  built: BuiltDetector,
  onMember: (record: ResultRecord) => void = () => undefined,
): Promise<ResultRecord> {
  const toRecord = (outcome: ObjectOutcome): ResultRecord => buildResultRecord(outcome, config.context, built.managedById, built.customById)
  const outcome = await scanObject(
    opener(target, config),
    objectRefOf(target),
    {
      detector: built.detector,
      ...(config.limits ? { limits: config.limits } : {}),
      ...(config.timeoutMs ? { deadline: Date.now() + config.timeoutMs } : {}),
      ...(config.tempDir ? { tempDir: config.tempDir } : {}),
      onMember: (m) => onMember(toRecord(m)),
    },
  )
  return toRecord(outcome)
}
