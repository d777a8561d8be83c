import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { chooseExtractor, DEFAULT_LIMITS, ExtractError, extractCsv, extractJson, extractObject, extractText, isEmbedded, type ExtractedItem, type ObjectInfo, type TextSegment } from './index.js'

const fixture = (path: string): string => new URL(`../../test/fixtures/${path}`, import.meta.url).pathname

function info(key: string): ObjectInfo {
  const dot = key.lastIndexOf('.')
  return { key, size: 0, extension: dot < 0 ? '' : key.slice(dot + 1).toLowerCase(), limits: DEFAULT_LIMITS }
}

async function collect(items: AsyncIterable<ExtractedItem>): Promise<TextSegment[]> {
  const out: TextSegment[] = []
  for await (const s of items) if (!isEmbedded(s)) out.push(s)
  return out
}

describe('chooseExtractor', () => {
  it('picks by extension once the content is text', () => {
    assert.equal(chooseExtractor(Buffer.from('a,b\n'), info('x.csv')).extractor, extractCsv)
    assert.equal(chooseExtractor(Buffer.from('{}'), info('x.json')).extractor, extractJson)
    assert.equal(chooseExtractor(Buffer.from('a,b\n'), info('x.txt')).extractor, extractText)
  })
})

describe('size limits per format', () => {
  const cases: Array<[key: string, head: Buffer, size: number, reason: string | null]> = [
    ['notes.txt', Buffer.from('notes'), 20 * 1024 ** 3, null],
    ['notes.txt', Buffer.from('notes'), 20 * 1024 ** 3 + 1, 'FILE_EXCEEDS_SIZE_LIMIT'],
    ['report.pdf', Buffer.from('%PDF-1.7'), 1024 ** 3 + 1, 'FILE_EXCEEDS_SIZE_LIMIT'],
    ['big.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04]), 8 * 1024 ** 3 + 1, 'ARCHIVE_EXCEEDS_SIZE_LIMIT'],
    ['big.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00]), 8 * 1024 ** 3, null],
  ]
  for (const [key, head, size, reason] of cases) {
    it(`${key} of ${size} bytes: ${reason ?? 'read'}`, () => {
      const call = (): unknown => chooseExtractor(head, { ...info(key), size })
      if (reason === null) assert.doesNotThrow(call)
      else assert.throws(call, (err: unknown) => err instanceof ExtractError && err.reason === reason)
    })
  }
})

describe('extractObject', () => {
  it('reports the MIME type before any segment and reads from the first byte', async () => {
    const { mimeType, items: segments } = await extractObject(createReadStream(fixture('csv/header-with-ssn-column.csv'), { highWaterMark: 3 }), info('people.csv'))
    assert.equal(mimeType, 'text/csv')
    const all = await collect(segments)
    assert.equal(all[0]!.text, 'name,ssn,city')
    assert.equal(all[1]!.fields!.count, 5)
  })

  it('reads JSON Lines recognised by content', async () => {
    const body = Readable.from([Buffer.from('{"ssn": "536-22-8741"}\n{"ssn": "219-09-9999"}\n')])
    const { mimeType, items: segments } = await extractObject(body, info('export'))
    assert.equal(mimeType, 'application/x-ndjson')
    const [s] = await collect(segments)
    assert.deepEqual(s!.fields!.location(1), { kind: 'record', recordIndex: 1, jsonPath: '$.ssn' })
  })

  it('reads a large text object whole, across the peeked head', async () => {
    const source = 'line of text\n'.repeat(10_000)
    const chunks = Array.from({ length: 100 }, (_, i) => Buffer.from(source.slice(i * 1300, (i + 1) * 1300)))
    const { mimeType, items: segments } = await extractObject(Readable.from(chunks), info('notes.txt'))
    assert.equal(mimeType, 'text/plain')
    assert.equal((await collect(segments)).map((s) => s.text.slice(s.ownStart, s.ownEnd)).join(''), source)
  })

  it('rejects unsupported content and destroys the body', async () => {
    const body = Readable.from([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('more')])
    await assert.rejects(extractObject(body, info('logo.png')), (err: unknown) => err instanceof ExtractError && err.reason === 'UNSUPPORTED_FILE_TYPE_EXCEPTION')
    assert.equal(body.destroyed, true)
  })
})
