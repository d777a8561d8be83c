// Apache Parquet → record fields: each string or number leaf of a row, with its column and key
// names as labels and Macie's record location (row index across the file + JSONPath). Owns
// reading a Parquet file one row group at a time and rendering its typed values as text; the
// value renderers are shared with avro.ts. Knows nothing of what is detected.
import type { Readable } from 'node:stream'
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData, type ParquetParsers, type SchemaElement, type SchemaTree } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { FieldBatch } from './fields.js'
import { jsonPath, type PathKey } from './json-path.js'
import { spool, type RandomAccess } from './spool.js'
import { ExtractError, type ObjectInfo, type TextSegment } from './types.js'

/** Largest Parquet file analysed (Macie: 8 GB). */
export const MAX_PARQUET_BYTES = 8 * 1024 ** 3

const MAGIC = 'PAR1'
const NO_LABELS: readonly string[] = Object.freeze([])
const utf8 = new TextDecoder('utf-8', { fatal: true })
const loose = new TextDecoder('utf-8')
/** C0 controls other than tab, line feed and carriage return: bytes that are binary, not text. */
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/

/**
 * A number as text, the way it is written: integers in full, others in JavaScript's shortest
 * form; undefined for NaN and infinities.
 */
export function numberText(n: number): string | undefined {
  return Number.isFinite(n) ? String(n) : undefined
}

/** A 32-bit float in the fewest digits that read back as the same float (0.1, not 0.10000000149011612). */
export function floatText(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined
  for (let digits = 1; digits < 9; digits++) {
    const s = n.toPrecision(digits)
    if (Math.fround(Number(s)) === n) return String(Number(s))
  }
  return String(n)
}

/** Bytes as text when they are UTF-8 text (no NUL or other binary control characters), else undefined. */
export function bytesText(bytes: Uint8Array): string | undefined {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return undefined
  }
  return BINARY.test(text) ? undefined : text
}

/** An unscaled decimal and its scale as exact decimal text: (12345n, 2) → '123.45'. */
export function decimalText(unscaled: bigint, scale: number): string {
  if (scale <= 0) return (unscaled * 10n ** BigInt(-scale)).toString()
  const negative = unscaled < 0n
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0')
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

/** A big-endian two's complement integer (Parquet and Avro decimals). */
export function signedBigEndian(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n
  let n = 0n
  for (const b of bytes) n = (n << 8n) | BigInt(b)
  return bytes[0]! & 0x80 ? n - (1n << BigInt(8 * bytes.length)) : n
}

/** Days since 1970-01-01 as an ISO date ('2024-01-02'), or the number when out of range. */
export function dateText(days: number): string {
  const d = new Date(days * 86_400_000)
  if (Number.isNaN(d.getTime())) return String(days)
  const iso = d.toISOString()
  return iso.slice(0, iso.indexOf('T'))
}

/**
 * A count of `perSecond` units since 1970 as an ISO timestamp with as many fraction digits as
 * the unit has ('2024-01-02T03:04:05.678Z' for milliseconds); local time has no 'Z'. Out of
 * range → the number.
 */
export function timestampText(units: bigint | number, perSecond: bigint, isUtc = true): string {
  const n = BigInt(units)
  let seconds = n / perSecond
  let fraction = n % perSecond
  if (fraction < 0n) {
    fraction += perSecond
    seconds -= 1n
  }
  const d = new Date(Number(seconds) * 1000)
  if (Number.isNaN(d.getTime())) return n.toString()
  const digits = perSecond.toString().length - 1
  const iso = d.toISOString().slice(0, -5) // drop '.000Z'
  return `${iso}${digits > 0 ? '.' + fraction.toString().padStart(digits, '0') : ''}${isUtc ? 'Z' : ''}`
}

/** Typed values rendered at decode time: dates and timestamps as ISO text, JSON as its text. */
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (ms) => timestampText(ms, 1000n),
  timestampFromMicroseconds: (us) => timestampText(us, 1_000_000n),
  timestampFromNanoseconds: (ns) => timestampText(ns, 1_000_000_000n),
  dateFromDays: (days) => dateText(days),
  jsonFromBytes: (bytes) => bytes && loose.decode(bytes),
}

