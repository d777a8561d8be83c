// CSV and TSV → segments of cells, streamed through papaparse's core parser. Owns header
// detection and cell locations (row, column, column name); knows nothing of what is detected.
//
// Rows are records as papaparse reads them (a quoted newline does not start a row); row 1 is the
// first record of the file, so with a header the first data row is row 2. Empty lines count as
// rows. Empty cells are not fields. A header is reported as free text at line 1, the way Macie
// reports sensitive data in a CSV header (lineRanges).
import type { Readable } from 'node:stream'
import Papa from 'papaparse'
import { decodeText } from './decode.js'
import { ExtractError, type LocatedFields, type Location, type ObjectInfo, type TextSegment } from './types.js'

/** Characters read before guessing the delimiter and line break. */
const GUESS_CHARS = 64 * 1024
/** Characters handed to the parser at a time. */
const PARSE_CHARS = 256 * 1024
/** A record longer than this (usually an unterminated quote) makes the file unparseable. */
const MAX_RECORD_CHARS = 16 << 20
const NO_LABELS: readonly string[] = Object.freeze([])

type Newline = '\n' | '\r\n' | '\r'
interface ParsedRows {
  data: string[][]
  errors: Array<{ code: string }>
  meta: { cursor: number; delimiter: string; linebreak: string }
}

const NUMBER = /^[-+(]?[$€£¥]?\s*\d[\d,.\s]*%?\)?$/
const DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d|$)/
const MONTH_DATE = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b/i
const MAX_HEADER_CELL_CHARS = 256

/** True when a cell reads as a value rather than a column name: a number, a date, or mostly digits. */
function looksLikeValue(cell: string): boolean {
  const s = cell.trim()
  if (NUMBER.test(s) || DATE.test(s) || MONTH_DATE.test(s)) return true
  const digits = s.length - s.replace(/[0-9]/g, '').length
  return digits * 2 > s.replace(/\s/g, '').length
}

/**
 * The header rule: the first row is a header when every cell is non-empty (after trimming), at
 * most 256 characters long, and none looks like a value (a number, a date, mostly digits).
 * @example
 * isHeaderRow(['name', 'ssn']) // true
 * isHeaderRow(['Ana', '2024-01-05']) // false
 */
export function isHeaderRow(cells: readonly string[]): boolean {
  if (cells.length === 0) return false
  for (const cell of cells) {
    const s = cell.trim()
    if (s.length === 0 || s.length > MAX_HEADER_CELL_CHARS || looksLikeValue(s)) return false
  }
  return true
}

/**
 * Rows collected into one segment: `text` is the cell values joined by newlines (an empty cell is
 * an empty line), and each non-empty cell is a field.
 */
class CellBatch {
  private parts: string[] = []
  private count = 0
  private starts = new Uint32Array(1024)
  private ends = new Uint32Array(1024)
  private rows = new Uint32Array(1024)
  private cols = new Uint32Array(1024)
  length = 0

  constructor(
    private readonly columnNames: readonly string[] | undefined,
    private readonly columnLabels: ReadonlyArray<readonly string[]>,
  ) {}

  private grow(need: number): void {
    let size = this.starts.length
    while (size < need) size *= 2
    const grown = (a: Uint32Array) => {
      const b = new Uint32Array(size)
      b.set(a.subarray(0, this.count))
      return b
    }
    this.starts = grown(this.starts)
    this.ends = grown(this.ends)
    this.rows = grown(this.rows)
    this.cols = grown(this.cols)
  }

  addRow(cells: readonly string[], row: number): void {
    if (this.parts.length > 0) this.length++
    this.parts.push(cells.length === 1 ? cells[0]! : cells.join('\n'))
    if (this.count + cells.length > this.starts.length) this.grow(this.count + cells.length)
    const { starts, ends, rows, cols } = this
    let k = this.count
    let at = this.length
    for (let c = 0; c < cells.length; c++) {
      const n = cells[c]!.length
      if (n > 0) {
        starts[k] = at
        ends[k] = at + n
        rows[k] = row
        cols[k] = c + 1
        k++
      }
      at += n + 1
    }
    this.count = k
    this.length = at - 1
  }

  get isEmpty(): boolean {
    return this.parts.length === 0
  }

