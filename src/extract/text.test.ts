import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { extractText } from './text.js'
import { DEFAULT_LIMITS, type ObjectInfo, type TextSegment } from './types.js'

const fixture = (name: string): string => new URL(`../../test/fixtures/text/${name}`, import.meta.url).pathname

function info(blockChars = 1 << 20): ObjectInfo {
  return { key: 'notes.txt', size: 0, extension: 'txt', limits: { ...DEFAULT_LIMITS, blockChars } }
}

async function collect(body: Readable, blockChars?: number): Promise<TextSegment[]> {
  const out: TextSegment[] = []
  for await (const s of extractText(body, info(blockChars))) out.push(s)
  return out
}

/** Reads a fixture in 7-byte chunks, so characters and lines are split between chunks. */
const read = (name: string, blockChars?: number): Promise<TextSegment[]> =>
  collect(createReadStream(fixture(name), { highWaterMark: 7 }), blockChars)

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

/** Line and column of source[offset]. */
function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset)
  const lines = before.split('\n')
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 }
}

const own = (s: TextSegment): string => s.text.slice(s.ownStart, s.ownEnd)

/** Checks segments against the source: own parts tile it, contexts and origins are right. */
function assertTiles(segments: TextSegment[], source: string): void {
  assert.equal(segments.map(own).join(''), source)
  let at = 0
  for (const s of segments) {
    const textStart = at - s.ownStart!
    assert.equal(s.text, source.slice(textStart, textStart + s.text.length))
    assert.ok(s.ownStart! <= 4096 && s.text.length - s.ownEnd! <= 4096)
    assert.equal(s.ownStart, Math.min(4096, at))
    assert.deepEqual(s.origin, position(source, textStart))
    at += s.ownEnd! - s.ownStart!
  }
}

describe('extractText', () => {
  it('reads a short file as one segment located at line 1, column 1', async () => {
    const [s, ...rest] = await read('short-notes.txt')
    assert.equal(rest.length, 0)
    assert.equal(s!.text, 'Meeting notes\nSSN on file: 536-22-8741\n\tIndented line\n')
    assert.equal(s!.ownStart, 0)
    assert.equal(s!.ownEnd, s!.text.length)
    assert.deepEqual(locate(s!, s!.text.indexOf('536-22-8741')), { line: 2, column: 14 })
    assert.deepEqual(locate(s!, s!.text.indexOf('Indented')), { line: 3, column: 2 })
  })

  it('counts columns in characters with CRLF line endings', async () => {
    const [s] = await read('crlf-line-endings.txt')
    assert.deepEqual(locate(s!, s!.text.indexOf('536')), { line: 2, column: 9 })
  })

  it('joins UTF-8 characters split between chunks', async () => {
    const [s] = await read('utf8-multibyte.txt')
    assert.equal(s!.text, 'Größe: 42 — café ñandú 😀\nSSN 536-22-8741\n')
  })

  for (const name of ['utf16le-bom.txt', 'utf16be-bom.txt']) {
    it(`decodes ${name} and drops the byte order mark`, async () => {
      const [s] = await read(name)
      assert.equal(s!.text, 'Café résumé\nSSN 536-22-8741 😀\n')
    })
  }

  it('recognises UTF-16LE without a byte order mark', async () => {
    const [s] = await read('utf16le-no-bom.txt')
    assert.equal(s!.text, 'Plain notes\nSSN 536-22-8741\n')
  })

  it('reads text that is not UTF-8 as windows-1252', async () => {
    const [s] = await read('windows-1252-accents.txt')
    assert.equal(s!.text, 'Café costs 5€\nSSN 536-22-8741\n')
  })

  it('yields nothing for an empty object', async () => {
    assert.deepEqual(await collect(Readable.from([])), [])
  })

  it('cuts blocks after a newline near their end, with 4 KiB of context either side', async () => {
    const lines = Array.from({ length: 4000 }, (_, i) => `line ${i} ${'x'.repeat(i % 37)}`)
    const source = lines.join('\n') + '\n'
    const segments = await collect(Readable.from([Buffer.from(source)]), 10_000)
    assert.ok(segments.length > 10)
    assertTiles(segments, source)
    for (const s of segments.slice(0, -1)) {
      assert.ok(own(s).endsWith('\n'), 'cut after a newline')
      assert.ok(s.ownEnd! - s.ownStart! > 10_000 - 4096 && s.ownEnd! - s.ownStart! <= 10_000)
    }
  })

  it('reports a value straddling a cut in exactly one own range, whole', async () => {
    const value = '536-22-8741'
    for (let shift = 0; shift < value.length; shift++) {
      const source = 'a'.repeat(5000 - shift) + value + 'b'.repeat(9000)
      const at = source.indexOf(value)
      const segments = await collect(Readable.from([Buffer.from(source)]), 5000)
      assertTiles(segments, source)
      let base = 0
      const owners = segments.filter((s) => {
        const textStart = base - s.ownStart!
        base += s.ownEnd! - s.ownStart!
        const local = at - textStart
        return local >= s.ownStart! && local < s.ownEnd! && s.text.slice(local, local + value.length) === value
      })
      assert.equal(owners.length, 1, `shift ${shift}`)
    }
  })

  it('cuts a huge single line into blocks, never inside a surrogate pair', async () => {
    const source = 'x' + '😀'.repeat(384 << 10) // 768 Ki characters, 3 MiB of UTF-8, no newline
    const chunks = [Buffer.from(source)].flatMap((b) => Array.from({ length: Math.ceil(b.length / 65536) }, (_, i) => b.subarray(i * 65536, (i + 1) * 65536)))
    const segments = await collect(Readable.from(chunks), 128 << 10)
    assert.equal(segments.length, 7)
    assertTiles(segments, source)
    for (const s of segments) {
      const last = s.text.charCodeAt(s.ownEnd! - 1)
      assert.ok(!(last >= 0xd800 && last <= 0xdbff), 'own part ends on a whole character')
      assert.equal(s.origin!.line, 1)
    }
  })
})
