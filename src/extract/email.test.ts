import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import {
  BINARY_ATTACHMENT,
  CSV_ATTACHMENT,
  FORWARDED_INNER,
  base64HtmlMessage,
  forwardedMessage,
  missingBoundaryMessage,
  multipartMessage,
  namedPartsMessage,
  notAMessage,
} from '../../test/fixtures/build/email.js'
import { extractEmail } from './email.js'
import { DEFAULT_LIMITS, ExtractError, isEmbedded, type ExtractedItem, type Location, type ObjectInfo, type TextSegment } from './types.js'

function info(limits: Partial<ObjectInfo['limits']> = {}): ObjectInfo {
  return { key: 'mail.eml', size: 0, extension: 'eml', limits: { ...DEFAULT_LIMITS, ...limits } }
}

/** An item as the tests compare it: text segments, and attachments read to their end. */
type Read = { kind: 'text'; segment: TextSegment } | { kind: 'file'; path: string; size?: number; bytes?: Buffer; error?: ExtractError }

async function collect(message: Buffer, limits?: Partial<ObjectInfo['limits']>, chunkBytes = 7): Promise<Read[]> {
  const chunks: Buffer[] = []
  for (let i = 0; i < message.length; i += chunkBytes) chunks.push(message.subarray(i, i + chunkBytes))
  const out: Read[] = []
  for await (const item of extractEmail(Readable.from(chunks), info(limits)) as AsyncIterable<ExtractedItem>) {
    if (!isEmbedded(item)) {
      out.push({ kind: 'text', segment: item })
      continue
    }
    const parts: Buffer[] = []
    if (item.body) for await (const c of item.body) parts.push(c as Buffer)
    out.push({ kind: 'file', path: item.path, size: item.size, ...(item.body ? { bytes: Buffer.concat(parts) } : {}), ...(item.error ? { error: item.error } : {}) })
  }
  return out
}

const segments = (items: Read[]): TextSegment[] => items.flatMap((r) => (r.kind === 'text' ? [r.segment] : []))
const files = (items: Read[]): Array<Extract<Read, { kind: 'file' }>> => items.flatMap((r) => (r.kind === 'file' ? [r] : []))

/** Line and column of text[offset] of a segment, by `locate` or counted from its origin. */
function locate(s: TextSegment, offset: number): Location {
  if (s.locate) return s.locate(offset)
  let { line, column } = s.origin!
  for (let i = 0; i < offset; i++) {
    if (s.text[i] === '\n') {
      line++
      column = 1
    } else column++
  }
  return { kind: 'line', line, column }
}

/** Locations of every occurrence of `needle` in the segments' own text, in order. */
function locateAll(items: Read[], needle: string): Array<[line: number, column: number]> {
  const found: Array<[number, number]> = []
  for (const s of segments(items)) {
    const from = s.ownStart ?? 0
    const to = s.ownEnd ?? s.text.length
    for (let i = s.text.indexOf(needle, from); i !== -1 && i < to; i = s.text.indexOf(needle, i + 1)) {
      const loc = locate(s, i)
      assert.equal(loc.kind, 'line')
      if (loc.kind === 'line') found.push([loc.line, loc.column])
    }
  }
  return found
}

const allText = (items: Read[]): string => segments(items).map((s) => s.text.slice(s.ownStart ?? 0, s.ownEnd)).join('\u0000')

