// HTML and XML → the text a reader sees (text, attribute values, comments, CDATA, inline scripts
// and styles), in blocks whose `locate` gives the line and column of each character in the
// markup it came from. Owns the reading of markup, for files and for e-mail HTML bodies; knows
// nothing of what is detected.
//
// The text is a sequence of runs (a text node, or the part of one between two entities; an
// attribute value; a comment), each located at its first character in the source. Runs are
// joined with nothing across inline tags (`<b>SS</b>N` reads "SSN"), with a newline across
// block tags and source line breaks, and with a space otherwise: `<td>SSN</td><td>536-22-8741`
// reads "SSN 536-22-8741". Inside a run, offsets map one to one onto the source (exact for text
// and comments, approximate after an entity in an attribute value). In XML, element and
// attribute names are runs too, so `<ssn>536-22-8741</ssn>` reads "ssn 536-22-8741"; in HTML
// only an attribute without a value is (it may be any token in broken markup).
import { Parser } from 'htmlparser2'
import type { Readable } from 'node:stream'
import { decodeText } from './decode.js'
import { ExtractError, type Location, type ObjectInfo, type TextSegment } from './types.js'

/** Characters of context either side of a block's own part. */
const CONTEXT_CHARS = 4096
/** Runs are cut into pieces of at most this many characters, so `locate` stays cheap. */
const MAX_RUN_CHARS = 64 * 1024

/** HTML elements that do not separate the words around them. */
const INLINE_ELEMENTS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd',
  'label', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u',
  'var', 'wbr',
])
/** HTML elements that start a new line of text. */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr',
  'html', 'li', 'main', 'nav', 'ol', 'option', 'p', 'pre', 'script', 'section', 'select', 'style', 'summary', 'table',
  'tbody', 'textarea', 'tfoot', 'thead', 'title', 'tr', 'ul',
])

/** What separates two runs: nothing, a space, a newline (the strongest seen between them wins). */
const JOINED = 0
const SPACED = 1
const NEW_LINE = 2
type Gap = typeof JOINED | typeof SPACED | typeof NEW_LINE

const NOT_BLANK = /\S/

/** True for a space, tab, CR or LF. */
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d

/** How to read markup. */
export interface MarkupOptions {
  /** XML rules (case-sensitive names, CDATA, self-closing tags); HTML otherwise. */
  readonly isXml: boolean
  /** Characters of one block (`info.limits.blockChars`). */
  readonly blockChars: number
  /** Longest comment, tag or attribute the parser may hold, in characters (FILE_EXCEEDS_SIZE_LIMIT past it). */
  readonly maxTokenChars: number
  /** Line and column of the first character, for markup that starts inside a larger file. */
  readonly origin?: { line: number; column: number }
}

/**
 * Turns offsets in the source into lines and columns, moving forward only. Holds the source
 * chunks it has not moved past yet, and remembers the next newline so that many small moves
 * over a long line cost one scan of it.
 */
class SourceCursor {
  private readonly chunks: string[] = []
  private first = 0
  private base = 0 // source offset of chunks[first]
  private written = 0
  private nextNewline = -1 // source offset of the next newline in chunks[first], its end when none; -1 unknown
  offset = 0
  line: number
  private lineStart: number // source offset of the current line's first character, shifted by the origin column

  constructor(origin: { line: number; column: number }) {
    this.line = origin.line
    this.lineStart = 1 - origin.column
  }

  push(chunk: string): void {
    this.chunks.push(chunk)
    this.written += chunk.length
  }

  /** Moves to `target` (never back); `column` is then the column of the character there. */
  moveTo(target: number): void {
    const to = Math.min(target, this.written)
    while (this.offset < to) {
      const chunk = this.chunks[this.first]!
      const end = this.base + chunk.length
      if (this.nextNewline < this.offset) {
        const i = chunk.indexOf('\n', this.offset - this.base)
        this.nextNewline = i < 0 ? end : this.base + i
      }
      if (this.nextNewline < to && this.nextNewline < end) {
        this.line++
        this.offset = this.lineStart = this.nextNewline + 1
        this.nextNewline = -1
      } else this.offset = Math.min(to, end)
      if (this.offset >= end) {
        this.chunks[this.first++] = ''
        this.base = end
        this.nextNewline = -1
        if (this.first > 64) {
          this.chunks.splice(0, this.first)
          this.first = 0
        }
      }
    }
  }

