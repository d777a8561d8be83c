// What Word and Excel files share: their ZIP package opened from a spool, and Macie's Office
// Open XML limits on each part (MACIE.md §5.3), checked from the central directory and again on
// the bytes actually inflated.
import { Readable } from 'node:stream'
import yauzl from 'yauzl'
import type { RandomAccess } from './spool.js'
import { ExtractError, type ExtractLimits } from './types.js'

/** Parts smaller than this uncompressed are not held to the ratio limit (short XML compresses very well). */
const RATIO_MIN_PART_BYTES = 1024 * 1024

/** Bytes read from the spill file at a time. */
const READ_CHUNK_BYTES = 64 * 1024

/**
 * Throws when a part of `uncompressed` bytes (from `compressed`) breaks an OOXML limit; `where`
 * names the part in the message.
 * @example
 * checkOoxmlPart('word/document.xml', entry.uncompressedSize, entry.compressedSize, info.limits)
 */
export function checkOoxmlPart(where: string, uncompressed: number, compressed: number, limits: ExtractLimits): void {
  if (uncompressed > limits.maxOoxmlPartBytes) {
    throw new ExtractError('OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT', `${where} is over ${limits.maxOoxmlPartBytes} bytes uncompressed`)
  }
  if (uncompressed > RATIO_MIN_PART_BYTES && uncompressed > compressed * limits.maxOoxmlRatio) {
    throw new ExtractError('OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT', `${where} inflates more than ${limits.maxOoxmlRatio} times`)
  }
}

/** yauzl's view of a spilled file. */
class SpoolReader extends yauzl.RandomAccessReader {
  constructor(private readonly file: RandomAccess) {
    super()
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const file = this.file
    async function* chunks(): AsyncGenerator<Buffer, void, undefined> {
      for (let at = start; at < end; at += READ_CHUNK_BYTES) yield await file.read(at, Math.min(end, at + READ_CHUNK_BYTES))
    }
    return Readable.from(chunks(), { objectMode: false })
  }
}

/**
 * Opens an Office package from its spool (in memory or spilled) for lazy, size-checked reading.
 * @example
 * const zip = await openOoxmlZip(await spool(body, { maxBytes: 512 * 1024 ** 2 }))
 */
export async function openOoxmlZip(file: RandomAccess): Promise<yauzl.ZipFile> {
  const options: yauzl.Options = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }
  const zip = file.buffer
    ? await yauzl.fromBufferPromise(file.buffer, options)
    : await yauzl.fromRandomAccessReaderPromise(new SpoolReader(file), file.size, options)
  // Errors reach the promises and streams in use; a late one from the reader must not go unheard.
  zip.on('error', () => undefined)
  return zip
}
