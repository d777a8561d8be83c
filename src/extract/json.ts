// JSON and JSON Lines → segments whose text is the raw JSON (a block of whole lines, or a stretch
// of the document) and whose fields are its string and number leaves, found by a tokenizer that
// builds no values (json-tokenizer.ts): a string field is its raw content between the quotes, a
// number field its literal as written. Strings holding an escape (rare) are the exception: they
// are decoded into a small segment of their own. Labels are the object keys on a leaf's
// path; locations are Macie's record locations (record index + JSONPath), the path built only
// when asked for, from parent links. Malformed input is read as free text, the way Macie reports
// malformed files (lineRanges). A document larger than maxBufferedBytes is fed to the tokenizer
// a window at a time instead of whole, so memory stays about a block whatever its size.
import type { Readable } from 'node:stream'
import { decodeText } from './decode.js'
import { joinPathFromLeaf, renderPathElement } from './json-path.js'
import { JSON_EMPTY, JSON_MALFORMED, JSON_MORE, JSON_TOO_DEEP, type JsonLeaves, JsonTokenizer, LEAF_INTS } from './json-tokenizer.js'
import { segmentText } from './text.js'
import { ExtractError, type LocatedFields, type ObjectInfo, type TextSegment } from './types.js'

/** A .json object larger than this is not read (Macie's limit for JSON). */
export const MAX_JSON_BYTES = 20 * 1024 ** 3
/** A JSON Lines line longer than this is not read (a line is held whole). */
export const MAX_JSON_LINE_CHARS = 256 * 1024 * 1024
/** In a streamed document, a key or number literal longer than this is not read (it is held whole). */
export const MAX_JSON_TOKEN_CHARS = 16 * 1024 * 1024
/**
 * The JSONPath of leaf i, as Macie writes it: `$.access.key[2]`, `$['odd name']`; names over 240
 * characters keep their end behind `...`; a path over 250 characters keeps its last elements
 * behind `$..`. A scalar document is `$`.
 */
function jsonPath(leaves: JsonLeaves, i: number): string {
  const elements: string[] = []
  const key = leaves.leafKey(i)
  if (key !== undefined) elements.push(renderPathElement(key))
  for (let n = leaves.node(i); n >= 0 && leaves.parent(n) >= 0; n = leaves.parent(n)) elements.push(renderPathElement(leaves.nodeKey(n)))
  return joinPathFromLeaf(elements)
}

/** Fields over leaves leaf(0..count-1) of `leaves`, at the given offsets. */
function located(leaves: JsonLeaves, count: number, starts: Uint32Array, ends: Uint32Array, leaf: (i: number) => number): LocatedFields {
  return {
    count,
    starts,
    ends,
    labels: (i) => leaves.labels(leaf(i)),
    location: (i) => ({ kind: 'record', recordIndex: leaves.record(leaf(i)), jsonPath: jsonPath(leaves, leaf(i)) }),
  }
}

/** The value of an escaped string leaf, decoded (its raw text when it does not decode). */
function decoded(text: string, leaves: JsonLeaves, i: number): string {
  const raw = text.slice(leaves.start(i), leaves.end(i))
  try {
    return JSON.parse('"' + raw + '"') as string
  } catch {
    return raw // a raw control character inside
  }
}

/**
 * The segment of text[from, to) holding leaves a..b-1 (their offsets are into `text`). Strings
 * holding an escape are left out of it: they come decoded in a segment of their own (values
 * joined by newlines), so `\n`, `\u00e9`, `\/` or `\\` read as the value they stand for.
 */
