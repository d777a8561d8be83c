// Excel workbooks (.xlsx) → field segments of cells, one field per non-empty cell, located by
// sheet, row and column. Owns the OOXML size and ratio checks and how a cell reads as text.
//
// exceljs's streaming reader walks the ZIP front to back by its local headers, so it would not be
// bound by the sizes the central directory states, and it copies every sheet to a temporary file
// when the shared strings come after the sheets (as both Excel and exceljs write them). So the
// workbook is spooled, its central directory checked with yauzl, and exceljs reads a re-packed
// stream of stored (uncompressed) parts in the order it wants: the workbook's relationships, the
// workbook, its styles, its shared strings, then the sheets. yauzl inflates each part and fails
// one that inflates to more than its stated size, so the checked sizes are the sizes read.
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import yauzl from 'yauzl'
import { isHeaderRow } from './csv.js'
import { FieldBatch } from './fields.js'
import { spool, type RandomAccess } from './spool.js'
import { ExtractError, type ExtractLimits, type Location, type ObjectInfo, type TextSegment } from './types.js'

/** Macie's size quota for Excel files (MACIE.md §5.2). */
const MAX_WORKBOOK_BYTES = 512 * 1024 ** 2
/** Parts smaller than this are not held to the compression-ratio limit. */
const RATIO_MIN_PART_BYTES = 1024 ** 2
/** The re-packed stream has no ZIP64 records, so a part must stay below 4 GiB. */
const MAX_STORED_BYTES = 0xfffffffe

const WORKBOOK = 'xl/workbook.xml'
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels'
const STYLES = 'xl/styles.xml'
const SHARED_STRINGS = 'xl/sharedStrings.xml'
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i
/** Parts exceljs holds in memory whole; they are bounded by `maxBufferedBytes`. */
const IN_MEMORY_PARTS = [WORKBOOK_RELS, WORKBOOK, STYLES, SHARED_STRINGS]

/** Stand-ins for optional parts: without them exceljs copies the sheets to temporary files. */
const EMPTY_RELS = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>')
const EMPTY_SHARED_STRINGS = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
/** An end-of-central-directory record with no entries: where exceljs's ZIP parser stops. */
const END_OF_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)])

function malformed(info: ObjectInfo, message: string, cause?: unknown): ExtractError {
  return new ExtractError('MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT', `${info.key}: ${message}`, cause === undefined ? undefined : { cause })
}

/** A part to hand to exceljs: its name there, and its entry in the workbook or stand-in bytes. */
interface Part {
  readonly name: string
  readonly size: number
  readonly entry?: yauzl.Entry
  readonly bytes?: Buffer
}

const YAUZL_OPTIONS: yauzl.Options = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }

function openZip(spooled: RandomAccess): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile): void => (err || !zip ? reject(err ?? new Error('no zip file')) : resolve(zip))
    if (spooled.buffer) yauzl.fromBuffer(spooled.buffer, YAUZL_OPTIONS, done)
    else yauzl.open(spooled.path!, YAUZL_OPTIONS, done)
  })
}

/** Checks every entry of the central directory against the OOXML limits; returns the parts exceljs reads. */
function readDirectory(zip: yauzl.ZipFile, info: ObjectInfo): Promise<Map<string, yauzl.Entry>> {
  const { maxOoxmlPartBytes, maxOoxmlRatio, maxBufferedBytes }: ExtractLimits = info.limits
  const parts = new Map<string, yauzl.Entry>()
  return new Promise((resolve, reject) => {
    zip.on('error', reject)
    zip.on('end', () => resolve(parts))
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName
      const size = entry.uncompressedSize
      if (size > maxOoxmlPartBytes || size > MAX_STORED_BYTES) {
        reject(new ExtractError('OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT', `${info.key}: part ${name} is ${size} bytes uncompressed, over ${maxOoxmlPartBytes}`))
        return
      }
      if (size > RATIO_MIN_PART_BYTES && size > entry.compressedSize * maxOoxmlRatio) {
        reject(new ExtractError('OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT', `${info.key}: part ${name} inflates ${size} bytes from ${entry.compressedSize}, over ${maxOoxmlRatio} times`))
        return
      }
      const key = name.toLowerCase()
      const known = IN_MEMORY_PARTS.find((p) => p.toLowerCase() === key)
      if (known !== undefined && size > maxBufferedBytes) {
        reject(new ExtractError('OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT', `${info.key}: part ${name} is ${size} bytes uncompressed, over ${maxBufferedBytes} held in memory`))
        return
      }
      if ((known !== undefined || WORKSHEET.test(name)) && !parts.has(key)) parts.set(key, entry)
      zip.readEntry()
    })
    zip.readEntry()
  })
}

