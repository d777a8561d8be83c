// E-mail (.eml: RFC 5322 with MIME) → header blocks and text bodies as free text at their lines in
// the raw message, HTML bodies through markup.ts, attachments as embedded files. Owns the walk
// over the MIME tree (part boundaries, header blocks, body lines); postal-mime decodes the
// attachments (transfer encodings, RFC 2231 and encoded-word file names).
//
// Every byte of the message is read as something: a header block (of the message or of a part),
// a text/plain or text/html body, a multipart preamble or epilogue, or an attachment (any other
// part, and a text part marked as an attachment or named with a file name). What is not
// a message at all is read the same way, as one "header block" and a text/plain body, so garbage
// is read as text at its own lines.
//
// Lines: header blocks, preambles and 7bit/8bit bodies are located exactly (their lines are the
// raw file's). A quoted-printable or base64 body is decoded first and its decoded lines are
// counted from the raw line where the part's body starts: exact for quoted-printable without
// soft line breaks, an approximation otherwise (a soft break joins two raw lines into one, and a
// base64 line holds any number of decoded ones). Encoded words in header lines are decoded in
// place, which moves the columns after them on that line.
import { Readable } from 'node:stream'
import PostalMime, { decodeWords } from 'postal-mime'
import { decodeText } from './decode.js'
import { segmentMarkup } from './markup.js'
import { readAll } from './spool.js'
import { segmentText } from './text.js'
import type { EmbeddedFile, ExtractedItem, ObjectInfo } from './types.js'

/** Multiparts nested deeper than this are read as text (postal-mime's own limit is 256). */
const MAX_MULTIPART_DEPTH = 64
/** Characters of a header block searched for Content-* fields (postal-mime's header limit). */
const MAX_HEADER_CHARS = 2 * 1024 * 1024

const LF = 0x0a
const CR = 0x0d
const DASH = 0x2d

/** File name extensions for the MIME types of attachments without a file name. */
const EXTENSIONS: ReadonlyMap<string, string> = new Map(Object.entries({
  'text/plain': '.txt',
  'text/csv': '.csv',
  'text/tab-separated-values': '.tsv',
  'text/html': '.html',
  'text/xml': '.xml',
  'text/calendar': '.ics',
  'text/vcard': '.vcf',
  'text/markdown': '.md',
  'application/xml': '.xml',
  'application/json': '.json',
  'application/x-ndjson': '.jsonl',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'application/gzip': '.gz',
  'application/x-gzip': '.gz',
  'application/x-tar': '.tar',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/msword': '.doc',
  'application/vnd.ms-excel': '.xls',
  'application/avro': '.avro',
  'application/vnd.apache.parquet': '.parquet',
  'message/rfc822': '.eml',
  'message/global': '.eml',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
}))

/** The MIME headers of one part that decide how it is read. */
interface PartHeaders {
  /** Lower-case type and subtype, '' when the part names none. */
  readonly type: string
  readonly params: ReadonlyMap<string, string>
  readonly disposition: string
  readonly encoding: string
  /** The file name as the headers give it (RFC 2231 and encoded words not decoded). */
  readonly filename?: string
}

/** A header value's first token, lower-cased, and its `; name=value` parameters. */
function parseHeaderValue(value: string): { value: string; params: Map<string, string> } {
  const semicolon = value.indexOf(';')
  const params = new Map<string, string>()
  const rest = semicolon < 0 ? '' : value.slice(semicolon)
  for (const m of rest.matchAll(/;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"?|([^;]*))/g)) {
    const name = m[1]!.toLowerCase()
    if (!params.has(name)) params.set(name, m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim())
  }
  return { value: (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase(), params }
}

/** The MIME headers of a header block (unfolded; the first of a repeated header wins). */
function partHeaders(block: string): PartHeaders {
  const fields = new Map<string, string>()
  let name: string | undefined
  for (const line of block.split(/\r?\n/)) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && name !== undefined) {
      fields.set(name, fields.get(name)! + ' ' + line.trim())
      continue
    }
    const colon = line.indexOf(':')
    const key = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : ''
    name = key.startsWith('content-') && !fields.has(key) ? key : undefined
    if (name !== undefined) fields.set(name, line.slice(colon + 1).trim())
  }
  const type = parseHeaderValue(fields.get('content-type') ?? '')
  const disposition = parseHeaderValue(fields.get('content-disposition') ?? '')
  const filename = disposition.params.get('filename') ?? type.params.get('name')
  return {
    type: type.value,
    params: type.params,
    disposition: disposition.value,
    encoding: (fields.get('content-transfer-encoding') ?? '').trim().toLowerCase(),
    ...(filename ? { filename } : {}),
  }
}

