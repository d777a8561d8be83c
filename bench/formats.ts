// Per-format throughput and peak RSS for `npm run bench`: writes one large file of every format
// trawl reads into .bench/formats/ (seeded, cached by size and generator version), each built
// from the same bench-corpus text so the rates compare, and scans each in fresh child processes
// (bench/format-child.mjs, on the built dist/ with the heap cap of a scan worker) through the
// real scan path. Also scans a multi-GiB JSON Lines file, plain and gzipped, to show that memory
// stays bounded when a file streams end to end.
// Alone: node --import tsx bench/formats.ts --format-mib 64 --repeats 3 --huge-gib 2
import { spawnSync } from 'node:child_process'
import { closeSync, createWriteStream, existsSync, openSync, readFileSync, writeSync, type WriteStream } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { once } from 'node:events'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createGzip, type Gzip } from 'node:zlib'
import avro from 'avsc'
import ExcelJS from 'exceljs'
import { Zip, ZipDeflate } from 'fflate'
import { fileWriter, parquetWriteRows } from 'hyparquet-writer'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import tar from 'tar-stream'
import { allSamples } from '../test/corpus/all-samples.js'
import { generateCorpus, parseCsv } from '../test/corpus/generate.js'
import { DEFAULT_WORKER_HEAP_MB } from '../src/scan/pool.js'

/** Bump when any generator below changes: cached inputs of other versions are not reused. */
const GENERATOR_VERSION = 2
const MIB = 1024 * 1024
const GIB = 1024 * MIB
/** Size of the text source the inputs are cut from (cycled when an input is larger). */
const SOURCE_BYTES = 32 * MIB
/** Text-equivalent size of the small file of each format a child scans first, to warm up. */
const WARM_MIB = 1
/** Fixed dates and markers, so the files are the same bytes on every run. */
const MTIME = new Date('2026-01-15T09:30:00Z')
const AVRO_SYNC = Buffer.from('trawl-bench-sync')
/** Peak RSS the multi-GiB streaming inputs must stay under. */
export const HUGE_RSS_LIMIT_MIB = 256

/** What the per-format benchmark runs. */
export interface FormatBenchOptions {
  seed: number
  /** Text-equivalent MiB of each format's file. */
  formatMib: number
  repeats: number
  /** Uncompressed GiB of the streaming input (0: skip it). */
  hugeGib: number
  /** The .bench folder. */
  benchDir: string
  /** Progress lines go here. */
  log?: (line: string) => void
}

/** One format's figures: medians over the repeats. */
export interface FormatResult {
  format: string
  file: string
  inputMiB: number
  /** MiB of the same content as plain text, CSV or JSON Lines. */
  textMiB: number
  unit?: string
  units?: number
  seconds: number
  /** MiB/s of the input file. */
  mibPerS: number
  /** MiB/s of text-equivalent content. */
  textMibPerS: number
  unitsPerS?: number
  /** Largest peak RSS of the repeats. */
  rssMiB: number
  /** Peak RSS of a child with the modules loaded, before any scan. */
  loadedMiB: number
  status: string
  reason: string | null
  /** Archive members and attachments by status, e.g. { COMPLETE: 16 }. */
  members: Record<string, number>
  runs: number[]
}

/** The multi-GiB streaming inputs. */
export interface HugeResult {
  file: string
  inputMiB: number
  textMiB: number
  /** With a scan worker's heap cap. */
  mibPerS: number
  rssMiB: number
  status: string
  reason: string | null
}

/** Everything the per-format benchmark measured. */
export interface FormatReport {
  formatMib: number
  repeats: number
  results: FormatResult[]
  huge: HugeResult[]
}

// ---- text source ------------------------------------------------------------------------------

/** The bench corpus's content, cut into what the generators consume. */
interface Source {
  textLines: string[]
  columns: string[]
  rows: string[][]
  jsonLines: string[]
}

