import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { deflateSync } from 'node:zlib'
import { checkPdfStreams } from './pdf-streams.js'
import { ExtractError } from './types.js'

function pdfWith(streams: Array<{ dict: string; data: Buffer }>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')]
  streams.forEach(({ dict, data }, i) => parts.push(Buffer.from(`${i + 1} 0 obj\n<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream\nendobj\n')))
  return Buffer.concat(parts)
}

const flate = (bytes: number): Buffer => deflateSync(Buffer.alloc(bytes, 0x41))
const limits = { maxStreamBytes: 1 << 20, maxTotalBytes: 3 << 20 }
const tooBig = (err: unknown): boolean => err instanceof ExtractError && err.reason === 'FILE_EXCEEDS_SIZE_LIMIT'

describe('checkPdfStreams', () => {
  it('lets through streams under the limits', () => {
    assert.doesNotThrow(() => checkPdfStreams(pdfWith([{ dict: '/Filter /FlateDecode', data: flate(1 << 20) }, { dict: '/Filter /FlateDecode', data: flate(1 << 20) }]), limits))
  })

  it('refuses one stream that inflates past the per-stream limit', () => {
    assert.throws(() => checkPdfStreams(pdfWith([{ dict: '/Filter /FlateDecode', data: flate((1 << 20) + 1) }]), limits), tooBig)
  })

  it('refuses many streams that together inflate past the total', () => {
    const s = { dict: '/Filter [/FlateDecode]', data: flate(900_000) }
    assert.throws(() => checkPdfStreams(pdfWith([s, s, s, s]), limits), tooBig)
  })

  it('does not count images, unfiltered streams or broken streams', () => {
    const image = { dict: '/Type /XObject /Subtype /Image /Filter /FlateDecode', data: flate(2 << 20) }
    const raw = { dict: '', data: Buffer.alloc(2 << 20, 0x42) }
    const broken = { dict: '/Filter /FlateDecode', data: Buffer.from('not deflate at all') }
    assert.doesNotThrow(() => checkPdfStreams(pdfWith([image, raw, broken]), limits))
  })

  it('counts a truncated stream by what it inflates to', () => {
    const data = flate(4 << 20)
    assert.throws(() => checkPdfStreams(pdfWith([{ dict: '/Filter /FlateDecode', data: data.subarray(0, data.length - 20) }]), limits), tooBig)
  })
})
