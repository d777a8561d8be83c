// Guards PDF.js against decompression bombs: a few KiB of FlateDecode can inflate to gigabytes
// of content stream, which PDF.js would hold in memory (outside any heap limit) while it reads
// the page. The streams are inflated once here, counted and dropped, before PDF.js sees the file.
import { inflateSync, constants } from 'node:zlib'
import { ExtractError } from './types.js'

/** Largest inflated stream: no real page content, font or object stream comes near it. */
export const MAX_PDF_STREAM_BYTES = 64 * 1024 * 1024
/** Largest total of inflated streams (images aside) in one PDF. */
export const MAX_PDF_INFLATED_BYTES = 1024 * 1024 * 1024

const STREAM = Buffer.from('stream')
const END = Buffer.from('endstream')
const DICT_LOOKBACK = 4096

/** Limits for `checkPdfStreams`. */
export interface PdfStreamLimits {
  maxStreamBytes: number
  maxTotalBytes: number
}

function isStreamKeyword(pdf: Uint8Array, at: number): boolean {
  // `stream` preceded by whitespace or `>>`, not `endstream`; followed by CRLF, LF or CR.
  const before = at > 0 ? pdf[at - 1]! : 0x20
  if (before === 0x64) return false // 'endstream'
  const after = pdf[at + STREAM.length]
  return after === 0x0a || after === 0x0d
}

/**
 * Inflates every FlateDecode stream that is not an image and throws FILE_EXCEEDS_SIZE_LIMIT
 * when one inflates past `maxStreamBytes`, or all of them past `maxTotalBytes`.
 * @example
 * checkPdfStreams(bytes) // throws on a decompression bomb
 */
export function checkPdfStreams(pdf: Uint8Array, limits: PdfStreamLimits = { maxStreamBytes: MAX_PDF_STREAM_BYTES, maxTotalBytes: MAX_PDF_INFLATED_BYTES }): void {
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)
  let total = 0
  for (let at = buf.indexOf(STREAM); at >= 0; at = buf.indexOf(STREAM, at + STREAM.length)) {
    if (!isStreamKeyword(buf, at)) continue
    const dict = buf.subarray(Math.max(0, at - DICT_LOOKBACK), at).toString('latin1')
    const open = dict.lastIndexOf('<<')
    const header = open >= 0 ? dict.slice(open) : dict
    if (!/\/(?:FlateDecode|Fl)\b/.test(header) || /\/Subtype\s*\/Image\b/.test(header)) continue
    let start = at + STREAM.length
    if (buf[start] === 0x0d) start++
    if (buf[start] === 0x0a) start++
    const end = buf.indexOf(END, start)
    const data = buf.subarray(start, end < 0 ? buf.length : end)
    const room = Math.min(limits.maxStreamBytes, limits.maxTotalBytes - total)
    let inflated: number
    try {
      inflated = inflateSync(data, { maxOutputLength: room + 1, finishFlush: constants.Z_SYNC_FLUSH }).length
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') inflated = room + 1
      else continue // a broken stream is PDF.js's to judge
    }
    if (inflated > room) {
      const which = room === limits.maxStreamBytes ? `a stream inflates past ${limits.maxStreamBytes} bytes` : `its streams inflate past ${limits.maxTotalBytes} bytes`
      throw new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `PDF not read: ${which}`)
    }
    total += inflated
    at = end < 0 ? buf.length : end
  }
}
