// CSV and TSV → segments of cells, read in place by csv-tokenizer.ts. Owns header detection and
// cell locations (row, column, column name); knows nothing of what is detected.
//
// A segment's text is the raw text of whole records, delimiters, quotes and line breaks
// included; each non-empty cell is a field spanning its content (between the quotes for a quoted
// cell, where a doubled quote stays as two characters). Rows are records (a quoted newline does
// not start a row); row 1 is the first record of the file, so with a header the first data row
// is row 2. Empty lines count as rows. Empty cells are not fields. A header is reported as free
// text at line 1, the way Macie reports sensitive data in a CSV header (lineRanges).
import type { Readable } from 'node:stream'
import { CellOffsets, CsvTokenizer, guessDelimiter, guessLineBreak, NEED_MORE, UNTERMINATED } from './csv-tokenizer.js'
import { decodeText } from './decode.js'
import { ExtractError, type LocatedFields, type Location, type ObjectInfo, type TextSegment } from './types.js'

/** Characters read before guessing the delimiter and line break. */
const GUESS_CHARS = 64 * 1024
/** A record longer than this (usually an unterminated quote) makes the file unparseable. */
const MAX_RECORD_CHARS = 16 << 20
const NO_LABELS: readonly string[] = Object.freeze([])

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

/** The cells of one record as strings (a quoted cell unescaped), or undefined when one is empty. */
function recordValues(text: string, cells: CellOffsets, columns: number): string[] | undefined {
  if (cells.count !== columns) return undefined
  const values: string[] = []
  for (let i = 0; i < cells.count; i++) {
    const start = cells.starts[i]!
    const value = text.slice(start, cells.ends[i])
    values.push(start > 0 && text.charCodeAt(start - 1) === 0x22 ? value.replaceAll('""', '"') : value)
  }
  return values
}

/** The cells read so far as one segment over `text`; `cells` starts afresh. */
function takeSegment(text: string, cells: CellOffsets, columnNames: readonly string[] | undefined, columnLabels: ReadonlyArray<readonly string[]>): TextSegment {
  const count = cells.count
  const rows = cells.rows.subarray(0, count)
  const cols = cells.cols.subarray(0, count)
  const fields: LocatedFields = {
    count,
    starts: cells.starts.subarray(0, count),
    ends: cells.ends.subarray(0, count),
    labels: (i) => columnLabels[cols[i]! - 1] ?? NO_LABELS,
    location: (i): Location => {
      const column = cols[i]!
      const columnName = columnNames?.[column - 1]
      return columnName === undefined ? { kind: 'cell', row: rows[i]!, column } : { kind: 'cell', row: rows[i]!, column, columnName }
    },
  }
  const size = Math.max(1024, count)
  cells.starts = new Uint32Array(size)
  cells.ends = new Uint32Array(size)
  cells.rows = new Uint32Array(size)
  cells.cols = new Uint32Array(size)
  cells.count = 0
  return { text, fields }
}

function unparseable(message: string): ExtractError {
  return new ExtractError('UNABLE_TO_PARSE_FILE', message)
}

/**
 * Reads CSV (`,` for .csv, tab for .tsv, guessed otherwise) into header and cell segments. Cell
 * segments hold whole records and are cut once they reach `info.limits.blockChars`.
 * @example
 * for await (const segment of extractCsv(body, { ...info, extension: 'csv' })) detector.detect(segment)
 */
export async function* extractCsv(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  const blockChars = Math.max(1, info.limits.blockChars)
  const forced = info.extension === 'csv' ? ',' : info.extension === 'tsv' ? '\t' : undefined
  const it = decodeText(body)[Symbol.asyncIterator]()
  // Text not yet yielded; it always starts at a record. Chunks are joined in one go (a flat
  // string: reading a tree of concatenations is slower).
  let text = ''
  let isEof = false
  const readUntil = async (chars: number): Promise<void> => {
    const parts = [text]
    let length = text.length
    while (!isEof && length < chars) {
      const r = await it.next()
      if (r.done) isEof = true
      else {
        parts.push(r.value)
        length += r.value.length
      }
    }
    if (parts.length > 1) text = parts.length === 2 && text.length === 0 ? parts[1]! : parts.join('')
  }

  try {
    await readUntil(GUESS_CHARS)
    if (text.length === 0) return
    const sample = text.length > GUESS_CHARS ? text.slice(0, GUESS_CHARS) : text
    const lineBreak = guessLineBreak(sample)
    const tokenizer = new CsvTokenizer(forced ?? guessDelimiter(sample, lineBreak), lineBreak)
    const cells = new CellOffsets()

    // The first record, whole, to decide whether it is a header.
    let end: number
    for (;;) {
      tokenizer.setText(text, isEof)
      end = tokenizer.read(0, 1, cells)
      if (end >= 0) break
      if (end === UNTERMINATED) throw unparseable(`${info.key}: quoted field not terminated (row 1)`)
      if (text.length > MAX_RECORD_CHARS) throw unparseable(`${info.key}: first record longer than ${MAX_RECORD_CHARS} characters`)
      await readUntil(Math.max(blockChars, text.length * 2))
    }
    if (end > MAX_RECORD_CHARS) throw unparseable(`${info.key}: first record longer than ${MAX_RECORD_CHARS} characters`)
    let row = 0
    let columnNames: string[] | undefined
    const first = recordValues(text, cells, tokenizer.columns)
    cells.count = 0
    if (first && isHeaderRow(first)) {
      columnNames = first
      yield { text: text.slice(0, tokenizer.contentEnd), origin: { line: 1, column: 1 } }
      text = text.slice(end)
      row = 1
    }
    const columnLabels = columnNames ? columnNames.map((name) => Object.freeze([name])) : []

    // Records, batched into segments of about blockChars.
    let pos = 0
    tokenizer.setText(text, isEof)
    for (;;) {
      if (pos === text.length && isEof) break
      const next = pos === text.length ? NEED_MORE : tokenizer.read(pos, row + 1, cells)
      if (next >= 0) {
        if (next - pos > MAX_RECORD_CHARS) throw unparseable(`${info.key}: record at row ${row + 1} longer than ${MAX_RECORD_CHARS} characters`)
        row++
        pos = next
        if (pos >= blockChars) {
          yield takeSegment(pos === text.length ? text : text.slice(0, pos), cells, columnNames, columnLabels)
          text = text.slice(pos)
          pos = 0
          tokenizer.setText(text, isEof)
        }
        continue
      }
      if (next === UNTERMINATED) throw unparseable(`${info.key}: quoted field not terminated (row ${row + 1})`)
      if (text.length - pos > MAX_RECORD_CHARS) throw unparseable(`${info.key}: record at row ${row + 1} longer than ${MAX_RECORD_CHARS} characters`)
      // Read on: at least up to a full block, and twice what the unfinished record has so far
      // (it is read again from its start, so a long record costs linear time overall).
      await readUntil(Math.max(text.length + 1, blockChars, pos + 2 * (text.length - pos)))
      tokenizer.setText(text, isEof)
    }
    if (pos > 0) yield takeSegment(text, cells, columnNames, columnLabels)
  } finally {
    await it.return?.()
  }
}
