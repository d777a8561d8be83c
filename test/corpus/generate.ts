// The labelled corpus: filler files with planted positives (recorded as truth, located the way
// trawl's discovery results locate them) and hard negatives (recorded, never truth). Two profiles:
// `accuracy` (every identifier many times in every format, a few MB) and `bench` (tens of MB of
// realistic filler at a realistic density). It knows the formats' locations, not the detectors.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  CSV_COLUMNS,
  createClock,
  createLogFiller,
  csvFillerRow,
  iniBlock,
  jsonFillerRecord,
  markdownLines,
  phrase,
  proseLine,
  uuid,
  yamlBlock,
  type Clock,
  type LogFiller,
} from './filler.js'
import { createRng, type Rng } from './rng.js'
import type { IdentifierSamples } from './types.js'

/** Which corpus to build. */
export type CorpusProfile = 'accuracy' | 'bench'

/** Options of `generateCorpus`. */
export interface GenerateOptions {
  seed: number
  profile: CorpusProfile
  /** Bench profile only: total size in bytes (default 64 MiB). */
  targetBytes?: number
  samples: readonly IdentifierSamples[]
}

/** Where a planted value is, exactly as a discovery result record reports it. */
export type TruthLocation =
  | { kind: 'line'; line: number; column: number }
  | { kind: 'cell'; row: number; column: number; columnName: string }
  | { kind: 'record'; recordIndex: number; jsonPath: string }

/** A planted positive: identifier `id` must be reported at `location` of object `key`. */
export interface TruthEntry {
  key: string
  id: string
  value: string
  location: TruthLocation
}

/** A planted hard negative of identifier `id`: nothing may be reported for it. */
export interface NegativeEntry {
  key: string
  id: string
  text: string
  location: TruthLocation
}

/** One object of the corpus; `key` uses `/` separators. */
export interface CorpusFile {
  key: string
  content: string
}

/** Files plus what was planted in them. */
export interface Corpus {
  files: CorpusFile[]
  truth: TruthEntry[]
  negatives: NegativeEntry[]
}

/** Default size of the bench corpus. */
export const DEFAULT_BENCH_BYTES = 64 * 1024 * 1024

/**
 * Characters of innocuous words on each side of planted text, so no keyword, value or number of
 * a neighbouring line is within an identifier's keyword distance (30 by default) of it.
 */
const MARGIN = 64

const MIB = 1024 * 1024
const KIB = 1024

type TextKind = 'txt' | 'log' | 'md' | 'yaml' | 'conf'
type FileKind = TextKind | 'csv' | 'jsonl' | 'json'

const FOLDERS: Record<FileKind, [folder: string, stem: string]> = {
  txt: ['notes', 'note'],
  log: ['logs', 'app'],
  md: ['docs', 'guide'],
  yaml: ['config', 'deploy'],
  conf: ['config', 'settings'],
  csv: ['tables', 'inventory'],
  jsonl: ['events', 'events'],
  json: ['exports', 'export'],
}

function keyFor(kind: FileKind, n: number): string {
  const [folder, stem] = FOLDERS[kind]
  return `${folder}/${stem}-${String(n).padStart(4, '0')}.${kind}`
}

function byteLength(s: string): number {
  return /^[\x00-\x7f]*$/.test(s) ? s.length : Buffer.byteLength(s)
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    const t = items[i]!
    items[i] = items[j]!
    items[j] = t
  }
  return items
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

// ---- sample calls with context ----------------------------------------------------------------

function callSample<T>(s: IdentifierSamples, what: 'positive' | 'labelled' | 'negative', rng: Rng): T {
  try {
    return s[what](rng) as T
  } catch (err) {
    throw new Error(`samples of ${s.id}: ${what}() failed: ${(err as Error).message}`, { cause: err })
  }
}

function positiveOf(s: IdentifierSamples, rng: Rng): { text: string; value: string } {
  const p = callSample<{ text: string; value: string }>(s, 'positive', rng)
  if (!p.value || !p.text.includes(p.value)) throw new Error(`samples of ${s.id}: positive text ${JSON.stringify(p.text)} does not contain its value ${JSON.stringify(p.value)}`)
  return p
}

