// Excel workbooks (.xlsx) → field segments of cells, one field per non-empty cell, located by
// sheet, row and column. Owns the OOXML size and ratio checks and how a cell reads as text.
//
// The workbook is spooled for random access (yauzl) and every part is checked against the OOXML
// limits from the central directory, then again while it inflates. The workbook, its
// relationships and styles are read first (sheet names in tab order, date formats), then the
// shared strings, held compactly (big strings and an array of offsets), then each sheet is
// streamed through a SAX parser: cells parsed from one inflated chunk are turned into fields a
// batch at a time, and the next chunk is not inflated until the consumer has taken the batch.
import { Readable } from 'node:stream'
import { TextDecoder } from 'node:util'
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import yauzl from 'yauzl'
import { isHeaderRow } from './csv.js'
import { FieldBatch } from './fields.js'
import { checkOoxmlPart, openOoxmlZip } from './ooxml.js'
import { spool } from './spool.js'
import { ExtractError, type Location, type ObjectInfo, type TextSegment } from './types.js'

/** Macie's size quota for Excel files (MACIE.md §5.2). */
const MAX_WORKBOOK_BYTES = 512 * 1024 ** 2
/** XML parts a workbook can have; more is not a workbook but an attempt to exhaust memory. */
const MAX_XML_PARTS = 100_000
/** Excel's last column (XFD): a first row wider than this is not taken for a header. */
const MAX_COLUMNS = 16_384
/** Characters of shared strings joined into one string before the next one is started. */
const STRING_CHUNK_CHARS = 1 << 20

const WORKBOOK = 'xl/workbook.xml'
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels'
const DEFAULT_STYLES = 'xl/styles.xml'
const DEFAULT_SHARED_STRINGS = 'xl/sharedstrings.xml'
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/
const XML_PART = /\.(xml|rels)$/

function malformed(info: ObjectInfo, message: string, cause?: unknown): ExtractError {
  return new ExtractError('MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT', `${info.key}: ${message}`, cause === undefined ? undefined : { cause })
}

function toExtractError(info: ObjectInfo, what: string, err: unknown): ExtractError {
  if (err instanceof ExtractError) return err
  return malformed(info, `${what} (${err instanceof Error ? err.message : String(err)})`, err)
}



/** Checks every entry of the central directory against the limits; returns the XML parts by lower-cased name. */
async function readDirectory(zip: yauzl.ZipFile, info: ObjectInfo): Promise<Map<string, yauzl.Entry>> {
  const parts = new Map<string, yauzl.Entry>()
  for await (const entry of zip.eachEntry()) {
    checkOoxmlPart(`${info.key}: part ${entry.fileName}`, entry.uncompressedSize, entry.compressedSize, info.limits)
    const name = entry.fileName.toLowerCase()
    if (!XML_PART.test(name) || parts.has(name)) continue
    if (parts.size >= MAX_XML_PARTS) throw malformed(info, `more than ${MAX_XML_PARTS} XML parts`)
    parts.set(name, entry)
  }
  return parts
}

/** A decoder for a part's bytes: UTF-16 when its first chunk starts with a UTF-16 byte order mark, else UTF-8. */
function decoderFor(head: Buffer): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le')
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be')
  return new TextDecoder('utf-8')
}

/** A part's text, a chunk at a time as it inflates, checking the limits on the bytes actually inflated. */
async function* partText(zip: yauzl.ZipFile, entry: yauzl.Entry, info: ObjectInfo): AsyncGenerator<string, void, undefined> {
  const stream = await zip.openReadStreamPromise(entry)
  let decoder: TextDecoder | undefined
  let inflated = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    inflated += chunk.length
    checkOoxmlPart(`${info.key}: part ${entry.fileName}`, inflated, entry.compressedSize, info.limits)
    decoder ??= decoderFor(chunk)
    const text = decoder.decode(chunk, { stream: true })
    if (text !== '') yield text
  }
  const rest = decoder?.decode() ?? ''
  if (rest !== '') yield rest
}

