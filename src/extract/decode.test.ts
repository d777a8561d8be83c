import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { decodeText, detectEncoding, ENCODING_SAMPLE_BYTES, type DetectedEncoding } from './decode.js'

const bytes = (...b: number[]): Buffer => Buffer.from(b)

const cases: Array<[name: string, head: Buffer, expected: DetectedEncoding]> = [
  ['UTF-8 byte order mark', bytes(0xef, 0xbb, 0xbf, 0x41), { encoding: 'utf-8', bomBytes: 3 }],
  ['UTF-16LE byte order mark', bytes(0xff, 0xfe, 0x41, 0x00), { encoding: 'utf-16le', bomBytes: 2 }],
  ['UTF-16BE byte order mark', bytes(0xfe, 0xff, 0x00, 0x41), { encoding: 'utf-16be', bomBytes: 2 }],
  ['UTF-16LE without mark', Buffer.from('name,ssn\n', 'utf16le'), { encoding: 'utf-16le', bomBytes: 0 }],
  ['UTF-16BE without mark', Buffer.from('name,ssn\n', 'utf16le').swap16(), { encoding: 'utf-16be', bomBytes: 0 }],
  ['ASCII', Buffer.from('plain text\n'), { encoding: 'utf-8', bomBytes: 0 }],
  ['valid UTF-8', Buffer.from('café 😀'), { encoding: 'utf-8', bomBytes: 0 }],
  ['invalid UTF-8 (latin1 é)', bytes(0x63, 0x61, 0x66, 0xe9, 0x20), { encoding: 'windows-1252', bomBytes: 0 }],
  ['empty', Buffer.alloc(0), { encoding: 'utf-8', bomBytes: 0 }],
]

async function decodeAll(chunks: Buffer[]): Promise<string> {
  let out = ''
  for await (const s of decodeText(Readable.from(chunks))) out += s
  return out
}

function split(b: Buffer, size: number): Buffer[] {
  const out: Buffer[] = []
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size))
  return out
}

describe('detectEncoding', () => {
  for (const [name, head, expected] of cases) {
    it(name, () => assert.deepEqual(detectEncoding(head, true), expected))
  }

  it('does not mistake a character cut at the end of the sample for invalid UTF-8', () => {
    const head = Buffer.concat([Buffer.alloc(ENCODING_SAMPLE_BYTES - 1, 0x61), Buffer.from('é')])
    assert.equal(head.length, ENCODING_SAMPLE_BYTES + 1)
    assert.equal(detectEncoding(head).encoding, 'utf-8')
    assert.equal(detectEncoding(head.subarray(0, ENCODING_SAMPLE_BYTES)).encoding, 'utf-8')
    assert.equal(detectEncoding(head.subarray(0, ENCODING_SAMPLE_BYTES), true).encoding, 'windows-1252')
  })
})

describe('decodeText', () => {
  const text = 'ascii then café, 😀 and 中文 again\n'.repeat(4)

  for (const size of [1, 2, 3, 5, 64]) {
    it(`joins UTF-8 characters split across ${size}-byte chunks`, async () => {
      assert.equal(await decodeAll(split(Buffer.from(text), size)), text)
    })
    it(`joins UTF-16LE code units split across ${size}-byte chunks`, async () => {
      assert.equal(await decodeAll(split(Buffer.concat([bytes(0xff, 0xfe), Buffer.from(text, 'utf16le')]), size)), text)
    })
  }

  it('decodes large mostly-ASCII chunks piece by piece, characters across piece edges intact', async () => {
    // Multi-byte characters straddle the 16 KiB piece edges inside one 1 MiB chunk.
    const parts: string[] = []
    for (let edge = 16 * 1024; edge < 1024 * 1024; edge += 16 * 1024) parts.push('a'.repeat(16 * 1024 - 2), '😀')
    const big = `${'x'.repeat(ENCODING_SAMPLE_BYTES)}${parts.join('')}é€中`
    assert.equal(await decodeAll([Buffer.from(big)]), big)
    assert.equal(await decodeAll(split(Buffer.from(big), 100_000)), big)
  })

  it('takes the ASCII fast path after a chunk that ends mid-character', async () => {
    const euro = Buffer.from('€')
    const head = Buffer.alloc(ENCODING_SAMPLE_BYTES, 0x61) // decides UTF-8 before the split character
    const a = 'a'.repeat(ENCODING_SAMPLE_BYTES)
    assert.equal(await decodeAll([head, euro.subarray(0, 2), euro.subarray(2), Buffer.from('b')]), a + '€b')
    assert.equal(await decodeAll([head, euro.subarray(0, 2), Buffer.from('b')]), a + '\ufffdb')
    assert.equal(await decodeAll([head, euro.subarray(0, 1), euro.subarray(1, 2), euro.subarray(2)]), a + '€')
  })

  it('keeps reading UTF-8 after the sample and marks invalid bytes', async () => {
    const head = Buffer.alloc(ENCODING_SAMPLE_BYTES, 0x61)
    assert.equal(await decodeAll([head, bytes(0xff, 0x62)]), 'a'.repeat(ENCODING_SAMPLE_BYTES) + '\ufffdb')
  })

  it('maps windows-1252 bytes 0x80–0x9F', async () => {
    assert.equal(await decodeAll([bytes(0x80, 0x20, 0x93, 0x71, 0x94, 0x20, 0x99, 0xe9)]), '€ “q” ™é')
  })

  it('drops a UTF-8 byte order mark', async () => {
    assert.equal(await decodeAll([bytes(0xef, 0xbb), bytes(0xbf, 0x41)]), 'A')
  })
})