function labelledOf(s: IdentifierSamples, rng: Rng): { label: string; value: string } {
  const l = callSample<{ label: string; value: string }>(s, 'labelled', rng)
  if (!l.value || !l.label) throw new Error(`samples of ${s.id}: labelled() gave an empty label or value`)
  return l
}

// ---- free text --------------------------------------------------------------------------------

/** A line-oriented file (notes, markdown, logs, YAML, INI) with planted text. */
class TextDoc {
  private readonly lines: string[] = []
  bytes = 0
  private readonly log: LogFiller

  constructor(
    readonly key: string,
    readonly kind: TextKind,
    private readonly rng: Rng,
    clock: Clock,
  ) {
    this.log = createLogFiller(rng, clock)
    if (kind === 'md') this.push(`# ${capitalise(phrase(rng, 10))}`, '')
    if (kind === 'yaml') this.push('---', `generated: ${uuid(rng)}`)
  }

  private push(...lines: string[]): void {
    for (const l of lines) {
      this.lines.push(l)
      this.bytes += byteLength(l) + 1
    }
  }

  /** Appends one block of filler (one or a few lines). */
  filler(): void {
    const { rng } = this
    switch (this.kind) {
      case 'txt':
        this.push(rng.next() < 0.1 ? '' : proseLine(rng))
        break
      case 'md':
        this.push(...markdownLines(rng))
        break
      case 'log':
        this.push(this.log.line())
        break
      case 'yaml':
        this.push(...yamlBlock(rng))
        break
      case 'conf':
        this.push(...iniBlock(rng))
        break
    }
  }

  /** Appends one line (more when `text` has newlines) holding `text`; returns where `text[at]` is. */
  plant(text: string, at: number): { line: number; column: number } {
    const { rng } = this
    const before = phrase(rng, MARGIN)
    const after = phrase(rng, MARGIN)
    let lead: string
    switch (this.kind) {
      case 'txt':
        lead = `${capitalise(before)} `
        break
      case 'md':
        lead = rng.next() < 0.5 ? `- ${before} ` : `${capitalise(before)} `
        break
      case 'log':
        lead = `${this.log.prefix()}${before} `
        break
      case 'yaml':
        lead = `# ${before} `
        break
      case 'conf':
        lead = `; ${before} `
        break
    }
    const whole = `${lead}${text} ${after}${this.kind === 'txt' || this.kind === 'md' ? '.' : ''}`
    const offset = lead.length + at
    const nl = whole.lastIndexOf('\n', offset - 1)
    const line = this.lines.length + 1 + countNewlines(whole, 0, offset)
    const column = offset - (nl + 1) + 1
    this.push(...whole.split('\n'))
    return { line, column }
  }

