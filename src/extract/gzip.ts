// GZIP files → the one file they compress, as an EmbeddedFile whose body inflates as it is read.
// Its name comes from the gzip header (FNAME) or from the object key; concatenated gzip members
// inflate as one stream. What the inflated file is, and how much of it to read, is the caller's.
import { Readable, Transform, pipeline } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { ExtractError, type EmbeddedFile, type ObjectInfo } from './types.js'
import { memberBody, memberPath } from './zip.js'

/** Largest GZIP file analysed, compressed (Macie: 8 GB). */
export const GZIP_MAX_BYTES = 8 * 1024 ** 3

/** Header bytes read while looking for the end of FNAME; past this the name is taken from the key. */
const HEADER_MAX_BYTES = 1024 * 1024

// Header flags (RFC 1952 §2.3.1).
const FEXTRA = 4
const FNAME = 8
const FCOMMENT = 16
const FRESERVED = 0xe0

/** What a gzip header tells about the file it compresses. */
interface GzipHeader {
  readonly name?: string
  readonly mtime?: Date
}

/** Offset just past the NUL ending a string field at `from`, or -1 when it is not all here. */
function afterString(b: Buffer, from: number): number {
  const nul = b.indexOf(0, from)
  return nul < 0 ? -1 : nul + 1
}

/**
 * Reads the header of a gzip member (RFC 1952 §2.3): its fields, 'short' when `b` ends inside
 * it, undefined when `b` is not gzip.
 */
export function parseGzipHeader(b: Buffer): GzipHeader | 'short' | undefined {
  const magic = [0x1f, 0x8b, 8] // ID1, ID2, CM = deflate
  for (let i = 0; i < Math.min(b.length, magic.length); i++) if (b[i] !== magic[i]) return undefined
  if (b.length < 10) return 'short'
  const flags = b[3]!
  if (flags & FRESERVED) return undefined
  const seconds = b.readUInt32LE(4)
  const mtime = seconds === 0 ? undefined : new Date(seconds * 1000)
  let at = 10
  if (flags & FEXTRA) {
    if (b.length < at + 2) return 'short'
    at += 2 + b.readUInt16LE(at)
    if (b.length < at) return 'short'
  }
  let name: string | undefined
  if (flags & FNAME) {
    const end = afterString(b, at)
    if (end < 0) return 'short'
    name = b.toString('latin1', at, end - 1) // ISO 8859-1, as the RFC says
    at = end
  }
  if ((flags & FCOMMENT) !== 0 && afterString(b, at) < 0) return 'short'
  return { ...(name ? { name } : {}), ...(mtime ? { mtime } : {}) }
}

/** The object key's file name without '.gz' or '.gzip'; '.tgz' becomes '.tar'. */
export function gunzippedName(key: string): string {
  const base = key.slice(key.lastIndexOf('/') + 1)
  const lower = base.toLowerCase()
  if (lower.endsWith('.tgz')) return `${base.slice(0, -4)}.tar`
  for (const suffix of ['.gzip', '.gz']) if (lower.endsWith(suffix) && lower.length > suffix.length) return base.slice(0, -suffix.length)
  return base
}

/**
 * Yields the file a GZIP object compresses; its body inflates lazily and errors with
 * MALFORMED_FILE when the stream is corrupt or truncated, ARCHIVE_EXCEEDS_SIZE_LIMIT past
 * `maxGzipBytes` of input and FILE_EXCEEDS_SIZE_LIMIT past `info.limits.maxMemberBytes` of output.
 * @example
 * for await (const item of extractGzip(body, info)) if (isEmbedded(item) && item.body) await analyse(item.path, item.body)
 */
export async function* extractGzip(body: Readable, info: ObjectInfo, maxGzipBytes = GZIP_MAX_BYTES): AsyncGenerator<EmbeddedFile, void, undefined> {
  const tooBig = (): ExtractError => new ExtractError('ARCHIVE_EXCEEDS_SIZE_LIMIT', `GZIP file larger than ${maxGzipBytes} bytes`)
  if (info.size > maxGzipBytes) {
    body.destroy()
    throw tooBig()
  }
  const it = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const head: Buffer[] = []
  let headBytes = 0
  let header: GzipHeader | 'short' | undefined = 'short'
  try {
    // Parsed again each time the head doubles, so tiny chunks cost no quadratic copying.
    for (let parsedBytes = 0; ; ) {
      const r = await it.next()
      if (!r.done) {
        head.push(r.value)
        headBytes += r.value.length
      }
      const isLast = r.done === true || headBytes >= HEADER_MAX_BYTES
      if (isLast || headBytes >= 2 * parsedBytes) {
        header = parseGzipHeader(head.length === 1 ? head[0]! : Buffer.concat(head))
        parsedBytes = headBytes
      }
      if (header !== 'short' || isLast) break
    }
  } catch (err) {
    await it.return?.()
    throw err
  }
  if (header === undefined || (header === 'short' && headBytes < HEADER_MAX_BYTES)) {
    await it.return?.()
    throw new ExtractError('MALFORMED_FILE', header === undefined ? 'not a GZIP file' : 'truncated GZIP header')
  }
  const { name, mtime } = header === 'short' ? ({} as GzipHeader) : header

  // The body's own errors (a failed read, a broken container around this file) pass through.
  let bodyError: unknown
  async function* compressed(): AsyncGenerator<Buffer, void, undefined> {
    try {
      yield* head
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value
    } catch (err) {
      bodyError = err
      throw err
    } finally {
      await it.return?.()
    }
  }
  let inputBytes = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      inputBytes += chunk.length
      if (inputBytes > maxGzipBytes) done(tooBig())
      else done(null, chunk)
    },
  })
  // Errors reach the member body through memberBody; this callback only has to exist.
  const inflated = pipeline(Readable.from(compressed(), { objectMode: false }), counter, createGunzip(), () => undefined)
  const toError = (err: Error): Error =>
    err instanceof ExtractError || err === bodyError ? err : new ExtractError('MALFORMED_FILE', `corrupt GZIP stream: ${err.message}`, { cause: err })
  const out = memberBody(inflated, info.limits.maxMemberBytes, toError)
  const path = memberPath(name ?? '') || gunzippedName(info.key)
  try {
    yield { kind: 'embedded', path, ...(mtime ? { lastModified: mtime } : {}), body: out }
  } finally {
    out.destroy()
  }
}
