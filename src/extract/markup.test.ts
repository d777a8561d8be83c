import assert from 'node:assert/strict'
import { createReadStream, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { extractHtml, extractXml } from './markup.js'
import { DEFAULT_LIMITS, ExtractError, type Location, type ObjectInfo, type TextSegment } from './types.js'

const fixture = (name: string): string => new URL(`../../test/fixtures/${name}`, import.meta.url).pathname

function info(limits: Partial<ObjectInfo['limits']> = {}): ObjectInfo {
  return { key: 'page.html', size: 0, extension: 'html', limits: { ...DEFAULT_LIMITS, ...limits } }
}

type Extract = typeof extractHtml

async function collect(extract: Extract, body: Readable, limits?: Partial<ObjectInfo['limits']>): Promise<TextSegment[]> {
  const out: TextSegment[] = []
  for await (const s of extract(body, info(limits))) out.push(s)
  return out
}

/** Reads a fixture in 7-byte chunks, so tags, entities and lines are split between chunks. */
const read = (extract: Extract, name: string): Promise<TextSegment[]> => collect(extract, createReadStream(fixture(name), { highWaterMark: 7 }))

const own = (s: TextSegment): string => s.text.slice(s.ownStart, s.ownEnd)

/** Where the n-th occurrence (0-based) of `needle` in the segments' own text is located. */
function locateText(segments: TextSegment[], needle: string, nth = 0): Location {
  let seen = 0
  for (const s of segments) {
    for (let i = s.text.indexOf(needle, s.ownStart); i !== -1 && i < s.ownEnd!; i = s.text.indexOf(needle, i + 1)) {
      if (seen++ === nth) return s.locate!(i)
    }
  }
  throw new Error(`${needle} #${nth} not found`)
}

/** Line and column of the n-th occurrence of `needle` in a source file. */
function sourcePosition(source: string, needle: string, nth = 0): Location {
  let at = -1
  for (let k = 0; k <= nth; k++) at = source.indexOf(needle, at + 1)
  assert.ok(at >= 0, `${needle} #${nth} in the source`)
  const lines = source.slice(0, at).split('\n')
  return { kind: 'line', line: lines.length, column: lines[lines.length - 1]!.length + 1 }
}

const ownText = (segments: TextSegment[]): string => segments.map(own).join('')

describe('extractHtml', () => {
  const source = readFileSync(fixture('html/planted-values.html'), 'utf8')

  it('reads text, attribute values, comments, script and style as a reader sees them', async () => {
    const text = ownText(await read(extractHtml, 'html/planted-values.html'))
    assert.equal(
      text,
      'Customer & card\n    var apiSsn = "536-22-8741";\n  \n.ssn { color: red }\nSSN 536-22-8741\nssn 536-22-8741\n' +
        ' backup card 4111 1111 1111 1111 \nContact:\n     jane.doe@example.com\nPrice €5 <b> SSN 536-22-8741',
    )
  })

  it('locates values at the line and column of the markup they came from', async () => {
    const segments = await read(extractHtml, 'html/planted-values.html')
    const cases: Array<[needle: string, nth: number, line: number, column: number]> = [
      ['536-22-8741', 0, 6, 19], // in a script
      ['536-22-8741', 1, 12, 25], // in a table cell
      ['536-22-8741', 2, 14, 34], // in an attribute value
      ['4111 1111 1111 1111', 0, 15, 20], // in a comment
      ['jane.doe@example.com', 0, 17, 6], // on the line after its label
      ['536-22-8741', 3, 18, 41], // after entities and an inline tag
      ['card', 0, 4, 25], // after an entity in a title
    ]
    for (const [needle, nth, line, column] of cases) {
      assert.deepEqual(locateText(segments, needle, nth), { kind: 'line', line, column }, `${needle} #${nth}`)
    }
    for (const [needle, nth] of cases) assert.deepEqual(locateText(segments, needle, nth), sourcePosition(source, needle, nth), `${needle} #${nth}`)
  })

  it('gives the same text and locations whatever the chunk size', async () => {
    const whole = await collect(extractHtml, Readable.from([Buffer.from(source)]))
    const pieces = await read(extractHtml, 'html/planted-values.html')
    assert.equal(ownText(whole), ownText(pieces))
    for (let i = 0; i < pieces[0]!.text.length; i += 5) assert.deepEqual(pieces[0]!.locate!(i), whole[0]!.locate!(i))
  })

  it('joins runs across inline tags, spaces cells and breaks lines at blocks', async () => {
    const html = '<div>Name<br>Jane</div><table><tr><th>SSN</th><td>5<b>36</b>-22-8741</td></tr></table><p>a</p><p>b</p>'
    const text = ownText(await collect(extractHtml, Readable.from([Buffer.from(html)])))
    assert.equal(text, 'Name\nJane\nSSN 536-22-8741\na\nb')
  })

  it('reads malformed markup without throwing', async () => {
    const segments = await read(extractHtml, 'html/malformed-markup.html')
    const text = ownText(segments)
    assert.match(text, /SSN 536-22-8741/)
    assert.match(text, /4111 1111 1111 1111/)
    assert.match(text, /jane\.doe@example\.com/)
    assert.deepEqual(locateText(segments, 'jane.doe'), { kind: 'line', line: 3, column: 19 })
  })

  it('decodes UTF-16 with a byte order mark and locates in characters', async () => {
    const html = '<p>Café\nSSN <i>536-22-8741</i></p>'
    for (const bom of [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])]) {
      const le = Buffer.from(html, 'utf16le')
      const bytes = bom[0] === 0xff ? le : Buffer.from(le).swap16()
      const segments = await collect(extractHtml, Readable.from([Buffer.concat([bom, bytes])]))
      assert.equal(ownText(segments), 'Café\nSSN 536-22-8741')
      assert.deepEqual(locateText(segments, '536'), { kind: 'line', line: 2, column: 8 })
    }
  })

  it('cuts a 5 MiB single line into blocks that keep their locations', async () => {
    const filler = 'lorem ipsum '.repeat(Math.ceil((5 << 20) / 12))
    const plantAt = [10, 1_048_570, 3_000_001, filler.length - 20]
    let body = filler
    for (const at of plantAt.slice().reverse()) body = body.slice(0, at) + '536-22-8741' + body.slice(at)
    const html = `<html><body><p>${body}</p></body></html>`
    const segments = await collect(extractHtml, Readable.from([Buffer.from(html)]), { blockChars: 1 << 20 })
    assert.ok(segments.length >= 5, `${segments.length} blocks`)
    for (const s of segments) assert.ok(s.ownEnd! - s.ownStart! <= 1 << 20)
    assert.equal(ownText(segments), body)
    for (let n = 0; n < plantAt.length; n++) {
      assert.deepEqual(locateText(segments, '536-22-8741', n), sourcePosition(html, '536-22-8741', n))
    }
    // A value cut by a block boundary is whole in the block it starts in.
    for (const s of segments.slice(0, -1)) assert.ok(s.text.length - s.ownEnd! >= 11)
  })

  it('keeps line numbers right across many small blocks', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<tr><td>row ${i}</td><td class="v">536-22-${String(i).padStart(4, '0')}</td></tr>`)
    const html = `<table>\n${rows.join('\n')}\n</table>\n`
    const segments = await collect(extractHtml, Readable.from([Buffer.from(html)]), { blockChars: 5000 })
    assert.ok(segments.length > 10)
    for (const i of [0, 1, 777, 1500, 2999]) {
      const value = `536-22-${String(i).padStart(4, '0')}`
      assert.deepEqual(locateText(segments, value), sourcePosition(html, value))
    }
  })

  it('yields nothing for an empty object', async () => {
    assert.deepEqual(await collect(extractHtml, Readable.from([])), [])
  })

  it('reads a truncated document up to where it stops', async () => {
    const cut = readFileSync(fixture('html/planted-values.html')).subarray(0, source.indexOf('backup card') + 8)
    const text = ownText(await collect(extractHtml, Readable.from([cut])))
    assert.match(text, /ssn 536-22-8741\n backup/)
  })

  it('reads random bytes without throwing', async () => {
    let seed = 7
    const bytes = Buffer.from(Buffer.alloc(20_000, 0).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff))
    await collect(extractHtml, Readable.from([bytes]))
    await collect(extractXml, Readable.from([bytes]))
  })

  it('stops at a comment longer than maxBufferedBytes with FILE_EXCEEDS_SIZE_LIMIT', async () => {
    const html = Buffer.from(`<p>SSN</p><!-- ${'x'.repeat(50_000)}`)
    const chunks = Array.from({ length: Math.ceil(html.length / 1000) }, (_, i) => html.subarray(i * 1000, (i + 1) * 1000))
    await assert.rejects(
      collect(extractHtml, Readable.from(chunks), { maxBufferedBytes: 10_000 }),
      (err: unknown) => err instanceof ExtractError && err.reason === 'FILE_EXCEEDS_SIZE_LIMIT',
    )
    const text = ownText(await collect(extractHtml, Readable.from(chunks), { maxBufferedBytes: 100_000 }))
    assert.ok(text.endsWith('x'.repeat(10)))
  })
})

describe('extractXml', () => {
  const source = readFileSync(fixture('xml/customers.xml'), 'utf8')

  it('reads element and attribute names, values, CDATA and comments', async () => {
    const text = ownText(await read(extractXml, 'xml/customers.xml'))
    assert.equal(text, 'customers\ncustomer id c-1 ssn 536-22-8741\nname Jane Doe\ncard 4111 1111 1111 1111\n email jane.doe@example.com \nSSN 536-22-8741')
  })

  it('locates values in attributes, CDATA, comments and elements', async () => {
    const segments = await read(extractXml, 'xml/customers.xml')
    assert.deepEqual(locateText(segments, '536-22-8741', 0), { kind: 'line', line: 3, column: 27 })
    assert.deepEqual(locateText(segments, '4111'), { kind: 'line', line: 5, column: 20 })
    assert.deepEqual(locateText(segments, 'jane.doe'), { kind: 'line', line: 6, column: 16 })
    assert.deepEqual(locateText(segments, '536-22-8741', 1), { kind: 'line', line: 7, column: 10 })
    assert.deepEqual(locateText(segments, 'SSN'), { kind: 'line', line: 7, column: 6 })
    for (const [needle, nth] of [['536-22-8741', 0], ['4111', 0], ['jane.doe', 0], ['536-22-8741', 1]] as const) {
      assert.deepEqual(locateText(segments, needle, nth), sourcePosition(source, needle, nth))
    }
  })

  it('reads unclosed elements without throwing', async () => {
    const text = ownText(await collect(extractXml, Readable.from([Buffer.from('<a><b x="1">SSN 536-22-8741<c')])))
    assert.match(text, /SSN 536-22-8741/)
  })
})