  get column(): number {
    return this.offset - this.lineStart + 1
  }
}

/**
 * Line and column of text[to], given those of text[from]; looks at text[from, to) only (at most
 * a run, MAX_RUN_CHARS), where indexOf could scan far past `to`.
 */
function advance(text: string, from: number, to: number, line: number, column: number): [line: number, column: number] {
  let last = -1
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++
      last = i
    }
  }
  return last < 0 ? [line, column + (to - from)] : [line, to - last]
}

/** Where the block starting at text[from] ends: after a newline in its last part, else at `block`. */
function cutPoint(text: string, from: number, block: number): number {
  const window = Math.min(CONTEXT_CHARS, block >> 1)
  const nl = text.lastIndexOf('\n', from + block - 1)
  if (nl >= from + block - window) return nl + 1 - from
  let cut = block
  const c = text.charCodeAt(from + cut - 1)
  if (c >= 0xd800 && c <= 0xdbff) cut-- // never split a surrogate pair
  return cut
}

/** The `locate` of a block: the run an offset falls in, then newlines counted inside it. */
function runLocator(text: string, at: Uint32Array, lines: Uint32Array, columns: Uint32Array): (offset: number) => Location {
  return (offset) => {
    if (at.length === 0) return { kind: 'line', line: 1, column: 1 }
    let lo = 0
    let hi = at.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (at[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    const start = Math.min(at[lo]!, offset)
    const [line, column] = advance(text, start, offset, lines[lo]!, columns[lo]!)
    return { kind: 'line', line, column }
  }
}

/** A growable list of unsigned integers. */
class Numbers {
  values = new Uint32Array(1024)
  length = 0

  push(n: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = n
  }

  /** Drops the first `k` values. */
  shift(k: number): void {
    this.values.copyWithin(0, k, this.length)
    this.length -= k
  }
}

/**
 * The text read so far as one window (context already emitted + text not emitted yet) and its
 * runs (offset in the window, line and column in the source), cut into blocks.
 */
class BlockWriter {
  private win = ''
  private from = 0 // start of the part not emitted yet
  private readonly at = new Numbers()
  private readonly lines = new Numbers()
  private readonly columns = new Numbers()
  private lastChar = 0x0a
  private readonly block: number

  constructor(blockChars: number) {
    this.block = Math.max(2, Math.floor(blockChars))
  }

  /**
   * Appends a run after its separator (none when the run or the text before it already has
   * one at the join), cut into pieces of at most MAX_RUN_CHARS.
   */
  add(text: string, gap: Gap, line: number, column: number): void {
    if (this.at.length > 0 && gap !== JOINED) {
      const first = text.charCodeAt(0)
      if (gap === NEW_LINE ? this.lastChar !== 0x0a && first !== 0x0a : !isSpace(this.lastChar) && !isSpace(first)) {
        this.win += gap === NEW_LINE ? '\n' : ' '
      }
    }
    if (text.length <= MAX_RUN_CHARS) {
      this.at.push(this.win.length)
      this.lines.push(line)
      this.columns.push(column)
      this.win += text
    } else {
      for (let from = 0; from < text.length; ) {
        let to = Math.min(text.length, from + MAX_RUN_CHARS)
        const c = text.charCodeAt(to - 1)
        if (to < text.length && c >= 0xd800 && c <= 0xdbff) to--
        this.at.push(this.win.length)
        this.lines.push(line)
        this.columns.push(column)
        this.win += text.slice(from, to)
        ;[line, column] = advance(text, from, to, line, column)
        from = to
      }
    }
    this.lastChar = text.charCodeAt(text.length - 1)
  }

  /** Blocks that are complete (all that is left, at the end), each with its context. */
  *take(isEnd: boolean): Generator<TextSegment, void, undefined> {
    while (this.win.length - this.from >= this.block + CONTEXT_CHARS || (isEnd && this.win.length > this.from)) {
      const win = this.win
      const rest = win.length - this.from
      const cut = isEnd && rest <= this.block ? rest : cutPoint(win, this.from, this.block)
      const ownEnd = this.from + cut
      const text = win.slice(0, Math.min(win.length, ownEnd + CONTEXT_CHARS))
      let n = this.at.length
      while (n > 0 && this.at.values[n - 1]! >= text.length) n--
      const locate = runLocator(text, this.at.values.slice(0, n), this.lines.values.slice(0, n), this.columns.values.slice(0, n))
      yield { text, ownStart: this.from, ownEnd, locate }
      const keep = Math.max(0, ownEnd - CONTEXT_CHARS)
      this.dropBefore(keep)
      this.from = ownEnd - keep
    }
  }

  /** Forgets the window before `keep`; the run holding `keep` restarts there. */
  private dropBefore(keep: number): void {
    if (keep === 0) return
    const at = this.at.values
    let k = 0
    while (k + 1 < this.at.length && at[k + 1]! <= keep) k++
    if (this.at.length > 0 && at[k]! < keep) {
      const [line, column] = advance(this.win, at[k]!, keep, this.lines.values[k]!, this.columns.values[k]!)
      at[k] = keep
      this.lines.values[k] = line
      this.columns.values[k] = column
    }
    this.at.shift(k)
    this.lines.shift(k)
    this.columns.shift(k)
    for (let i = 0; i < this.at.length; i++) at[i] = Math.max(0, at[i]! - keep)
    this.win = this.win.slice(keep)
  }
}

/** htmlparser2's parser, noting the source offsets its callbacks do not pass on. */
class LocatingParser extends Parser {
  /** Source offset of the data of the current text, comment, CDATA or tag name. */
  dataStart = 0
  attributeNameStart = 0
  attributeNameEnd = 0
  /** Source offset of the first character of the current attribute value, -1 before it. */
  attributeValueStart = -1
  isCdata = false

  override ontext(start: number, endIndex: number): void {
    this.dataStart = start
    super.ontext(start, endIndex)
  }

  override ontextentity(cp: number, endIndex: number): void {
    this.dataStart = this.startIndex
    super.ontextentity(cp, endIndex)
  }

  override onopentagname(start: number, endIndex: number): void {
    this.dataStart = start
    super.onopentagname(start, endIndex)
  }

  override onattribname(start: number, endIndex: number): void {
    this.attributeNameStart = start
    this.attributeNameEnd = endIndex
    this.attributeValueStart = -1
    super.onattribname(start, endIndex)
  }

  override onattribdata(start: number, endIndex: number): void {
    if (this.attributeValueStart < 0) this.attributeValueStart = start
    super.onattribdata(start, endIndex)
  }

  override oncomment(start: number, endIndex: number, offset: number): void {
    this.dataStart = start
    super.oncomment(start, endIndex, offset)
  }

  override oncdata(start: number, endIndex: number, offset: number): void {
    this.dataStart = start
    this.isCdata = true
    try {
      super.oncdata(start, endIndex, offset)
    } finally {
      this.isCdata = false
    }
  }
}

/**
 * Reads a stream of markup text into blocks of what a reader sees, each with a `locate` giving
 * the line and column of a character in the markup (counted from `options.origin`).
 * @example
 * for await (const s of segmentMarkup(decodeText(body), { isXml: false, blockChars: 1 << 20, maxTokenChars: 1 << 27 })) console.log(s.text)
 */
export async function* segmentMarkup(chunks: AsyncIterable<string>, options: MarkupOptions): AsyncGenerator<TextSegment, void, undefined> {
  const { isXml } = options
  const cursor = new SourceCursor(options.origin ?? { line: 1, column: 1 })
  const blocks = new BlockWriter(options.blockChars)
  let gap: Gap = JOINED
  let lastLine = cursor.line
  let progress = 0 // source offset up to which the parser has let go of what it read
  let written = 0

  const widen = (g: Gap): void => {
    if (g > gap) gap = g
  }
  /** Adds a run that starts at source offset `start` and ends before `end`. */
  const run = (text: string, start: number, end: number, around: Gap): void => {
    widen(around)
    cursor.moveTo(start)
    if (cursor.line > lastLine) widen(NEW_LINE)
    blocks.add(text, gap, cursor.line, cursor.column)
    cursor.moveTo(end)
    lastLine = cursor.line
    gap = around
    progress = Math.max(progress, end)
  }
  const tag = (name: string): void => {
    if (isXml) widen(SPACED)
    else if (BLOCK_ELEMENTS.has(name)) widen(NEW_LINE)
    else if (!INLINE_ELEMENTS.has(name)) widen(SPACED)
    progress = Math.max(progress, parser.endIndex)
  }

  const parser: LocatingParser = new LocatingParser(
    {
      ontext(data) {
        const start = parser.dataStart
        if (!NOT_BLANK.test(data)) {
          widen(data.includes('\n') ? NEW_LINE : SPACED)
          progress = Math.max(progress, start + data.length)
          return
        }
        // A CDATA section is reported in one piece at its end; text pieces end at parser.endIndex.
        const end = parser.isCdata ? start + data.length : Math.max(start + data.length, parser.endIndex + 1)
        run(data, start, end, parser.isCdata ? SPACED : JOINED)
      },
      oncomment(data) {
        let text = data
        const start = parser.dataStart
        // HTML reads a CDATA section as a comment named "[CDATA[…]]".
        if (parser.isCdata && text.startsWith('[CDATA[') && text.endsWith(']]')) text = text.slice(7, -2)
        if (NOT_BLANK.test(text)) run(text, start, Math.max(start, parser.endIndex), SPACED)
        else progress = Math.max(progress, parser.endIndex)
      },
      onopentagname(name) {
        tag(name)
        if (isXml) run(name, parser.dataStart, parser.dataStart + name.length, SPACED)
      },
      onattribute(name, value, quote) {
        // HTML attribute names are a small set, but one without a value may be any token.
        if (isXml || quote === undefined) run(name, parser.attributeNameStart, parser.attributeNameEnd, SPACED)
        if (quote === undefined) return
        const start = parser.attributeValueStart >= 0 ? parser.attributeValueStart : parser.attributeNameEnd + (quote ? 2 : 1)
        if (NOT_BLANK.test(value)) run(value, start, Math.max(start, parser.endIndex), SPACED)
        else progress = Math.max(progress, parser.endIndex)
      },
      onopentag: (name) => tag(name),
      onclosetag: (name) => tag(name),
      onprocessinginstruction: () => {
        widen(SPACED)
        progress = Math.max(progress, parser.endIndex)
      },
    },
    { xmlMode: isXml, decodeEntities: true },
  )

  const it = chunks[Symbol.asyncIterator]()
  try {
    for (;;) {
      const r = await it.next()
      if (r.done) break
      cursor.push(r.value)
      written += r.value.length
      try {
        parser.write(r.value)
      } catch (err) {
        throw new ExtractError('UNABLE_TO_PARSE_FILE', `markup could not be read: ${(err as Error).message}`, { cause: err })
      }
      if (written - progress > options.maxTokenChars) {
        throw new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `a markup comment, tag or attribute longer than ${options.maxTokenChars} characters`)
      }
      yield* blocks.take(false)
    }
    try {
      parser.end()
    } catch (err) {
      throw new ExtractError('UNABLE_TO_PARSE_FILE', `markup could not be read: ${(err as Error).message}`, { cause: err })
    }
    yield* blocks.take(true)
  } finally {
    await it.return?.()
  }
}

function markupExtractor(isXml: boolean): (body: Readable, info: ObjectInfo) => AsyncGenerator<TextSegment, void, undefined> {
  return (body, info) =>
    segmentMarkup(decodeText(body), { isXml, blockChars: info.limits.blockChars, maxTokenChars: info.limits.maxBufferedBytes })
}

/**
 * Reads an HTML object as the text a reader sees, script, style, comments and attribute values
 * included, located at lines and columns of the markup.
 * @example
 * for await (const segment of extractHtml(body, { ...info, extension: 'html' })) detector.detect(segment)
 */
export const extractHtml = markupExtractor(false)

/**
 * Reads an XML object as its text, CDATA, comments, element and attribute names and attribute
 * values, located at lines and columns of the markup.
 * @example
 * for await (const segment of extractXml(body, { ...info, extension: 'xml' })) detector.detect(segment)
 */
export const extractXml = markupExtractor(true)