function loadSource(seed: number): Source {
  const corpus = generateCorpus({ seed, profile: 'bench', targetBytes: SOURCE_BYTES, samples: allSamples })
  const source: Source = { textLines: [], columns: [], rows: [], jsonLines: [] }
  const csvFiles: string[][][] = []
  for (const f of corpus.files) {
    const lines = f.content.split('\n')
    if (lines.at(-1) === '') lines.pop()
    if (f.key.endsWith('.csv')) csvFiles.push(parseCsv(f.content))
    else if (f.key.endsWith('.jsonl')) source.jsonLines.push(...lines)
    else if (!f.key.endsWith('.json')) source.textLines.push(...lines)
  }
  // One table: the union of the files' columns, each file's rows aligned under its own headers.
  for (const table of csvFiles) for (const name of table[0] ?? []) if (!source.columns.includes(name)) source.columns.push(name)
  for (const table of csvFiles) {
    const at = (table[0] ?? []).map((name) => source.columns.indexOf(name))
    for (const row of table.slice(1)) {
      const out = new Array<string>(source.columns.length).fill('')
      row.forEach((cell, i) => (out[at[i]!] = cell))
      source.rows.push(out)
    }
  }
  return source
}

/** Endless reader of a list, from the start again when it runs out. */
function cycle<T>(items: readonly T[]): () => T {
  let i = 0
  return () => items[i++ % items.length]!
}

function csvCell(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',')
}

/** XML-escapes text and drops characters XML 1.0 cannot hold. */
function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** A name usable as an XML element or Avro field. */
function safeName(s: string): string {
  const n = s.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '')
  return /^[A-Za-z]/.test(n) ? n : `f_${n}`
}

// ---- writing ----------------------------------------------------------------------------------

/** Buffers strings into ~1 MiB writes and honours back-pressure (optionally through gzip). */
class Sink {
  private parts: string[] = []
  private size = 0
  private readonly file: WriteStream
  private readonly gzip?: Gzip
  private readonly head: NodeJS.WritableStream

  constructor(path: string, isGzip = false) {
    this.file = createWriteStream(path)
    if (isGzip) {
      this.gzip = createGzip()
      this.gzip.pipe(this.file)
    }
    this.head = this.gzip ?? this.file
  }

  async write(s: string): Promise<void> {
    this.parts.push(s)
    this.size += s.length
    if (this.size >= MIB) await this.flush()
  }

  private async flush(): Promise<void> {
    const chunk = this.parts.join('')
    this.parts = []
    this.size = 0
    if (!this.head.write(chunk)) await once(this.head, 'drain')
  }

  async end(): Promise<void> {
    await this.flush()
    this.head.end()
    await once(this.file, 'close')
  }
}

/** Synchronous ZIP writing (fflate) straight to a file. */
class ZipFileWriter {
  private readonly fd: number
  private readonly zip: Zip

  constructor(path: string) {
    this.fd = openSync(path, 'w')
    this.zip = new Zip((err, data) => {
      if (err) throw err
      writeSync(this.fd, data)
    })
  }

  /** Adds a deflated member fed by `fill`, which calls `push` with its text. */
  member(name: string, fill: (push: (s: string) => void) => void): void {
    const file = new ZipDeflate(name, { level: 6 })
    file.mtime = MTIME
    this.zip.add(file)
    let parts: string[] = []
    let size = 0
    fill((s) => {
      parts.push(s)
      size += s.length
      if (size >= MIB) {
        file.push(Buffer.from(parts.join('')))
        parts = []
        size = 0
      }
    })
    file.push(Buffer.from(parts.join('')), true)
  }

  end(): void {
    this.zip.end()
    closeSync(this.fd)
  }
}

/** What a generator wrote besides the file itself. */
interface Meta {
  textBytes: number
  unit?: string
  units?: number
}

type MakeFile = (path: string, src: Source, textBytes: number) => Promise<Meta>

/** Text lines until `target` bytes; returns the bytes taken. */
function takeText(next: () => string, target: number, push: (line: string) => void): number {
  let n = 0
  while (n < target) {
    const line = next()
    push(line)
    n += Buffer.byteLength(line) + 1
  }
  return n
}

async function writeLines(path: string, lines: readonly string[], target: number, isGzip = false): Promise<Meta> {
  const sink = new Sink(path, isGzip)
  const next = cycle(lines)
  let n = 0
  while (n < target) {
    const line = next()
    await sink.write(`${line}\n`)
    n += Buffer.byteLength(line) + 1
  }
  await sink.end()
  return { textBytes: n }
}

async function writeCsv(path: string, src: Source, target: number, isGzip = false): Promise<Meta> {
  const sink = new Sink(path, isGzip)
  const next = cycle(src.rows)
  let n = 0
  await sink.write(`${csvLine(src.columns)}\n`)
  while (n < target) {
    const line = csvLine(next())
    await sink.write(`${line}\n`)
    n += Buffer.byteLength(line) + 1
  }
  await sink.end()
  return { textBytes: n }
}