function* segments(text: string, leaves: JsonLeaves, a: number, b: number, from: number, to: number): Generator<TextSegment, void, undefined> {
  const data = leaves.data
  let escaped = 0
  for (let at = LEAF_INTS * a, stop = LEAF_INTS * b; at < stop; at += LEAF_INTS) if (data[at]! < 0) escaped++
  const count = b - a - escaped
  const starts = new Uint32Array(count)
  const ends = new Uint32Array(count)
  if (escaped === 0) {
    for (let k = 0, at = LEAF_INTS * a; k < count; k++, at += LEAF_INTS) {
      starts[k] = data[at]! - from
      ends[k] = data[at + 1]! - from
    }
    yield { text: text.slice(from, to), fields: located(leaves, count, starts, ends, (i) => a + i) }
    return
  }
  const plain = new Int32Array(count)
  const others = new Int32Array(escaped)
  for (let i = a, k = 0, e = 0; i < b; i++) {
    const at = LEAF_INTS * i
    if (data[at]! < 0) others[e++] = i
    else {
      plain[k] = i
      starts[k] = data[at]! - from
      ends[k++] = data[at + 1]! - from
    }
  }
  if (count > 0) yield { text: text.slice(from, to), fields: located(leaves, count, starts, ends, (i) => plain[i]!) }
  const values = Array.from(others, (i) => decoded(text, leaves, i))
  const valueStarts = new Uint32Array(escaped)
  const valueEnds = new Uint32Array(escaped)
  for (let k = 0, at = 0; k < escaped; k++) {
    valueStarts[k] = at
    at += values[k]!.length
    valueEnds[k] = at
    at++
  }
  yield { text: values.join('\n'), fields: located(leaves, escaped, valueStarts, valueEnds, (i) => others[i]!) }
}

/**
 * Segments for leaves a..b-1 lying in text[from, to): one, unless the stretch is long, then cut
 * after a leaf once a piece holds `block` characters and as many are left for the next.
 */
function* pieces(text: string, leaves: JsonLeaves, a: number, b: number, from: number, to: number, block: number): Generator<TextSegment, void, undefined> {
  if (a >= b) return
  let start = from
  let first = a
  if (to - from >= 2 * block) {
    for (let i = a; i < b - 1; i++) {
      const e = leaves.end(i)
      if (e - start >= block && to - e >= block) {
        yield* segments(text, leaves, first, i + 1, start, e)
        start = e
        first = i + 1
      }
    }
  }
  yield* segments(text, leaves, first, b, start, to)
}

function tooDeep(info: ObjectInfo, where: string): ExtractError {
  return new ExtractError('JSON_NESTING_LEVEL_OVER_LIMIT', `${info.key}: ${where}nested deeper than ${info.limits.maxJsonDepth} levels`)
}

