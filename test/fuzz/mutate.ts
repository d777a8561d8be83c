// Deterministic mutations of a seed file for the format fuzz test: byte-level damage (flips,
// truncation, inserted, duplicated and deleted chunks) and "lying lengths" written at offsets
// that matter to the format (ZIP and gzip headers, tar size fields, Parquet footer, Avro
// blocks, PDF xref offsets and /Length). It knows the byte layouts, not the extractors.
import { createRng, type Rng } from '../corpus/rng.js'

export { createRng, type Rng }

/** Longest chunk inserted, duplicated or deleted, in bytes. */
const MAX_CHUNK_BYTES = 4096

/** A mutant and what was done to the seed to make it. */
export interface Mutant {
  readonly bytes: Buffer
  /** One line per mutation, e.g. 'bitflip x3 @120,7,1999'. */
  readonly mutations: readonly string[]
}

/** An integer field of the seed: where it is, how wide and in which byte order. */
export interface IntField {
  readonly offset: number
  readonly width: 1 | 2 | 4 | 8
  readonly isBigEndian: boolean
  readonly what: string
}

/** A text field (decimal or octal digits) that states a length or an offset. */
export interface TextField {
  readonly start: number
  readonly end: number
  readonly radix: 8 | 10
  readonly what: string
}

/** Layout fields of a file that are worth lying about. */
export interface Layout {
  readonly ints: IntField[]
  readonly texts: TextField[]
  /** Offsets of Avro zigzag varints (block count, block size). */
  readonly varints: Array<{ offset: number; what: string }>
}

/**
 * Mixes a run seed, a name and a round into one 32-bit PRNG seed (FNV-1a), so that any single
 * mutant can be rebuilt from (seed, name, round) alone.
 * @example
 * const rng = createRng(mutantSeed(1, 'pdf', 17))
 */
