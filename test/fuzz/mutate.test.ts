import assert from 'node:assert/strict'
import { gzipSync } from 'node:zlib'
import { describe, it } from 'node:test'
import { zipSync } from 'fflate'
import { createRng, findLayout, mutantSeed, mutate, zigzagVarint, type Layout } from './mutate.js'
import { buildSeeds } from './seeds.js'

const seeds = new Map((await buildSeeds()).map((s) => [s.name, s.bytes]))
const seed = (name: string): Buffer => seeds.get(name)!

const intAt = (b: Buffer, layout: Layout, what: string): number[] =>
  layout.ints.filter((f) => f.what === what).map((f) => (f.width === 1 ? b[f.offset]! : f.width === 2 ? b.readUInt16LE(f.offset) : b.readUInt32LE(f.offset)))

const textAt = (b: Buffer, layout: Layout, what: string): number[] =>
  layout.texts.filter((f) => f.what === what).map((f) => parseInt(b.subarray(f.start, f.end).toString('latin1'), f.radix))

describe('mutate', () => {
  it('makes the same mutant from the same seed, and another from another round', () => {
    const pdf = seed('pdf')
    const a = mutate(pdf, createRng(mutantSeed(7, 'pdf', 3)))
    const b = mutate(pdf, createRng(mutantSeed(7, 'pdf', 3)))
    assert.deepEqual(a, b)
    const others = [4, 5, 6, 7].map((r) => mutate(pdf, createRng(mutantSeed(7, 'pdf', r))).bytes)
    assert.ok(others.some((o) => !o.equals(a.bytes)))
  })

  it('mixes the run seed, the name and the round into the PRNG seed', () => {
    const all = [mutantSeed(1, 'zip', 0), mutantSeed(2, 'zip', 0), mutantSeed(1, 'tar', 0), mutantSeed(1, 'zip', 1)]
    assert.equal(new Set(all).size, all.length)
  })

  it('applies one to three mutations, leaves the seed alone and keeps mutants small', () => {
    const zip = seed('zip')
    const copy = Buffer.from(zip)
    let changed = 0
    for (let round = 0; round < 300; round++) {
      const m = mutate(zip, createRng(mutantSeed(1, 'zip', round)))
      assert.ok(m.mutations.length >= 1 && m.mutations.length <= 3, m.mutations.join('; '))
      assert.ok(m.bytes.length <= zip.length + 3 * 4096 * 2)
      if (!m.bytes.equals(zip)) changed++
    }
    assert.deepEqual(zip, copy)
    assert.ok(changed > 280, `${changed} of 300 mutants differ from the seed`)
  })

  it('uses every kind of mutation, lying lengths at the format fields included', () => {
    const kinds = new Set<string>()
    for (let round = 0; round < 500; round++) {
      for (const what of mutate(seed('zip'), createRng(mutantSeed(2, 'zip', round))).mutations) kinds.add(what.split(/ x| @| \d/)[0]!)
    }
    for (const k of ['bitflip', 'byte', 'truncate', 'insert', 'duplicate', 'delete', 'zip local compressed size', 'zip central local header offset', 'zip end directory offset']) {
      assert.ok(kinds.has(k), `${k} in ${[...kinds].join(', ')}`)
    }
    assert.ok([...kinds].some((k) => /^int(16|32|64)(le|be)$/.test(k)))
  })

  it('mutates an empty file by inserting', () => {
    const m = mutate(Buffer.alloc(0), createRng(1))
    assert.ok(m.bytes.length > 0)
  })
})

describe('findLayout', () => {
  it('finds the size fields of ZIP local headers, central directory and end record', () => {
    const data = Buffer.from('x'.repeat(300))
    const zip = Buffer.from(zipSync({ 'a.txt': [data, { level: 0 }] }))
    const layout = findLayout(zip)
    assert.deepEqual(intAt(zip, layout, 'zip local size'), [300])
    assert.deepEqual(intAt(zip, layout, 'zip local compressed size'), [300])
    assert.deepEqual(intAt(zip, layout, 'zip central size'), [300])
    assert.deepEqual(intAt(zip, layout, 'zip central local header offset'), [0])
    assert.deepEqual(intAt(zip, layout, 'zip end entries'), [1])
    assert.deepEqual(intAt(zip, layout, 'zip end directory offset'), [zip.indexOf('PK\x01\x02')])
  })

  it('finds gzip flags, FEXTRA length and trailer size', () => {
    const gz = gzipSync('hello')
    const layout = findLayout(gz)
    assert.deepEqual(intAt(gz, layout, 'gzip flags'), [0])
    assert.deepEqual(intAt(gz, layout, 'gzip size'), [5])
    const withExtra = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 3, 2, 0, 0x41, 0x70]), gz.subarray(10)])
    assert.deepEqual(intAt(withExtra, findLayout(withExtra), 'gzip extra length'), [2])
  })

  it('finds every tar header size field (octal text at 124)', () => {
    const tar = seed('tar')
    assert.deepEqual(textAt(tar, findLayout(tar), 'tar size'), [Buffer.byteLength('name,ssn,email\nJane Doe,536-22-8741,jane.doe@example.com\nJohn Roe,,john.roe@example.com\n'), 25])
  })

  it('finds the Parquet footer length', () => {
    const parquet = seed('parquet')
    const [length] = intAt(parquet, findLayout(parquet), 'parquet footer length')
    assert.equal(length, parquet.readUInt32LE(parquet.length - 8))
    assert.ok(length! > 0 && length! < parquet.length)
  })

  it('finds each Avro block count and size after a sync marker', () => {
    const avro = seed('avro')
    const layout = findLayout(avro)
    const counts = layout.varints.filter((v) => v.what === 'avro block count')
    // Five records, two a block: blocks of 2, 2 and 1 (zigzag: 4, 4, 2).
    assert.deepEqual(counts.map((v) => avro[v.offset]), [4, 4, 2])
    assert.equal(layout.varints.filter((v) => v.what === 'avro block size').length, 3)
  })

  it('finds PDF /Length values, xref offsets and startxref', () => {
    const pdf = seed('pdf')
    const layout = findLayout(pdf)
    const latin = pdf.toString('latin1')
    const [startxref] = textAt(pdf, layout, 'pdf startxref')
    assert.ok(latin.startsWith('xref', startxref))
    const offsets = textAt(pdf, layout, 'pdf xref offset').filter((o) => o > 0)
    assert.ok(offsets.length > 3 && offsets.every((o) => /^\d+ 0 obj/.test(latin.slice(o, o + 12))))
    assert.ok(textAt(pdf, layout, 'pdf /Length').length > 0)
  })
})

describe('zigzagVarint', () => {
  it("encodes longs as Avro's zigzag varints", () => {
    const cases: Array<[bigint, number[]]> = [
      [0n, [0]],
      [-1n, [1]],
      [1n, [2]],
      [63n, [0x7e]],
      [64n, [0x80, 0x01]],
      [-(1n << 63n), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
    ]
    for (const [n, bytes] of cases) assert.deepEqual([...zigzagVarint(n)], bytes, String(n))
  })
})
