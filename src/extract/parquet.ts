// Apache Parquet → record fields: each string or number leaf of a row, with its column and key
// names as labels and Macie's record location (row index across the file + JSONPath). Owns
// reading a Parquet file a column and a range of pages at a time (page headers are walked here,
// decoding is hyparquet's) and rendering its typed values as text; the value renderers are
// shared with avro.ts. Knows nothing of what is detected.
import type { Readable } from 'node:stream'
import {
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type ColumnMetaData,
  type FileMetaData,
  type ParquetParsers,
  type RowGroup,
  type SchemaElement,
  type SchemaTree,
} from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { FieldBatch, PathNode } from './fields.js'
import { spool, type RandomAccess } from './spool.js'
import { ExtractError, type ObjectInfo, type TextSegment } from './types.js'

/** Largest Parquet file analysed (Macie: 8 GB). */
export const MAX_PARQUET_BYTES = 8 * 1024 ** 3

const MAGIC = 'PAR1'
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
    slice(start, end) {
      const read = file.read(start, end ?? file.size).then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer)
      // hyparquet may prefetch a range that a failed column never takes: its failure is not news.
      read.catch(() => undefined)
      return read
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
  private readonly paths = PathNode.root()
  private path = this.paths
  private readonly children = new Map<SchemaTree, Map<string, SchemaTree>>()

  constructor(
    private readonly batch: FieldBatch,
    private readonly schema: SchemaTree,
    private readonly scales: Map<SchemaElement, number>,
  ) {}

  /** One value of a top-level column. */
  cell(name: string, value: unknown, recordIndex: number): void {
    if (value === null || value === undefined) return
    this.recordIndex = recordIndex
    this.path = this.paths.child(name)
    this.value(value, this.schemaChild(this.schema, name))
  }

  private schemaChild(node: SchemaTree, name: string): SchemaTree | undefined {
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

  private object(value: object, node: SchemaTree | undefined): void {
    const values = node && isMap(node) ? node.children[0]?.children.find((c) => c.element.name === 'value') : undefined
    const mapped = node !== undefined && isMap(node)
    const at = this.path
    for (const [key, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue
      this.path = at.child(key)
      this.value(v, mapped ? values : node && this.schemaChild(node, key))
    }
    this.path = at
  }

  private value(value: unknown, node: SchemaTree | undefined): void {
    if (value === null || value === undefined) return
    const scale = node && this.scales.get(node.element)
    if (scale === undefined && typeof value === 'object' && !(value instanceof Date)) {
      const isBytes = value instanceof Uint8Array && !(node && isList(node))
      if (!isBytes) {
        if (Array.isArray(value) || ArrayBuffer.isView(value)) {
          const items = value as ArrayLike<unknown>
          const item = this.item(node)
          const at = this.path
          for (let i = 0; i < items.length; i++) {
            this.path = at.child(i)
            this.value(items[i], item)
          }
          this.path = at
        } else {
          this.object(value, node)
        }
        return
      }
    }
    const text = leafText(value, node?.element, scale)
    if (text === undefined) return
    this.batch.addRecordValue(text, this.path, this.recordIndex)
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
 * Page bytes (uncompressed) read at a time from one column, at most: a row group is read in row
 * ranges of about this much (or a quarter of `maxBufferedBytes`, when that is less).
 */
const RANGE_BYTES = 2 * 1024 * 1024
/** A page header larger than this is taken for a broken one (statistics make them grow). */
const MAX_PAGE_HEADER_BYTES = 1024 * 1024
const FIRST_HEADER_BYTES = 256

/** A page header that runs past the bytes at hand: read more and try again. */
const SHORT = new Error('page header runs past the bytes read')

/** Reads Thrift's compact protocol (the encoding of Parquet page headers) from a buffer. */
class CompactReader {
  at = 0
  constructor(private readonly bytes: Buffer) {}

  private byte(): number {
    if (this.at >= this.bytes.length) throw SHORT
    return this.bytes[this.at++]!
  }

  private varint(): number {
    let n = 0
    for (let i = 0, scale = 1; i < 10; i++, scale *= 128) {
      const b = this.byte()
      n += (b & 0x7f) * scale
      if (b < 0x80) return n
    }
    throw new Error('varint longer than 10 bytes')
  }

  private integer(): number {
    const z = this.varint()
    return z % 2 === 1 ? -(z + 1) / 2 : z / 2
  }

  private advance(n: number): void {
    if (n > this.bytes.length - this.at) throw SHORT
    this.at += n
  }

  /** Skips one value of Thrift compact `type`; every value takes a byte at least, so damaged counts run out of bytes. */
  private skip(type: number, depth: number): void {
    switch (type) {
      case 1:
      case 2:
        return
      case 3:
        return this.advance(1)
      case 4:
      case 5:
      case 6:
        this.varint()
        return
      case 7:
        return this.advance(8)
      case 8:
        return this.advance(this.varint())
      case 9:
      case 10: {
        const head = this.byte()
        const size = head >> 4 === 15 ? this.varint() : head >> 4
        const items = head & 15
        for (let i = 0; i < size; i++) {
          if (items === 1 || items === 2) this.advance(1)
          else this.skip(items, depth + 1)
        }
        return
      }
      case 11: {
        const size = this.varint()
        if (size === 0) return
        const kinds = this.byte()
        for (let i = 0; i < size; i++) {
          this.skip(kinds >> 4, depth + 1)
          this.skip(kinds & 15, depth + 1)
        }
        return
      }
      case 12:
        this.struct(depth + 1)
        return
      default:
        throw new Error(`unknown Thrift type ${type}`)
    }
  }

  /** A struct's integer and struct fields by field id; other fields are skipped. */
  struct(depth = 0): Map<number, number | Map<number, unknown>> {
    if (depth > 32) throw new Error('Thrift structs nested too deep')
    const fields = new Map<number, number | Map<number, unknown>>()
    for (let id = 0; ; ) {
      const head = this.byte()
      if (head === 0) return fields
      const type = head & 15
      id = head >> 4 === 0 ? this.integer() : id + (head >> 4)
      if (type === 4 || type === 5 || type === 6) fields.set(id, this.integer())
      else if (type === 12) fields.set(id, this.struct(depth + 1))
      else this.skip(type, depth)
    }
  }
}

const PAGE_TYPES = ['DATA_PAGE', 'INDEX_PAGE', 'DICTIONARY_PAGE', 'DATA_PAGE_V2'] as const

/** A page as Parquet's offset index locates it (hyparquet's PageLocation): its header's offset, its size with the header, its first row in the row group. */
interface PageLocation {
  offset: bigint
  compressed_page_size: number
  first_row_index: bigint
}

/** What the extractor needs of a page header (Parquet's PageHeader, parquet.thrift). */
interface PageInfo {
  readonly type: (typeof PAGE_TYPES)[number] | undefined
  readonly headerBytes: number
  readonly uncompressedBytes: number
  readonly compressedBytes: number
  /** Values of a v1 data page (its rows when the column is not repeated), rows of a v2 one. */
  readonly values: number | undefined
  readonly rows: number | undefined
}

function pageInfo(bytes: Buffer): PageInfo {
  const reader = new CompactReader(bytes)
  const header = reader.struct()
  const int = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)
  const sub = (id: number): Map<number, unknown> | undefined => {
    const v = header.get(id)
    return v instanceof Map ? v : undefined
  }
  return {
    type: PAGE_TYPES[int(header.get(1)) ?? -1],
    headerBytes: reader.at,
    uncompressedBytes: int(header.get(2)) ?? -1,
    compressedBytes: int(header.get(3)) ?? -1,
    values: int(sub(5)?.get(1)),
    rows: int(sub(8)?.get(3)),
  }
}

/** The data pages of one column chunk, located as Parquet's offset index locates them. */
interface ChunkPages {
  readonly pages: PageLocation[]
  /** Uncompressed bytes of each data page, and of the dictionary page. */
  readonly pageBytes: number[]
  readonly dictionaryBytes: number
  /** The rows its pages state they hold; undefined when a page does not say (v1 pages of a repeated column). */
  readonly rows: number | undefined
}

/** A failure of the extractor's own reading, with its Macie reason. */
function unparsable(info: ObjectInfo, why: string, cause?: unknown): ExtractError {
  return new ExtractError('UNABLE_TO_PARSE_FILE', `${info.key}: ${why}`, { cause })
}

/**
 * Walks the page headers of a column chunk, refusing a page that says it is larger than
 * `maxBufferedBytes` uncompressed (hyparquet allocates what the header says) before any is read.
 */
async function scanChunk(file: RandomAccess, meta: ColumnMetaData, isRepeated: boolean, info: ObjectInfo, where: string): Promise<ChunkPages> {
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset)
  const end = start + Number(meta.total_compressed_size)
  if (!(start >= 4 && end <= file.size - 8 && start <= end)) throw unparsable(info, `${where} lies outside the file`)
  const pages: PageLocation[] = []
  const pageBytes: number[] = []
  let dictionaryBytes = 0
  let hasRows = true
  let row = 0
  for (let at = start; at < end; ) {
    let page: PageInfo | undefined
    for (let window = Math.min(FIRST_HEADER_BYTES, end - at); !page; window = Math.min(window * 4, end - at, MAX_PAGE_HEADER_BYTES)) {
      const bytes = await file.read(at, at + window)
      try {
        page = pageInfo(bytes)
      } catch (err) {
        if (err !== SHORT || window >= Math.min(end - at, MAX_PAGE_HEADER_BYTES)) throw unparsable(info, `${where} has a broken page header at byte ${at}`, err)
      }
    }
    const { headerBytes, compressedBytes, uncompressedBytes } = page
    if (!(compressedBytes >= 0 && uncompressedBytes >= 0 && compressedBytes <= end - at - headerBytes)) {
      throw unparsable(info, `${where} has a page of impossible size at byte ${at}`)
    }
    if (uncompressedBytes > info.limits.maxBufferedBytes) {
      throw new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${info.key}: ${where} has a page of ${uncompressedBytes} bytes uncompressed, over ${info.limits.maxBufferedBytes}`)
    }
    if (page.type === 'DICTIONARY_PAGE') {
      dictionaryBytes += uncompressedBytes
    } else if (page.type === 'DATA_PAGE' || page.type === 'DATA_PAGE_V2') {
      const rows = page.type === 'DATA_PAGE_V2' ? page.rows : isRepeated ? undefined : page.values
      if (rows === undefined || rows < 0) hasRows = false
      pages.push({ offset: BigInt(at), compressed_page_size: headerBytes + compressedBytes, first_row_index: BigInt(row) })
      pageBytes.push(uncompressedBytes)
      row += rows ?? 0
    }
    at += headerBytes + compressedBytes
  }
  return { pages, pageBytes, dictionaryBytes, rows: hasRows ? row : undefined }
}

/** The first row of each data page of a chunk, and the uncompressed bytes of its pages before each. */
interface PageIndex {
  readonly firstRows: number[]
  readonly bytesBefore: number[]
  readonly dictionaryBytes: number
}

function pageIndex(chunk: ChunkPages): PageIndex {
  const bytesBefore = [0]
  for (const bytes of chunk.pageBytes) bytesBefore.push(bytesBefore.at(-1)! + bytes)
  return { firstRows: chunk.pages.map((p) => Number(p.first_row_index)), bytesBefore, dictionaryBytes: chunk.dictionaryBytes }
}

/** The index of the page holding `row` (the last page whose first row is not after it). */
function pageOf(firstRows: number[], row: number): number {
  let low = 0
  let high = firstRows.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (firstRows[middle]! <= row) low = middle
    else high = middle - 1
  }
  return low
}

/** The uncompressed bytes of the pages (the dictionary's included) that hold rows [from, to). */
function pagesBytes(index: PageIndex, from: number, to: number): number {
  const first = pageOf(index.firstRows, from)
  const last = pageOf(index.firstRows, to - 1)
  return index.dictionaryBytes + index.bytesBefore[last + 1]! - index.bytesBefore[first]!
}

/**
 * Cuts the `rows` rows of a row group into ranges whose pages, over the chunks of one column,
 * come to about `rangeBytes` uncompressed (a single page may be more), at page boundaries.
 */
function rowRanges(chunks: ChunkPages[], rows: number, rangeBytes: number): Array<[number, number]> {
  const indexes = chunks.map(pageIndex)
  const starts = new Set<number>()
  for (const index of indexes) for (const row of index.firstRows) starts.add(row)
  const boundaries = [...starts].filter((r) => r > 0 && r < rows).sort((a, b) => a - b)
  boundaries.push(rows)
  const ranges: Array<[number, number]> = []
  let from = 0
  let last = 0
  for (const to of boundaries) {
    const bytes = indexes.reduce((sum, index) => sum + pagesBytes(index, from, to), 0)
    if (bytes > rangeBytes && last > from) {
      ranges.push([from, last])
      from = last
    }
    last = to
  }
  ranges.push([from, rows])
  return ranges
}

/** The leaf column chunks of a row group by top-level column, once their paths are known to be the schema's. */
function columnsOf(group: RowGroup, root: SchemaTree, info: ObjectInfo, g: number): Map<SchemaTree, Array<{ meta: ColumnMetaData; isRepeated: boolean }>> {
  const byColumn = new Map<SchemaTree, Array<{ meta: ColumnMetaData; isRepeated: boolean }>>()
  const paths = new Set<string>()
  for (const chunk of group.columns) {
    const meta = chunk.meta_data
    if (!meta || chunk.file_path) throw unparsable(info, `row group ${g} of the Parquet file has a column chunk without metadata or in another file`)
    // hyparquet throws at once on a path it does not find, leaving the reads of the columns before it to reject unobserved.
    let node = root
    let isRepeated = false
    for (const name of meta.path_in_schema) {
      const child = node.children.find((c) => c.element.name === name)
      if (!child) throw unparsable(info, `row group ${g} of the Parquet file has a column ${meta.path_in_schema.join('.')} not in its schema`)
      isRepeated ||= child.element.repetition_type === 'REPEATED'
      node = child
    }
    const key = meta.path_in_schema.join('\u0000')
    if (node.children.length > 0 || meta.path_in_schema.length === 0 || paths.has(key)) {
      throw unparsable(info, `row group ${g} of the Parquet file has a column chunk ${meta.path_in_schema.join('.')} that is not one leaf of its schema`)
    }
    paths.add(key)
    const top = root.children.find((c) => c.element.name === meta.path_in_schema[0])!
    const list = byColumn.get(top) ?? []
    list.push({ meta, isRepeated })
    byColumn.set(top, list)
  }
  return byColumn
}

/**
 * Reads an Apache Parquet file (spooled, for random access) into record fields, one column of
 * one row group at a time, in row ranges of about RANGE_BYTES of pages, so that memory does not
 * grow with the row group: recordIndex is the row's index in the file, jsonPath its column path
 * (`$.customer.cards[1].number`). Broken footer → MALFORMED_FILE; pages that do not decode →
 * UNABLE_TO_PARSE_FILE; over 8 GB, or a page over `maxBufferedBytes` uncompressed (or a column
 * chunk read whole over it) → FILE_EXCEEDS_SIZE_LIMIT.
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
    const root = parquetSchema(metadata)
    const walker = new RowWalker(batch, root, scales)
    const buffer = asyncBuffer(file)
    const rangeBytes = Math.max(1, Math.min(RANGE_BYTES, Math.floor(info.limits.maxBufferedBytes / 4)))
    let groupStart = 0
    let error: unknown
    try {
      for (const [g, group] of metadata.row_groups.entries()) {
        const rows = Number(group.num_rows)
        if (!(rows > 0)) continue
        for (const [column, leaves] of columnsOf(group, root, info, g)) {
          const name = column.element.name
          const where = `column ${name} of row group ${g}`
          const chunks: ChunkPages[] = []
          for (const leaf of leaves) chunks.push(await scanChunk(file, leaf.meta, leaf.isRepeated, info, where))
          const canSplit = chunks.every((c) => c.rows === rows && c.pages.length > 0)
          const ranges = canSplit ? rowRanges(chunks, rows, rangeBytes) : [[0, rows] as [number, number]]
          if (ranges.length === 1) {
            // Read whole: every page of the column is held at once.
            const bytes = chunks.reduce((sum, c) => c.pageBytes.reduce((a, b) => a + b, sum + c.dictionaryBytes), 0)
            if (bytes > info.limits.maxBufferedBytes) {
              throw new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${info.key}: ${where} is ${bytes} bytes uncompressed, over ${info.limits.maxBufferedBytes}`)
            }
          }
          const locations: Record<string, PageLocation[]> = {}
          leaves.forEach((leaf, i) => (locations[leaf.meta.path_in_schema.join('.')] = chunks[i]!.pages))
          const pageLocationsByGroup = metadata.row_groups.map((_, i) => (i === g ? locations : {}))
          for (const [from, to] of ranges) {
            const rowStart = groupStart + from
            const rowEnd = groupStart + to
            // The column's values as hyparquet decodes them, a page (or an assembled range) at a time.
            const parts: Array<{ rowStart: number; columnData: ArrayLike<unknown> }> = []
            try {
              await parquetRead({
                file: buffer,
                metadata,
                columns: [name],
                rowStart,
                rowEnd,
                compressors,
                utf8: false,
                parsers: PARSERS,
                geoparquet: false,
                onChunk: (part) => parts.push(part),
                // hyparquet's planner reads only the pages of the row range from these page
                // locations (its option for locations it got from an offset index).
                ...(canSplit ? { pageLocationsByGroup } : {}),
              } as Parameters<typeof parquetRead>[0])
            } catch (err) {
              const why = err instanceof Error ? err.message : String(err)
              throw unparsable(info, `${where} of the Parquet file does not decode (${why})`, err)
            }
            for (const part of parts.splice(0)) {
              // A page may hold rows on either side of the range: they belong to the ranges beside it.
              const values = part.columnData
              for (let i = Math.max(0, rowStart - part.rowStart); i < values.length && part.rowStart + i < rowEnd; i++) {
                walker.cell(name, values[i], part.rowStart + i)
                if (walker.ready.length > 0) yield* walker.ready.splice(0)
              }
            }
          }
        }
        groupStart += rows
      }
    } catch (err) {
      error = err
    }
    // The rows read before a failure are analysed too (the object is then PARTIAL).
    const last = batch.take()
    if (last) yield last
    if (error !== undefined) throw error
  } finally {
    await file.close()
  }
}
