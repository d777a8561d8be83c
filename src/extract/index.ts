// Picks the extractor for an object: by content first (binary signatures, NUL bytes), then by
// extension. `extractObject` peeks at the head of the stream, chooses, and reads on. Archives
// and e-mails yield their members and attachments as EmbeddedFiles, each read the same way.
import { Readable } from 'node:stream'
import { extractAvro } from './avro.js'
import { extractCsv } from './csv.js'
import { extractDocx } from './docx.js'
import { extractEmail } from './email.js'
import { extractGzip } from './gzip.js'
import { extractJson, extractJsonLines } from './json.js'
import { extractHtml, extractXml } from './markup.js'
import { extractParquet } from './parquet.js'
import { extractPdf } from './pdf.js'
import { SNIFF_BYTES, sniffFormat, type Format } from './sniff.js'
import { extractTar } from './tar.js'
import { extractText } from './text.js'
import { extractXlsx } from './xlsx.js'
import { extractZip } from './zip.js'
import { ExtractError, type ExtractedItem, type Extractor, type ObjectInfo } from './types.js'

export { DEFAULT_LIMITS, ExtractError, isEmbedded } from './types.js'
export type { EmbeddedFile, ExtractedItem, ExtractFailure, ExtractLimits, Extractor, LocatedFields, Location, ObjectInfo, TextSegment } from './types.js'
export { extractCsv } from './csv.js'
export { extractJson, extractJsonLines } from './json.js'
export { extractText } from './text.js'
export { sniffFormat, type Format } from './sniff.js'
export { readAll, spool, type RandomAccess } from './spool.js'

/** An extractor, the format it reads and its MIME type. */
export interface ChosenExtractor {
  readonly extractor: Extractor
  readonly format: Format
  readonly mimeType: string
}

const EXTRACTORS: Partial<Record<Format, Extractor>> = {
  text: extractText,
  csv: extractCsv,
  json: extractJson,
  jsonl: extractJsonLines,
  pdf: extractPdf,
  docx: extractDocx,
  xlsx: extractXlsx,
  zip: extractZip,
  tar: extractTar,
  gzip: extractGzip,
  html: extractHtml,
  xml: extractXml,
  eml: extractEmail,
  parquet: extractParquet,
  avro: extractAvro,
}

const GIB = 1024 ** 3

/** Macie's largest object analysed, per format (MACIE.md §5.2). */
export const MAX_OBJECT_BYTES: Record<Format, number> = {
  text: 20 * GIB, csv: 20 * GIB, json: 20 * GIB, jsonl: 20 * GIB, html: 20 * GIB, xml: 20 * GIB, eml: 20 * GIB, tar: 20 * GIB,
  pdf: GIB, docx: 0.5 * GIB, xlsx: 0.5 * GIB,
  parquet: 8 * GIB, avro: 8 * GIB, zip: 8 * GIB, gzip: 8 * GIB,
}

const ARCHIVES: ReadonlySet<Format> = new Set(['zip', 'tar', 'gzip'])

/**
 * Chooses the extractor for an object from its head (its first SNIFF_BYTES bytes, or all of a
 * smaller object) and `info.extension`; throws ExtractError UNSUPPORTED_FILE_TYPE_EXCEPTION, or
 * FILE_EXCEEDS_SIZE_LIMIT / ARCHIVE_EXCEEDS_SIZE_LIMIT past the format's size limit.
 * @example
 * const { extractor, mimeType } = chooseExtractor(Buffer.from('{"ssn": "536-22-8741"}'), info)
 */
export function chooseExtractor(head: Uint8Array, info: ObjectInfo): ChosenExtractor {
  const { format, mimeType } = sniffFormat(head, info.extension)
  const extractor = EXTRACTORS[format]
  if (!extractor) throw new ExtractError('UNSUPPORTED_FILE_TYPE_EXCEPTION', `${format} content is not supported`)
  if (info.size > MAX_OBJECT_BYTES[format]) {
    const reason = ARCHIVES.has(format) ? 'ARCHIVE_EXCEEDS_SIZE_LIMIT' : 'FILE_EXCEEDS_SIZE_LIMIT'
    throw new ExtractError(reason, `${format} objects larger than ${MAX_OBJECT_BYTES[format]} bytes are not analysed`)
  }
  return { extractor, format, mimeType }
}

/** An object being read: its format and MIME type, known before any text, and its items (read once). */
export interface ExtractedObject {
  readonly format: Format
  readonly mimeType: string
  readonly items: AsyncIterable<ExtractedItem>
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  return Buffer.from(String(chunk), 'utf8')
}

/**
 * Reads an object: peeks at its first bytes, chooses an extractor and returns the MIME type with
 * the items still to be read. Rejects with ExtractError UNSUPPORTED_FILE_TYPE_EXCEPTION (the
 * body is then destroyed); iterating `items` may throw other ExtractErrors.
 * @example
 * const { mimeType, items } = await extractObject(fs.createReadStream(path), info)
 * for await (const item of items) if (!isEmbedded(item)) detector.detect(item)
 */
export async function extractObject(body: Readable, info: ObjectInfo): Promise<ExtractedObject> {
  const it = body[Symbol.asyncIterator]() as AsyncIterator<unknown>
  const head: Buffer[] = []
  let headBytes = 0
  let isDone = false
  try {
    while (headBytes < SNIFF_BYTES) {
      const r = await it.next()
      if (r.done) {
        isDone = true
        break
      }
      const b = toBuffer(r.value)
      head.push(b)
      headBytes += b.length
    }
    const { extractor, format, mimeType } = chooseExtractor(head.length === 1 ? head[0]! : Buffer.concat(head, headBytes), info)
    async function* replay(): AsyncGenerator<Buffer, void, undefined> {
      try {
        yield* head
        while (!isDone) {
          const r = await it.next()
          if (r.done) break
          yield toBuffer(r.value)
        }
      } finally {
        await it.return?.()
      }
    }
    return { format, mimeType, items: extractor(Readable.from(replay(), { objectMode: false }), info) }
  } catch (err) {
    await it.return?.()
    throw err
  }
}
