import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { readAll, spool } from './spool.js'
import { ExtractError } from './types.js'

const chunks = (n: number, size: number): Buffer[] => Array.from({ length: n }, (_, i) => Buffer.alloc(size, 0x61 + i))
const tooBig = (err: unknown): boolean => err instanceof ExtractError && err.reason === 'FILE_EXCEEDS_SIZE_LIMIT'

describe('readAll', () => {
  const whole = Buffer.concat(chunks(4, 1000))
  for (const expected of [0, 4000, 2500, 9000]) {
    it(`reads every byte in order when ${expected || 'no'} size is expected`, async () => {
      assert.deepEqual(await readAll(Readable.from(chunks(4, 1000)), 10_000, 'x', expected), whole)
    })
  }

  it('gives a buffer of its own when it knows the size', async () => {
    const b = await readAll(Readable.from(chunks(4, 1000)), 10_000, 'x', 4000)
    assert.equal(b.buffer.byteLength, 4000)
  })

  it('stops past the limit and destroys the stream', async () => {
    const body = Readable.from(chunks(4, 1000))
    await assert.rejects(readAll(body, 3500, 'x', 3000), tooBig)
    assert.equal(body.destroyed, true)
  })
})

describe('spool', () => {
  it('keeps a small object in memory and reads ranges of it', async () => {
    const s = await spool(Readable.from(chunks(3, 100)), { maxBytes: 1000 })
    assert.ok(s.buffer)
    assert.deepEqual(await s.read(150, 250), Buffer.concat([Buffer.alloc(50, 0x62), Buffer.alloc(50, 0x63)]))
    await s.close()
  })

  it('spills a large object to a file it removes on close', async () => {
    const s = await spool(Readable.from(chunks(3, 100)), { maxBytes: 1000, memoryBytes: 150 })
    assert.ok(s.path && existsSync(s.path))
    assert.equal(s.size, 300)
    assert.deepEqual(await s.read(290, 400), Buffer.alloc(10, 0x63))
    await s.close()
    assert.equal(existsSync(s.path), false)
  })

  it('stops past the limit', async () => {
    await assert.rejects(spool(Readable.from(chunks(3, 100)), { maxBytes: 250, memoryBytes: 150 }), tooBig)
  })
})