/** Bytes of a quoted-printable body (RFC 2045 §6.7): `=XX` escapes, `=` soft line breaks dropped. */
function decodeQuotedPrintable(raw: Buffer): Buffer {
  const out = Buffer.allocUnsafe(raw.length)
  let n = 0
  const hex = (c: number | undefined): number =>
    c === undefined ? -1 : c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (c !== 0x3d) {
      out[n++] = c
      continue
    }
    let j = i + 1
    while (j < raw.length && (raw[j] === 0x20 || raw[j] === 0x09)) j++
    if (j >= raw.length || raw[j] === LF) {
      i = j
      continue
    }
    if (raw[j] === CR && (j + 1 >= raw.length || raw[j + 1] === LF)) {
      i = j + 1
      continue
    }
    const high = hex(raw[i + 1])
    const low = hex(raw[i + 2])
    if (high >= 0 && low >= 0) {
      out[n++] = (high << 4) | low
      i += 2
    } else out[n++] = c
  }
  return out.subarray(0, n)
}

/** Raw base64 bytes decoded a slice at a time, so no string of the whole body is made. */
function decodeBase64(raw: Buffer): Buffer {
  const out: Buffer[] = []
  let carry = ''
  for (let at = 0; at < raw.length; at += SLICE_BYTES) {
    const text = carry + raw.toString('latin1', at, Math.min(raw.length, at + SLICE_BYTES)).replace(/[^A-Za-z0-9+/=_-]+/g, '')
    const whole = text.length - (text.length % 4)
    out.push(Buffer.from(text.slice(0, whole), 'base64'))
    carry = text.slice(whole)
  }
  if (carry) out.push(Buffer.from(carry, 'base64'))
  return out.length === 1 ? out[0]! : Buffer.concat(out)
}

/** The bytes a Content-Transfer-Encoding stands for (7bit, 8bit, binary and unknown ones as they are). */
function decodeTransfer(raw: Buffer, encoding: string): Buffer {
  if (encoding === 'base64') return decodeBase64(raw)
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(raw)
  return raw
}

/** Charsets decoded by guessing (UTF-8 when valid, else windows-1252): mislabelled UTF-8 is common. */
const GUESSED_CHARSETS = new Set(['', 'us-ascii', 'ascii', 'utf-8', 'utf8', 'iso-8859-1', 'latin1', 'windows-1252', 'cp1252'])

/** Bodies are decoded and handed on in slices of this many bytes, never as one string. */
const SLICE_BYTES = 1 << 20

async function* once<T>(value: T): AsyncGenerator<T, void, undefined> {
  yield value
}

async function* slices(bytes: Buffer): AsyncGenerator<Buffer, void, undefined> {
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) yield bytes.subarray(at, at + SLICE_BYTES)
}

/** Text of a body in its charset, a piece at a time; unknown charsets are guessed like text files. */
async function* decodeBody(bytes: Buffer, charset: string): AsyncGenerator<string, void, undefined> {
  if (!GUESSED_CHARSETS.has(charset)) {
    let decoder: InstanceType<typeof TextDecoder> | undefined
    try {
      decoder = new TextDecoder(charset)
    } catch {
      // An unknown label: fall through to guessing.
    }
    if (decoder) {
      for await (const slice of slices(bytes)) yield decoder.decode(slice, { stream: true })
      yield decoder.decode()
      return
    }
  }
  yield* decodeText(slices(bytes))
}

/** A body's whole text, for the small ones that are rewritten (header blocks). */
async function wholeText(pieces: AsyncIterable<string>): Promise<string> {
  const parts: string[] = []
  for await (const s of pieces) parts.push(s)
  return parts.join('')
}

/** True when some piece holds more than white space; the pieces are kept for reading again. */
async function hasText(pieces: AsyncIterable<string>): Promise<{ isBlank: boolean; pieces: AsyncIterable<string> }> {
  const it = pieces[Symbol.asyncIterator]()
  const seen: string[] = []
  for (let r = await it.next(); !r.done; r = await it.next()) {
    seen.push(r.value)
    if (/\S/.test(r.value)) {
      async function* rest(): AsyncGenerator<string, void, undefined> {
        yield* seen
        for (let n = await it.next(); !n.done; n = await it.next()) yield n.value
      }
      return { isBlank: false, pieces: rest() }
    }
  }
  return { isBlank: true, pieces: once('') }
}

