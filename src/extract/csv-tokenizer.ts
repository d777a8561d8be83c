// RFC 4180 records read in place: for each cell, the offsets of its content inside the raw text,
// never a string per cell. Knows nothing of headers, rows or segments; csv.ts does.
//
// A cell that starts with a quote runs to the next quote followed by a delimiter, a line break or
// the end of the text (optionally after spaces); its content is what lies between the quotes. A
// doubled quote `""` inside it is left as two characters in the text (the content is not
// unescaped: `"a ""b"""` has the content `a ""b""`). A quote anywhere else is an ordinary
// character. Line breaks are `\n` (a `\r` before it belongs to the break) or, for files that use
// them, lone `\r`. The next delimiter and line break are found with indexOf and remembered, so a
// record costs a few native searches rather than a step per character.

/** `read` result: the record may go on past the end of the text; read more and call again. */
export const NEED_MORE = -1
/** `read` result: the text is final and a quoted cell never closes. */
export const UNTERMINATED = -2

/** What ends a record: `\n` (also `\r\n`) or a lone `\r`. */
export type LineBreak = '\n' | '\r'

const QUOTE = 0x22
const CR = 0x0d
const SPACE = 0x20
const RECORD_SEPARATOR = '\x1e'
const UNIT_SEPARATOR = '\x1f'
/** Delimiters tried, in order of preference on a tie. */
const DELIMITER_CANDIDATES = [',', '\t', '|', ';', RECORD_SEPARATOR, UNIT_SEPARATOR]
/** Records looked at to guess the delimiter. */
const GUESS_RECORDS = 10

/** Non-empty cells found so far: content offsets, the row and the 1-based column of each. */
export class CellOffsets {
  starts: Uint32Array
  ends: Uint32Array
  rows: Uint32Array
  cols: Uint32Array
  count = 0

  constructor(capacity = 1024) {
    this.starts = new Uint32Array(capacity)
    this.ends = new Uint32Array(capacity)
    this.rows = new Uint32Array(capacity)
    this.cols = new Uint32Array(capacity)
  }

  push(start: number, end: number, row: number, col: number): void {
    const k = this.count
    if (k === this.starts.length) this.grow()
    this.starts[k] = start
    this.ends[k] = end
    this.rows[k] = row
    this.cols[k] = col
    this.count = k + 1
  }

  private grow(): void {
    const size = this.starts.length * 2
    const grown = (a: Uint32Array): Uint32Array => {
      const b = new Uint32Array(size)
      b.set(a)
      return b
    }
    this.starts = grown(this.starts)
    this.ends = grown(this.ends)
    this.rows = grown(this.rows)
    this.cols = grown(this.cols)
  }
}

/**
 * Reads records of one text at a time. Call `setText` whenever the text changes (more was read),
 * then `read` record after record.
 * @example
 * const tokenizer = new CsvTokenizer(',', '\n')
 * const cells = new CellOffsets()
 * tokenizer.setText('a,"b,c"\n', true)
 * tokenizer.read(0, 1, cells) // 8; cells: [0, 1) and [3, 6)
 */
export class CsvTokenizer {
  private readonly delimiterCode: number
  private readonly breakCode: number
  /** Line break `\n`: a `\r` just before it is part of the break. */
  private readonly isCrLf: boolean
  private text = ''
  private isFinal = false
  /** Next delimiter / line break at or after the last search, or text.length when none. */
  private nextDelimiter = -1
  private nextBreak = -1
  /** Columns of the last record read, empty ones included (up to the point where it stopped). */
  columns = 0
  /** Where the last record's content ends (before its line break). */
  contentEnd = 0

  constructor(
    readonly delimiter: string,
    readonly lineBreak: LineBreak,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') throw new RangeError(`bad delimiter ${JSON.stringify(delimiter)}`)
    this.delimiterCode = delimiter.charCodeAt(0)
    this.breakCode = lineBreak.charCodeAt(0)
    this.isCrLf = lineBreak === '\n'
  }

  /** The text records are read from; `isFinal` says nothing follows it. */
  setText(text: string, isFinal: boolean): void {
    this.text = text
    this.isFinal = isFinal
    this.nextDelimiter = -1
    this.nextBreak = -1
  }