/** What a part's SAX handlers do with its elements; names are local (prefix dropped). */
interface PartHandlers {
  open(name: string, attributes: Record<string, string>): void
  close?(name: string): void
  text?(text: string): void
}

/** An element's name without its namespace prefix (Strict OOXML and .NET writers use `x:`). */
function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

/** A SAX parser that calls `handlers` with local names; it throws on malformed XML, unclosed elements included. */
function partParser(handlers: PartHandlers): SaxesParser<{ xmlns: false; position: false }> {
  const parser = new SaxesParser({ xmlns: false, position: false })
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(localName(tag.name), tag.attributes))
  const { close, text } = handlers
  if (close) parser.on('closetag', (tag: SaxesTagPlain) => close.call(handlers, localName(tag.name)))
  if (text) {
    parser.on('text', (t) => text.call(handlers, t))
    parser.on('cdata', (t) => text.call(handlers, t))
  }
  return parser
}

/** Reads a whole part through `handlers`. */
async function parsePart(zip: yauzl.ZipFile, entry: yauzl.Entry, info: ObjectInfo, handlers: PartHandlers): Promise<void> {
  const parser = partParser(handlers)
  for await (const text of partText(zip, entry, info)) parser.write(text)
  parser.close()
}

/** The value of the attribute whose local name is `local` and that has a namespace prefix (`r:id`). */
function prefixedAttribute(attributes: Record<string, string>, local: string): string | undefined {
  for (const key in attributes) if (key.endsWith(`:${local}`)) return attributes[key]
  return undefined
}

/** A part a relationship of xl/workbook.xml points to, lower-cased; absolute targets start at the package root. */
function resolveTarget(target: string): string {
  let decoded = target
  try {
    decoded = decodeURIComponent(target)
  } catch {
    // A target with a stray % is taken as written.
  }
  const segments = decoded.startsWith('/') ? [] : ['xl']
  for (const s of decoded.split(/[/\\]/)) {
    if (s === '..') segments.pop()
    else if (s !== '' && s !== '.') segments.push(s)
  }
  return segments.join('/').toLowerCase()
}

/** What xl/workbook.xml and its relationships say: sheets in tab order and the date system. */
interface WorkbookPlan {
  sheets: Array<{ name: string; part: string | undefined }>
  is1904: boolean
  stylesPart: string
  sharedStringsPart: string
}

async function readWorkbook(zip: yauzl.ZipFile, parts: Map<string, yauzl.Entry>, info: ObjectInfo): Promise<WorkbookPlan> {
  const targets = new Map<string, string>()
  let stylesPart = DEFAULT_STYLES
  let sharedStringsPart = DEFAULT_SHARED_STRINGS
  const rels = parts.get(WORKBOOK_RELS)
  if (rels) {
    await parsePart(zip, rels, info, {
      open(name, a) {
        if (name !== 'Relationship' || a.Id === undefined || a.Target === undefined || a.TargetMode === 'External') return
        const part = resolveTarget(a.Target)
        targets.set(a.Id, part)
        if (a.Type?.endsWith('/styles')) stylesPart = part
        else if (a.Type?.endsWith('/sharedStrings')) sharedStringsPart = part
      },
    })
  }
  const sheets: WorkbookPlan['sheets'] = []
  let is1904 = false
  await parsePart(zip, parts.get(WORKBOOK)!, info, {
    open(name, a) {
      if (name === 'sheet') {
        const id = prefixedAttribute(a, 'id')
        sheets.push({ name: a.name ?? '', part: id === undefined ? undefined : targets.get(id) })
      } else if (name === 'workbookPr') {
        is1904 = a.date1904 === '1' || a.date1904 === 'true'
      }
    },
  })
  return { sheets, is1904, stylesPart, sharedStringsPart }
}

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30). */
function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47)
}