  render(): string {
    return this.lines.join('\n') + '\n'
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++
  return n
}

// ---- CSV --------------------------------------------------------------------------------------

function csvCell(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** True when a label can head a CSV column: it reads as a name and is not a filler column. */
function isCsvLabel(label: string): boolean {
  const s = label.trim()
  if (s !== label || s.length === 0 || s.length > 200) return false
  if ((CSV_COLUMNS as readonly string[]).includes(s)) return false
  const digits = s.length - s.replace(/[0-9]/g, '').length
  return /[A-Za-z]/.test(s) && digits * 2 <= s.length && !/^[-+(]?[$]?\s*\d/.test(s)
}

/** A CSV file: the filler columns, then one column per planted label, sparsely filled. */
class CsvDoc {
  private readonly columns: string[] = [...CSV_COLUMNS]
  private readonly rows: string[][] = []
  bytes = 0
  private readonly noteColumn = CSV_COLUMNS.indexOf('note')

  constructor(
    readonly key: string,
    private readonly rng: Rng,
    private readonly clock: Clock,
  ) {
    this.bytes = this.columns.join(',').length + 1
  }

  get extraColumns(): number {
    return this.columns.length - CSV_COLUMNS.length
  }

  hasColumn(label: string): boolean {
    return this.columns.includes(label)
  }

  private add(row: string[]): number {
    this.rows.push(row)
    this.bytes += row.reduce((n, c) => n + byteLength(csvCell(c)) + 1, 0) + (this.columns.length - row.length)
    return this.rows.length + 1 // the header is row 1
  }

  filler(): void {
    this.add(csvFillerRow(this.rng, this.clock))
  }

  /** Plants `value` under column `label` (added when new); returns its cell. */
  plant(label: string, value: string): { kind: 'cell'; row: number; column: number; columnName: string } {
    let col = this.columns.indexOf(label)
    if (col < 0) col = this.columns.push(label) - 1
    const row = csvFillerRow(this.rng, this.clock)
    row[this.noteColumn] = ''
    while (row.length <= col) row.push('')
    row[col] = value
    return { kind: 'cell', row: this.add(row), column: col + 1, columnName: label }
  }

  /** Puts free text in the note column of a row (for negatives); returns its cell. */
  note(text: string): { kind: 'cell'; row: number; column: number; columnName: string } {
    const row = csvFillerRow(this.rng, this.clock)
    row[this.noteColumn] = text
    return { kind: 'cell', row: this.add(row), column: this.noteColumn + 1, columnName: 'note' }
  }

  render(): string {
    const width = this.columns.length
    const out = [this.columns.map(csvCell).join(',')]
    for (const r of this.rows) {
      const cells = r.map(csvCell)
      while (cells.length < width) cells.push('')
      out.push(cells.join(','))
    }
    return out.join('\n') + '\n'
  }
}

// ---- JSON -------------------------------------------------------------------------------------

const JSON_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** One JSONPath element as discovery results write it: `.name`, `['odd name']`, `[2]`. */
export function jsonPathElement(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`
  if (JSON_IDENTIFIER.test(key)) return `.${key}`
  return `['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
}

function jsonPathOf(keys: ReadonlyArray<string | number>): string {
  return '$' + keys.map(jsonPathElement).join('')
}

/** Builds a filler record with `value` under `label` somewhere inside; returns it and the path. */
function recordWith(rng: Rng, clock: Clock, label: string, value: string): { record: Record<string, unknown>; path: Array<string | number> } {
  const record = jsonFillerRecord(rng, clock)
  const lines = record.lines as Array<Record<string, unknown>>
  const client = record.client as Record<string, unknown>
  const variant = rng.int(0, 3)
  if (variant === 0 && !(label in record)) {
    record[label] = value
    return { record, path: [label] }
  }
  if (variant === 2) {
    const i = rng.int(0, lines.length - 1)
    if (!(label in lines[i]!)) {
      lines[i]![label] = value
      return { record, path: ['lines', i, label] }
    }
  }
  if (variant === 3) {
    client.owner = { [label]: value, since: record.at }
    return { record, path: ['client', 'owner', label] }
  }
  record.party = { tier: rng.pick(['gold', 'silver', 'standard']), [label]: value }
  return { record, path: ['party', label] }
}

/** A JSON Lines file: one record per line. */
class JsonlDoc {
  private readonly lines: string[] = []
  bytes = 0

  constructor(
    readonly key: string,
    private readonly rng: Rng,
    private readonly clock: Clock,
  ) {}

  get count(): number {
    return this.lines.length
  }

  private add(record: unknown): number {
    const line = JSON.stringify(record)
    this.lines.push(line)
    this.bytes += byteLength(line) + 1
    return this.lines.length - 1
  }

  filler(): void {
    this.add(jsonFillerRecord(this.rng, this.clock))
  }

  plant(label: string, value: string): TruthLocation {
    const { record, path } = recordWith(this.rng, this.clock, label, value)
    return { kind: 'record', recordIndex: this.add(record), jsonPath: jsonPathOf(path) }
  }

  note(text: string): TruthLocation {
    const record = jsonFillerRecord(this.rng, this.clock)
    record.note = text
    return { kind: 'record', recordIndex: this.add(record), jsonPath: '$.note' }
  }

  render(): string {
    return this.lines.join('\n') + '\n'
  }
}

/** A single JSON document: `{"export": {"generated", "entries": [records]}}`, pretty-printed. */
class JsonDoc {
  private readonly entries: unknown[] = []

  constructor(
    readonly key: string,
    private readonly rng: Rng,
    private readonly clock: Clock,
  ) {}

  filler(): void {
    this.entries.push(jsonFillerRecord(this.rng, this.clock))
  }

  plant(label: string, value: string): TruthLocation {
    const { record, path } = recordWith(this.rng, this.clock, label, value)
    this.entries.push(record)
    return { kind: 'record', recordIndex: 0, jsonPath: jsonPathOf(['export', 'entries', this.entries.length - 1, ...path]) }
  }

  render(): string {
    const doc = { export: { generated: uuid(this.rng), format: 2, entries: this.entries } }
    return JSON.stringify(doc, null, 2) + '\n'
  }
}

// ---- accuracy profile -------------------------------------------------------------------------

/** Positives and negatives per identifier in the accuracy profile, by file kind. */
const ACCURACY_PLAN = {
  text: { txt: 3, log: 3, md: 2, yaml: 1, conf: 1 } as Record<TextKind, number>,
  labelled: { csv: 5, jsonl: 5, json: 4 },
  negatives: { txt: 8, log: 10, md: 6 } as Partial<Record<TextKind, number>>,
}
/** Planted items per accuracy file. */
const ACCURACY_PER_FILE: Record<FileKind, number> = { txt: 40, log: 40, md: 40, yaml: 40, conf: 40, csv: 30, jsonl: 30, json: 20 }
/** New columns per accuracy CSV file. */
const ACCURACY_MAX_COLUMNS = 12

type Item =
  | { type: 'positive'; id: string; text: string; value: string }
  | { type: 'negative'; id: string; text: string }
  | { type: 'labelled'; id: string; label: string; value: string }

function generateAccuracy(rng: Rng, samples: readonly IdentifierSamples[]): Corpus {
  const byKind = new Map<FileKind, Item[]>()
  const add = (kind: FileKind, item: Item): void => {
    let list = byKind.get(kind)
    if (!list) byKind.set(kind, (list = []))
    list.push(item)
  }
  for (const s of samples) {
    for (const [kind, n] of Object.entries(ACCURACY_PLAN.text) as Array<[TextKind, number]>) {
      for (let i = 0; i < n; i++) add(kind, { type: 'positive', id: s.id, ...positiveOf(s, rng) })
    }
    for (const [kind, n] of Object.entries(ACCURACY_PLAN.labelled) as Array<['csv' | 'jsonl' | 'json', number]>) {
      for (let i = 0; i < n; i++) {
        const l = labelledOf(s, rng)
        add(kind === 'csv' && !isCsvLabel(l.label) ? 'jsonl' : kind, { type: 'labelled', id: s.id, ...l })
      }
    }
    for (const [kind, n] of Object.entries(ACCURACY_PLAN.negatives) as Array<[TextKind, number]>) {
      for (let i = 0; i < n; i++) add(kind, { type: 'negative', id: s.id, text: callSample<string>(s, 'negative', rng) })
    }
  }

  const corpus: Corpus = { files: [], truth: [], negatives: [] }
  const kinds: FileKind[] = ['txt', 'log', 'md', 'yaml', 'conf', 'csv', 'jsonl', 'json']
  for (const kind of kinds) {
    const items = shuffle(rng, byKind.get(kind) ?? [])
    let n = 0
    for (let start = 0; start < items.length; ) {
      const key = keyFor(kind, ++n)
      const clock = createClock(rng)
      const fillers = (): number => (kind === 'jsonl' || kind === 'json' ? 1 : rng.int(1, 2))
      if (kind === 'csv') {
        const doc = new CsvDoc(key, rng, clock)
        let taken = 0
        while (start < items.length && taken < ACCURACY_PER_FILE.csv) {
          const item = items[start] as Extract<Item, { type: 'labelled' }>
          if (!doc.hasColumn(item.label) && doc.extraColumns >= ACCURACY_MAX_COLUMNS) break
          for (let f = fillers(); f > 0; f--) doc.filler()
          corpus.truth.push({ key, id: item.id, value: item.value, location: doc.plant(item.label, item.value) })
          start++
          taken++
        }
        doc.filler()
        corpus.files.push({ key, content: doc.render() })
      } else if (kind === 'jsonl' || kind === 'json') {
        const doc = kind === 'jsonl' ? new JsonlDoc(key, rng, clock) : new JsonDoc(key, rng, clock)
        for (const item of items.slice(start, start + ACCURACY_PER_FILE[kind]) as Array<Extract<Item, { type: 'labelled' }>>) {
          for (let f = fillers(); f > 0; f--) doc.filler()
          corpus.truth.push({ key, id: item.id, value: item.value, location: doc.plant(item.label, item.value) })
        }
        doc.filler()
        start += ACCURACY_PER_FILE[kind]
        corpus.files.push({ key, content: doc.render() })
      } else {
        const doc = new TextDoc(key, kind, rng, clock)
        for (const item of items.slice(start, start + ACCURACY_PER_FILE[kind])) {
          for (let f = fillers(); f > 0; f--) doc.filler()
          plantText(corpus, doc, item)
        }
        doc.filler()
        start += ACCURACY_PER_FILE[kind]
        corpus.files.push({ key, content: doc.render() })
      }
    }
  }
  return corpus
}

function plantText(corpus: Corpus, doc: TextDoc, item: Item): void {
  if (item.type === 'positive') {
    const location = doc.plant(item.text, item.text.indexOf(item.value))
    corpus.truth.push({ key: doc.key, id: item.id, value: item.value, location: { kind: 'line', ...location } })
  } else if (item.type === 'negative') {
    const location = doc.plant(item.text, 0)
    corpus.negatives.push({ key: doc.key, id: item.id, text: item.text, location: { kind: 'line', ...location } })
  } else {
    throw new Error(`labelled ${item.id} cannot go in free text`)
  }
}

// ---- bench profile ----------------------------------------------------------------------------

/** Share of the bench corpus by format family. */
const BENCH_MIX: ReadonlyArray<[family: 'log' | 'csv' | 'jsonl' | 'prose' | 'config', share: number]> = [
  ['log', 0.4],
  ['csv', 0.2],
  ['jsonl', 0.2],
  ['prose', 0.1],
  ['config', 0.1],
]
/** Mean bytes between planted positives (and, independently, between negatives). */
const BENCH_GAP_BYTES = 20 * KIB

function generateBench(rng: Rng, samples: readonly IdentifierSamples[], targetBytes: number): Corpus {
  const corpus: Corpus = { files: [], truth: [], negatives: [] }
  const familyBytes = new Map<string, number>(BENCH_MIX.map(([f]) => [f, 0]))
  const counters = new Map<FileKind, number>()
  const gap = (): number => rng.int(BENCH_GAP_BYTES / 2, (BENCH_GAP_BYTES * 3) / 2)
  let total = 0
  while (total < targetBytes) {
    const remaining = targetBytes - total
    let size = remaining <= 4 * MIB ? remaining : rng.int(1 * MIB, 4 * MIB)
    if (remaining - size > 0 && remaining - size < 1 * MIB) size = remaining - 1 * MIB
    // The family furthest below its share takes the next file.
    let family = BENCH_MIX[0]![0]
    let deficit = -Infinity
    for (const [f, share] of BENCH_MIX) {
      const d = share * targetBytes - familyBytes.get(f)!
      if (d > deficit) [family, deficit] = [f, d]
    }
    const kind: FileKind =
      family === 'prose' ? rng.pick(['txt', 'md'] as const) : family === 'config' ? rng.pick(['yaml', 'conf'] as const) : family
    const n = (counters.get(kind) ?? 0) + 1
    counters.set(kind, n)
    const key = keyFor(kind, n)
    const clock = createClock(rng)
    let nextPositive = gap()
    let nextNegative = gap()
    let content: string
    let bytes: number
    if (kind === 'csv') {
      const doc = new CsvDoc(key, rng, clock)
      // A few sensitive columns per file, each fed by one identifier.
      const columns: Array<{ sample: IdentifierSamples; label: string }> = []
      for (let i = 0; i < 6 && samples.length > 0; i++) {
        const sample = rng.pick(samples)
        const { label } = labelledOf(sample, rng)
        if (isCsvLabel(label) && !columns.some((c) => c.label === label)) columns.push({ sample, label })
      }
      while (doc.bytes < size) {
        doc.filler()
        if (doc.bytes >= nextPositive && columns.length > 0) {
          const { sample, label } = rng.pick(columns)
          const { value } = labelledOf(sample, rng)
          corpus.truth.push({ key, id: sample.id, value, location: doc.plant(label, value) })
          nextPositive = doc.bytes + gap()
        } else if (doc.bytes >= nextNegative && samples.length > 0) {
          const sample = rng.pick(samples)
          const text = callSample<string>(sample, 'negative', rng)
          if (!/[\r\n]/.test(text)) corpus.negatives.push({ key, id: sample.id, text, location: doc.note(text) })
          nextNegative = doc.bytes + gap()
        }
      }
      content = doc.render()
      bytes = doc.bytes
    } else if (kind === 'jsonl') {
      const doc = new JsonlDoc(key, rng, clock)
      while (doc.bytes < size) {
        doc.filler()
        if (doc.bytes >= nextPositive && samples.length > 0) {
          const sample = rng.pick(samples)
          const { label, value } = labelledOf(sample, rng)
          corpus.truth.push({ key, id: sample.id, value, location: doc.plant(label, value) })
          nextPositive = doc.bytes + gap()
        } else if (doc.bytes >= nextNegative && samples.length > 0) {
          const sample = rng.pick(samples)
          const text = callSample<string>(sample, 'negative', rng)
          corpus.negatives.push({ key, id: sample.id, text, location: doc.note(text) })
          nextNegative = doc.bytes + gap()
        }
      }
      content = doc.render()
      bytes = doc.bytes
    } else {
      const doc = new TextDoc(key, kind as TextKind, rng, clock)
      while (doc.bytes < size) {
        doc.filler()
        if (doc.bytes >= nextPositive && samples.length > 0) {
          const sample = rng.pick(samples)
          plantText(corpus, doc, { type: 'positive', id: sample.id, ...positiveOf(sample, rng) })
          doc.filler()
          nextPositive = doc.bytes + gap()
        } else if (doc.bytes >= nextNegative && samples.length > 0) {
          const sample = rng.pick(samples)
          plantText(corpus, doc, { type: 'negative', id: sample.id, text: callSample<string>(sample, 'negative', rng) })
          doc.filler()
          nextNegative = doc.bytes + gap()
        }
      }
      content = doc.render()
      bytes = doc.bytes
    }
    corpus.files.push({ key, content })
    familyBytes.set(family, familyBytes.get(family)! + bytes)
    total += bytes
  }
  return corpus
}

// ---- entry points -----------------------------------------------------------------------------

/**
 * Generates a corpus, deterministically from the seed.
 * @example
 * const corpus = generateCorpus({ seed: 1, profile: 'accuracy', samples: allSamples })
 */
export function generateCorpus(options: GenerateOptions): Corpus {
  const rng = createRng(options.seed)
  if (options.profile === 'accuracy') return generateAccuracy(rng, options.samples)
  return generateBench(rng, options.samples, options.targetBytes ?? DEFAULT_BENCH_BYTES)
}

/** Where `writeCorpus` put things. */
export interface WrittenCorpus {
  /** The folder holding the objects (scan this). */
  objectsDir: string
  /** JSON array of TruthEntry. */
  truthPath: string
  /** JSON array of NegativeEntry. */
  negativesPath: string
}

/**
 * Writes the objects under `<dir>/objects/` and the planted values to `<dir>/truth.json` and
 * `<dir>/negatives.json` (outside the scanned folder).
 * @example
 * const { objectsDir } = await writeCorpus(corpus, '/tmp/corpus')
 */
export async function writeCorpus(corpus: Corpus, dir: string): Promise<WrittenCorpus> {
  const objectsDir = join(dir, 'objects')
  const made = new Set<string>()
  for (const f of corpus.files) {
    const path = join(objectsDir, ...f.key.split('/'))
    const parent = dirname(path)
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true })
      made.add(parent)
    }
    await writeFile(path, f.content)
  }
  const truthPath = join(dir, 'truth.json')
  const negativesPath = join(dir, 'negatives.json')
  await writeFile(truthPath, JSON.stringify(corpus.truth, null, 1) + '\n')
  await writeFile(negativesPath, JSON.stringify(corpus.negatives, null, 1) + '\n')
  return { objectsDir, truthPath, negativesPath }
}

// ---- reading locations back -------------------------------------------------------------------

/** Parses CSV text (RFC 4180, `,`, quoted fields may hold newlines) into records. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i += 2
          continue
        }
        quoted = false
      } else cell += c
      i++
      continue
    }
    if (c === '"' && cell === '') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      if (c === '\r' && text[i + 1] === '\n') i++
    } else cell += c
    i++
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

/** Evaluates a JSONPath of the form discovery results use (`$.a['b c'][2]`); undefined when absent. */
export function evalJsonPath(doc: unknown, path: string): unknown {
  if (!path.startsWith('$')) return undefined
  let node: unknown = doc
  let i = 1
  while (i < path.length) {
    let key: string | number
    if (path[i] === '.') {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(path.slice(i + 1))
      if (!m) return undefined
      key = m[0]
      i += 1 + m[0].length
    } else if (path.startsWith("['", i)) {
      let j = i + 2
      key = ''
      while (j < path.length && path[j] !== "'") {
        if (path[j] === '\\') j++
        key += path[j] ?? ''
        j++
      }
      if (path[j + 1] !== ']') return undefined
      i = j + 2
    } else if (path[i] === '[') {
      const m = /^\[(\d+)\]/.exec(path.slice(i))
      if (!m) return undefined
      key = Number(m[1])
      i += m[0].length
    } else return undefined
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string | number, unknown>)[key]
    if (node === undefined) return undefined
  }
  return node
}

