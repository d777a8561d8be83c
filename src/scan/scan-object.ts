// One object end to end: stream → sniff → extract → detect → tally → outcome. Archives and
// e-mails are read recursively: each member or attachment is analysed as an object of its own
// type and gets a result record of its own; the object's outcome sums what its members hold.
// Macie's archive limits (depth, members, extracted bytes) hold across the whole tree. An object
// that cannot be read or parsed gets Macie's status and reason; nothing here throws on bad input.
import { Transform, type Readable, type TransformCallback } from 'node:stream'
import type { Detector } from '../detect/engine.js'
import { extractObject, isEmbedded } from '../extract/index.js'
import { SourceError } from '../sources/types.js'
import { DEFAULT_LIMITS, ExtractError, type EmbeddedFile, type ExtractLimits, type ObjectInfo } from '../extract/types.js'
import { extensionOf, type EmbeddedFileDetails, type ObjectOutcome, type ObjectRef, type StatusCode } from './record.js'
import { Tally } from './tally.js'

export { DEFAULT_LIMITS }

/** How to scan one object. */
export interface ScanObjectOptions {
  detector: Detector
  limits?: ExtractLimits
  /** Occurrences located per identifier (Macie's results: 1,000). */
  cap?: number
  /** Analysis stops here (ms since the epoch) with TIME_CUT_OFF_REACHED (Macie: 10 hours). */
  deadline?: number
  /** Folder for spill files of objects that need random access. */
  tempDir?: string
  /** Receives the outcome of every archive member and attachment, as it completes. */
  onMember?: (outcome: ObjectOutcome) => void
}

const IO_REASONS: Record<string, string> = {
  ENOENT: 'SOURCE_OBJECT_NO_LONGER_AVAILABLE',
  EACCES: 'PERMISSION_DENIED',
  EPERM: 'PERMISSION_DENIED',
  EISDIR: 'UNSUPPORTED_FILE_TYPE_EXCEPTION',
}

/** Formats that hold only other files: their members get records, they themselves do not. */
const ARCHIVES = new Set(['zip', 'tar', 'gzip'])

/** A limit of the whole archive tree was reached: analysis stops everywhere in it. */
class TreeStop extends Error {
  constructor(readonly reason: string) {
    super(reason)
  }
}

/** State shared by an object and everything nested in it. */
interface Walk {
  readonly options: ScanObjectOptions
  readonly limits: ExtractLimits
  readonly object: ObjectRef
  members: number
  extractedBytes: number
  /** A limit of the whole tree, once reached. */
  stop?: string
  /** Set when an archive was nested too deep: the object's reason, though the rest was read. */
  isTooDeep?: boolean
}

/** What analysing one (possibly nested) object produced. */
interface Analysis {
  mimeType: string | null
  format: string | null
  status: StatusCode
  reason: string | null
  bytes: number
  tally: Tally
  /** True when the status comes from members, not from reading this object itself. */
  isFromMembers?: boolean
}

function reasonOf(err: unknown): string {
  if (err instanceof ExtractError || err instanceof TreeStop || err instanceof SourceError) return err.reason
  return IO_REASONS[(err as NodeJS.ErrnoException)?.code ?? ''] ?? 'UNABLE_TO_PARSE_FILE'
}

/** Counts a member's bytes against its own limit and the tree's; errors past either. */
function metered(body: Readable, walk: Walk): Readable {
  let own = 0
  const meter = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      own += chunk.length
      walk.extractedBytes += chunk.length
      if (walk.extractedBytes > walk.limits.maxExtractedBytes) {
        walk.stop ??= 'ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT'
        done(new TreeStop('ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT'))
      } else if (own > walk.limits.maxMemberBytes) {
        done(new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `member larger than ${walk.limits.maxMemberBytes} bytes`))
      } else done(null, chunk)
    },
  })
  body.on('error', (err) => meter.destroy(err))
  meter.on('close', () => {
    if (!body.destroyed && !body.readableEnded) body.destroy()
  })
  return body.pipe(meter)
}

/**
 * Analyses one object or member: tallies its own text with locations and, for containers, adds
 * the counts of every member (whose own outcomes go to `onMember`).
 */
