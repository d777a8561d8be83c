// Tells an object's format from its first bytes, then its extension. Content wins: a PDF named
// .txt is a PDF, a DOCX named .zip is a DOCX. Images, audio, video and executables are
// UNSUPPORTED_FILE_TYPE_EXCEPTION, as they are for Macie.
import { TextDecoder } from 'node:util'
import { detectEncoding } from './decode.js'
import { ExtractError } from './types.js'

/** The formats the extractors read. */
export type Format =
  | 'text' | 'csv' | 'json' | 'jsonl' | 'html' | 'xml' | 'eml'
  | 'pdf' | 'docx' | 'xlsx' | 'parquet' | 'avro'
  | 'zip' | 'gzip' | 'tar'

/** What sniffing decided: the format and the MIME type reported for it. */
export interface SniffedFormat {
  readonly format: Format
  readonly mimeType: string
}

/** Bytes of an object's head that sniffing looks at. */
export const SNIFF_BYTES = 8192

/** Binary signatures: name, offset, bytes. */
const SIGNATURES: ReadonlyArray<readonly [name: string, offset: number, bytes: readonly number[]]> = [
  ['pdf', 0, [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['zip', 0, [0x50, 0x4b, 0x03, 0x04]],
  ['zip', 0, [0x50, 0x4b, 0x05, 0x06]], // empty archive
  ['zip', 0, [0x50, 0x4b, 0x07, 0x08]], // spanned archive
  ['gzip', 0, [0x1f, 0x8b]],
  ['bzip2', 4, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]], // block magic after 'BZh9'
  ['xz', 0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', 0, [0x28, 0xb5, 0x2f, 0xfd]],
  ['7z', 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['rar', 0, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  // POSIX `ustar\0` and GNU `ustar  \0`: the NUL keeps a text with "ustar" at byte 257 a text.
  ['tar', 257, [0x75, 0x73, 0x74, 0x61, 0x72, 0x00]],
  ['tar', 257, [0x75, 0x73, 0x74, 0x61, 0x72, 0x20, 0x20, 0x00]],
  ['ole2', 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]], // .doc, .xls, .msg
  ['parquet', 0, [0x50, 0x41, 0x52, 0x31]], // PAR1
  ['avro', 0, [0x4f, 0x62, 0x6a, 0x01]], // Obj\x01
  ['sqlite', 0, [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00]],
  ['png', 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', 0, [0xff, 0xd8, 0xff]],
  ['gif', 0, [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]], // GIF87a
  ['gif', 0, [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]], // GIF89a
  ['tiff', 0, [0x49, 0x49, 0x2a, 0x00]],
  ['tiff', 0, [0x4d, 0x4d, 0x00, 0x2a]],
  ['webp/wav/avi', 0, [0x52, 0x49, 0x46, 0x46]], // RIFF
  ['mp4/mov', 4, [0x66, 0x74, 0x79, 0x70]], // ftyp
  ['ogg', 0, [0x4f, 0x67, 0x67, 0x53]],
  ['flac', 0, [0x66, 0x4c, 0x61, 0x43]],
  ['elf', 0, [0x7f, 0x45, 0x4c, 0x46]],
  ['mach-o', 0, [0xcf, 0xfa, 0xed, 0xfe]],
  ['mach-o', 0, [0xce, 0xfa, 0xed, 0xfe]],
  ['mach-o', 0, [0xfe, 0xed, 0xfa, 0xcf]],
  ['java class', 0, [0xca, 0xfe, 0xba, 0xbe]],
  ['wasm', 0, [0x00, 0x61, 0x73, 0x6d]],
]

/** Extensions read as free text even when their content starts like JSON. */
const TEXT_EXTENSIONS = new Set([
  'txt', 'text', 'log', 'md', 'markdown', 'rst', 'htm', 'html', 'xhtml', 'xml', 'yaml', 'yml', 'ini', 'cfg', 'conf',
  'properties', 'env', 'toml', 'sql', 'sh', 'bash', 'py', 'js', 'mjs', 'cjs', 'ts', 'java', 'c', 'h', 'cpp', 'cs', 'go',
  'rb', 'php', 'pl', 'r', 'tex', 'ics', 'vcf', 'srt', 'pem', 'key', 'crt',
])

const MIME = {
  text: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  html: 'text/html',
  xml: 'application/xml',
  eml: 'message/rfc822',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  parquet: 'application/vnd.apache.parquet',
  avro: 'application/avro',
  zip: 'application/zip',
  gzip: 'application/gzip',
  tar: 'application/x-tar',
} as const

/** Signatures of formats trawl reads; every other signature is unsupported. */
const READABLE: Partial<Record<string, Format>> = { pdf: 'pdf', zip: 'zip', gzip: 'gzip', tar: 'tar', parquet: 'parquet', avro: 'avro' }

/** Extensions that name a format outright once the content is not binary. */
const BY_EXTENSION: Partial<Record<string, Format>> = {
  csv: 'csv', tsv: 'csv', tab: 'csv', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl',
  htm: 'html', html: 'html', xhtml: 'html', xml: 'xml', eml: 'eml',
}

/** Header fields an RFC 5322 message starts with. */
const MAIL_HEADER = /^(?:return-path|received|from|to|subject|date|message-id|mime-version|delivered-to|x-[a-z-]+|reply-to|dkim-signature|arc-seal|authentication-results):[ \t]/i

function binaryType(head: Uint8Array): string | undefined {
  for (const [name, offset, bytes] of SIGNATURES) {
    if (head.length < offset + bytes.length) continue
    let isMatch = true
    for (let i = 0; i < bytes.length && isMatch; i++) isMatch = head[offset + i] === bytes[i]
    if (isMatch) return name
  }
  return undefined
}

/** JSON Lines when the first non-blank line is a whole object or array and another line starts one. */
function looksLikeJsonLines(text: string): boolean {
  const lines = text.split('\n', 3).map((l) => l.trim())
  const [first, second] = lines.filter((l) => l.length > 0)
  if (first === undefined || second === undefined) return false
  const isWhole = (first.startsWith('{') && first.endsWith('}')) || (first.startsWith('[') && first.endsWith(']'))
  return isWhole && (second.startsWith('{') || second.startsWith('['))
}

/**
 * Decides how to read an object from its head (at least its first SNIFF_BYTES bytes, or all of
 * it) and its lower-case extension; throws UNSUPPORTED_FILE_TYPE_EXCEPTION for binary content.
 * @example
 * sniffFormat(Buffer.from('name,ssn\n'), 'csv') // { format: 'csv', mimeType: 'text/csv' }
 */
export function sniffFormat(head: Uint8Array, extension: string): SniffedFormat {
  const binary = binaryType(head)
  if (binary) {
    let format = READABLE[binary]
    if (!format) throw new ExtractError('UNSUPPORTED_FILE_TYPE_EXCEPTION', `${binary} content is not supported`)
    if (format === 'zip') format = ooxmlKind(head, extension) ?? 'zip'
    return { format, mimeType: MIME[format] }
  }
  if (extension === 'tar' && looksLikeOldTar(head)) return { format: 'tar', mimeType: MIME.tar }
  const sample = head.subarray(0, SNIFF_BYTES)
  const { encoding, bomBytes } = detectEncoding(sample)
  const isUtf16 = encoding === 'utf-16le' || encoding === 'utf-16be'
  if (!isUtf16 && sample.indexOf(0) !== -1) {
    throw new ExtractError('UNSUPPORTED_FILE_TYPE_EXCEPTION', 'binary content (NUL bytes) is not supported')
  }
  if (extension === 'tsv' || extension === 'tab') return { format: 'csv', mimeType: MIME.tsv }
  const named = BY_EXTENSION[extension]
  if (named) return { format: named, mimeType: MIME[named] }
  if (!TEXT_EXTENSIONS.has(extension)) {
    const body = sample.subarray(bomBytes)
    const text = (isUtf16 ? new TextDecoder(encoding).decode(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1')).trimStart()
    if (text.startsWith('{') || text.startsWith('[')) {
      return looksLikeJsonLines(text) ? { format: 'jsonl', mimeType: MIME.jsonl } : { format: 'json', mimeType: MIME.json }
    }
    const markup = markupKind(text)
    if (markup) return { format: markup, mimeType: MIME[markup] }
    if (MAIL_HEADER.test(text) && /\r?\n\r?\n/.test(text) && isHeaderBlock(text)) return { format: 'eml', mimeType: MIME.eml }
  }
  return { format: 'text', mimeType: MIME.text }
}

/** A ZIP that is an Office Open XML document: its part names show in the first local headers. */
function ooxmlKind(head: Uint8Array, extension: string): Format | undefined {
  const names = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1')
  if (names.includes('word/')) return 'docx'
  if (names.includes('xl/')) return 'xlsx'
  if (names.includes('[Content_Types].xml') || names.includes('_rels/')) {
    if (extension === 'docx' || extension === 'docm' || extension === 'dotx') return 'docx'
    if (extension === 'xlsx' || extension === 'xlsm' || extension === 'xltx') return 'xlsx'
  }
  return undefined
}

/** A pre-POSIX tar header: a NUL-padded name, octal mode/size fields and a valid checksum. */
function looksLikeOldTar(head: Uint8Array): boolean {
  if (head.length < 512) return false
  let sum = 0
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : head[i]!
  const stored = parseInt(Buffer.from(head.subarray(148, 156)).toString('latin1').replace(/[\0 ]+$/, ''), 8)
  return stored === sum
}

/** HTML or XML from the first tag of the content. */
function markupKind(text: string): Format | undefined {
  const start = text.slice(0, 512).toLowerCase()
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /^<\?xml[^>]*>\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype html|html)/.test(start)) return 'html'
  if (start.startsWith('<?xml')) return 'xml'
  return undefined
}

/** Every line up to the first blank one is a header field or its folded continuation. */
function isHeaderBlock(text: string): boolean {
  const lines = text.split(/\r?\n/)
  let fields = 0
  for (const line of lines) {
    if (line === '') return fields >= 2
    if (/^[ \t]/.test(line)) continue
    if (!/^[!-9;-~]+:/.test(line)) return false
    fields++
  }
  return false
}
