// JSON and JSON Lines → segments of leaf values (strings and numbers) with their labels (the
// object keys on their path) and Macie's record locations (record index + JSONPath). Paths are
// built only when a location is asked for, from parent links. Malformed input is read as free
// text, the way Macie reports malformed files (lineRanges).
import type { Readable } from 'node:stream'
import { decodeText } from './decode.js'
import { segmentText } from './text.js'
import { ExtractError, type LocatedFields, type ObjectInfo, type TextSegment } from './types.js'

/** A .json object (or one JSON Lines line) larger than this is not read. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024
/** Macie's limits on JSONPath in locations. */
const MAX_NAME_CHARS = 240
const MAX_PATH_CHARS = 250
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/
const NO_LABELS: readonly string[] = Object.freeze([])

type Key = string | number

/** Containers of one JSON document: parent links and the key each sits under. Node 0 is the root. */
class NodeTable {
  readonly parent: number[] = []
  readonly key: Key[] = []
  add(parent: number, key: Key): number {
    this.parent.push(parent)
    this.key.push(key)
    return this.parent.length - 1
  }
}

function renderElement(key: Key): string {
  if (typeof key === 'number') return `[${key}]`
  const name = key.length > MAX_NAME_CHARS ? '...' + key.slice(key.length - (MAX_NAME_CHARS - 3)) : key
  if (IDENTIFIER.test(name)) return '.' + name
  return `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
}

/**
 * The JSONPath of a leaf under container `parent` (-1 for a scalar document) at `key`, as Macie
 * writes it: `$.access.key[2]`, `$['odd name']`; names over 240 characters keep their end behind
 * `...`; a path over 250 characters keeps its last elements behind `$..`.
 */
function jsonPath(table: NodeTable, parent: number, key: Key | undefined): string {
  const elements: string[] = []
  if (key !== undefined) elements.push(renderElement(key))
  for (let n = parent; n > 0; n = table.parent[n]!) elements.push(renderElement(table.key[n]!))
  let length = 1
  for (const e of elements) length += e.length
  if (length <= MAX_PATH_CHARS) return '$' + elements.reverse().join('')
  // Keep the elements nearest the leaf that fit behind '$..' (always the leaf's own); the first
  // kept element loses its dot: `$..name`.
  let kept = 1
  let sum = elements[0]!.length
  while (kept < elements.length) {
    const e = elements[kept]!
    if (3 + sum + e.length - (e.startsWith('.') ? 1 : 0) > MAX_PATH_CHARS) break
    sum += e.length
    kept++
  }
  const tail = elements.slice(0, kept).reverse()
  if (tail[0]!.startsWith('.')) tail[0] = tail[0]!.slice(1)
  return '$..' + tail.join('')
}

/** Label arrays kept for sharing before the cache starts over (keys can be unbounded data). */
const MAX_SHARED_LABELS = 100_000

/** Interns label arrays: one array per distinct key path, so fields share them. */
class LabelTrie {
  private children = new Map<readonly string[], Map<string, readonly string[]>>()
  private size = 0
  child(labels: readonly string[], key: string): readonly string[] {
    let m = this.children.get(labels)
    if (!m) this.children.set(labels, (m = new Map()))
    let out = m.get(key)
    if (!out) {
      if (++this.size > MAX_SHARED_LABELS) {
        this.children = new Map()
        this.size = 0
      }
      m.set(key, (out = Object.freeze([...labels, key])))
    }
    return out
  }
}

/**
 * Leaf values collected into one segment: `text` is the values joined by newlines. The document
 * (node table) and record index change once per record, so they are kept as runs.
 */
class LeafBatch {
  private parts: string[] = []
  private parents: number[] = []
  private keys: Array<Key | undefined> = []
  private labels: Array<readonly string[]> = []
  private runStarts: number[] = []
  private runTables: NodeTable[] = []
  private runRecords: number[] = []
  length = 0

  /** Starts a record: the leaves added next belong to `table` and `record`. */
  startRecord(table: NodeTable, record: number): void {
    const last = this.runStarts.length - 1
    if (last >= 0 && this.runStarts[last] === this.parts.length) {
      this.runTables[last] = table // the previous record had no leaves
      this.runRecords[last] = record
      return
    }
    this.runStarts.push(this.parts.length)
    this.runTables.push(table)
    this.runRecords.push(record)
  }

  add(value: string, parent: number, key: Key | undefined, labels: readonly string[]): void {
    this.length += this.parts.length > 0 ? value.length + 1 : value.length
    this.parts.push(value)
    this.parents.push(parent)
    this.keys.push(key)
    this.labels.push(labels)
  }

  get isEmpty(): boolean {
    return this.parts.length === 0
  }

  take(): TextSegment {
    const { parts, parents, keys, labels, runStarts, runTables, runRecords } = this
    const count = parts.length
    const starts = new Uint32Array(count)
    const ends = new Uint32Array(count)
    for (let i = 0, at = 0; i < count; i++) {
      starts[i] = at
      at += parts[i]!.length
      ends[i] = at
      at++
    }
    const run = (i: number): number => {
      let lo = 0
      let hi = runStarts.length - 1
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if (runStarts[mid]! <= i) lo = mid
        else hi = mid - 1
      }
      return lo
    }
    const fields: LocatedFields = {
      count,
      starts,
      ends,
      labels: (i) => labels[i] ?? NO_LABELS,
      location: (i) => {
        const r = run(i)
        return { kind: 'record', recordIndex: runRecords[r]!, jsonPath: jsonPath(runTables[r]!, parents[i]!, keys[i]) }
      },
    }
    const segment: TextSegment = { text: parts.join('\n'), fields }
    // The record being walked goes on in the next segment.
    const lastTable = runTables[runTables.length - 1]
    const lastRecord = runRecords[runRecords.length - 1]
    this.parts = []
    this.parents = []
    this.keys = []
    this.labels = []
    this.runStarts = []
    this.runTables = []
    this.runRecords = []
    this.length = 0
    if (lastTable) this.startRecord(lastTable, lastRecord!)
    return segment
  }
}

interface Frame {
  node: number
  labels: readonly string[]
  container: Record<string, unknown> | unknown[]
  keys: string[] | undefined
  i: number
}

/**
 * Walks one parsed document into `batch`, depth first; pauses (yields) whenever the batch holds
 * `blockChars` characters so the caller can take a segment.
 */
function* walk(value: unknown, record: number, batch: LeafBatch, trie: LabelTrie, blockChars: number): Generator<void, void, undefined> {
  const table = new NodeTable()
  batch.startRecord(table, record)
  if (typeof value === 'string') {
    if (value.length > 0) batch.add(value, -1, undefined, NO_LABELS)
    return
  }
  if (typeof value === 'number') {
    batch.add(String(value), -1, undefined, NO_LABELS)
    return
  }
  if (value === null || typeof value !== 'object') return
  const stack: Frame[] = [{ node: table.add(-1, ''), labels: NO_LABELS, container: value as Frame['container'], keys: Array.isArray(value) ? undefined : Object.keys(value), i: 0 }]
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!
    const { keys } = f
    const size = keys ? keys.length : (f.container as unknown[]).length
    if (f.i >= size) {
      stack.pop()
      continue
    }
    const key: Key = keys ? keys[f.i]! : f.i
    const child = keys ? (f.container as Record<string, unknown>)[key] : (f.container as unknown[])[f.i]
    f.i++
    if (typeof child === 'string' || typeof child === 'number') {
      const text = typeof child === 'string' ? child : String(child)
      if (text.length === 0) continue
      batch.add(text, f.node, key, keys ? trie.child(f.labels, key as string) : f.labels)
      if (batch.length >= blockChars) yield
    } else if (child !== null && typeof child === 'object') {
      stack.push({
        node: table.add(f.node, key),
        labels: keys ? trie.child(f.labels, key as string) : f.labels,
        container: child as Frame['container'],
        keys: Array.isArray(child) ? undefined : Object.keys(child),
        i: 0,
      })
    }
  }
}

/** Number literals this long may not survive a double (5555555555554444333): they are quoted. */
const LONG_NUMBER_CHARS = 16

/**
 * One cheap pass over JSON text before `JSON.parse`: checks the nesting depth and quotes number
 * literals of 16+ characters so they reach the detector as written. Strings are skipped with
 * indexOf; the loop only touches structure and numbers. Returns undefined when deeper than
 * `maxDepth`; leaves malformed text to JSON.parse.
 */
function prepareJson(text: string, maxDepth: number): string | undefined {
  let depth = 0
  let numbers: number[] | undefined
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      let end = text.indexOf('"', i + 1)
      while (end > 0 && text.charCodeAt(end - 1) === 92) {
        let slashes = 1
        while (text.charCodeAt(end - 1 - slashes) === 92) slashes++
        if ((slashes & 1) === 0) break
        end = text.indexOf('"', end + 1)
      }
      if (end < 0) break
      i = end
    } else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return undefined
    } else if (c === 125 || c === 93) {
      depth--
    } else if ((c >= 48 && c <= 57) || c === 45) {
      let end = i + 1
      for (let d = text.charCodeAt(end); (d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45; d = text.charCodeAt(++end));
      if (end - i >= LONG_NUMBER_CHARS) (numbers ??= []).push(i, end)
      i = end - 1
    }
  }
  return numbers ? quoteNumbers(text, numbers) : text
}

function quoteNumbers(text: string, spans: readonly number[]): string {
  const parts: string[] = []
  let at = 0
  for (let k = 0; k < spans.length; k += 2) {
    parts.push(text.slice(at, spans[k]), '"', text.slice(spans[k], spans[k + 1]), '"')
    at = spans[k + 1]!
  }
  parts.push(text.slice(at))
  return parts.join('')
}

function tooDeep(info: ObjectInfo, where: string): ExtractError {
  return new ExtractError('JSON_NESTING_LEVEL_OVER_LIMIT', `${info.key}: ${where}nested deeper than ${info.limits.maxJsonDepth} levels`)
}

function tooLarge(info: ObjectInfo, what: string): ExtractError {
  return new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${info.key}: ${what} larger than ${MAX_JSON_BYTES} bytes`)
}