/** CSV text of about `target` bytes (header included), from the rows' reader. */
function csvText(src: Source, next: () => string[], target: number): string {
  const lines = [csvLine(src.columns)]
  takeText(() => csvLine(next()), target, (l) => lines.push(l))
  return `${lines.join('\n')}\n`
}

const GENERATORS: Record<string, { file: string; make: MakeFile }> = {
  txt: { file: 'notes.txt', make: (path, src, target) => writeLines(path, src.textLines, target) },
  csv: { file: 'inventory.csv', make: (path, src, target) => writeCsv(path, src, target) },
  jsonl: { file: 'events.jsonl', make: (path, src, target) => writeLines(path, src.jsonLines, target) },
  json: {
    file: 'export.json',
    async make(path, src, target) {
      const sink = new Sink(path)
      const next = cycle(src.jsonLines)
      await sink.write('{"export": {"generated": "2026-01-15T09:30:00Z", "format": 2, "entries": [\n')
      let n = 0
      while (n < target) {
        const line = next()
        await sink.write(`${n > 0 ? ',\n' : ''}${line}`)
        n += Buffer.byteLength(line) + 1
      }
      await sink.write('\n]}}\n')
      await sink.end()
      return { textBytes: n }
    },
  },
  html: {
    file: 'report.html',
    async make(path, src, target) {
      // Paragraphs of prose and logs, with a table of CSV rows after every 40 of them.
      const sink = new Sink(path)
      const text = cycle(src.textLines)
      const rows = cycle(src.rows)
      await sink.write('<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Quarterly report</title></head>\n<body>\n')
      let n = 0
      while (n < target) {
        for (let i = 0; i < 40; i++) {
          const line = text()
          await sink.write(`<p>${xmlText(line)}</p>\n`)
          n += Buffer.byteLength(line) + 1
        }
        await sink.write(`<table>\n<tr>${src.columns.map((c) => `<th>${xmlText(c)}</th>`).join('')}</tr>\n`)
        for (let i = 0; i < 20; i++) {
          const row = rows()
          await sink.write(`<tr>${row.map((c) => `<td>${xmlText(c)}</td>`).join('')}</tr>\n`)
          n += Buffer.byteLength(csvLine(row)) + 1
        }
        await sink.write('</table>\n')
      }
      await sink.write('</body>\n</html>\n')
      await sink.end()
      return { textBytes: n }
    },
  },
  xml: {
    file: 'inventory.xml',
    async make(path, src, target) {
      const sink = new Sink(path)
      const next = cycle(src.rows)
      const names = src.columns.map(safeName)
      await sink.write('<?xml version="1.0" encoding="UTF-8"?>\n<inventory>\n')
      let n = 0
      while (n < target) {
        const row = next()
        const cells = row.map((c, i) => (c ? `<${names[i]}>${xmlText(c)}</${names[i]}>` : '')).join('')
        await sink.write(`  <item>${cells}</item>\n`)
        n += Buffer.byteLength(csvLine(row)) + 1
      }
      await sink.write('</inventory>\n')
      await sink.end()
      return { textBytes: n }
    },
  },
  eml: {
    file: 'payroll-mail.eml',
    async make(path, src, target) {
      // A plain-text body of half the content, a CSV attachment (base64) of the other half.
      const sink = new Sink(path)
      const headers = [
        'From: Payroll <payroll@example.com>',
        'To: Records <records@example.com>',
        'Subject: Quarterly records export',
        'Date: Thu, 15 Jan 2026 09:30:00 +0000',
        'Message-ID: <bench-0001@example.com>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="bench-boundary-7f3a"',
        '',
        '--bench-boundary-7f3a',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
      ]
      await sink.write(headers.join('\r\n') + '\r\n')
      const next = cycle(src.textLines)
      let n = 0
      while (n < target / 2) {
        const line = next()
        await sink.write(`${line}\r\n`)
        n += Buffer.byteLength(line) + 1
      }
      const csv = csvText(src, cycle(src.rows), target / 2)
      n += Buffer.byteLength(csv)
      const attachment = [
        '',
        '--bench-boundary-7f3a',
        'Content-Type: text/csv; name="records.csv"',
        'Content-Disposition: attachment; filename="records.csv"',
        'Content-Transfer-Encoding: base64',
        '',
      ]
      await sink.write(attachment.join('\r\n') + '\r\n')
      const b64 = Buffer.from(csv).toString('base64')
      for (let i = 0; i < b64.length; i += 76) await sink.write(`${b64.slice(i, i + 76)}\r\n`)
      await sink.write('--bench-boundary-7f3a--\r\n')
      await sink.end()
      return { textBytes: n }
    },
  },
  pdf: {
    file: 'report.pdf',
    async make(path, src, target) {
      // 50 lines of up to 95 characters a page (about 3.5 KiB of text); 32 pages per MiB of
      // format size, so pdf.js's page-at-a-time reading dominates rather than the text.
      const pages = Math.max(16, Math.round((target / MIB) * 32))
      const doc = await PDFDocument.create()
      doc.setCreationDate(MTIME)
      doc.setModificationDate(MTIME)
      const font = await doc.embedFont(StandardFonts.Helvetica)
      const next = cycle(src.textLines)
      let n = 0
      for (let p = 0; p < pages; p++) {
        const lines: string[] = []
        while (lines.length < 50) {
          const line = next().replace(/[^\x20-\x7e]/g, '?').slice(0, 95)
          if (line.trim()) lines.push(line)
        }
        const page = doc.addPage([595, 842])
        page.drawText(lines.join('\n'), { x: 36, y: 800, size: 8, lineHeight: 15, font })
        n += lines.reduce((k, l) => k + l.length + 1, 0)
      }
      await writeFile(path, await doc.save())
      return { textBytes: n, unit: 'pages', units: pages }
    },
  },
  docx: {
    file: 'contract.docx',
    async make(path, src, target) {
      // Paragraphs, with a table of CSV rows after every 40 of them.
      const ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
      const zip = new ZipFileWriter(path)
      zip.member('[Content_Types].xml', (push) =>
        push(
          '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        ),
      )
      zip.member('_rels/.rels', (push) =>
        push(
          '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        ),
      )
      let n = 0
      const text = cycle(src.textLines)
      const rows = cycle(src.rows)
      const para = (s: string): string => `<w:p><w:r><w:t xml:space="preserve">${xmlText(s)}</w:t></w:r></w:p>`
      const cell = (s: string): string => `<w:tc>${para(s)}</w:tc>`
      zip.member('word/document.xml', (push) => {
        push(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${ns}><w:body>`)
        while (n < target) {
          for (let i = 0; i < 40; i++) {
            const line = text()
            push(para(line))
            n += Buffer.byteLength(line) + 1
          }
          push(`<w:tbl><w:tr>${src.columns.map(cell).join('')}</w:tr>`)
          for (let i = 0; i < 20; i++) {
            const row = rows()
            push(`<w:tr>${row.map(cell).join('')}</w:tr>`)
            n += Buffer.byteLength(csvLine(row)) + 1
          }
          push('</w:tbl>')
        }
        push('<w:sectPr/></w:body></w:document>')
      })
      zip.end()
      return { textBytes: n }
    },
  },
  xlsx: {
    file: 'payroll.xlsx',
    async make(path, src, target) {
      // Streamed with shared strings, as Excel writes them; a new sheet every million rows.
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false })
      book.created = MTIME
      book.modified = MTIME
      const next = cycle(src.rows)
      let n = 0
      let cells = 0
      let sheet: ExcelJS.Worksheet | undefined
      let sheetRows = 0
      let sheets = 0
      for (let r = 0; n < target; r++) {
        if (!sheet || sheetRows >= 1_000_000) {
          sheet?.commit()
          sheet = book.addWorksheet(`records ${++sheets}`)
          sheet.addRow(src.columns).commit()
          cells += src.columns.length
          sheetRows = 1
        }
        const row = next()
        sheet.addRow(row.map((c) => (c === '' ? null : c))).commit()
        cells += row.filter((c) => c !== '').length
        sheetRows++
        n += Buffer.byteLength(csvLine(row)) + 1
        if (r % 2000 === 0) await new Promise((resolve) => setImmediate(resolve))
      }
      sheet?.commit()
      await book.commit()
      return { textBytes: n, unit: 'cells', units: cells }
    },
  },
  parquet: {
    file: 'customers.parquet',
    async make(path, src, target) {
      const next = cycle(src.rows)
      let n = 0
      let records = 0
      function* rows(): Generator<Record<string, string | null>> {
        while (n < target) {
          const row = next()
          n += Buffer.byteLength(csvLine(row)) + 1
          records++
          yield Object.fromEntries(src.columns.map((c, i) => [c, row[i] === '' ? null : row[i]!]))
        }
      }
      await parquetWriteRows({
        writer: fileWriter(path),
        columns: src.columns.map((name) => ({ name, type: 'STRING' as const })),
        rows: rows(),
        rowGroupSize: 100_000,
      })
      return { textBytes: n, unit: 'records', units: records }
    },
  },
  avro: {
    file: 'payments.avro',
    async make(path, src, target) {
      const names = src.columns.map(safeName)
      const type = avro.Type.forSchema({
        type: 'record',
        name: 'InventoryRow',
        fields: names.map((name) => ({ name, type: ['null', 'string'], default: null })),
      })
      const encoder = new avro.streams.BlockEncoder(type, { codec: 'deflate', syncMarker: AVRO_SYNC })
      const out = createWriteStream(path)
      encoder.pipe(out)
      const next = cycle(src.rows)
      let n = 0
      let records = 0
      while (n < target) {
        const row = next()
        n += Buffer.byteLength(csvLine(row)) + 1
        records++
        if (!encoder.write(Object.fromEntries(names.map((name, i) => [name, row[i] === '' ? null : row[i]!])))) await once(encoder, 'drain')
      }
      encoder.end()
      await once(out, 'close')
      return { textBytes: n, unit: 'records', units: records }
    },
  },
  zip: {
    file: 'tables.zip',
    async make(path, src, target) {
      // CSV members of 4 MiB (fewer, smaller ones for small sizes).
      const memberBytes = Math.min(4 * MIB, target / 4)
      const zip = new ZipFileWriter(path)
      const rows = cycle(src.rows)
      let n = 0
      for (let i = 1; n < target; i++) {
        const csv = csvText(src, rows, memberBytes)
        n += Buffer.byteLength(csv)
        zip.member(`tables/inventory-${String(i).padStart(3, '0')}.csv`, (push) => push(csv))
      }
      zip.end()
      return { textBytes: n }
    },
  },
  'tar.gz': {
    file: 'backup.tar.gz',
    async make(path, src, target) {
      // Text and CSV members of 4 MiB, alternating.
      const memberBytes = Math.min(4 * MIB, target / 4)
      const pack = tar.pack()
      const gzip = createGzip()
      const out = createWriteStream(path)
      pack.pipe(gzip).pipe(out)
      const text = cycle(src.textLines)
      const rows = cycle(src.rows)
      let n = 0
      for (let i = 1; n < target; i++) {
        let body: string
        if (i % 2 === 1) {
          const lines: string[] = []
          takeText(text, memberBytes, (l) => lines.push(l))
          body = `${lines.join('\n')}\n`
        } else body = csvText(src, rows, memberBytes)
        const data = Buffer.from(body)
        n += data.length
        const name = i % 2 === 1 ? `notes/notes-${String(i).padStart(3, '0')}.txt` : `tables/inventory-${String(i).padStart(3, '0')}.csv`
        await new Promise<void>((resolve, reject) => pack.entry({ name, size: data.length, mtime: MTIME }, data, (err) => (err ? reject(err) : resolve())))
      }
      pack.finalize()
      await once(out, 'close')
      return { textBytes: n }
    },
  },
  gz: { file: 'inventory.csv.gz', make: (path, src, target) => writeCsv(path, src, target, true) },
}

/** The formats, in table order (txt first: the baseline). */
export const FORMATS = Object.keys(GENERATORS)

/** Writes `path` (and its `.meta.json`) unless a complete copy exists; returns the meta. */
async function ensureFile(path: string, make: () => Promise<Meta>, log: (line: string) => void): Promise<Meta> {
  const metaPath = `${path}.meta.json`
  if (existsSync(metaPath) && existsSync(path)) return JSON.parse(readFileSync(metaPath, 'utf8')) as Meta
  log(`writing ${path}`)
  await rm(metaPath, { force: true })
  const meta = await make()
  await writeFile(metaPath, `${JSON.stringify(meta)}\n`)
  return meta
}

// ---- measuring --------------------------------------------------------------------------------

/** What bench/format-child.mjs prints. */
interface ChildResult {
  bytes: number
  seconds: number
  unit?: string
  units?: number
  rssMiB: number
  /** Peak RSS with the modules loaded, before any scan. */
  loadedMiB: number
  status: string
  reason: string | null
  members: Record<string, number>
}

/** Scans in a fresh process running the built code with a scan worker's heap cap, as trawl does. */
function runChild(file: string, warm?: string): ChildResult {
  const argv = [`--max-old-space-size=${DEFAULT_WORKER_HEAP_MB}`, join('bench', 'format-child.mjs'), ...(warm ? ['--warm', warm] : []), file]
  const child = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 20 })
  if (child.status === 0) return JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildResult
  // A scan that exhausts the heap is a result too: trawl's worker would record it SKIPPED.
  const isOom = /heap out of memory|heap limit/i.test(child.stderr)
  if (!isOom) throw new Error(`scanning ${file} failed: ${child.stderr}`)
  return { bytes: 0, seconds: Number.NaN, rssMiB: Number.NaN, loadedMiB: Number.NaN, status: 'OUT_OF_MEMORY', reason: `heap over ${DEFAULT_WORKER_HEAP_MB} MiB`, members: {} }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function withTmp(path: string, make: (tmp: string) => Promise<Meta>): () => Promise<Meta> {
  return async () => {
    const tmp = `${path}.tmp`
    const meta = await make(tmp)
    await rename(tmp, path)
    return meta
  }
}

/**
 * Generates (or reuses) every format's input and measures it; the streaming inputs too when
 * `hugeGib` > 0.
 * @example
 * const report = await runFormatBench({ seed: 1, formatMib: 64, repeats: 3, hugeGib: 0, benchDir: '.bench' })
 */
export async function runFormatBench(options: FormatBenchOptions): Promise<FormatReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const root = join(options.benchDir, 'formats')
  const dir = join(root, `v${GENERATOR_VERSION}-seed${options.seed}-${options.formatMib}mib`)
  const warmDir = join(root, `v${GENERATOR_VERSION}-seed${options.seed}-warm`)
  await mkdir(dir, { recursive: true })
  await mkdir(warmDir, { recursive: true })
  let source: Source | undefined
  const src = (): Source => (source ??= loadSource(options.seed))

  const results: FormatResult[] = []
  for (const format of FORMATS) {
    const { file, make } = GENERATORS[format]!
    const path = join(dir, file)
    const warm = join(warmDir, file)
    await ensureFile(warm, withTmp(warm, (tmp) => make(tmp, src(), WARM_MIB * MIB)), log)
    const meta = await ensureFile(path, withTmp(path, (tmp) => make(tmp, src(), options.formatMib * MIB)), log)
    const runs: ChildResult[] = []
    for (let r = 0; r < options.repeats; r++) runs.push(runChild(path, warm))
    const last = runs.at(-1)!
    const seconds = median(runs.map((x) => x.seconds))
    const inputMiB = last.bytes / MIB
    const textMiB = meta.textBytes / MIB
    const result: FormatResult = {
      format,
      file,
      inputMiB,
      textMiB,
      seconds,
      mibPerS: inputMiB / seconds,
      textMibPerS: textMiB / seconds,
      rssMiB: Math.max(...runs.map((x) => x.rssMiB)),
      loadedMiB: Math.min(...runs.map((x) => x.loadedMiB)),
      status: last.status,
      reason: last.reason,
      members: last.members,
      runs: runs.map((x) => x.seconds),
      ...(meta.unit ? { unit: meta.unit, units: meta.units!, unitsPerS: meta.units! / seconds } : {}),
    }
    results.push(result)
    log(`${format}: ${runs.map((x) => `${x.seconds.toFixed(2)} s`).join(', ')}; ${result.status}${result.reason ? ` ${result.reason}` : ''}; peak RSS ${result.rssMiB.toFixed(0)} MiB`)
  }

  const huge: HugeResult[] = []
  if (options.hugeGib > 0) {
    const hugeDir = join(root, `v${GENERATOR_VERSION}-seed${options.seed}-huge-${options.hugeGib}gib`)
    await mkdir(hugeDir, { recursive: true })
    for (const [file, isGzip] of [
      ['events.jsonl', false],
      ['events.jsonl.gz', true],
    ] as const) {
      const path = join(hugeDir, file)
      const meta = await ensureFile(path, withTmp(path, (tmp) => writeLines(tmp, src().jsonLines, options.hugeGib * GIB, isGzip)), log)
      const r = runChild(path)
      log(`${file}: ${r.seconds.toFixed(1)} s, ${r.status}; peak RSS ${r.rssMiB.toFixed(0)} MiB`)
      huge.push({
        file,
        inputMiB: r.bytes / MIB,
        textMiB: meta.textBytes / MIB,
        mibPerS: r.bytes / MIB / r.seconds,
        rssMiB: r.rssMiB,
        status: r.status,
        reason: r.reason,
      })
    }
  }
  return { formatMib: options.formatMib, repeats: options.repeats, results, huge }
}

// ---- reporting --------------------------------------------------------------------------------

function isRead(r: FormatResult): boolean {
  return r.status === 'COMPLETE' || r.status === 'PARTIAL'
}

function statusText(status: string, reason: string | null, members: Record<string, number> = {}): string {
  const counts = Object.entries(members)
    .map(([s, k]) => `${k} ${s}`)
    .join(', ')
  return `${status}${reason ? ` (${reason})` : ''}${counts ? `; members: ${counts}` : ''}`
}

/**
 * The report as a Markdown table (rates of formats not read show "not read"), with a line per
 * streaming input.
 * @example
 * process.stdout.write(formatMarkdown(report))
 */
export function formatMarkdown(report: FormatReport): string {
  const base = report.results.find((r) => r.format === 'txt')
  const rows = report.results.map((r) => {
    const rate = (s: string): string => (isRead(r) ? s : 'not read')
    const unitRate = r.unitsPerS !== undefined ? rate(`${Math.round(r.unitsPerS).toLocaleString('en-US')} ${r.unit}/s`) : ''
    const ratio = base && isRead(base) ? rate(`${(r.textMibPerS / base.textMibPerS).toFixed(2)}×`) : ''
    return `| ${r.format} | ${r.inputMiB.toFixed(1)} | ${r.textMiB.toFixed(1)} | ${rate(r.mibPerS.toFixed(1))} | ${rate(r.textMibPerS.toFixed(1))} | ${unitRate} | ${ratio} | ${r.rssMiB.toFixed(0)} | ${statusText(r.status, r.reason, r.members)} |`
  })
  const lines = [
    '| format | input MiB | as text MiB | MiB/s of input | MiB/s of text | units/s | × txt (text rate) | peak RSS MiB | status |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
  ]
  const loaded = Math.min(...report.results.map((r) => r.loadedMiB))
  if (Number.isFinite(loaded)) lines.push('', `Peak RSS includes the ${loaded.toFixed(0)} MiB of a process with the modules loaded and nothing scanned.`)
  const under = (rss: number): string => `${rss.toFixed(0)} MiB (${rss < HUGE_RSS_LIMIT_MIB ? 'under' : 'OVER'} ${HUGE_RSS_LIMIT_MIB} MiB)`
  for (const h of report.huge) {
    const rates = (mibPerS: number): string => `${mibPerS.toFixed(1)} MiB/s of input (${((mibPerS * h.textMiB) / h.inputMiB).toFixed(1)} of text)`
    lines.push(
      '',
      `Streaming: \`${h.file}\`, ${(h.inputMiB / 1024).toFixed(2)} GiB (${(h.textMiB / 1024).toFixed(2)} GiB of JSON Lines), ${statusText(h.status, h.reason)}: ` +
        `peak RSS ${under(h.rssMiB)} at ${rates(h.mibPerS)}.`,
    )
  }
  return `${lines.join('\n')}\n`
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      'format-mib': { type: 'string', default: '64' },
      repeats: { type: 'string', default: '3' },
      'huge-gib': { type: 'string', default: '0' },
    },
  })
  const benchDir = join(process.cwd(), '.bench')
  const report = await runFormatBench({
    seed: Number(args.seed),
    formatMib: Number(args['format-mib']),
    repeats: Number(args.repeats),
    hugeGib: Number(args['huge-gib']),
    benchDir,
  })
  process.stdout.write(formatMarkdown(report))
  await writeFile(join(benchDir, 'formats-last.json'), `${JSON.stringify(report, null, 2)}\n`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