/** Sheets in the order of the numbers in their names (sheet2 before sheet10). */
function bySheetNumber(a: yauzl.Entry, b: yauzl.Entry): number {
  return a.fileName.localeCompare(b.fileName, 'en', { numeric: true })
}

/** The parts to re-pack, in exceljs's order; sheets are renamed sheet1.xml, sheet2.xml, … */
function planParts(entries: Map<string, yauzl.Entry>): { parts: Part[]; sheets: string[] } {
  const part = (name: string, fallback?: Buffer): Part[] => {
    const entry = entries.get(name.toLowerCase())
    if (entry) return [{ name, size: entry.uncompressedSize, entry }]
    return fallback ? [{ name, size: fallback.length, bytes: fallback }] : []
  }
  const sheetEntries = [...entries.values()].filter((e) => WORKSHEET.test(e.fileName)).sort(bySheetNumber)
  const parts = [
    ...part(WORKBOOK_RELS, EMPTY_RELS),
    ...part(WORKBOOK),
    ...part(STYLES),
    ...part(SHARED_STRINGS, EMPTY_SHARED_STRINGS),
    ...sheetEntries.map((entry, i): Part => ({ name: `xl/worksheets/sheet${i + 1}.xml`, size: entry.uncompressedSize, entry })),
  ]
  return { parts, sheets: sheetEntries.map((e) => e.fileName) }
}

/** A ZIP local file header for a stored part of `size` bytes (no CRC: exceljs's parser does not check it). */
function localHeader(name: string, size: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8')
  const header = Buffer.alloc(30)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(20, 4) // version needed to extract
  header.writeUInt16LE(0x0800, 6) // UTF-8 name
  header.writeUInt32LE(size, 18) // compressed size
  header.writeUInt32LE(size, 22) // uncompressed size
  header.writeUInt16LE(nameBytes.length, 26)
  return Buffer.concat([header, nameBytes])
}

function openReadStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream))))
}

const RUN_START = Buffer.from('<rPh')
const RUN_END = Buffer.from('</rPh>')

/**
 * Turns the phonetic runs of shared strings (`<rPh …>…</rPh>`, the furigana of Japanese text)
 * into comments of the same length: exceljs would take their text in place of the string's own.
 */
class PhoneticMask {
  private isInRun = false
  private held = Buffer.alloc(0)

  /** The bytes of `chunk` that can be passed on, masked; a few may be held for the next chunk. */
  push(chunk: Buffer, isLast = false): Buffer {
    const bytes = this.held.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.held, chunk])
    let at = 0
    for (;;) {
      if (!this.isInRun) {
        const start = bytes.indexOf(RUN_START, at)
        const next = start < 0 ? -1 : bytes[start + RUN_START.length]
        if (start < 0 || next === undefined) {
          at = start < 0 ? Math.max(at, bytes.length - RUN_START.length) : start
          break
        }
        at = start + RUN_START.length
        if (next !== 0x3e && next !== 0x20 && next !== 0x09 && next !== 0x0a && next !== 0x0d) continue
        bytes.write('<!--', start, 'latin1')
        this.isInRun = true
      }
      const end = bytes.indexOf(RUN_END, at)
      const stop = end < 0 ? Math.max(at, bytes.length - RUN_END.length) : end + RUN_END.length - 3
      bytes.fill(0x20, at, stop)
      at = stop
      if (end < 0) break
      bytes.write('-->', stop, 'latin1')
      at = end + RUN_END.length
      this.isInRun = false
    }
    if (isLast) {
      this.held = Buffer.alloc(0)
      return bytes
    }
    this.held = Buffer.from(bytes.subarray(at))
    return bytes.subarray(0, at)
  }
}

/** The length of the longest prefix of `bytes` that does not end inside a UTF-8 sequence. */
function completeUtf8(bytes: Buffer): number {
  const n = bytes.length
  for (let i = n - 1; i >= Math.max(0, n - 4); i--) {
    const b = bytes[i]!
    if (b < 0x80) return n
    if (b < 0xc0) continue // a continuation byte: look for its lead
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2
    return n - i >= length ? n : i
  }
  return n
}

/**
 * The parts as one stored ZIP stream, each part inflated by yauzl as it is read. Chunks end
 * between characters: exceljs decodes each chunk on its own, so a character split between two
 * chunks would be lost.
 */