/** Counts lines forward through the raw message (a query behind the last one recounts from the start). */
class LineCounter {
  private pos = 0
  private line = 1

  constructor(private readonly buf: Buffer) {}

  /** Line (1-based) of the byte at `pos`. */
  at(pos: number): number {
    if (pos < this.pos) {
      this.pos = 0
      this.line = 1
    }
    for (let i = this.buf.indexOf(LF, this.pos); i !== -1 && i < pos; i = this.buf.indexOf(LF, i + 1)) this.line++
    this.pos = pos
    return this.line
  }
}

/** Start of the line break that ends just before `pos` (a CRLF or LF), `pos` when none. */
function beforeLineBreak(buf: Buffer, pos: number, floor: number): number {
  if (pos > floor && buf[pos - 1] === LF) return pos - 2 >= floor && buf[pos - 2] === CR ? pos - 2 : pos - 1
  return pos
}

/** A delimiter line of a multipart body: where it starts, where the next line starts, and whether it closes. */
interface Delimiter {
  readonly start: number
  readonly next: number
  readonly isClose: boolean
}

/** The delimiter lines `--boundary` of a multipart body in [start, end), up to the closing one. */
function findDelimiters(buf: Buffer, start: number, end: number, boundary: string): Delimiter[] {
  const marker = Buffer.from(`--${boundary}`, 'latin1')
  const found: Delimiter[] = []
  for (let i = buf.indexOf(marker, start); i !== -1 && i + marker.length <= end; i = buf.indexOf(marker, i + 1)) {
    if (i !== start && buf[i - 1] !== LF) continue
    let k = i + marker.length
    const isClose = buf[k] === DASH && buf[k + 1] === DASH && k + 2 <= end
    if (isClose) k += 2
    while (k < end && (buf[k] === 0x20 || buf[k] === 0x09)) k++
    if (k < end && buf[k] !== LF && !(buf[k] === CR && (k + 1 >= end || buf[k + 1] === LF))) continue
    const next = k >= end ? end : buf[k] === CR ? Math.min(end, k + 2) : k + 1
    found.push({ start: i, next, isClose })
    if (isClose) break
  }
  return found
}

/** The last path element of a file name as a sender's client wrote it (some send full paths). */
function baseName(filename: string): string {
  const cut = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'))
  return filename.slice(cut + 1).trim()
}

/** Reads one message: what the walk over its parts needs in one place. */
class MessageReader {
  private readonly lines: LineCounter
  private attachments = 0

  constructor(
    private readonly buf: Buffer,
    private readonly info: ObjectInfo,
  ) {
    this.lines = new LineCounter(buf)
  }

  /** Bytes [start, end) as free text, located from the line `start` is on (a header block's encoded words decoded). */
  private async *text(start: number, end: number, isHeader = false): AsyncGenerator<ExtractedItem, void, undefined> {
    if (end <= start) return
    const bytes = this.buf.subarray(start, end)
    let pieces: AsyncIterable<string> = decodeBody(bytes, '')
    if (isHeader) {
      let text = await wholeText(pieces)
      if (text.includes('=?')) text = text.split('\n').map((l) => (l.includes('=?') ? decodeWords(l) : l)).join('\n')
      pieces = once(text)
    }
    const checked = await hasText(pieces)
    if (checked.isBlank) return
    yield* segmentText(checked.pieces, this.info.limits.blockChars, { line: this.lines.at(start), column: 1 })
  }