export function mutantSeed(seed: number, name: string, round: number): number {
  let h = 0x811c9dc5
  for (const c of `${seed >>> 0}/${name}/${round}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0
  return h
}

function indexesOf(b: Buffer, needle: Buffer | string): number[] {
  const out: number[] = []
  if (needle.length === 0) return out
  for (let i = b.indexOf(needle); i !== -1; i = b.indexOf(needle, i + 1)) out.push(i)
  return out
}

function readVarint(b: Buffer, offset: number): { value: bigint; next: number } | undefined {
  let value = 0n
  for (let i = 0, shift = 0n; i < 10 && offset + i < b.length; i++, shift += 7n) {
    const byte = b[offset + i]!
    value |= BigInt(byte & 0x7f) << shift
    if ((byte & 0x80) === 0) return { value, next: offset + i + 1 }
  }
  return undefined
}

/** Zigzag varint bytes of a (signed) long, as Avro writes it. */
export function zigzagVarint(n: bigint): Buffer {
  let v = BigInt.asUintN(64, (n << 1n) ^ (n >> 63n))
  const out: number[] = []
  do {
    const low = Number(v & 0x7fn)
    v >>= 7n
    out.push(v ? low | 0x80 : low)
  } while (v)
  return Buffer.from(out)
}

/** The Avro header's sync marker: magic, a metadata map of byte strings, then 16 bytes. */
function avroSync(b: Buffer): Buffer | undefined {
  let at = 4
  for (;;) {
    const count = readVarint(b, at)
    if (!count) return undefined
    at = count.next
    let n = BigInt.asIntN(64, (count.value >> 1n) ^ -(count.value & 1n))
    if (n === 0n) break
    if (n < 0n) {
      const size = readVarint(b, at)
      if (!size) return undefined
      at = size.next
      n = -n
    }
    for (let i = 0n; i < n * 2n; i++) {
      const len = readVarint(b, at)
      if (!len) return undefined
      const size = Number((len.value >> 1n) ^ -(len.value & 1n))
      if (size < 0) return undefined
      at = len.next + size
      if (at > b.length) return undefined
    }
  }
  return at + 16 <= b.length ? b.subarray(at, at + 16) : undefined
}

/**
 * Finds the fields of a file that state lengths, counts and offsets: ZIP (and so OOXML) local
 * headers, central directory and its end record; gzip flags, FEXTRA length and trailer; tar
 * size and checksum fields; the Parquet footer length; Avro block counts and sizes; PDF
 * /Length, xref offsets and startxref. Formats are recognised by content, anywhere in the file.
 * @example
 * const layout = findLayout(zipBytes) // layout.ints holds every header's size fields
 */
export function findLayout(b: Buffer): Layout {
  const ints: IntField[] = []
  const texts: TextField[] = []
  const varints: Layout['varints'] = []
  const le = (offset: number, width: IntField['width'], what: string): void => {
    if (offset + width <= b.length) ints.push({ offset, width, isBigEndian: false, what })
  }
  for (const o of indexesOf(b, 'PK\x03\x04')) {
    le(o + 6, 2, 'zip local flags')
    le(o + 8, 2, 'zip local method')
    le(o + 18, 4, 'zip local compressed size')
    le(o + 22, 4, 'zip local size')
    le(o + 26, 2, 'zip local name length')
    le(o + 28, 2, 'zip local extra length')
  }
  for (const o of indexesOf(b, 'PK\x01\x02')) {
    le(o + 10, 2, 'zip central method')
    le(o + 20, 4, 'zip central compressed size')
    le(o + 24, 4, 'zip central size')
    le(o + 28, 2, 'zip central name length')
    le(o + 30, 2, 'zip central extra length')
    le(o + 32, 2, 'zip central comment length')
    le(o + 42, 4, 'zip central local header offset')
  }
  for (const o of indexesOf(b, 'PK\x05\x06')) {
    le(o + 8, 2, 'zip end entries on disk')
    le(o + 10, 2, 'zip end entries')
    le(o + 12, 4, 'zip end directory size')
    le(o + 16, 4, 'zip end directory offset')
    le(o + 20, 2, 'zip end comment length')
  }
  for (const o of indexesOf(b, Buffer.from([0x1f, 0x8b, 0x08]))) {
    le(o + 3, 1, 'gzip flags')
    if ((b[o + 3]! & 4) !== 0) le(o + 10, 2, 'gzip extra length')
  }
  if (b[0] === 0x1f && b[1] === 0x8b && b.length >= 18) {
    le(b.length - 8, 4, 'gzip crc')
    le(b.length - 4, 4, 'gzip size')
  }
  for (const o of indexesOf(b, 'ustar')) {
    const header = o - 257
    if (header < 0 || header % 512 !== 0 || header + 512 > b.length) continue
    texts.push({ start: header + 124, end: header + 135, radix: 8, what: 'tar size' })
    texts.push({ start: header + 148, end: header + 154, radix: 8, what: 'tar checksum' })
    ints.push({ offset: header + 124, width: 8, isBigEndian: true, what: 'tar size (base-256)' })
  }
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'PAR1' && b.subarray(-4).toString('latin1') === 'PAR1') {
    le(b.length - 8, 4, 'parquet footer length')
  }
  if (b.length >= 4 && b.subarray(0, 4).toString('latin1') === 'Obj\x01') {
    const sync = avroSync(b)
    if (sync) {
      for (const o of indexesOf(b, sync)) {
        const count = readVarint(b, o + 16)
        if (!count) continue
        varints.push({ offset: o + 16, what: 'avro block count' })
        if (readVarint(b, count.next)) varints.push({ offset: count.next, what: 'avro block size' })
      }
    }
  }
  const latin = b.toString('latin1')
  // Every pattern captures the number as group 1; the `d` flag gives its offsets.
  const digits = (re: RegExp, what: string): void => {
    for (const m of latin.matchAll(re)) {
      const [start, end] = m.indices![1]!
      texts.push({ start, end, radix: 10, what })
    }
  }
  if (latin.startsWith('%PDF-')) {
    digits(/\/Length (\d+)/dg, 'pdf /Length')
    digits(/(?:^|[\r\n])(\d{10}) \d{5} [nf]/dg, 'pdf xref offset')
    digits(/startxref\s+(\d+)/dg, 'pdf startxref')
    digits(/\/Size (\d+)/dg, 'pdf /Size')
    digits(/\/Count (\d+)/dg, 'pdf /Count')
  }
  return { ints, texts, varints }
}

/** Values worth lying with: zero, one, off by one, sign and width boundaries, the file's length. */
function lie(rng: Rng, original: bigint, width: number, fileLength: number): bigint {
  const max = (1n << BigInt(8 * width)) - 1n
  const candidates = [0n, 1n, original - 1n, original + 1n, original * 2n, max, max >> 1n, (max >> 1n) + 1n, BigInt(fileLength), BigInt(fileLength) + 1n, 0x7fffffffn, 0xffffffffn]
  return BigInt.asUintN(8 * width, rng.pick(candidates))
}

function writeInt(b: Buffer, f: IntField, rng: Rng): string {
  const original = f.width === 1 ? BigInt(b[f.offset]!) : readInt(b, f)
  const value = lie(rng, original, f.width, b.length)
  for (let i = 0; i < f.width; i++) {
    const shift = BigInt(8 * (f.isBigEndian ? f.width - 1 - i : i))
    b[f.offset + i] = Number((value >> shift) & 0xffn)
  }
  return `${f.what} @${f.offset} ${original}→${value}`
}

function readInt(b: Buffer, f: IntField): bigint {
  let v = 0n
  for (let i = 0; i < f.width; i++) v |= BigInt(b[f.offset + i]!) << BigInt(8 * (f.isBigEndian ? f.width - 1 - i : i))
  return v
}

function randomChunk(rng: Rng, length: number): Buffer {
  const b = Buffer.alloc(length)
  const fill = rng.int(0, 3)
  for (let i = 0; i < length; i++) b[i] = fill === 0 ? 0 : fill === 1 ? 0xff : fill === 2 ? 0x41 + (i % 26) : rng.int(0, 255)
  return b
}

function chunkLength(rng: Rng, limit: number): number {
  const max = Math.max(1, Math.min(MAX_CHUNK_BYTES, limit))
  return rng.next() < 0.7 ? rng.int(1, Math.min(64, max)) : rng.int(1, max)
}

/** One mutation applied to `b` (which it may modify in place), returning the new bytes. */
function mutateOnce(b: Buffer, rng: Rng, layout: Layout): { bytes: Buffer; what: string } {
  const kinds = ['bitflip', 'byte', 'truncate', 'insert', 'duplicate', 'delete', 'lie', 'lie', 'lie', 'int'] as const
  const kind = b.length === 0 ? 'insert' : rng.pick(kinds)
  switch (kind) {
    case 'bitflip': {
      const n = rng.int(1, 8)
      const at: number[] = []
      for (let i = 0; i < n; i++) {
        const o = rng.int(0, b.length - 1)
        b[o] = b[o]! ^ (1 << rng.int(0, 7))
        at.push(o)
      }
      return { bytes: b, what: `bitflip x${n} @${at.join(',')}` }
    }
    case 'byte': {
      const o = rng.int(0, b.length - 1)
      const v = rng.pick([0x00, 0xff, rng.int(0, 255)])
      b[o] = v
      return { bytes: b, what: `byte @${o} =0x${v.toString(16)}` }
    }
    case 'truncate': {
      const at = rng.int(0, b.length - 1)
      return { bytes: b.subarray(0, at), what: `truncate @${at}` }
    }
    case 'insert': {
      const at = rng.int(0, b.length)
      const chunk = randomChunk(rng, chunkLength(rng, MAX_CHUNK_BYTES))
      return { bytes: Buffer.concat([b.subarray(0, at), chunk, b.subarray(at)]), what: `insert ${chunk.length} @${at}` }
    }
    case 'duplicate': {
      const from = rng.int(0, b.length - 1)
      const chunk = b.subarray(from, from + chunkLength(rng, b.length - from))
      const at = rng.int(0, b.length)
      return { bytes: Buffer.concat([b.subarray(0, at), chunk, b.subarray(at)]), what: `duplicate ${chunk.length} from @${from} @${at}` }
    }
    case 'delete': {
      const from = rng.int(0, b.length - 1)
      const n = chunkLength(rng, b.length - from)
      return { bytes: Buffer.concat([b.subarray(0, from), b.subarray(from + n)]), what: `delete ${n} @${from}` }
    }
    case 'int':
      return lieAnywhere(b, rng)
    case 'lie':
      return lieOnce(b, rng, layout)
  }
}

/** A huge, zero or off-by-one 2-, 4- or 8-byte integer, either byte order, anywhere. */
function lieAnywhere(b: Buffer, rng: Rng): { bytes: Buffer; what: string } {
  const width = rng.pick([2, 4, 8] as const)
  if (b.length < width) return { bytes: b.subarray(1), what: 'delete 1 @0' }
  const isBigEndian = rng.next() < 0.5
  const f: IntField = { offset: rng.int(0, b.length - width), width, isBigEndian, what: `int${8 * width}${isBigEndian ? 'be' : 'le'}` }
  return { bytes: b, what: writeInt(b, f, rng) }
}

/** A lying length at one of the layout's fields; anywhere when the layout has none. */
function lieOnce(b: Buffer, rng: Rng, layout: Layout): { bytes: Buffer; what: string } {
  const total = layout.ints.length + layout.texts.length + layout.varints.length
  if (total === 0) return lieAnywhere(b, rng)
  let i = rng.int(0, total - 1)
  if (i < layout.ints.length) {
    const f = layout.ints[i]!
    if (f.offset + f.width > b.length) return { bytes: b, what: `${f.what} gone` }
    return { bytes: b, what: writeInt(b, f, rng) }
  }
  i -= layout.ints.length
  if (i < layout.texts.length) {
    const f = layout.texts[i]!
    if (f.end > b.length) return { bytes: b, what: `${f.what} gone` }
    const text = b.subarray(f.start, f.end).toString('latin1')
    const original = BigInt(parseInt(text.trim() || '0', f.radix) || 0)
    const value = lie(rng, original, 8, b.length)
    let digits = value.toString(f.radix)
    // Same width keeps every later offset right: only the stated number lies.
    digits = f.radix === 8 ? digits.padStart(f.end - f.start, '0').slice(-(f.end - f.start)) : rng.next() < 0.5 ? digits : digits.padStart(f.end - f.start, '0').slice(-(f.end - f.start))
    const bytes = Buffer.concat([b.subarray(0, f.start), Buffer.from(digits, 'latin1'), b.subarray(f.end)])
    return { bytes, what: `${f.what} @${f.start} ${text}→${digits}` }
  }
  i -= layout.texts.length
  const v = layout.varints[i]!
  const old = readVarint(b, v.offset)
  if (!old) return { bytes: b, what: `${v.what} gone` }
  const n = BigInt.asIntN(64, (old.value >> 1n) ^ -(old.value & 1n))
  const value = rng.pick([0n, 1n, -1n, n - 1n, n + 1n, -n, BigInt(b.length), 1n << 31n, (1n << 62n) - 1n, -(1n << 62n)])
  const bytes = Buffer.concat([b.subarray(0, v.offset), zigzagVarint(value), b.subarray(old.next)])
  return { bytes, what: `${v.what} @${v.offset} ${n}→${value}` }
}

/**
 * Applies 1–3 mutations to a copy of `seed`, drawn from `rng`; the same rng state gives the
 * same mutant. Lying lengths are written at the fields `findLayout` finds in the seed.
 * @example
 * const { bytes, mutations } = mutate(seedBytes, createRng(mutantSeed(1, 'zip', 0)))
 */
export function mutate(seed: Buffer, rng: Rng, layout: Layout = findLayout(seed)): Mutant {
  let bytes: Buffer = Buffer.from(seed)
  const mutations: string[] = []
  const n = rng.int(1, 3)
  let layoutNow = layout
  for (let i = 0; i < n; i++) {
    const step = mutateOnce(bytes, rng, layoutNow)
    // In-place edits keep every offset; a splice moves them, so the layout is found again.
    if (step.bytes !== bytes) layoutNow = findLayout(step.bytes)
    bytes = step.bytes
    mutations.push(step.what)
  }
  return { bytes, mutations }
}