async function* once(text: string): AsyncGenerator<string, void, undefined> {
  yield text
}

/** Reads a whole .json document, up to MAX_JSON_BYTES. */
async function* extractDocument(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  if (info.size > MAX_JSON_BYTES) throw tooLarge(info, 'file')
  let bytes = 0
  async function* counted(): AsyncGenerator<unknown, void, undefined> {
    for await (const chunk of body) {
      bytes += (chunk as { length: number }).length
      if (bytes > MAX_JSON_BYTES) throw tooLarge(info, 'file')
      yield chunk
    }
  }
  const parts: string[] = []
  for await (const s of decodeText(counted())) parts.push(s)
  const text = parts.join('')
  if (text.trim().length === 0) return
  const prepared = prepareJson(text, info.limits.maxJsonDepth)
  if (prepared === undefined) throw tooDeep(info, '')
  let value: unknown
  try {
    value = JSON.parse(prepared)
  } catch {
    yield* segmentText(once(text), info.limits.blockChars)
    return
  }
  const batch = new LeafBatch()
  const walker = walk(value, 0, batch, new LabelTrie(), info.limits.blockChars)
  while (!walker.next().done) yield batch.take()
  if (!batch.isEmpty) yield batch.take()
}

/** Reads JSON Lines: one record per line; malformed lines become free text at their line. */
async function* extractLines(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  const { blockChars, maxJsonDepth } = info.limits
  const batch = new LeafBatch()
  const trie = new LabelTrie()
  let loose: string[] = [] // consecutive malformed lines
  let looseLine = 0 // line number of loose[0]
  let looseChars = 0
  let lineIndex = 0
  let pending: string[] = [] // the start of a line not ended yet, in pieces
  let pendingChars = 0

  const takeLoose = (): AsyncGenerator<TextSegment, void, undefined> => {
    const text = loose.join('\n')
    const origin = { line: looseLine, column: 1 }
    loose = []
    looseChars = 0
    return segmentText(once(text), blockChars, origin)
  }

  function* onLine(line: string, index: number): Generator<'fields' | 'loose', void, undefined> {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line
    if (text.trim().length === 0) return
    const prepared = prepareJson(text, maxJsonDepth)
    if (prepared === undefined) throw tooDeep(info, `line ${index + 1} `)
    let value: unknown
    try {
      value = JSON.parse(prepared)
    } catch {
      if (loose.length > 0 && looseLine + loose.length !== index + 1) yield 'loose'
      if (loose.length === 0) looseLine = index + 1
      loose.push(text)
      looseChars += text.length + 1
      if (looseChars >= blockChars) yield 'loose'
      return
    }
    const walker = walk(value, index, batch, trie, blockChars)
    while (!walker.next().done) yield 'fields'
  }

  async function* lines(text: string, isLast: boolean): AsyncGenerator<TextSegment, void, undefined> {
    let from = 0
    for (let nl = text.indexOf('\n'); nl !== -1 || (isLast && from < text.length); nl = text.indexOf('\n', from)) {
      const end = nl === -1 ? text.length : nl
      for (const what of onLine(text.slice(from, end), lineIndex)) {
        if (what === 'fields') yield batch.take()
        else yield* takeLoose()
      }
      lineIndex++
      from = end + 1
    }
    pending = from >= text.length ? [] : [text.slice(from)]
    pendingChars = text.length - Math.min(from, text.length)
  }

  for await (const chunk of decodeText(body)) {
    if (chunk.indexOf('\n') === -1) {
      pending.push(chunk)
      pendingChars += chunk.length
      if (pendingChars > MAX_JSON_BYTES) throw tooLarge(info, `line ${lineIndex + 1}`)
      continue
    }
    pending.push(chunk)
    yield* lines(pending.length === 1 ? chunk : pending.join(''), false)
  }
  yield* lines(pending.join(''), true)
  if (loose.length > 0) yield* takeLoose()
  if (!batch.isEmpty) yield batch.take()
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
