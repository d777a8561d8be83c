// ZIP archives → their members as EmbeddedFiles, read through the central directory of the
// spooled archive. Counting members and bytes across an archive tree and the nesting depth
// belong to the caller; this module checks one archive's listing and its members' declared sizes.
import type { Readable } from 'node:stream'
import { pipeline, Transform } from 'node:stream'
import { fromBuffer, getFileNameLowLevel, open, type Entry, type Options, type ZipFile } from 'yauzl'
import { spool, type RandomAccess } from './spool.js'
import { ExtractError, type EmbeddedFile, type ObjectInfo } from './types.js'

/** Largest ZIP archive analysed, compressed (Macie: 8 GB). */
export const ZIP_MAX_BYTES = 8 * 1024 ** 3

/**
 * Largest uncompressed/compressed ratio a member may declare. Deflate cannot exceed about
 * 1,032:1, so a higher ratio only comes from a forged header or another method (zip bombs).
 */
export const ZIP_MAX_RATIO = 1100

/** Size of a local file header without its name and extra field (APPNOTE 4.3.7). */
const LOCAL_HEADER_BYTES = 30

/**
 * A member's path as it is reported: '/'-separated, without a leading './' or '/'. '..' segments
 * stay as text: members are never written to disk.
 */
export function memberPath(name: string): string {
  const path = name.replace(/^(?:\.?\/)+/, '')
  return path === '.' ? '' : path
}

/**
 * Passes a member's bytes through, failing with FILE_EXCEEDS_SIZE_LIMIT past `maxBytes`; errors
 * of `source` reach the returned stream as `toError` makes them, and destroying the returned
 * stream destroys `source`.
 */
export function memberBody(source: Readable, maxBytes: number, toError: (err: Error) => Error): Readable {
  let bytes = 0
  const out = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      if (bytes > maxBytes) done(new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `member larger than ${maxBytes} bytes`))
      else done(null, chunk)
    },
    destroy(err, done) {
      done(err && toError(err))
    },
  })
  // An error before the caller reads stays on the stream (`errored`) for the reader to meet.
  out.on('error', () => undefined)
  // Errors reach `out` through its destroy hook; the callback only has to exist.
  return pipeline(source, out, () => undefined)
}

/** An ExtractError of `reason` for a library error, or the error itself when it is one already. */
function wrap(err: unknown, reason: 'MALFORMED_FILE', what: string): ExtractError {
  if (err instanceof ExtractError) return err
  const message = err instanceof Error ? err.message : String(err)
  return new ExtractError(reason, `${what}: ${message}`, { cause: err })
}

const OPTIONS: Options = {
  lazyEntries: true,
  autoClose: false,
  // Names are decoded below: with decodeStrings yauzl rejects the whole archive for one
  // absolute or '..' member path, where trawl only reports the path.
  decodeStrings: false,
  validateEntrySizes: true,
  strictFileNames: false,
}

function openZip(data: RandomAccess): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    const opened = (err: Error | null, zip?: ZipFile): void => {
      if (err || !zip) return reject(wrap(err, 'MALFORMED_FILE', 'not a readable ZIP archive'))
      // An error emitted while no read is pending (closing the file) must not go uncaught.
      zip.on('error', () => undefined)
      resolve(zip)
    }
    if (data.buffer) fromBuffer(data.buffer, OPTIONS, opened)
    else open(data.path!, OPTIONS, opened)
  })
}

/** The next central directory entry, or undefined after the last. */
function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const off = (): void => {
      zip.off('entry', onEntry)
      zip.off('end', onEnd)
      zip.off('error', onError)
    }
    const onEntry = (entry: Entry): void => {
      off()
      resolve(entry)
    }
    const onEnd = (): void => {
      off()
      resolve(undefined)
    }
    const onError = (err: Error): void => {
      off()
      reject(wrap(err, 'MALFORMED_FILE', 'bad ZIP central directory'))
    }
    zip.on('entry', onEntry)
    zip.on('end', onEnd)
    zip.on('error', onError)
    zip.readEntry()
  })
}

/** The entry's name as stored, decoded as yauzl would (UTF-8 flag, Info-ZIP Unicode path, CP437). */
function entryName(entry: Entry): string {
  return getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false)
}

/** Directories, symlinks, devices and empty names carry no file to analyse. */
function isFile(entry: Entry, name: string): boolean {
  if (name.endsWith('/') || memberPath(name) === '') return false
  const type = (entry.externalFileAttributes >>> 16) & 0o170000 // Unix st_mode in the high half
  return type === 0 || type === 0o100000
}

/**
 * Where the archive's files lie: local header offsets in ascending order, each with the least
 * end its data can have, and the running maximum of those ends.
 */
interface Layout {
  readonly starts: Float64Array
  readonly maxEnds: Float64Array
}

/**
 * Reads the central directory once before anything is extracted: a listing over
 * `maxMembers` files is ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT (nothing analysed).
 */