/** A RandomAccess as hyparquet's AsyncBuffer. */
function asyncBuffer(file: RandomAccess): AsyncBuffer {
  return {
    byteLength: file.size,
    async slice(start, end) {
      const b = await file.read(start, end ?? file.size)
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
    },
  }
}

function malformed(info: ObjectInfo, why: string, cause?: unknown): ExtractError {
  return new ExtractError('MALFORMED_FILE', `${info.key}: not a readable Parquet file (${why})`, { cause })
}

async function readMetadata(file: RandomAccess, info: ObjectInfo): Promise<FileMetaData> {
  if (file.size < 12) throw malformed(info, 'too short')
  const head = (await file.read(0, 4)).toString('latin1')
  if (head !== MAGIC) throw malformed(info, head === 'PARE' ? 'encrypted footer' : 'no PAR1 magic')
  try {
    return await parquetMetadataAsync(asyncBuffer(file))
  } catch (err) {
    throw malformed(info, err instanceof Error ? err.message : 'bad footer', err)
  }
}

/**
 * Takes the DECIMAL annotation off columns so that hyparquet leaves their unscaled values alone
 * (it converts them to floats, which loses digits), and returns each one's scale; takes off the
 * BSON and INTERVAL annotations too (hyparquet throws on them; their bytes are read as binary).
 */
function plainDecimals(metadata: FileMetaData): Map<SchemaElement, number> {
  const scales = new Map<SchemaElement, number>()
  for (const element of metadata.schema) {
    const logical = element.logical_type
    if (element.converted_type === 'DECIMAL' || logical?.type === 'DECIMAL') {
      scales.set(element, element.scale ?? (logical?.type === 'DECIMAL' ? logical.scale : 0) ?? 0)
      element.converted_type = undefined
      element.logical_type = undefined
    } else if (element.converted_type === 'BSON' || element.converted_type === 'INTERVAL' || logical?.type === 'BSON' || logical?.type === 'INTERVAL') {
      element.converted_type = undefined
      element.logical_type = undefined
    }
  }
  return scales
}

const isList = (node: SchemaTree): boolean => node.element.converted_type === 'LIST' || node.element.logical_type?.type === 'LIST'
const isMap = (node: SchemaTree): boolean =>
  node.element.converted_type === 'MAP' || node.element.converted_type === 'MAP_KEY_VALUE' || node.element.logical_type?.type === 'MAP'

/**
 * Walks assembled rows beside their schema: the values decide the shape (objects, arrays), the
 * schema node, when it can be followed, says how a leaf is rendered (decimal scale, float).
 */
class RowWalker {
  /** Segments taken while walking, to be yielded after the row. */
  readonly ready: TextSegment[] = []
  private recordIndex = 0
  private readonly keys: PathKey[] = []
  private readonly children = new Map<SchemaTree, Map<string, SchemaTree>>()

  constructor(
    private readonly batch: FieldBatch,
    private readonly root: SchemaTree,
    private readonly scales: Map<SchemaElement, number>,
  ) {}

  row(row: Record<string, unknown>, recordIndex: number): void {
    this.recordIndex = recordIndex
    this.object(row, NO_LABELS, this.root)
  }

  private child(node: SchemaTree, name: string): SchemaTree | undefined {
    let byName = this.children.get(node)
    if (!byName) {
      byName = new Map(node.children.map((c) => [c.element.name, c]))
      this.children.set(node, byName)
    }
    return byName.get(name)
  }

  /** The schema node of a list's items, as hyparquet assembles lists (three-level or legacy repeated). */
  private item(node: SchemaTree | undefined): SchemaTree | undefined {
    if (!node) return undefined
    if (isList(node)) {
      const repeated = node.children[0]
      return repeated?.children.length === 1 ? repeated.children[0] : repeated
    }
    return node.element.repetition_type === 'REPEATED' ? node : undefined
  }

  private object(value: object, labels: readonly string[], node: SchemaTree | undefined): void {
    const values = node && isMap(node) ? node.children[0]?.children.find((c) => c.element.name === 'value') : undefined
    const mapped = node !== undefined && isMap(node)
    for (const [key, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue
      this.keys.push(key)
      this.value(v, [...labels, key], mapped ? values : node && this.child(node, key))
      this.keys.pop()
    }
  }

