import assert from 'node:assert/strict'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import {
  BAD_XML_DOCX_BODY,
  badXmlDocx,
  corruptDocx,
  docxFromParts,
  largeDocx,
  lyingSizeDocx,
  noDocumentDocx,
  paddedDocx,
  paragraph,
  ratioBombDocx,
  SAMPLE_DOCX_LINES,
  sampleDocx,
  singleParagraphDocx,
  truncatedDocx,
  wordXml,
} from '../../test/fixtures/build/docx.js'
import { extractDocx } from './docx.js'
import { DEFAULT_LIMITS, type ExtractLimits, type ObjectInfo, type TextSegment } from './types.js'

function info(limits: Partial<ExtractLimits> = {}, tempDir?: string): ObjectInfo {
  return { key: 'file.docx', size: 0, extension: 'docx', limits: { ...DEFAULT_LIMITS, ...limits }, tempDir }
}

/** Streams bytes in 1 MiB chunks, as an object body arrives. */
function body(bytes: Buffer): Readable {
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += 1 << 20) chunks.push(bytes.subarray(i, i + (1 << 20)))
  return Readable.from(chunks)
}

async function collect(bytes: Buffer, limits?: Partial<ExtractLimits>, tempDir?: string): Promise<TextSegment[]> {
  const out: TextSegment[] = []
  for await (const s of extractDocx(body(bytes), info(limits, tempDir))) out.push(s)
  return out
}

const own = (s: TextSegment): string => s.text.slice(s.ownStart, s.ownEnd)

/** Line and column of text[offset], counted from the segment's origin. */
function locate(s: TextSegment, offset: number): { line: number; column: number } {
  let { line, column } = s.origin!
  for (let i = 0; i < offset; i++) {
    if (s.text[i] === '\n') {
      line++
      column = 1
    } else column++
  }
  return { line, column }
}

/** Line and column of every occurrence of `value` in the segments' own ranges. */
function occurrences(segments: TextSegment[], value: string): Array<{ line: number; column: number }> {
  const out: Array<{ line: number; column: number }> = []
  for (const s of segments) {
    for (let at = s.text.indexOf(value, s.ownStart); at >= 0 && at < s.ownEnd!; at = s.text.indexOf(value, at + 1)) out.push(locate(s, at))
  }
  return out
}

const rejectsWith = (promise: Promise<unknown>, reason: string): Promise<void> => assert.rejects(promise, { name: 'ExtractError', reason })