describe('extractEmail', () => {
  it('locates values in headers at their raw lines', async () => {
    const items = await collect(multipartMessage())
    const ssn = locateAll(items, '536-22-8741')
    assert.deepEqual(ssn.slice(0, 2), [
      [4, 14], // Subject:
      [5, 17], // X-Customer-SSN:
    ])
    assert.deepEqual(locateAll(items, 'jane.doe@example.com').slice(0, 2), [
      [1, 15],
      [2, 17],
    ])
  })

  it('locates a quoted-printable text/plain body from the line its body starts on', async () => {
    const items = await collect(multipartMessage())
    assert.deepEqual(locateAll(items, '4111 1111 1111 1111'), [[21, 15]])
    // The soft line break joins "536-22-=" and "8741" into one decoded value on line 22.
    assert.deepEqual(locateAll(items, 'SSN: 536-22-8741'), [
      [5, 12], // X-Customer-SSN: 536-22-8741
      [22, 1],
    ])
    assert.match(allText(items), /Card on file: 4111 1111 1111 1111 café\r\n/)
  })

  it('reads a text/html alternative through the markup reader, located in the raw file', async () => {
    const items = await collect(multipartMessage())
    assert.match(allText(items), /SSN 536-22-8741\nContact mailto:jane\.doe@example\.com Jane & co/)
    const ssn = locateAll(items, '536-22-8741')
    assert.deepEqual(ssn.slice(2), [
      [22, 6], // the quoted-printable body
      [29, 28], // <td>536-22-8741</td>
    ])
    assert.deepEqual(locateAll(items, 'mailto:jane.doe@example.com'), [[30, 21]])
  })

  it('reads header blocks of parts and the preamble at their lines', async () => {
    const items = await collect(multipartMessage())
    assert.deepEqual(locateAll(items, 'This is a multi-part message'), [[11, 1]])
    assert.deepEqual(locateAll(items, 'Content-Type: text/html'), [[26, 1]])
  })

  it('yields the attachments as embedded files with their paths, sizes and bytes', async () => {
    const items = await collect(multipartMessage())
    assert.deepEqual(
      files(items).map((f) => [f.path, f.size]),
      [
        ['customers.csv', CSV_ATTACHMENT.length],
        ['attachment-2', BINARY_ATTACHMENT.length],
      ],
    )
    assert.deepEqual(files(items)[0]!.bytes, CSV_ATTACHMENT)
    assert.deepEqual(files(items)[1]!.bytes, BINARY_ATTACHMENT)
    // Attachment contents are not read as the message's text.
    assert.doesNotMatch(allText(items), /name,ssn,email/)
  })

  it('gives the same items whatever the chunk size', async () => {
    const a = await collect(multipartMessage(), {}, 7)
    const b = await collect(multipartMessage(), {}, 1 << 20)
    assert.equal(allText(a), allText(b))
    assert.deepEqual(locateAll(a, '536-22-8741'), locateAll(b, '536-22-8741'))
  })

  it('yields a forwarded message/rfc822 part, byte for byte, as an .eml file', async () => {
    const items = await collect(forwardedMessage())
    assert.deepEqual(files(items).map((f) => [f.path, f.size, f.bytes]), [['attachment-1.eml', FORWARDED_INNER.length, FORWARDED_INNER]])
    assert.deepEqual(locateAll(items, 'See the forwarded'), [[8, 1]])
    assert.doesNotMatch(allText(items), /536-22-8741/)
  })

  it('decodes encoded words in headers and a base64 HTML body, counting its lines from the body start', async () => {
    const items = await collect(base64HtmlMessage())
    assert.match(allText(items), /^Subject: SSN 536-22-8741\r\n/)
    assert.deepEqual(locateAll(items, '536-22-8741'), [
      [1, 14],
      [6, 15],
    ])
    assert.match(allText(items), /Customer\nSSN 536-22-8741/)
  })

  it('names attachments from RFC 2231 parameters, encoded words and the last element of a path', async () => {
    const items = await collect(namedPartsMessage())
    assert.deepEqual(
      files(items).map((f) => [f.path, f.bytes!.toString()]),
      [
        ['résumé.txt', 'SSN 536-22-8741'],
        ['foto.png', 'PNG'],
        ['notes.txt', 'notes with a name'],
      ],
    )
    assert.doesNotMatch(allText(items), /SSN 536-22-8741|notes with a name/)
  })

  it('reads what is not a message as text at its own lines', async () => {
    const items = await collect(notAMessage())
    assert.deepEqual(locateAll(items, '536-22-8741'), [[2, 5]])
    assert.deepEqual(locateAll(items, 'jane.doe@example.com'), [[4, 18]])
    assert.deepEqual(files(items), [])
  })

  it('reads a multipart body whose boundary never appears as text', async () => {
    assert.deepEqual(locateAll(await collect(missingBoundaryMessage()), '536-22-8741'), [[3, 5]])
  })

  it('cuts a long text body into blocks located from its first line', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i} SSN 536-22-${String(i).padStart(4, '0')}`)
    const message = Buffer.from(`Subject: many\r\nContent-Type: text/plain\r\n\r\n${lines.join('\r\n')}\r\n`)
    const items = await collect(message, { blockChars: 2000 })
    assert.ok(segments(items).length > 10)
    for (const i of [0, 1, 999, 1999]) assert.deepEqual(locateAll(items, `536-22-${String(i).padStart(4, '0')}`), [[4 + i, 11 + String(i).length]])
  })

  it('reads deeply nested multiparts without failing', async () => {
    let message = 'Content-Type: text/plain\r\n\r\nSSN 536-22-8741\r\n'
    for (let d = 0; d < 100; d++) message = `Content-Type: multipart/mixed; boundary="b${d}"\r\n\r\n--b${d}\r\n${message}--b${d}--\r\n`
    const items = await collect(Buffer.from(message), {}, 1 << 20)
    assert.equal(locateAll(items, '536-22-8741').length, 1)
  })

  it('reads a truncated message up to where it stops', async () => {
    const whole = multipartMessage()
    const cutInCsv = whole.subarray(0, whole.indexOf('--mixed-boundary\r\nContent-Type: application') - 20)
    const items = await collect(cutInCsv)
    assert.deepEqual(locateAll(items, '4111 1111 1111 1111'), [[21, 15]])
    const csv = files(items)
    assert.equal(csv.length, 1)
    assert.equal(csv[0]!.path, 'customers.csv')
    assert.ok(CSV_ATTACHMENT.subarray(0, 20).equals(csv[0]!.bytes!.subarray(0, 20)))
    const cutInHeaders = whole.subarray(0, whole.indexOf('Date:') + 3)
    assert.deepEqual(locateAll(await collect(cutInHeaders), '536-22-8741'), [
      [4, 14],
      [5, 17],
    ])
  })

  it('reads random bytes without throwing', async () => {
    let seed = 11
    const bytes = Buffer.from(Buffer.alloc(30_000, 0).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff))
    await collect(bytes, {}, 4096)
    const boundaries = Buffer.from('Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Transfer-Encoding: base64\r\nContent-Type: application/pdf\r\n\r\n!!!\r\n--x')
    const items = await collect(Buffer.concat([boundaries, bytes]), {}, 4096)
    assert.equal(files(items)[0]!.path, 'attachment-1.pdf')
  })

  it('yields nothing for an empty object', async () => {
    assert.deepEqual(await collect(Buffer.alloc(0)), [])
  })

  it('rejects a message over maxBufferedBytes with FILE_EXCEEDS_SIZE_LIMIT', async () => {
    await assert.rejects(
      collect(multipartMessage(), { maxBufferedBytes: 500 }),
      (err: unknown) => err instanceof ExtractError && err.reason === 'FILE_EXCEEDS_SIZE_LIMIT',
    )
  })
})