  private value(value: unknown, labels: readonly string[], node: SchemaTree | undefined): void {
    if (value === null || value === undefined) return
    const scale = node && this.scales.get(node.element)
    if (scale === undefined && typeof value === 'object' && !(value instanceof Date)) {
      const isBytes = value instanceof Uint8Array && !(node && isList(node))
      if (!isBytes) {
        if (Array.isArray(value) || ArrayBuffer.isView(value)) {
          const items = value as ArrayLike<unknown>
          const item = this.item(node)
          for (let i = 0; i < items.length; i++) {
            this.keys.push(i)
            this.value(items[i], labels, item)
            this.keys.pop()
          }
        } else {
          this.object(value, labels, node)
        }
        return
      }
    }
    const text = leafText(value, node?.element, scale)
    if (text === undefined) return
    this.batch.add(text, labels, { kind: 'record', recordIndex: this.recordIndex, jsonPath: jsonPath(this.keys) })
    if (this.batch.isFull) this.ready.push(this.batch.take()!)
  }
}

/** A leaf value as text, or undefined when it has none (booleans, binary that is not text). */
function leafText(value: unknown, element: SchemaElement | undefined, scale: number | undefined): string | undefined {
  if (scale !== undefined) {
    if (typeof value === 'number' || typeof value === 'bigint') return decimalText(BigInt(value), scale)
    if (value instanceof Uint8Array) return decimalText(signedBigEndian(value), scale)
  }
  switch (typeof value) {
    case 'string':
      return value
    case 'bigint':
      return value.toString()
    case 'number':
      return element?.type === 'FLOAT' ? floatText(value) : numberText(value)
    default:
      if (value instanceof Uint8Array) return bytesText(value)
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString()
      return undefined
  }
}

/**
 * Reads an Apache Parquet file (spooled, for random access), one row group at a time, into
 * record fields: recordIndex is the row's index in the file, jsonPath its column path
 * (`$.customer.cards[1].number`). Broken footer → MALFORMED_FILE; pages that do not decode →
 * UNABLE_TO_PARSE_FILE; over 8 GB → FILE_EXCEEDS_SIZE_LIMIT.
 * @example
 * for await (const item of extractParquet(body, info)) if (!isEmbedded(item)) detector.detect(item)
 */
export async function* extractParquet(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  if (info.size > MAX_PARQUET_BYTES) {
    body.destroy()
    throw new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${info.key}: Parquet file larger than ${MAX_PARQUET_BYTES} bytes`)
  }
  const file = await spool(body, { maxBytes: MAX_PARQUET_BYTES, tempDir: info.tempDir, what: 'Parquet file' })
  try {
    if (file.size === 0) return
    const metadata = await readMetadata(file, info)
    const scales = plainDecimals(metadata)
    const batch = new FieldBatch(Math.max(1, info.limits.blockChars))
    const walker = new RowWalker(batch, parquetSchema(metadata), scales)
    const buffer = asyncBuffer(file)
    let rowStart = 0
    let error: ExtractError | undefined
    for (const [g, group] of metadata.row_groups.entries()) {
      const rowEnd = rowStart + Number(group.num_rows)
      if (rowEnd <= rowStart) continue
      let rows: Array<Record<string, unknown>>
      try {
        rows = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd, compressors, utf8: false, parsers: PARSERS, geoparquet: false })
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err)
        error = new ExtractError('UNABLE_TO_PARSE_FILE', `${info.key}: row group ${g} of the Parquet file does not decode (${why})`, { cause: err })
        break
      }
      for (let i = 0; i < rows.length; i++) {
        walker.row(rows[i]!, rowStart + i)
        if (walker.ready.length > 0) yield* walker.ready.splice(0)
      }
      rowStart = rowEnd
    }
    // The rows read before a failure are analysed too (the object is then PARTIAL).
    const last = batch.take()
    if (last) yield last
    if (error) throw error
  } finally {
    await file.close()
  }
}