describe('extractDocx', () => {
  it('resolves namespaces by URI, whatever the prefix, default namespaces and redeclarations included', async () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
    const xml =
      `<?xml version="1.0"?><doc:document xmlns:doc="${W}"><doc:body>` +
      `<doc:p><doc:r><doc:t>first 536-22-8741</doc:t></doc:r></doc:p>` +
      `<p xmlns="${W}"><r><t>second</t></r></p>` +
      `<doc:p xmlns:doc="urn:other"><doc:r><doc:t>not Word text</doc:t></doc:r></doc:p>` +
      `<doc:p><doc:r><doc:t>third</doc:t></doc:r></doc:p>` +
      `</doc:body></doc:document>`
    const segments = await collect(docxFromParts({ 'word/document.xml': xml }))
    assert.equal(segments.map(own).join(''), 'first 536-22-8741\nsecond\nthird\n')
  })

  it('reads paragraphs, table rows, tabs, breaks and deleted text as lines, body first then header to comments', async () => {
    const segments = await collect(sampleDocx())
    assert.equal(segments.length, 1)
    assert.equal(segments.map(own).join(''), SAMPLE_DOCX_LINES.map((l) => `${l}\n`).join(''))
    assert.deepEqual(segments[0]!.origin, { line: 1, column: 1 })
  })

  it('locates planted values by line and column across parts', async () => {
    const segments = await collect(sampleDocx())
    assert.deepEqual(occurrences(segments, '536-22-8741'), [
      { line: 4, column: 10 }, // table cell under "SSN"
      { line: 8, column: 5 }, // deleted text
      { line: 9, column: 8 }, // non-breaking hyphens
    ])
    assert.deepEqual(occurrences(segments, 'SSN'), [{ line: 3, column: 6 }])
    assert.deepEqual(occurrences(segments, '4111 1111 1111 1111'), [{ line: 6, column: 6 }])
    assert.deepEqual(occurrences(segments, 'jane.doe@example.com'), [{ line: 11, column: 9 }]) // header1.xml
    assert.deepEqual(occurrences(segments, 'Reviewer note'), [{ line: 16, column: 1 }]) // comments.xml, last
  })

  it('counts lines across blocks when the text is cut into several segments', async () => {
    const segments = await collect(sampleDocx(), { blockChars: 40 })
    assert.ok(segments.length > 3)
    assert.equal(segments.map(own).join(''), SAMPLE_DOCX_LINES.map((l) => `${l}\n`).join(''))
    assert.deepEqual(occurrences(segments, 'jane.doe@example.com'), [{ line: 11, column: 9 }])
    assert.deepEqual(occurrences(segments, 'Reviewer note'), [{ line: 16, column: 1 }])
  })

  it('decodes entities and CDATA', async () => {
    const [s] = await collect(singleParagraphDocx('Tom &amp; Jerry &lt;SSN&gt; <![CDATA[536-22-8741]]>'))
    assert.equal(s!.text, 'Tom & Jerry <SSN> 536-22-8741\n')
  })

  it('yields nothing for a document without text', async () => {
    assert.deepEqual(await collect(docxFromParts({ 'word/document.xml': wordXml('document', '<w:body><w:sectPr/></w:body>') })), [])
  })

  it('reads a file too large for memory from its spill file, and removes it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trawl-docx-test-'))
    try {
      const segments = await collect(largeDocx(), {}, dir)
      assert.deepEqual(occurrences(segments, '536-22-8741'), [{ line: 1, column: 14 }])
      assert.deepEqual(await readdir(dir), [])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('removes the spill file when the reader stops early', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trawl-docx-test-'))
    try {
      for await (const s of extractDocx(body(largeDocx()), info({}, dir))) {
        assert.equal(s.origin!.line, 1)
        break
      }
      assert.deepEqual(await readdir(dir), [])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('decodes a part written in UTF-16 with a byte order mark', async () => {
    const xml = wordXml('document', `<w:body>${paragraph('Größe SSN 536-22-8741')}</w:body>`).replace('UTF-8', 'UTF-16')
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')])
    const [s] = await collect(docxFromParts({ 'word/document.xml': new Uint8Array(utf16) }))
    assert.equal(s!.text, 'Größe SSN 536-22-8741\n')
  })

  it('reads a small part that compresses very well (under 1 MiB, no ratio check)', async () => {
    assert.deepEqual(occurrences(await collect(paddedDocx(400 * 1024)), '536-22-8741'), [{ line: 1, column: 5 }])
  })

  it('stops at a part larger than maxOoxmlPartBytes uncompressed', async () => {
    await rejectsWith(collect(sampleDocx(), { maxOoxmlPartBytes: 1000 }), 'OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT')
  })

  it('stops at a ratio bomb before inflating it', async () => {
    await rejectsWith(collect(ratioBombDocx()), 'OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT')
  })

  it('checks the bytes inflated too when the sizes in the ZIP are wrong', async () => {
    // Both headers claim 1 MiB for a part that inflates to 8 MiB: the ratio check passes, inflating stops.
    const understated = lyingSizeDocx(4 * 1024 * 1024, 1024 * 1024)
    await rejectsWith(collect(understated), 'MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT')
  })

  it('reads a corrupt file as MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT', async () => {
    await rejectsWith(collect(corruptDocx()), 'MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT')
  })

  it('reads a truncated file as MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT', async () => {
    await rejectsWith(collect(truncatedDocx()), 'MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT')
  })

  it('reads an empty object as MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT', async () => {
    await rejectsWith(collect(Buffer.alloc(0)), 'MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT')
  })

  it('reads a ZIP without word/document.xml as MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT', async () => {
    await rejectsWith(collect(noDocumentDocx()), 'MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT')
  })

  it('yields the body, then fails on a header part that is not well-formed', async () => {
    const seen: string[] = []
    await rejectsWith(
      (async () => {
        for await (const s of extractDocx(body(badXmlDocx()), info({ blockChars: 1000 }))) seen.push(own(s))
      })(),
      'MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT',
    )
    assert.ok(seen.length > 0)
    assert.ok(BAD_XML_DOCX_BODY.map((l) => `${l}\n`).join('').startsWith(seen.join('')))
  })

  it('keeps the lines of a header part after the body when the body is read in pieces', async () => {
    const doc = docxFromParts({
      'word/document.xml': wordXml('document', `<w:body>${paragraph('one')}${paragraph('two')}</w:body>`),
      'word/header10.xml': wordXml('hdr', paragraph('header ten')),
      'word/header2.xml': wordXml('hdr', paragraph('header two')),
    })
    const segments = await collect(doc)
    assert.equal(segments.map(own).join(''), 'one\ntwo\nheader two\nheader ten\n')
  })
})