  take(): TextSegment {
    const { columnNames, columnLabels, count } = this
    const rows = this.rows.subarray(0, count)
    const cols = this.cols.subarray(0, count)
    const fields: LocatedFields = {
      count,
      starts: this.starts.subarray(0, count),
      ends: this.ends.subarray(0, count),
      labels: (i) => columnLabels[cols[i]! - 1] ?? NO_LABELS,
      location: (i): Location => {
        const column = cols[i]!
        const columnName = columnNames?.[column - 1]
        return columnName === undefined
          ? { kind: 'cell', row: rows[i]!, column }
          : { kind: 'cell', row: rows[i]!, column, columnName }
      },
    }
    const segment: TextSegment = { text: this.parts.join('\n'), fields }
    const size = Math.max(1024, count)
    this.starts = new Uint32Array(size)
    this.ends = new Uint32Array(size)
    this.rows = new Uint32Array(size)
    this.cols = new Uint32Array(size)
    this.parts = []
    this.count = 0
    this.length = 0
    return segment
  }
}

function unparseable(message: string): ExtractError {
  return new ExtractError('UNABLE_TO_PARSE_FILE', message)
}

/**
 * Reads CSV (`,` for .csv, tab for .tsv, guessed otherwise) into header and cell segments.
 * @example
 * for await (const segment of extractCsv(body, { ...info, extension: 'csv' })) detector.detect(segment)
 */
export async function* extractCsv(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  const blockChars = info.limits.blockChars
  const forced = info.extension === 'csv' ? ',' : info.extension === 'tsv' ? '\t' : undefined
  const it = decodeText(body)[Symbol.asyncIterator]()
  let input = ''
  let isEof = false
  const readUntil = async (chars: number): Promise<void> => {
    while (!isEof && input.length < chars) {
      const r = await it.next()
      if (r.done) isEof = true
      else input += r.value
    }
  }

  try {
    await readUntil(GUESS_CHARS)
    if (input.length === 0) return
    const guess = Papa.parse<string[]>(input.slice(0, GUESS_CHARS), { preview: 10, delimiter: forced ?? '', skipEmptyLines: true })
    const newline = guess.meta.linebreak as Newline
    const delimiter = forced ?? guess.meta.delimiter

    // The first record, whole, to decide whether it is a header.
    const firstParser = new Papa.Parser({ delimiter, newline, preview: 1, fastMode: false })
    let first: ParsedRows
    for (;;) {
      first = firstParser.parse(input, 0, !isEof) as ParsedRows
      if (first.data.length > 0 || isEof) break
      if (input.length > MAX_RECORD_CHARS) throw unparseable(`${info.key}: first record longer than ${MAX_RECORD_CHARS} characters`)
      await readUntil(input.length * 2)
    }
    let row = 0
    let columnNames: string[] | undefined
    const headerCells = first.data[0]
    if (headerCells && isHeaderRow(headerCells)) {
      columnNames = headerCells
      let end = first.meta.cursor
      if (input.slice(end - newline.length, end) === newline) end -= newline.length
      yield { text: input.slice(0, end), origin: { line: 1, column: 1 } }
      input = input.slice(first.meta.cursor)
      row = 1
    }
    const columnLabels = columnNames ? columnNames.map((name) => Object.freeze([name])) : []
    const batch = new CellBatch(columnNames, columnLabels)

    const parser = new Papa.Parser({ delimiter, newline })
    let want = PARSE_CHARS
    for (;;) {
      await readUntil(want)
      const parsed = parser.parse(input, 0, !isEof) as ParsedRows
      if (isEof && parsed.errors.some((e) => e.code === 'MissingQuotes')) {
        throw unparseable(`${info.key}: quoted field not terminated (row ${row + parsed.data.length})`)
      }
      for (const cells of parsed.data) {
        batch.addRow(cells, ++row)
        if (batch.length >= blockChars) yield batch.take()
      }
      if (isEof) break
      input = input.slice(parsed.meta.cursor)
      if (parsed.data.length > 0) want = PARSE_CHARS
      else if (input.length > MAX_RECORD_CHARS) throw unparseable(`${info.key}: record at row ${row + 1} longer than ${MAX_RECORD_CHARS} characters`)
      else want = Math.max(PARSE_CHARS, input.length * 2) // a record longer than what was read: read on, parse once
    }
    if (!batch.isEmpty) yield batch.take()
  } finally {
    await it.return?.()
  }
}
