// Scans one local file into its discovery result record (used in-process and by workers).
import { createReadStream } from 'node:fs'
import type { LocalObject } from '../sources/local.js'
import type { BuiltDetector, ScanConfig } from './config.js'
import { buildResultRecord, type ObjectOutcome, type ResultRecord } from './record.js'
import { scanObject } from './scan-object.js'

/**
 * Scans a local object and builds its record; the records of its archive members and
 * attachments go to `onMember` first, as they complete.
 * @example
 * const record = await scanLocalObject(object, config, buildDetector(config), (r) => console.log(r))
 */
export async function scanLocalObject(
  object: LocalObject,
  config: ScanConfig,
  built: BuiltDetector,
  onMember: (record: ResultRecord) => void = () => undefined,
): Promise<ResultRecord> {
  const toRecord = (outcome: ObjectOutcome): ResultRecord => buildResultRecord(outcome, config.context, built.managedById, built.customById)
  const outcome = await scanObject(
    () => createReadStream(object.path, { highWaterMark: 1 << 20 }),
    { bucket: object.bucket, key: object.key, size: object.size, lastModified: object.lastModified },
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
