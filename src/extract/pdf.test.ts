import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { getDocumentProxy } from 'unpdf'
import { corruptPdf, emptyTextPdf, encryptedPdf, inflationBombPdf, multiPagePdf, PDF_USER_PASSWORD, truncatedPdf } from '../../test/fixtures/build/pdf.js'
import { extractPdf } from './pdf.js'
import { DEFAULT_LIMITS, type ExtractLimits, type ObjectInfo, type TextSegment } from './types.js'

function info(limits: Partial<ExtractLimits> = {}): ObjectInfo {
  return { key: 'doc.pdf', size: 0, extension: 'pdf', limits: { ...DEFAULT_LIMITS, ...limits } }
}

/** Streams bytes in 1000-byte chunks, as an object body arrives. */
function body(bytes: Buffer): Readable {
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += 1000) chunks.push(bytes.subarray(i, i + 1000))
  return Readable.from(chunks)
}

async function collect(bytes: Buffer, limits?: Partial<ExtractLimits>): Promise<TextSegment[]> {
  const out: TextSegment[] = []
  for await (const s of extractPdf(body(bytes), info(limits))) out.push(s)
  return out
}

/** The page reported for the first occurrence of `value`, and the line of its segment holding it. */
function find(segments: TextSegment[], value: string): { pageNumber: number; line: string } {
  for (const s of segments) {
    const at = s.text.indexOf(value, s.ownStart)
    if (at < 0 || at >= s.ownEnd!) continue
    const location = s.locate!(at)
    assert.equal(location.kind, 'page')
    const start = s.text.lastIndexOf('\n', at) + 1
    const end = s.text.indexOf('\n', at)
    return { pageNumber: location.kind === 'page' ? location.pageNumber : 0, line: s.text.slice(start, end < 0 ? undefined : end) }
  }
  assert.fail(`${value} not found`)
}

const rejectsWith = (bytes: Buffer, reason: string, message?: RegExp): Promise<void> =>
  assert.rejects(collect(bytes), (err: any) => {
    assert.equal(err.name, 'ExtractError')
    assert.equal(err.reason, reason)
    if (message) assert.match(err.message, message)
    return true
  })

describe('extractPdf', () => {
  it('locates planted values by page number and keeps a label on the line of its value', async () => {
    const segments = await collect(await multiPagePdf())
    assert.deepEqual(find(segments, '536-22-8741'), { pageNumber: 1, line: 'SSN: 536-22-8741' })
    assert.deepEqual(find(segments, '4111 1111 1111 1111'), { pageNumber: 3, line: 'Card 4111 1111 1111 1111' })
    assert.deepEqual(find(segments, 'jane.doe@example.com'), { pageNumber: 3, line: 'Contact jane.doe@example.com' })
    assert.equal(find(segments, 'Nothing to see').pageNumber, 2)
  })

  it('yields one segment per page, each line of the page on a line of its own', async () => {
    const segments = await collect(await multiPagePdf())
    assert.equal(segments.length, 3)
    assert.equal(segments[0]!.text, 'Employee record\nSSN: 536-22-8741\nEnd of page one\n')
    assert.deepEqual(
      segments.map((s) => s.locate!(0)),
      [1, 2, 3].map((pageNumber) => ({ kind: 'page', pageNumber })),
    )
  })

  it('cuts a page longer than a block into several segments of that page', async () => {
    const segments = await collect(await multiPagePdf(), { blockChars: 16 })
    assert.ok(segments.length > 3)
    const own = segments.map((s) => s.text.slice(s.ownStart, s.ownEnd)).join('')
    assert.ok(own.includes('SSN: 536-22-8741\n'))
    assert.ok(segments.every((s) => s.ownEnd! - s.ownStart! <= 16))
    assert.equal(find(segments, 'jane.doe@example.com').pageNumber, 3)
  })

  it('yields nothing for a PDF without text', async () => {
    assert.deepEqual(await collect(await emptyTextPdf()), [])
  })

  it('refuses a decompression bomb before PDF.js inflates it', async () => {
    const bomb = inflationBombPdf(80)
    assert.ok(bomb.length < 1 << 20)
    await rejectsWith(bomb, 'FILE_EXCEEDS_SIZE_LIMIT', /inflates past/)
  })

  it('reads a page whose content stream is large but under the limit', async () => {
    const pages = await collect(inflationBombPdf(2))
    assert.ok(pages.length > 0)
    assert.match(pages[0]!.text, /lorem ipsum dolor sit amet/)
  })

  it('reads a password-protected PDF as UNABLE_TO_PARSE_FILE', async () => {
    await rejectsWith(encryptedPdf(), 'UNABLE_TO_PARSE_FILE', /^password-protected PDF$/)
  })

  it('builds an encrypted fixture that PDF.js opens with its user password', async () => {
    const pdf = await getDocumentProxy(new Uint8Array(encryptedPdf()), { verbosity: 0, password: PDF_USER_PASSWORD })
    try {
      const items = (await (await pdf.getPage(1)).getTextContent()).items
      assert.deepEqual(items.map((i) => ('str' in i ? i.str : '')), ['SSN: 536-22-8741'])
    } finally {
      await pdf.destroy()
    }
  })

  it('reads a corrupt PDF as MALFORMED_FILE', async () => {
    await rejectsWith(await corruptPdf(), 'MALFORMED_FILE')
  })

  it('reads a truncated PDF as MALFORMED_FILE', async () => {
    await rejectsWith(await truncatedPdf(), 'MALFORMED_FILE')
  })

  it('reads an empty object as MALFORMED_FILE', async () => {
    await rejectsWith(Buffer.alloc(0), 'MALFORMED_FILE')
  })

  it('reads bytes that are not a PDF as MALFORMED_FILE', async () => {
    await rejectsWith(Buffer.from('plain text, SSN 536-22-8741\n'), 'MALFORMED_FILE')
  })

  it('stops at maxBufferedBytes with FILE_EXCEEDS_SIZE_LIMIT', async () => {
    const pdf = await multiPagePdf()
    await assert.rejects(collect(pdf, { maxBufferedBytes: pdf.length - 1 }), { name: 'ExtractError', reason: 'FILE_EXCEEDS_SIZE_LIMIT' })
    assert.equal((await collect(pdf, { maxBufferedBytes: pdf.length })).length, 3)
  })

  it('frees the document when the reader stops early', async () => {
    for await (const s of extractPdf(body(await multiPagePdf()), info())) {
      assert.equal(s.locate!(0).kind, 'page')
      break
    }
  })
})