async function analyse(body: Readable, info: ObjectInfo, level: number, base: string, walk: Walk): Promise<Analysis> {
  const tally = new Tally(walk.options.cap ?? 1000)
  const out: Analysis = { mimeType: null, format: null, status: 'COMPLETE', reason: null, bytes: 0, tally }
  let hasAnalysed = false
  let hasUnprocessed = false
  body.on('data', (chunk: Buffer) => {
    out.bytes += chunk.length
  })
  try {
    const extracted = await extractObject(body, info)
    out.mimeType = extracted.mimeType
    out.format = extracted.format
    const isArchive = ARCHIVES.has(extracted.format)
    if (isArchive && level >= walk.limits.maxArchiveDepth) {
      walk.isTooDeep = true
      throw new ExtractError('ARCHIVE_NESTING_LEVEL_OVER_LIMIT', `archives nested deeper than ${walk.limits.maxArchiveDepth} levels`)
    }
    for await (const item of extracted.items) {
      if (walk.options.deadline !== undefined && Date.now() > walk.options.deadline) throw new TreeStop('TIME_CUT_OFF_REACHED')
      if (!isEmbedded(item)) {
        hasAnalysed = true
        tally.add(item, walk.options.detector.detect(item))
        continue
      }
      if (++walk.members > walk.limits.maxArchiveMembers) {
        item.body?.destroy()
        throw new TreeStop('ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT')
      }
      // A gzip is an encoding, not a folder: inside an archive, a.csv.gz's content is recorded
      // as a.csv.gz, and the members of x.tar.gz are x.tar's.
      const isGzip = extracted.format === 'gzip'
      const filePath = isGzip ? base || item.path : joinPath(base, item.path)
      const member = await analyseMember(item, filePath, isGzip ? base : filePath, level + 1, walk)
      if (member.status === 'COMPLETE' || member.status === 'PARTIAL') hasAnalysed = true
      if (member.status !== 'COMPLETE' && (isArchive || member.reason !== 'UNSUPPORTED_FILE_TYPE_EXCEPTION')) hasUnprocessed = true
      tally.merge(member.tally)
      if (walk.stop) throw new TreeStop(walk.stop)
    }
    if (hasUnprocessed) {
      out.status = hasAnalysed ? 'PARTIAL' : 'SKIPPED'
      out.reason = 'ARCHIVE_CONTAINS_UNPROCESSED_FILES'
      out.isFromMembers = true
    }
  } catch (err) {
    if (!body.destroyed) body.destroy()
    out.reason = reasonOf(err)
    out.status = hasAnalysed && (tally.entries.size > 0 || ARCHIVES.has(out.format ?? '')) ? 'PARTIAL' : 'SKIPPED'
    if (err instanceof TreeStop) {
      out.isFromMembers = true
      if (level > 0) walk.stop ??= err.reason
    }
  }
  return out
}

/** Analyses one member and reports its outcome (archives report their members instead). */
async function analyseMember(item: EmbeddedFile, filePath: string, base: string, level: number, walk: Walk): Promise<Analysis> {
  const name = item.path.slice(item.path.lastIndexOf('/') + 1)
  const details: EmbeddedFileDetails = {
    filePath,
    fileExtension: extensionOf(name),
    fileSize: item.size ?? null,
    fileLastModified: item.lastModified?.toISOString() ?? null,
  }
  let analysis: Analysis
  if (item.error || !item.body) {
    const reason = item.error?.reason ?? 'UNABLE_TO_PARSE_FILE'
    analysis = { mimeType: null, format: null, status: 'SKIPPED', reason, bytes: 0, tally: new Tally(walk.options.cap ?? 1000) }
  } else {
    const info: ObjectInfo = {
      key: name,
      size: item.size ?? 0,
      extension: extensionOf(name).toLowerCase(),
      limits: walk.limits,
      ...(walk.options.tempDir ? { tempDir: walk.options.tempDir } : {}),
    }
    analysis = await analyse(metered(item.body, walk), info, level, base, walk)
  }
  // An archive's members speak for it; it has a record of its own only when it could not be read.
  const isContainer = ARCHIVES.has(analysis.format ?? '')
  if (!isContainer || (analysis.status === 'SKIPPED' && !analysis.isFromMembers)) {
    walk.options.onMember?.({
      object: walk.object,
      embedded: { ...details, fileSize: details.fileSize ?? analysis.bytes },
      mimeType: analysis.mimeType,
      sizeClassified: analysis.status === 'SKIPPED' ? 0 : analysis.bytes,
      status: analysis.status,
      reason: analysis.reason,
      tally: analysis.status === 'SKIPPED' ? undefined : analysis.tally,
    })
  }
  return analysis
}

function joinPath(parent: string, child: string): string {
  return parent ? `${parent}/${child}` : child
}

/**
 * Scans one object; archive members and attachments are reported through `onMember`.
 * @example
 * const outcome = await scanObject(() => createReadStream('a.csv'), { bucket: 'b', key: 'a.csv', size: 10 }, { detector })
 */
export async function scanObject(open: () => Readable | Promise<Readable>, object: ObjectRef, options: ScanObjectOptions): Promise<ObjectOutcome> {
  const limits = options.limits ?? DEFAULT_LIMITS
  const walk: Walk = { options, limits, object, members: 0, extractedBytes: 0 }
  let body: Readable
  try {
    body = await open()
  } catch (err) {
    // A failure Macie names is the object's result; any other (the network, the store) is not
    // the object's fault, and the caller decides whether to try again.
    const isNamed = err instanceof SourceError || IO_REASONS[(err as NodeJS.ErrnoException)?.code ?? ''] !== undefined
    if (!isNamed) throw err
    return { object, mimeType: null, sizeClassified: 0, status: 'SKIPPED', reason: reasonOf(err) }
  }
  const info: ObjectInfo = {
    key: object.key,
    size: object.size,
    extension: extensionOf(object.key).toLowerCase(),
    limits,
    ...(options.tempDir ? { tempDir: options.tempDir } : {}),
  }
  const a = await analyse(body, info, 0, '', walk)
  if (a.reason === 'ARCHIVE_CONTAINS_UNPROCESSED_FILES' && walk.isTooDeep) a.reason = 'ARCHIVE_NESTING_LEVEL_OVER_LIMIT'
  if (a.status === 'SKIPPED') return { object, mimeType: a.mimeType, sizeClassified: 0, status: 'SKIPPED', reason: a.reason }
  const isContainer = ARCHIVES.has(a.format ?? '')
  return {
    object,
    mimeType: a.mimeType,
    sizeClassified: a.status === 'COMPLETE' ? object.size : a.bytes,
    status: a.status,
    reason: a.reason,
    tally: isContainer ? a.tally.withoutLocations() : a.tally,
  }
}