  /**
   * Reads the record starting at `pos`, adding its non-empty cells (as row `row`) to `cells`.
   * Returns the offset just after the record's line break (text.length for the last record),
   * NEED_MORE or UNTERMINATED; on those two, `cells` is left as it was.
   */
  read(pos: number, row: number, cells: CellOffsets): number {
    const text = this.text
    const n = text.length
    const first = cells.count
    let p = pos
    let col = 0
    for (;;) {
      col++
      const c0 = text.charCodeAt(p)
      if (c0 === this.delimiterCode) {
        p++ // an empty cell
        continue
      }
      if (c0 === QUOTE) {
        // Quoted: find the quote that closes it.
        let q = p + 1
        for (;;) {
          const j = text.indexOf('"', q)
          if (j < 0) return this.stop(cells, first, col)
          const k0 = j + 1
          if (k0 === n) {
            if (!this.isFinal) return this.stop(cells, first, col)
            if (j > p + 1) cells.push(p + 1, j, row, col)
            return this.ended(col, n, n)
          }
          let c = text.charCodeAt(k0)
          if (c === QUOTE) {
            q = j + 2 // a doubled quote, part of the content
            continue
          }
          let k = k0
          while (c === SPACE) c = text.charCodeAt(++k)
          if (k === n) {
            if (!this.isFinal) return this.stop(cells, first, col)
            if (j > p + 1) cells.push(p + 1, j, row, col)
            return this.ended(col, n, n)
          }
          if (c === this.delimiterCode) {
            if (j > p + 1) cells.push(p + 1, j, row, col)
            p = k + 1
            break
          }
          if (c === this.breakCode) {
            if (j > p + 1) cells.push(p + 1, j, row, col)
            return this.ended(col, k, k + 1)
          }
          if (c === CR && this.isCrLf) {
            if (k + 1 === n && !this.isFinal) return this.stop(cells, first, col)
            if (k + 1 === n || text.charCodeAt(k + 1) === 0x0a) {
              if (j > p + 1) cells.push(p + 1, j, row, col)
              return this.ended(col, k, Math.min(n, k + 2))
            }
          }
          q = k0 // a stray quote inside the cell: keep looking
        }
        continue
      }
      // Unquoted: runs to the next delimiter or line break.
      let d = this.nextDelimiter
      if (d < p) {
        d = text.indexOf(this.delimiter, p)
        this.nextDelimiter = d = d < 0 ? n : d
      }
      let b = this.nextBreak
      if (b < p) {
        b = text.indexOf(this.lineBreak, p)
        this.nextBreak = b = b < 0 ? n : b
      }
      if (d < b) {
        if (d > p) cells.push(p, d, row, col)
        p = d + 1
        continue
      }
      if (b === n) {
        if (!this.isFinal) return this.stop(cells, first, col)
        if (n > p) cells.push(p, n, row, col)
        return this.ended(col, n, n)
      }
      const e = this.isCrLf && b > p && text.charCodeAt(b - 1) === CR ? b - 1 : b
      if (e > p) cells.push(p, e, row, col)
      return this.ended(col, e, b + 1)
    }
  }

  private ended(columns: number, contentEnd: number, next: number): number {
    this.columns = columns
    this.contentEnd = contentEnd
    return next
  }

  private stop(cells: CellOffsets, first: number, columns: number): number {
    cells.count = first
    this.columns = columns
    return this.isFinal ? UNTERMINATED : NEED_MORE
  }
}

/**
 * The line break of a text from a sample of its start: lone `\r` when most carriage returns
 * (outside quotes) are not followed by `\n` and come before the first `\n`, else `\n`.
 * @example
 * guessLineBreak('a,b\r1,2\r') // '\r'
 */
export function guessLineBreak(sample: string): LineBreak {
  const s = sample.includes('"') ? sample.replace(/"[^]*?"/g, '') : sample
  const firstCr = s.indexOf('\r')
  if (firstCr < 0) return '\n'
  const firstLf = s.indexOf('\n')
  if (firstLf >= 0 && firstLf < firstCr) return '\n'
  let crs = 0
  let crLfs = 0
  for (let i = s.indexOf('\r'); i >= 0; i = s.indexOf('\r', i + 1)) {
    crs++
    if (s.charCodeAt(i + 1) === 0x0a) crLfs++
  }
  return crLfs >= (crs + 1) / 2 ? '\n' : '\r'
}

/**
 * The delimiter of a text from a sample of its start: of `,` tab `|` `;` and the ASCII record and
 * unit separators, the one that splits the first records (empty lines aside) into the most
 * consistent number of cells, more cells breaking a tie; `,` when none gives two or more.
 * @example
 * guessDelimiter('name;note\nAna;hi, there\n', '\n') // ';'
 */
export function guessDelimiter(sample: string, lineBreak: LineBreak): string {
  let best = ','
  let bestDelta = Infinity
  let bestAverage = 0
  const cells = new CellOffsets(64)
  for (const delimiter of DELIMITER_CANDIDATES) {
    const tokenizer = new CsvTokenizer(delimiter, lineBreak)
    tokenizer.setText(sample, true)
    let records = 0
    let total = 0
    let delta = 0
    let previous = -1
    for (let pos = 0, r = 0; r < GUESS_RECORDS && pos < sample.length; r++) {
      cells.count = 0
      const next = tokenizer.read(pos, 0, cells)
      const columns = tokenizer.columns
      if (columns === 1 && cells.count === 0 && next >= 0) {
        pos = next
        continue // an empty line
      }
      records++
      total += columns
      if (previous >= 0) delta += Math.abs(columns - previous)
      previous = columns
      if (next < 0) break // an unterminated quote: the rest of the sample is its last cell
      pos = next
    }
    const average = records === 0 ? 0 : total / records
    if (average > 1.99 && (delta < bestDelta || (delta === bestDelta && average > bestAverage))) {
      best = delimiter
      bestDelta = delta
      bestAverage = average
    }
  }
  return best
}