async function* repack(zip: yauzl.ZipFile, parts: readonly Part[]): AsyncGenerator<Buffer, void, undefined> {
  for (const part of parts) {
    yield localHeader(part.name, part.size)
    if (part.bytes) {
      yield part.bytes
      continue
    }
    const mask = part.name === SHARED_STRINGS ? new PhoneticMask() : undefined
    const stream = await openReadStream(zip, part.entry!)
    try {
      let held: Buffer | undefined
      for await (const chunk of stream) {
        const masked = mask ? mask.push(chunk as Buffer) : (chunk as Buffer)
        const bytes = held ? Buffer.concat([held, masked]) : masked
        const end = completeUtf8(bytes)
        held = end < bytes.length ? bytes.subarray(end) : undefined
        if (end > 0) yield bytes.subarray(0, end)
      }
      const rest = Buffer.concat([held ?? Buffer.alloc(0), mask ? mask.push(Buffer.alloc(0), true) : Buffer.alloc(0)])
      if (rest.length > 0) yield rest
    } finally {
      stream.destroy()
    }
  }
  yield END_OF_ZIP
}

/** What exceljs keeps of xl/workbook.xml and its relationships (not in its typings). */
interface ReaderInternals {
  workbookRels?: Array<{ Id?: string; Target?: string; TargetMode?: string }>
  model?: { sheets?: Array<{ name?: string; rId?: string }> }
  properties?: { model?: { date1904?: boolean } }
}

/** The part a relationship of xl/workbook.xml points to, lower-cased. */
function resolveTarget(target: string): string {
  const segments = target.startsWith('/') ? [] : ['xl']
  for (const s of target.split('/')) {
    if (s === '..') segments.pop()
    else if (s !== '' && s !== '.') segments.push(s)
  }
  return segments.join('/').toLowerCase()
}

/** Sheet names by part name (lower-cased), from the workbook and its relationships. */
function sheetNames(internals: ReaderInternals): Map<string, string> {
  const partById = new Map<string, string>()
  for (const rel of internals.workbookRels ?? []) {
    if (rel.Id !== undefined && rel.Target !== undefined && rel.TargetMode !== 'External') partById.set(rel.Id, resolveTarget(rel.Target))
  }
  const names = new Map<string, string>()
  for (const sheet of internals.model?.sheets ?? []) {
    const part = sheet.rId === undefined ? undefined : partById.get(sheet.rId)
    if (part !== undefined && sheet.name !== undefined) names.set(part, sheet.name)
  }
  return names
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

/** True for a number format that shows a date or time (exceljs's rule, for formula results). */
function isDateFormat(format: string | undefined): boolean {
  return format !== undefined && /[ymdhsb]/i.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''))
}

/** A serial date of Excel as a Date (days since 1899-12-30, or since 1904-01-01). */
function serialDate(serial: number, is1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (is1904 ? 1462 : 0)) * 86_400_000))
}

/** A date as an ISO date, with the time when there is one; '' for an invalid date. */
function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return ''
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19)
}

/** Decodes the `_xHHHH_` escapes OOXML uses for characters XML cannot hold (ECMA-376 §22.9.2.19). */
function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text
}

/** A cell's value as a user sees it; '' for an empty cell or an error value. */
function cellText(value: ExcelJS.CellValue, numFmt: string | undefined, is1904: boolean): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return unescapeOoxml(value)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return isoDate(value)
  if ('richText' in value) return unescapeOoxml(value.richText.map((run) => run.text ?? '').join(''))
  if ('error' in value) return ''
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result
    if (typeof result === 'number' && Number.isFinite(result) && isDateFormat(numFmt)) return isoDate(serialDate(result, is1904))
    return result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? '' : cellText(result, undefined, is1904)
  }
  if ('text' in value) return typeof value.text === 'string' ? unescapeOoxml(value.text) : cellText(value.text, undefined, is1904)
  return ''
}

/** Awaits `promise` unless the re-packed stream fails first (exceljs would then wait forever). */
type Guard = <T>(promise: Promise<T>) => Promise<T>

/**
 * Reads an Excel workbook (.xlsx) into field segments: each non-empty cell a field located by
 * row, column, column name (from the sheet's header row, when it has one) and cell reference.
 * Segments are cut at `info.limits.blockChars` and at each sheet's end.
 * @example
 * for await (const item of extractXlsx(body, { ...info, extension: 'xlsx' })) detector.detect(item)
 */