/** Reads back what sits at a location in the corpus files (parses each file once). */
export class CorpusReader {
  private readonly byKey: Map<string, string>
  private readonly lineStarts = new Map<string, number[]>()
  private readonly csv = new Map<string, string[][]>()
  private readonly json = new Map<string, unknown[]>()

  constructor(files: readonly CorpusFile[]) {
    this.byKey = new Map(files.map((f) => [f.key, f.content]))
  }

  /**
   * The text at a location: for a line location, `length` characters from its first character
   * (across lines); for a cell, the cell; for a record, the JSON leaf (strings as they are, other
   * values as JSON). Undefined when the location does not exist.
   */
  textAt(key: string, location: TruthLocation | { kind: 'cell'; row: number; column: number; columnName?: string | null }, length = 80): string | undefined {
    const content = this.byKey.get(key)
    if (content === undefined) return undefined
    switch (location.kind) {
      case 'line': {
        let starts = this.lineStarts.get(key)
        if (!starts) {
          starts = [0]
          for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) starts.push(i + 1)
          this.lineStarts.set(key, starts)
        }
        const start = starts[location.line - 1]
        if (start === undefined) return undefined
        const offset = start + location.column - 1
        return content.slice(offset, offset + length)
      }
      case 'cell': {
        let rows = this.csv.get(key)
        if (!rows) this.csv.set(key, (rows = parseCsv(content)))
        return rows[location.row - 1]?.[location.column - 1]
      }
      case 'record': {
        let records = this.json.get(key)
        if (!records) {
          records = key.endsWith('.jsonl') ? content.split('\n').map((l) => (l.trim() === '' ? undefined : JSON.parse(l))) : [JSON.parse(content)]
          this.json.set(key, records)
        }
        const leaf = evalJsonPath(records[location.recordIndex], location.jsonPath)
        return leaf === undefined ? undefined : typeof leaf === 'string' ? leaf : JSON.stringify(leaf)
      }
    }
  }

  /** The column name of a CSV column (header row). */
  columnName(key: string, column: number): string | undefined {
    this.textAt(key, { kind: 'cell', row: 1, column })
    return this.csv.get(key)?.[0]?.[column - 1]
  }
}
