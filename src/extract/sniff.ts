// Tells an object's format from its first bytes, then its extension. Content wins: a PDF named
// .txt is a PDF. Formats without an extractor yet are UNSUPPORTED_FILE_TYPE_EXCEPTION.
import { TextDecoder } from 'node:util'
import { detectEncoding } from './decode.js'
import { ExtractError } from './types.js'

/** The formats the extractors read. */
export type TextFormat = 'text' | 'csv' | 'json' | 'jsonl'

/** What sniffing decided: the format and the MIME type reported for it. */
export interface SniffedFormat {
  readonly format: TextFormat
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
  'rb', 'php', 'pl', 'r', 'tex', 'eml', 'ics', 'vcf', 'srt', 'pem', 'key', 'crt',
])

const MIME = {
  text: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  jsonl: 'application/x-ndjson',
} as const

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
  if (binary) throw new ExtractError('UNSUPPORTED_FILE_TYPE_EXCEPTION', `${binary} content is not supported`)
  const sample = head.subarray(0, SNIFF_BYTES)
  const { encoding, bomBytes } = detectEncoding(sample)
  const isUtf16 = encoding === 'utf-16le' || encoding === 'utf-16be'
  if (!isUtf16 && sample.indexOf(0) !== -1) {
    throw new ExtractError('UNSUPPORTED_FILE_TYPE_EXCEPTION', 'binary content (NUL bytes) is not supported')
  }
  if (extension === 'csv') return { format: 'csv', mimeType: MIME.csv }
  if (extension === 'tsv' || extension === 'tab') return { format: 'csv', mimeType: MIME.tsv }
  if (extension === 'json') return { format: 'json', mimeType: MIME.json }
  if (extension === 'jsonl' || extension === 'ndjson') return { format: 'jsonl', mimeType: MIME.jsonl }
  if (!TEXT_EXTENSIONS.has(extension)) {
    const body = sample.subarray(bomBytes)
    const text = (isUtf16 ? new TextDecoder(encoding).decode(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1')).trimStart()
    if (text.startsWith('{') || text.startsWith('[')) {
      return looksLikeJsonLines(text) ? { format: 'jsonl', mimeType: MIME.jsonl } : { format: 'json', mimeType: MIME.json }
    }
  }
  return { format: 'text', mimeType: MIME.text }
}