/** True for a format code that shows a date or time: d, m, y, h or s outside quotes, brackets, escapes and fills. */
function isDateFormatCode(code: string): boolean {
  return /[dmyhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*]|\\.|[_*]./g, ''))
}

/** For each cell style (index in cellXfs), whether it shows numbers as dates. */
async function readDateStyles(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined, info: ObjectInfo): Promise<boolean[]> {
  if (!entry) return []
  const formats = new Map<number, string>()
  const styleFormats: number[] = []
  let isInCellXfs = false
  await parsePart(zip, entry, info, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId !== undefined) formats.set(Number(a.numFmtId), a.formatCode ?? '')
      else if (name === 'cellXfs') isInCellXfs = true
      else if (name === 'xf' && isInCellXfs) styleFormats.push(Number(a.numFmtId ?? 0))
    },
    close(name) {
      if (name === 'cellXfs') isInCellXfs = false
    },
  })
  return styleFormats.map((id) => {
    const code = formats.get(id)
    return code === undefined ? isBuiltInDateFormat(id) : isDateFormatCode(code)
  })
}

/** Decodes the `_xHHHH_` escapes OOXML uses for characters XML cannot hold (ECMA-376 §22.9.2.19). */
function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text
}

/**
 * The shared strings, held as a few big strings and one array of offsets: string i is the
 * characters from offsets[i] to offsets[i + 1], inside one of the big strings.
 */
class SharedStrings {
  private readonly chunks: string[] = []
  /** The offset at which each of `chunks` starts. */
  private readonly chunkStarts: number[] = []
  private pending: string[] = []
  private pendingStart = 0
  private isPendingTwoByte = false
  private offsets = new Uint32Array(1024)
  private total = 0
  /** Memory the strings take: a byte per character (two in a string with a character past U+00FF) and their offsets. */
  private bytes = 0
  private count = 0

  constructor(
    private readonly maxBytes: number,
    private readonly info: ObjectInfo,
  ) {}

  add(text: string): void {
    if (this.count + 2 > this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2)
      grown.set(this.offsets)
      this.offsets = grown
    }
    if (!this.isPendingTwoByte && /[^\u0000-\u00ff]/.test(text)) {
      this.isPendingTwoByte = true
      this.bytes += this.total - this.pendingStart
    }
    this.bytes += text.length * (this.isPendingTwoByte ? 2 : 1) + 4
    this.total += text.length
    if (this.bytes > this.maxBytes || this.total > 0xffffffff) {
      throw new ExtractError('OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT', `${this.info.key}: shared strings take more than ${this.maxBytes} bytes`)
    }
    this.pending.push(text)
    this.offsets[++this.count] = this.total
    if (this.total - this.pendingStart >= STRING_CHUNK_CHARS) this.flush()
  }

  /** Joins the strings added since the last flush into one string. */
  flush(): void {
    if (this.pending.length === 0) return
    this.chunks.push(this.pending.join(''))
    this.chunkStarts.push(this.pendingStart)
    this.pending = []
    this.pendingStart = this.total
    this.isPendingTwoByte = false
  }

  /** String `index`, or undefined when there is none (call `flush` first). */
  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined
    const start = this.offsets[index]!
    const end = this.offsets[index + 1]!
    if (start === end) return ''
    let low = 0
    let high = this.chunkStarts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (this.chunkStarts[mid]! <= start) low = mid
      else high = mid - 1
    }
    const at = this.chunkStarts[low]!
    return this.chunks[low]!.slice(start - at, end - at)
  }
}

