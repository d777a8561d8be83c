// Reads a stream for the formats that need all of it at once (PDF, e-mail) or random access
// to it (ZIP's central directory, Parquet's footer): small objects stay in memory, larger ones
// are spilled to a temporary file, so memory stays bounded whatever the object's size.
import { createWriteStream } from 'node:fs'
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { ExtractError } from './types.js'

/** Bytes kept in memory before a spool spills to a temporary file. */
export const SPOOL_MEMORY_BYTES = 16 * 1024 * 1024

/**
 * Reads a whole stream into one buffer; throws FILE_EXCEEDS_SIZE_LIMIT past `maxBytes` (the
 * stream is then destroyed). With the object's expected size, the buffer is allocated once and
 * filled, rather than collected and copied (which holds the object twice at the end).
 * @example
 * const pdf = await readAll(body, info.limits.maxBufferedBytes, 'PDF', info.size)
 */
export async function readAll(body: Readable, maxBytes: number, what = 'object', expectedBytes = 0): Promise<Buffer> {
  const tooBig = (): ExtractError => {
    body.destroy()
    return new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${what} larger than ${maxBytes} bytes`)
  }
  let filled = expectedBytes > 0 && expectedBytes <= maxBytes ? Buffer.allocUnsafeSlow(expectedBytes) : undefined
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const b = chunk as Buffer
    if (size + b.length > maxBytes) throw tooBig()
    if (filled && size + b.length <= filled.length) b.copy(filled, size)
    else {
      // More than expected: go on collecting, starting with what was filled.
      if (filled) chunks.push(filled.subarray(0, size))
      filled = undefined
      chunks.push(b)
    }
    size += b.length
  }
  if (filled) return size === filled.length ? filled : filled.subarray(0, size)
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)
}

/** An object that can be read at any offset; close it when done (removes a spill file). */
export interface RandomAccess {
  readonly size: number
  /** The whole object, when it stayed in memory. */
  readonly buffer?: Buffer
  /** The spill file, when it did not. */
  readonly path?: string
  /** Bytes [start, end), clipped to the object. */
  read(start: number, end: number): Promise<Buffer>
  close(): Promise<void>
}

function inMemory(buffer: Buffer): RandomAccess {
  return {
    size: buffer.length,
    buffer,
    read: (start, end) => Promise.resolve(buffer.subarray(Math.max(0, start), Math.min(buffer.length, end))),
    close: () => Promise.resolve(),
  }
}

async function onDisk(dir: string, path: string, size: number): Promise<RandomAccess> {
  let handle: FileHandle | undefined
  try {
    handle = await open(path, 'r')
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    throw err
  }
  const fh = handle
  return {
    size,
    path,
    async read(start, end) {
      const from = Math.max(0, start)
      const length = Math.max(0, Math.min(size, end) - from)
      const out = Buffer.allocUnsafe(length)
      let done = 0
      while (done < length) {
        const { bytesRead } = await fh.read(out, done, length - done, from + done)
        if (bytesRead === 0) break
        done += bytesRead
      }
      return done === length ? out : out.subarray(0, done)
    },
    async close() {
      await fh.close().catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** How to spool. */
export interface SpoolOptions {
  /** Larger objects are FILE_EXCEEDS_SIZE_LIMIT. */
  maxBytes: number
  /** Bytes kept in memory before spilling (SPOOL_MEMORY_BYTES). */
  memoryBytes?: number
  /** Folder for the spill file (os.tmpdir()). */
  tempDir?: string
  /** Names the object in errors. */
  what?: string
}

/**
 * Reads a stream into random-access storage: memory up to `memoryBytes`, then a temporary file.
 * @example
 * const zip = await spool(body, { maxBytes: 8 * 1024 ** 3 })
 * try { const tail = await zip.read(zip.size - 22, zip.size) } finally { await zip.close() }
 */
export async function spool(body: Readable, options: SpoolOptions): Promise<RandomAccess> {
  const memoryBytes = options.memoryBytes ?? SPOOL_MEMORY_BYTES
  const chunks: Buffer[] = []
  let size = 0
  const it = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const tooBig = (): ExtractError => {
    body.destroy()
    return new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${options.what ?? 'object'} larger than ${options.maxBytes} bytes`)
  }
  for (let r = await it.next(); !r.done; r = await it.next()) {
    size += r.value.length
    if (size > options.maxBytes) throw tooBig()
    chunks.push(r.value)
    if (size <= memoryBytes) continue
    const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'trawl-spool-'))
    const path = join(dir, 'object')
    try {
      const out = createWriteStream(path)
      const write = (b: Buffer): Promise<void> | undefined => (out.write(b) ? undefined : new Promise((res) => out.once('drain', res)))
      for (const c of chunks.splice(0)) await write(c)
      for (let n = await it.next(); !n.done; n = await it.next()) {
        size += n.value.length
        if (size > options.maxBytes) {
          out.destroy()
          throw tooBig()
        }
        await write(n.value)
      }
      out.end()
      await finished(out)
    } catch (err) {
      await rm(dir, { recursive: true, force: true })
      throw err
    }
    return onDisk(dir, path, size)
  }
  return inMemory(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
}