  /** Reads the part in bytes [start, end): its header block, then its body by type. */
  async *part(start: number, end: number, depth: number, defaultType: string): AsyncGenerator<ExtractedItem, void, undefined> {
    const buf = this.buf
    let headerEnd = end
    let bodyStart = end
    for (let p = start; p < end; ) {
      const nl = buf.indexOf(LF, p)
      const stop = nl === -1 || nl >= end ? end : nl
      if (stop === p || (stop === p + 1 && buf[p] === CR)) {
        headerEnd = p
        bodyStart = Math.min(end, stop + 1)
        break
      }
      p = stop + 1
    }
    yield* this.text(start, headerEnd, true)
    const headers = partHeaders(buf.toString('latin1', start, Math.min(headerEnd, start + MAX_HEADER_CHARS)))
    const type = headers.type || defaultType
    const boundary = headers.params.get('boundary')
    if (type.startsWith('multipart/') && boundary && depth < MAX_MULTIPART_DEPTH) {
      yield* this.multipart(bodyStart, end, depth, boundary, type === 'multipart/digest' ? 'message/rfc822' : 'text/plain')
    } else if ((type === 'text/plain' || type === 'text/html') && headers.disposition !== 'attachment' && headers.filename === undefined) {
      yield* this.body(bodyStart, end, headers, type === 'text/html')
    } else if (type.startsWith('multipart/')) {
      yield* this.text(bodyStart, end)
    } else {
      yield* this.attachment(start, bodyStart, end, headers, type)
    }
  }

  private async *multipart(start: number, end: number, depth: number, boundary: string, childType: string): AsyncGenerator<ExtractedItem, void, undefined> {
    const delimiters = findDelimiters(this.buf, start, end, boundary)
    if (delimiters.length === 0) {
      yield* this.text(start, end)
      return
    }
    yield* this.text(start, beforeLineBreak(this.buf, delimiters[0]!.start, start))
    for (let i = 0; i < delimiters.length; i++) {
      const d = delimiters[i]!
      if (d.isClose) {
        yield* this.text(d.next, end)
        break
      }
      const next = delimiters[i + 1]
      yield* this.part(d.next, next ? beforeLineBreak(this.buf, next.start, d.next) : end, depth + 1, childType)
    }
  }

  /** A text/plain or text/html body, decoded and located from the line it starts on. */
  private async *body(start: number, end: number, headers: PartHeaders, isHtml: boolean): AsyncGenerator<ExtractedItem, void, undefined> {
    if (end <= start) return
    const bytes = decodeTransfer(this.buf.subarray(start, end), headers.encoding)
    const pieces = decodeBody(bytes, (headers.params.get('charset') ?? '').trim().toLowerCase())
    const origin = { line: this.lines.at(start), column: 1 }
    const { blockChars, maxBufferedBytes } = this.info.limits
    if (isHtml) yield* segmentMarkup(pieces, { isXml: false, blockChars, maxTokenChars: maxBufferedBytes, origin })
    else yield* segmentText(pieces, blockChars, origin)
  }

  /**
   * An attachment: its bytes decoded here (byte for byte; postal-mime would normalise line
   * breaks), its file name and type read by postal-mime from the part's header block.
   */
  private async *attachment(start: number, bodyStart: number, end: number, headers: PartHeaders, type: string): AsyncGenerator<ExtractedItem, void, undefined> {
    const n = ++this.attachments
    const bytes = decodeTransfer(this.buf.subarray(bodyStart, end), headers.encoding)
    let filename = headers.filename
    let mimeType = type
    try {
      const head = this.buf.subarray(start, bodyStart)
      // A part of a multipart/digest is a message/rfc822 unless it says otherwise (RFC 2046 §5.1.5).
      const input = headers.type === '' ? Buffer.concat([Buffer.from(`Content-Type: ${type}\r\n`), head]) : head
      const found = (await PostalMime.parse(input, { forceRfc822Attachments: true })).attachments[0]
      if (found) {
        filename = found.filename ?? filename
        mimeType = found.mimeType || mimeType
      }
    } catch {
      // postal-mime rejects header blocks over its size limit: the name read here stands.
    }
    const path = (filename && baseName(filename)) || `attachment-${n}${EXTENSIONS.get(mimeType) ?? ''}`
    const file: EmbeddedFile = { kind: 'embedded', path, size: bytes.length, body: Readable.from([bytes]) }
    yield file
  }
}

/**
 * Reads an e-mail (read whole, up to `info.limits.maxBufferedBytes`): its headers and text
 * bodies as located text, its attachments (message/rfc822 included) as embedded files.
 * @example
 * for await (const item of extractEmail(body, { ...info, extension: 'eml' })) if (!isEmbedded(item)) detector.detect(item)
 */
export async function* extractEmail(body: Readable, info: ObjectInfo): AsyncGenerator<ExtractedItem, void, undefined> {
  const buf = await readAll(body, info.limits.maxBufferedBytes, 'e-mail', info.size)
  if (buf.length === 0) return
  yield* new MessageReader(buf, info).part(0, buf.length, 0, 'text/plain')
}