/** Reads the shared strings: a rich string is its runs joined; phonetic runs (`rPh`, furigana) are left out. */
async function readSharedStrings(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined, info: ObjectInfo): Promise<SharedStrings> {
  const strings = new SharedStrings(info.limits.maxBufferedBytes, info)
  if (!entry) return strings
  let isInItem = false
  let phoneticDepth = 0
  let isInText = false
  let parts: string[] = []
  await parsePart(zip, entry, info, {
    open(name) {
      if (name === 'si') {
        isInItem = true
        parts = []
      } else if (name === 'rPh') {
        phoneticDepth++
      } else if (name === 't') {
        isInText = isInItem && phoneticDepth === 0
      }
    },
    close(name) {
      if (name === 't') {
        isInText = false
      } else if (name === 'rPh') {
        phoneticDepth = Math.max(0, phoneticDepth - 1)
      } else if (name === 'si' && isInItem) {
        strings.add(unescapeOoxml(parts.length === 1 ? parts[0]! : parts.join('')))
        isInItem = false
        parts = []
      }
    },
    text(t) {
      if (isInText) parts.push(t)
    },
  })
  strings.flush()
  return strings
}

/**
 * A sheet name as a reference prefix, quoted the way Excel quotes it: names other than letters,
 * digits, `_` and `.`, names starting with a digit, and names that read as a cell reference.
 */
