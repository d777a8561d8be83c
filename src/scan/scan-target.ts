// Scans one object into its discovery result record (used in-process and by workers): a local
// file by its path, anything else through its own source or the scan's (S3 or a folder of buckets).
import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import type { ObjectSource, SourceObject, SourceSpec } from '../sources/types.js'
import type { BuiltDetector, ScanConfig } from './config.js'
import { buildResultRecord, objectRefOf, type ObjectOutcome, type ObjectRef, type RecordContext, type ResultRecord } from './record.js'
import { scanObject } from './scan-object.js'

/**
 * An object to scan: a listed object, plus its path when it is a local file, and — for an object
 * of another account than the configuration's (an administrator's job over a member's bucket) —
 * where it is read from and which account its records name.
 */
export interface ScanTarget extends SourceObject {
  path?: string
  /** Read from here rather than from the configuration's source. */
  source?: SourceSpec
  /** The account that owns the object; its records carry it rather than the configuration's. */
  accountId?: string
}

/**
 * The sources a configuration reads from, each opened once per thread (and loaded only when
 * used: a scan of local files starts without the AWS SDK). Keyed by the spec's JSON: a target's
 * spec arrives as a fresh copy with every message.
 */
const sources = new WeakMap<ScanConfig, Map<string, Promise<ObjectSource>>>()

/**
 * The record context of a target: the configuration's, in the name of the target's owner.
 * @example
 * recordContextOf({ bucket: 'b', key: 'k', size: 1, lastModified: new Date(), accountId: '444455556666' }, config)
 */
export function recordContextOf(target: ScanTarget, config: ScanConfig): RecordContext {
  return target.accountId === undefined || target.accountId === config.context.accountId ? config.context : { ...config.context, accountId: target.accountId }
}

function sourceOf(spec: SourceSpec, config: ScanConfig): Promise<ObjectSource> {
  let opened = sources.get(config)
  if (!opened) sources.set(config, (opened = new Map()))
  const key = JSON.stringify(spec)
  let source = opened.get(key)
  if (!source) opened.set(key, (source = import('../sources/index.js').then((m) => m.openSource(spec))))
  return source
}

/** An object whose read has begun: the body is on its way while earlier objects are analysed. */
export interface PreparedTarget {
  ref: ObjectRef
  open(): Promise<Readable>
}

/**
 * Starts reading an object now, so that the request is in flight while the worker analyses the
 * object before it; what the read reports (encryption, no tags) goes into the object's record.
 * @example
 * const prepared = prepareTarget(next, config) // later: scanTarget(next, config, built, onMember, prepared)
 */
export function prepareTarget(target: ScanTarget, config: ScanConfig): PreparedTarget {
  const ref: ObjectRef = objectRefOf(target)
  if (target.path !== undefined) {
    const path = target.path
    return { ref, open: async () => createReadStream(path, { highWaterMark: 1 << 20 }) }
  }
  const spec = target.source ?? config.source
  if (!spec) throw new Error(`no source to read s3://${target.bucket}/${target.key} from`)
  const opening = sourceOf(spec, config).then(async (from) => {
    if (!from.readObject) return from.openObject(target)
    const opened = await from.readObject(target)
    if (opened.serverSideEncryption) ref.serverSideEncryption = opened.serverSideEncryption
    if (opened.tagCount === 0) ref.tags = []
    return opened.body
  })
  // Failures surface when the scan awaits the body; until then they must not count as unhandled.
  opening.catch(() => undefined)
  return { ref, open: () => opening }
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
  prepared: PreparedTarget = prepareTarget(target, config),
): Promise<ResultRecord> {
  const context = recordContextOf(target, config)
  const toRecord = (outcome: ObjectOutcome): ResultRecord => buildResultRecord(outcome, context, built.managedById, built.customById)
  const outcome = await scanObject(prepared.open, prepared.ref, {
    detector: built.detector,
    ...(config.limits ? { limits: config.limits } : {}),
    ...(config.timeoutMs ? { deadline: Date.now() + config.timeoutMs } : {}),
    ...(config.tempDir ? { tempDir: config.tempDir } : {}),
    onMember: (m) => onMember(toRecord(m)),
  })
  return toRecord(outcome)
}
