// PDF → one text block (or more, for long pages) per page, located by page number. PDF.js (the
// copy bundled with unpdf) reads the whole file, so the object is buffered up to
// `maxBufferedBytes`; each page's text items are joined back into lines in content order.
import type { Readable } from 'node:stream'
import { getResolvedPDFJS } from 'unpdf'
import { checkPdfStreams } from './pdf-streams.js'
import { readAll } from './spool.js'
import { guardStrayRejections } from './stray-rejections.js'
import { segmentText } from './text.js'
import { ExtractError, type ObjectInfo, type TextSegment } from './types.js'

type PdfJs = Awaited<ReturnType<typeof getResolvedPDFJS>>
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>
type TextContent = Awaited<ReturnType<PdfPage['getTextContent']>>

/** A text run as PDF.js reports it (marked-content items, which have no `str`, are skipped). */
interface TextRun {
  str: string
  hasEOL: boolean
  transform: number[]
  height: number
}

const isTextRun = (item: TextContent['items'][number]): item is TextContent['items'][number] & TextRun => 'str' in item

/**
 * A page's text in content order: a run that PDF.js marks as ending a line, or whose successor
 * starts higher or lower (by more than half the text height), is followed by a newline; runs on
 * one baseline are joined as drawn (PDF.js reports the gaps between them as " " runs).
 */
function pageText(items: readonly TextRun[]): string {
  const out: string[] = []
  for (let i = 0; i < items.length; i++) {
    const run = items[i]!
    out.push(run.str)
    const next = items[i + 1]
    if (run.hasEOL || next === undefined) {
      out.push('\n')
      continue
    }
    const y = run.transform[5] ?? 0
    const nextY = next.transform[5] ?? 0
    const tolerance = Math.max(1, Math.min(run.height || 0, next.height || 0) / 2)
    if (Math.abs(nextY - y) > tolerance) out.push('\n')
  }
  return out.join('')
}

async function* once(text: string): AsyncGenerator<string, void, undefined> {
  yield text
}

/** The Macie reason for a PDF.js failure: a password is UNABLE_TO_PARSE_FILE, anything else MALFORMED_FILE. */
function toExtractError(err: unknown): ExtractError {
  if (err instanceof ExtractError) return err
  const name = (err as { name?: unknown } | null)?.name
  if (name === 'PasswordException') return new ExtractError('UNABLE_TO_PARSE_FILE', 'password-protected PDF', { cause: err })
  const detail = err instanceof Error ? err.message : String(err)
  return new ExtractError('MALFORMED_FILE', `PDF could not be read: ${detail}`, { cause: err })
}

/** Opens a PDF from its bytes; a failed load is destroyed before the error is thrown. */
async function openDocument(pdfjs: PdfJs, bytes: Uint8Array): Promise<PdfDocument> {
  // The options unpdf's getDocumentProxy sets, with warnings silenced and no font loading
  // (text extraction needs neither fonts nor eval).
  const task = pdfjs.getDocument({
    data: bytes,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    useSystemFonts: true,
    disableFontFace: true,
    stopAtErrors: false,
  })
  try {
    return await task.promise
  } catch (err) {
    await task.destroy().catch(() => undefined)
    throw err
  }
}

/**
 * Reads a PDF and yields each page's text with `locate` giving its page number (1-based);
 * pages without text yield nothing. A password is UNABLE_TO_PARSE_FILE, a corrupt or truncated
 * file MALFORMED_FILE, one over `maxBufferedBytes` or holding a decompression bomb
 * FILE_EXCEEDS_SIZE_LIMIT.
 * @example
 * for await (const item of extractPdf(body, info)) if (!isEmbedded(item)) detector.detect(item)
 */
export async function* extractPdf(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  guardStrayRejections()
  const pdfjs = await getResolvedPDFJS()
  // PDF.js may take over the bytes it is given: hand it memory of its own, copying only a buffer
  // that shares its memory with others (a slice of a pool).
  const read = await readAll(body, info.limits.maxBufferedBytes, 'PDF', info.size)
  const isOwn = read.byteOffset === 0 && read.byteLength === read.buffer.byteLength
  const bytes = isOwn ? new Uint8Array(read.buffer, 0, read.byteLength) : new Uint8Array(read)
  checkPdfStreams(bytes)
  let doc: PdfDocument
  try {
    doc = await openDocument(pdfjs, bytes)
  } catch (err) {
    throw toExtractError(err)
  }
  try {
    for (let pageNumber = 1; pageNumber <= doc.numPages; pageNumber++) {
      let text: string
      try {
        const page = await doc.getPage(pageNumber)
        try {
          text = pageText((await page.getTextContent()).items.filter(isTextRun))
        } finally {
          page.cleanup()
        }
      } catch (err) {
        throw toExtractError(err)
      }
      if (text.trim() === '') continue
      const locate = (): { kind: 'page'; pageNumber: number } => ({ kind: 'page', pageNumber })
      for await (const s of segmentText(once(text), info.limits.blockChars)) {
        yield { text: s.text, ownStart: s.ownStart, ownEnd: s.ownEnd, locate }
      }
    }
  } finally {
    await doc.destroy().catch(() => undefined)
  }
}