async function readLayout(data: RandomAccess, maxMembers: number): Promise<Layout> {
  const zip = await openZip(data)
  const starts: number[] = []
  const ends: number[] = []
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (!isFile(entry, entryName(entry))) continue
      if (starts.length === maxMembers) {
        throw new ExtractError('ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT', `ZIP archive lists more than ${maxMembers} files`)
      }
      starts.push(entry.relativeOffsetOfLocalHeader)
      ends.push(entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + entry.compressedSize)
    }
  } finally {
    zip.close()
  }
  const order = Array.from(starts.keys()).sort((a, b) => starts[a]! - starts[b]!)
  const layout = { starts: new Float64Array(order.length), maxEnds: new Float64Array(order.length) }
  let maxEnd = 0
  order.forEach((i, k) => {
    layout.starts[k] = starts[i]!
    maxEnd = Math.max(maxEnd, ends[i]!)
    layout.maxEnds[k] = maxEnd
  })
  return layout
}

/** Index of the first start at or after `offset`. */
function firstAtOrAfter(starts: Float64Array, offset: number): number {
  let lo = 0
  let hi = starts.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (starts[mid]! < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * True when the file [start, end) shares bytes with another listed file: two entries with one
 * local header, another header inside its data, or its header inside another file's data. These
 * are the overlapped files of the "better zip bomb" (Fifield, WOOT 2019).
 */
function overlaps(layout: Layout, start: number, end: number): boolean {
  const { starts, maxEnds } = layout
  const k = firstAtOrAfter(starts, start)
  if (k > 0 && maxEnds[k - 1]! > start) return true
  return (k + 1 < starts.length && starts[k + 1]! < end) || starts[k] !== start
}

function localDataStart(zip: ZipFile, entry: Entry): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.readLocalFileHeader(entry, { minimal: true }, (err, header) => (err ? reject(err) : resolve(header.fileDataStart)))
  })
}

function openBody(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)))
  })
}

/** Why a listed file cannot be extracted, judged from its central directory entry alone. */
function refusal(entry: Entry, maxMemberBytes: number): ExtractError | undefined {
  if (entry.generalPurposeBitFlag & 1) return new ExtractError('ARCHIVE_CONTAINS_UNPROCESSED_FILES', 'encrypted member')
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return new ExtractError('ARCHIVE_CONTAINS_UNPROCESSED_FILES', `unsupported compression method ${entry.compressionMethod}`)
  }
  if (entry.uncompressedSize > maxMemberBytes) {
    return new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `member larger than ${maxMemberBytes} bytes`)
  }
  if (entry.uncompressedSize > entry.compressedSize * ZIP_MAX_RATIO) {
    return new ExtractError('ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT', 'compression ratio over the limit')
  }
  return undefined
}

/**
 * Yields the files of a ZIP archive, each with its bytes or with why it cannot be read; throws
 * ARCHIVE_EXCEEDS_SIZE_LIMIT past `maxZipBytes`, MALFORMED_FILE for a broken central directory.
 * @example
 * for await (const item of extractZip(body, info)) if (isEmbedded(item) && item.body) await analyse(item.path, item.body)
 */
export async function* extractZip(body: Readable, info: ObjectInfo, maxZipBytes = ZIP_MAX_BYTES): AsyncGenerator<EmbeddedFile, void, undefined> {
  const tooBig = (): ExtractError => new ExtractError('ARCHIVE_EXCEEDS_SIZE_LIMIT', `ZIP archive larger than ${maxZipBytes} bytes`)
  if (info.size > maxZipBytes) {
    body.destroy()
    throw tooBig()
  }
  let data: RandomAccess
  try {
    data = await spool(body, { maxBytes: maxZipBytes, tempDir: info.tempDir, what: 'ZIP archive' })
  } catch (err) {
    throw err instanceof ExtractError && err.reason === 'FILE_EXCEEDS_SIZE_LIMIT' ? tooBig() : err
  }
  let zip: ZipFile | undefined
  let current: Readable | undefined
  try {
    const layout = await readLayout(data, info.limits.maxArchiveMembers)
    zip = await openZip(data)
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      const name = entryName(entry)
      if (!isFile(entry, name)) continue
      const member = { kind: 'embedded', path: memberPath(name), size: entry.uncompressedSize } as const
      const refused = refusal(entry, info.limits.maxMemberBytes)
      if (refused) {
        yield { ...member, error: refused }
        continue
      }
      let source: Readable | undefined
      let failure: ExtractError | undefined
      try {
        const start = entry.relativeOffsetOfLocalHeader
        if (overlaps(layout, start, (await localDataStart(zip, entry)) + entry.compressedSize)) {
          failure = new ExtractError('MALFORMED_FILE', 'member overlaps another member')
        } else source = await openBody(zip, entry)
      } catch (err) {
        failure = wrap(err, 'MALFORMED_FILE', 'unreadable member')
      }
      if (!source) {
        yield { ...member, error: failure! }
        continue
      }
      current = memberBody(source, info.limits.maxMemberBytes, (err) => wrap(err, 'MALFORMED_FILE', 'corrupt member'))
      const lastModified = entry.getLastModDate()
      yield { ...member, ...(Number.isNaN(lastModified.getTime()) ? {} : { lastModified }), body: current }
      current.destroy()
      current = undefined
    }
  } finally {
    current?.destroy()
    zip?.close()
    await data.close()
  }
}