export async function* extractXlsx(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  const spooled = await spool(body, { maxBytes: MAX_WORKBOOK_BYTES, tempDir: info.tempDir, what: 'Excel workbook' })
  let zip: yauzl.ZipFile | undefined
  let source: Readable | undefined
  try {
    try {
      zip = await openZip(spooled)
    } catch (err) {
      throw malformed(info, `not an Excel workbook (${(err as Error).message})`, err)
    }
    const entries = await readDirectory(zip, info).catch((err: unknown) => {
      throw err instanceof ExtractError ? err : malformed(info, `unreadable ZIP directory (${(err as Error).message})`, err)
    })
    if (!entries.has(WORKBOOK)) throw malformed(info, `not an Excel workbook (no ${WORKBOOK})`)
    const { parts, sheets } = planParts(entries)

    const stream = Readable.from(repack(zip, parts), { objectMode: false })
    source = stream
    const failed = new Promise<never>((_, reject) => stream.once('error', reject))
    failed.catch(() => undefined)
    const guard: Guard = (promise) => Promise.race([promise, failed])

    const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' })
    const internals = reader as unknown as ReaderInternals
    const batch = new FieldBatch(Math.max(1, info.limits.blockChars))
    const worksheets = reader[Symbol.asyncIterator]()
    let names: Map<string, string> | undefined
    for (let index = 0; ; index++) {
      const next = await guard(worksheets.next()).catch((err: unknown) => {
        throw malformed(info, `unreadable workbook (${(err as Error).message})`, err)
      })
      if (next.done) break
      // The relationships and the workbook come first in the re-packed stream, so both are read.
      names ??= sheetNames(internals)
      const part = sheets[index]
      const sheetName = (part === undefined ? undefined : names.get(part.toLowerCase())) ?? `Sheet${index + 1}`
      const is1904 = internals.properties?.model?.date1904 === true
      yield* readSheet(next.value, sheetPrefix(sheetName), is1904, batch, guard, info)
    }
  } finally {
    source?.destroy()
    zip?.close()
    await spooled.close()
  }
}

/** Yields a sheet's cells as fields; the first non-empty row is its header when it reads as one. */
async function* readSheet(
  worksheet: ExcelJS.stream.xlsx.WorksheetReader,
  prefix: string,
  is1904: boolean,
  batch: FieldBatch,
  guard: Guard,
  info: ObjectInfo,
): AsyncGenerator<TextSegment, void, undefined> {
  const rows = worksheet[Symbol.asyncIterator]()
  const columnNames = new Map<number, string>()
  const columnLabels = new Map<number, readonly string[]>()
  const noLabels: readonly string[] = Object.freeze([])
  let hasContent = false
  let lastRow = 0
  const columns: number[] = []
  const texts: string[] = []
  for (;;) {
    const next = await guard(rows.next()).catch((err: unknown) => {
      throw malformed(info, `unreadable sheet ${prefix.slice(0, -1)} (${(err as Error).message})`, err)
    })
    if (next.done) break
    const row = next.value
    const rowNumber = Number.isInteger(row.number) && row.number > 0 ? row.number : lastRow + 1
    lastRow = rowNumber
    columns.length = 0
    texts.length = 0
    row.eachCell((cell, column) => {
      const text = cellText(cell.value, cell.numFmt, is1904)
      if (text.length === 0) return
      columns.push(column)
      texts.push(text)
    })
    if (texts.length === 0) continue
    if (!hasContent) {
      hasContent = true
      const first = columns[0]!
      const cells = new Array<string>(columns[columns.length - 1]! - first + 1).fill('')
      for (let i = 0; i < columns.length; i++) cells[columns[i]! - first] = texts[i]!
      if (isHeaderRow(cells)) {
        for (let i = 0; i < columns.length; i++) {
          columnNames.set(columns[i]!, texts[i]!)
          columnLabels.set(columns[i]!, Object.freeze([texts[i]!]))
        }
      }
    }
    for (let i = 0; i < texts.length; i++) {
      const column = columns[i]!
      const cellReference = `${prefix}${columnLetters(column)}${rowNumber}`
      const columnName = columnNames.get(column)
      const location: Location =
        columnName === undefined ? { kind: 'cell', row: rowNumber, column, cellReference } : { kind: 'cell', row: rowNumber, column, columnName, cellReference }
      batch.add(texts[i]!, columnLabels.get(column) ?? noLabels, location)
      if (batch.isFull) yield batch.take()!
    }
  }
  const rest = batch.take()
  if (rest) yield rest
}