function tooLarge(info: ObjectInfo, what: string, limit: string): ExtractError {
  return new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${info.key}: ${what} larger than ${limit}`)
}

async function* once(text: string): AsyncGenerator<string, void, undefined> {
  yield text
}

/** The strings of `head` (each let go once yielded), then those `rest` yields. */
async function* chain(head: string[], rest: AsyncIterator<string>): AsyncGenerator<string, void, undefined> {
  for (let i = 0; i < head.length; i++) {
    const s = head[i]!
    head[i] = ''
    yield s
  }
  for (;;) {
    const r = await rest.next()
    if (r.done) return
    yield r.value
  }
}

/**
 * Documents up to this size are read whole (one string, one tokenize); a whole read takes about
 * eight times the document's size in memory, and streaming is as fast, so larger ones stream.
 */
export const WHOLE_JSON_BYTES = 16 * 1024 * 1024

/**
 * Reads a .json document, up to MAX_JSON_BYTES: whole when it holds at most WHOLE_JSON_BYTES (or
 * maxBufferedBytes, if smaller), else a window at a time (streamDocument).
 */
async function* extractDocument(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  if (info.size > MAX_JSON_BYTES) throw tooLarge(info, 'file', `${MAX_JSON_BYTES} bytes`)
  const maxBufferedBytes = Math.min(info.limits.maxBufferedBytes, WHOLE_JSON_BYTES)
  let bytes = 0
  async function* counted(): AsyncGenerator<unknown, void, undefined> {
    for await (const chunk of body) {
      bytes += (chunk as { length: number }).length
      if (bytes > MAX_JSON_BYTES) throw tooLarge(info, 'file', `${MAX_JSON_BYTES} bytes`)
      yield chunk
    }
  }
  const chunks = decodeText(counted())
  try {
    const parts: string[] = []
    let isWhole = false
    while (info.size <= maxBufferedBytes && bytes <= maxBufferedBytes) {
      const r = await chunks.next()
      if (r.done) {
        isWhole = true
        break
      }
      parts.push(r.value)
    }
    if (!isWhole) {
      yield* streamDocument(chain(parts, chunks), info)
      return
    }
    const text = parts.length === 1 ? parts[0]! : parts.join('')
    const tokenizer = new JsonTokenizer(info.limits.maxJsonDepth)
    const status = tokenizer.tokenize(text, 0, text.length, 0)
    if (status === JSON_EMPTY) return
    if (status === JSON_TOO_DEEP) throw tooDeep(info, '')
    if (status === JSON_MALFORMED) {
      yield* segmentText(once(text), info.limits.blockChars)
      return
    }
    const { leaves } = tokenizer
    yield* pieces(text, leaves, 0, leaves.count, 0, text.length, Math.max(1, info.limits.blockChars))
  } finally {
    await chunks.return()
  }
}

/** The strings of `chunks`, cut so that none is longer than `maxChars`. */
async function* bounded(chunks: AsyncIterable<string>, maxChars: number): AsyncGenerator<string, void, undefined> {
  for await (const chunk of chunks) {
    if (chunk.length <= maxChars) yield chunk
    else for (let at = 0; at < chunk.length; at += maxChars) yield chunk.slice(at, at + maxChars)
  }
}

/**
 * Reads a document too large to hold: the tokenizer is fed windows of about blockChars new
 * characters (a token the last window ended inside comes again at the start of the next), and
 * each window's leaves go out as segments before the next is read. A string value longer than a
 * block comes in parts, each a leaf at the value's path. Malformed JSON found before any text
 * was let go is read as free text, as a document read whole is; found later (segments are out),
 * it is UNABLE_TO_PARSE_FILE and the caller keeps what came before.
 */
async function* streamDocument(chunks: AsyncIterable<string>, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  const block = Math.max(1, info.limits.blockChars)
  const tokenizer = new JsonTokenizer(info.limits.maxJsonDepth)
  tokenizer.begin(block)
  const it = bounded(chunks, block)
  let rest = '' // the text from where the tokenizer paused
  let isAtStart = true // `rest` starts at the document's start
  let isFinal = false
  try {
    while (!isFinal) {
      const parts = [rest]
      for (let chars = 0; chars < block; ) {
        // A window is what the last one left and about a block of new text.
        const r = await it.next()
        if (r.done) {
          isFinal = true
          break
        }
        parts.push(r.value)
        chars += r.value.length
      }
      const text = parts.join('')
      const leaves = tokenizer.renew(Math.min(text.length, 2 * block) >> 5)
      const status = tokenizer.feed(text, 0, text.length, isFinal)
      if (status === JSON_TOO_DEEP) throw tooDeep(info, '')
      if (status === JSON_MALFORMED) {
        if (isAtStart) {
          yield* segmentText(chain([text], it), info.limits.blockChars)
          return
        }
        throw new ExtractError('UNABLE_TO_PARSE_FILE', `${info.key}: not well-formed JSON`)
      }
      const end = status === JSON_MORE ? tokenizer.resumeAt : text.length
      yield* pieces(text, leaves, 0, leaves.count, 0, end, block)
      rest = text.slice(end)
      if (end > 0) isAtStart = false
      if (rest.length > MAX_JSON_TOKEN_CHARS) throw tooLarge(info, 'a key or number', `${MAX_JSON_TOKEN_CHARS} characters`)
    }
  } finally {
    await it.return?.()
  }
}

/**
 * Reads JSON Lines: one record per line, in segments of whole lines of about blockChars (a line
 * longer than that is a segment of its own, cut between leaves); malformed lines become free
 * text at their line.
 */
async function* extractLines(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  const { blockChars, maxJsonDepth } = info.limits
  const block = Math.max(1, blockChars)
  const tokenizer = new JsonTokenizer(maxJsonDepth)
  let loose: string[] = [] // consecutive malformed lines
  let looseLine = 0 // line number of loose[0]
  let looseChars = 0
  let lineIndex = 0

  const takeLoose = (): AsyncGenerator<TextSegment, void, undefined> => {
    const text = loose.join('\n')
    const origin = { line: looseLine, column: 1 }
    loose = []
    looseChars = 0
    return segmentText(once(text), blockChars, origin)
  }

  /**
   * Reads the lines of text[from, end) (`end` ends a line or the object) until a segment of at
   * least `block` characters is out, or to `end`; returns where it stopped (a line start).
   */
  async function* lines(text: string, from: number, end: number): AsyncGenerator<TextSegment, number, undefined> {
    const leaves = tokenizer.renew(Math.min(end - from, 2 * block) >> 5)
    let segStart = from
    let segLeaf = 0
    let p = from
    while (p < end) {
      let nl = text.indexOf('\n', p)
      if (nl === -1 || nl > end) nl = end
      const lineEnd = nl > p && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
      const index = lineIndex++
      if (lineEnd - p > block && p > segStart) {
        // A long line starts a segment of its own.
        yield* pieces(text, leaves, segLeaf, leaves.count, segStart, p, block)
        segStart = p
        segLeaf = leaves.count
      }
      const status = tokenizer.tokenize(text, p, lineEnd, index)
      if (status === JSON_TOO_DEEP) throw tooDeep(info, `line ${index + 1} `)
      if (status === JSON_MALFORMED) {
        if (loose.length > 0 && looseLine + loose.length !== index + 1) yield* takeLoose()
        if (loose.length === 0) looseLine = index + 1
        loose.push(text.slice(p, lineEnd))
        looseChars += lineEnd - p + 1
        if (looseChars >= blockChars) yield* takeLoose()
      }
      p = Math.min(nl + 1, end)
      if (p - segStart >= block) break
    }
    yield* pieces(text, leaves, segLeaf, leaves.count, segStart, p, block)
    return p
  }

  let pending: string[] = [] // text from a line start on, in pieces
  let pendingChars = 0
  let hasNewline = false
  for await (const chunk of decodeText(body)) {
    pending.push(chunk)
    pendingChars += chunk.length
    if (!hasNewline) {
      if (chunk.indexOf('\n') !== -1) hasNewline = true
      else if (pendingChars > MAX_JSON_LINE_CHARS) throw tooLarge(info, `line ${lineIndex + 1}`, `${MAX_JSON_LINE_CHARS} characters`)
    }
    if (!hasNewline || pendingChars < block) continue
    const text = pending.length === 1 ? pending[0]! : pending.join('')
    const end = text.lastIndexOf('\n') + 1
    let pos = 0
    while (end - pos >= block) pos = yield* lines(text, pos, end)
    // Behind a long unfinished line, the whole lines left go now, so that the line can grow
    // without being joined again at every chunk.
    if (text.length - end >= block) while (pos < end) pos = yield* lines(text, pos, end)
    const rest = pos === 0 ? text : text.slice(pos)
    pending = rest.length > 0 ? [rest] : []
    pendingChars = rest.length
    hasNewline = pos < end
  }
  const text = pending.join('')
  for (let pos = 0; pos < text.length; ) pos = yield* lines(text, pos, text.length)
  if (loose.length > 0) yield* takeLoose()
}

/**
 * Reads JSON (`.json`: one document, record 0) or JSON Lines (`.jsonl`, `.ndjson`: one record
 * per line) into segments of leaf values with their key labels and JSONPath locations.
 * @example
 * for await (const segment of extractJson(body, { ...info, extension: 'jsonl' })) detector.detect(segment)
 */
export function extractJson(body: Readable, info: ObjectInfo): AsyncIterable<TextSegment> {
  return info.extension === 'jsonl' || info.extension === 'ndjson' ? extractLines(body, info) : extractDocument(body, info)
}

/**
 * Reads JSON Lines whatever the extension (content recognised as JSON Lines).
 * @example
 * for await (const segment of extractJsonLines(body, info)) detector.detect(segment)
 */
export function extractJsonLines(body: Readable, info: ObjectInfo): AsyncIterable<TextSegment> {
  return extractLines(body, info)
}