function sheetPrefix(name: string): string {
  const isPlain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C?\d*$|^C\d*$/i.test(name)
  return isPlain ? `${name}!` : `'${name.replaceAll("'", "''")}'!`
}

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
function columnLetters(column: number): string {
  let letters = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

const LETTERS: string[] = []

/** Column letters, cached for Excel's columns. */
function cachedColumnLetters(column: number): string {
  if (column > MAX_COLUMNS) return columnLetters(column)
  return (LETTERS[column] ??= columnLetters(column))
}

/** The column of a cell reference (`B3` → 2), or 0 when it does not start with letters. */
function referenceColumn(reference: string): number {
  let column = 0
  let i = 0
  for (; i < reference.length && i < 4; i++) {
    const code = reference.charCodeAt(i) | 0x20 // lower case
    if (code < 0x61 || code > 0x7a) break
    column = column * 26 + (code - 0x60)
  }
  return i > 0 && i < 4 ? column : 0
}

const DAY_MS = 86_400_000

/** A time of day as HH:MM:SS. */
function clock(seconds: number): string {
  const two = (n: number): string => (n < 10 ? `0${n}` : String(n))
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`
}

/**
 * An Excel serial date as ISO 8601 (a date, a date and time, or a time of day for serials under
 * 1), or undefined outside Excel's dates. In the 1900 system serial 60 is 1900-02-29, a day
 * that never was, kept from Lotus 1-2-3; serials before it are a day later than a count from
 * 1899-12-30 would say. The 1904 system counts from 1904-01-01.
 */
function serialDate(serial: number, is1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return undefined
  const totalSeconds = Math.round(serial * 86_400)
  const days = Math.floor(totalSeconds / 86_400)
  const seconds = totalSeconds % 86_400
  let date: string
  if (is1904) date = new Date(Date.UTC(1904, 0, 1) + days * DAY_MS).toISOString().slice(0, 10)
  else if (days === 0) return clock(seconds)
  else if (days === 60) date = '1900-02-29'
  else date = new Date(Date.UTC(1899, 11, days < 60 ? 31 : 30) + days * DAY_MS).toISOString().slice(0, 10)
  return seconds === 0 ? date : `${date}T${clock(seconds)}`
}

/**
 * A number as written in the sheet, without re-rendering it as a float (a 16-digit card number
 * keeps its digits); one written with an exponent is written out in full, as JavaScript would.
 */
function plainNumber(written: string): string {
  const value = written.trim()
  if (value.indexOf('E') < 0 && value.indexOf('e') < 0) return value
  const m = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d{1,4})$/.exec(value)
  if (!m || m[2]!.length + (m[3] ?? '').length === 0) return value
  let digits = m[2]! + (m[3] ?? '')
  let point = m[2]!.length + Number(m[4])
  const zeros = /^0*/.exec(digits)![0].length
  digits = digits.slice(zeros).replace(/0+$/, '')
  point -= zeros
  if (digits === '') return '0'
  if (point > 21 || point < -5) return value
  const sign = m[1] === '-' ? '-' : ''
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length)
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

/** A value written as an ISO 8601 date (`t="d"`), without a midnight time. */
function isoDateText(written: string): string {
  const value = written.trim()
  const m = /^(\d{4}-\d\d-\d\d)(?:T00:00(?::00(?:\.0+)?)?Z?)?$/.exec(value)
  return m ? m[1]! : value
}

const CELL_NUMBER = 0
const CELL_SHARED = 1
const CELL_TEXT = 2
const CELL_BOOLEAN = 3
const CELL_DATE = 4
const CELL_ERROR = 5

function cellKind(type: string | undefined): number {
  switch (type) {
    case undefined:
    case 'n':
      return CELL_NUMBER
    case 's':
      return CELL_SHARED
    case 'b':
      return CELL_BOOLEAN
    case 'e':
      return CELL_ERROR
    case 'd':
      return CELL_DATE
    default:
      return CELL_TEXT // str (a formula's text), inlineStr
  }
}

/** How a sheet's cells read as text. */
interface CellContext {
  readonly strings: SharedStrings
  readonly dateStyles: readonly boolean[]
  readonly is1904: boolean
}

/** A cell's value as a user sees it; '' for an empty cell or an error value. */
function cellText(kind: number, written: string, style: number, context: CellContext): string {
  switch (kind) {
    case CELL_SHARED:
      return context.strings.get(Number(written)) ?? ''
    case CELL_TEXT:
      return unescapeOoxml(written)
    case CELL_BOOLEAN: {
      const value = written.trim()
      return value === '1' || value === 'true' ? 'TRUE' : value === '0' || value === 'false' ? 'FALSE' : value
    }
    case CELL_DATE:
      return isoDateText(written)
    case CELL_ERROR:
      return ''
    default:
      if (context.dateStyles[style] === true) {
        const date = serialDate(Number(written), context.is1904)
        if (date !== undefined) return date
      }
      return plainNumber(written)
  }
}

/**
 * A sheet's SAX handlers: they collect the cells of each chunk written to the parser (row,
 * column, kind, style and the value as written), for `SheetFields` to turn into fields. A
 * cell without `r` is in the column after the previous one, a row without `r` after the previous
 * row; the cached value of a formula (`<v>`) is its value, an inline string (`<is>`) is its runs.
 */
class SheetCells implements PartHandlers {
  readonly rows: number[] = []
  readonly columns: number[] = []
  readonly kinds: number[] = []
  readonly styles: number[] = []
  readonly values: string[] = []
  private isInSheetData = false
  private row = 0
  private column = 0
  private isInCell = false
  private kind = CELL_NUMBER
  private style = 0
  private isInValue = false
  private isInInline = false
  private isInText = false
  private phoneticDepth = 0
  private hasInline = false
  private parts: string[] = []

  /** Forgets the cells collected so far. */
  clear(): void {
    this.rows.length = 0
    this.columns.length = 0
    this.kinds.length = 0
    this.styles.length = 0
    this.values.length = 0
  }

  open(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'c': {
        if (!this.isInSheetData) return
        if (this.row === 0) this.row = 1
        const reference = a.r
        const column = reference === undefined ? 0 : referenceColumn(reference)
        this.column = column > 0 ? column : this.column + 1
        this.isInCell = true
        this.kind = cellKind(a.t)
        this.style = a.s === undefined ? 0 : Number(a.s)
        this.hasInline = false
        this.parts.length = 0
        return
      }
      case 'v':
        this.isInValue = this.isInCell && !this.hasInline
        return
      case 'row': {
        if (!this.isInSheetData) return
        const number = a.r === undefined ? NaN : Number(a.r)
        this.row = Number.isInteger(number) && number > 0 ? number : this.row + 1
        this.column = 0
        return
      }
      case 'is':
        if (!this.isInCell) return
        this.isInInline = true
        this.hasInline = true
        this.kind = CELL_TEXT
        this.parts.length = 0
        return
      case 't':
        this.isInText = this.isInInline && this.phoneticDepth === 0
        return
      case 'rPh':
        if (this.isInInline) this.phoneticDepth++
        return
      case 'sheetData':
        this.isInSheetData = true
        return
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
        this.isInValue = false
        return
      case 't':
        this.isInText = false
        return
      case 'c': {
        if (!this.isInCell) return
        this.isInCell = false
        const parts = this.parts
        if (parts.length === 0 || this.kind === CELL_ERROR) return
        this.rows.push(this.row)
        this.columns.push(this.column)
        this.kinds.push(this.kind)
        this.styles.push(this.style)
        this.values.push(parts.length === 1 ? parts[0]! : parts.join(''))
        parts.length = 0
        return
      }
      case 'is':
        this.isInInline = false
        this.phoneticDepth = 0
        return
      case 'rPh':
        if (this.phoneticDepth > 0) this.phoneticDepth--
        return
      case 'sheetData':
        this.isInSheetData = false
        return
    }
  }

  text(text: string): void {
    if (this.isInValue || this.isInText) this.parts.push(text)
  }
}

const NO_LABELS: readonly string[] = Object.freeze([])

/**
 * Turns a sheet's cells into fields of `batch`: the first non-empty row is the header when it
 * reads as one (its cells then name their columns, themselves included).
 */
class SheetFields {
  private readonly columnNames = new Map<number, string>()
  private readonly columnLabels = new Map<number, readonly string[]>()
  private isHeaderDecided = false
  private headerRow = 0
  private readonly headerColumns: number[] = []
  private readonly headerTexts: string[] = []

  constructor(
    private readonly prefix: string,
    private readonly context: CellContext,
    private readonly batch: FieldBatch,
  ) {}

  /** Adds the cells collected by `cells`, yielding a segment each time the batch fills. */
  *add(cells: SheetCells): Generator<TextSegment, void, undefined> {
    const { rows, columns, kinds, styles, values } = cells
    const batch = this.batch
    for (let i = 0; i < rows.length; i++) {
      const text = cellText(kinds[i]!, values[i]!, styles[i]!, this.context)
      if (text.length === 0) continue
      const row = rows[i]!
      const column = columns[i]!
      if (!this.isHeaderDecided) {
        if (this.headerRow === 0) this.headerRow = row
        if (row === this.headerRow) {
          const last = this.headerColumns.length - 1
          const isContiguous = last < 0 || column === this.headerColumns[last]! + 1
          if (isContiguous && last + 1 < MAX_COLUMNS && isHeaderRow([text])) {
            this.headerColumns.push(column)
            this.headerTexts.push(text)
            continue
          }
          yield* this.decideHeader(false)
        } else {
          yield* this.decideHeader(true)
        }
      }
      this.addField(row, column, text)
      if (batch.isFull) yield batch.take()!
    }
    cells.clear()
  }

  /** Ends the sheet: a first row still pending is its header. */
  *end(): Generator<TextSegment, void, undefined> {
    if (!this.isHeaderDecided) yield* this.decideHeader(true)
    const rest = this.batch.take()
    if (rest) yield rest
  }

  /** Adds the first row's cells, as the header or not. */
  private *decideHeader(isHeader: boolean): Generator<TextSegment, void, undefined> {
    this.isHeaderDecided = true
    const { headerColumns, headerTexts, headerRow } = this
    if (isHeader) {
      for (let i = 0; i < headerColumns.length; i++) {
        this.columnNames.set(headerColumns[i]!, headerTexts[i]!)
        this.columnLabels.set(headerColumns[i]!, Object.freeze([headerTexts[i]!]))
      }
    }
    for (let i = 0; i < headerColumns.length; i++) {
      this.addField(headerRow, headerColumns[i]!, headerTexts[i]!)
      if (this.batch.isFull) yield this.batch.take()!
    }
    headerColumns.length = 0
    headerTexts.length = 0
  }

  private addField(row: number, column: number, text: string): void {
    const cellReference = this.prefix + cachedColumnLetters(column) + String(row)
    const columnName = this.columnNames.get(column)
    const location: Location =
      columnName === undefined ? { kind: 'cell', row, column, cellReference } : { kind: 'cell', row, column, columnName, cellReference }
    this.batch.add(text, this.columnLabels.get(column) ?? NO_LABELS, location)
  }
}

/** Streams one sheet's cells as fields; the part is inflated a chunk at a time, as the consumer takes segments. */
async function* readSheet(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  name: string,
  context: CellContext,
  batch: FieldBatch,
  info: ObjectInfo,
): AsyncGenerator<TextSegment, void, undefined> {
  const cells = new SheetCells()
  const fields = new SheetFields(sheetPrefix(name), context, batch)
  const parser = partParser(cells)
  const chunks = partText(zip, entry, info)
  try {
    for (;;) {
      let next: IteratorResult<string, void>
      try {
        next = await chunks.next()
        if (next.done) parser.close()
        else parser.write(next.value)
      } catch (err) {
        throw toExtractError(info, `unreadable sheet ${name}`, err)
      }
      yield* fields.add(cells)
      if (next.done) break
    }
  } finally {
    // Stops inflating when the consumer stops early or the sheet fails.
    await chunks.return()
  }
  yield* fields.end()
}

/**
 * Reads an Excel workbook (.xlsx) into field segments: each non-empty cell a field located by
 * row, column, column name (from the sheet's header row, when it has one) and cell reference,
 * sheets in tab order. Segments are cut at `info.limits.blockChars` and at each sheet's end.
 * @example
 * for await (const item of extractXlsx(body, { ...info, extension: 'xlsx' })) detector.detect(item)
 */
export async function* extractXlsx(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  const file = await spool(body, { maxBytes: MAX_WORKBOOK_BYTES, tempDir: info.tempDir, what: 'Excel workbook' })
  let zip: yauzl.ZipFile | undefined
  try {
    let sheets: Array<{ name: string; entry: yauzl.Entry }>
    let context: CellContext
    try {
      zip = await openOoxmlZip(file)
    } catch (err) {
      throw toExtractError(info, 'not an Excel workbook', err)
    }
    try {
      const parts = await readDirectory(zip, info)
      if (!parts.has(WORKBOOK)) throw malformed(info, `not an Excel workbook (no ${WORKBOOK})`)
      const plan = await readWorkbook(zip, parts, info)
      const dateStyles = await readDateStyles(zip, parts.get(plan.stylesPart), info)
      const strings = await readSharedStrings(zip, parts.get(plan.sharedStringsPart), info)
      context = { strings, dateStyles, is1904: plan.is1904 }
      sheets = sheetParts(plan, parts)
    } catch (err) {
      throw toExtractError(info, 'unreadable workbook', err)
    }
    const batch = new FieldBatch(Math.max(1, info.limits.blockChars))
    for (const sheet of sheets) yield* readSheet(zip, sheet.entry, sheet.name, context, batch, info)
  } finally {
    zip?.close()
    await file.close()
  }
}

/** The sheets to read: those the workbook lists, in tab order, then any worksheet part it does not list. */
function sheetParts(plan: WorkbookPlan, parts: Map<string, yauzl.Entry>): Array<{ name: string; entry: yauzl.Entry }> {
  const sheets: Array<{ name: string; entry: yauzl.Entry }> = []
  const seen = new Set<string>()
  for (const sheet of plan.sheets) {
    const entry = sheet.part === undefined ? undefined : parts.get(sheet.part)
    if (!entry || seen.has(sheet.part!)) continue
    seen.add(sheet.part!)
    sheets.push({ name: sheet.name === '' ? `Sheet${sheets.length + 1}` : sheet.name, entry })
  }
  const unlisted = [...parts.keys()].filter((part) => WORKSHEET.test(part) && !seen.has(part)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  for (const part of unlisted) sheets.push({ name: `Sheet${sheets.length + 1}`, entry: parts.get(part)! })
  return sheets
}
