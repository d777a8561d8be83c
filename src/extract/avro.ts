// Apache Avro object container files → record fields: each string or number leaf of a record,
// with its field and map key names as labels and Macie's record location (record index across
// the file + JSONPath). Owns the container (header, blocks, sync markers, the null, deflate and
// snappy codecs), its limits and its failure reasons; records are decoded by avsc's types, one
// block at a time. Knows nothing of what is detected.
import type { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { inflateRaw } from 'node:zlib'
import avro from 'avsc'
import { snappyUncompress } from 'hyparquet'
import { FieldBatch, PathNode } from './fields.js'
import { bytesText, dateText, decimalText, floatText, numberText, signedBigEndian, timestampText } from './parquet.js'
import { ExtractError, type ObjectInfo, type TextSegment } from './types.js'

/** Largest Avro file analysed (Macie: 8 GB). */
export const MAX_AVRO_BYTES = 8 * 1024 ** 3
/** A header (schema and metadata) larger than this is taken for a broken one. */
export const MAX_AVRO_HEADER_BYTES = 16 * 1024 * 1024

const MAGIC = Buffer.from('Obj\x01', 'latin1')
const SYNC_BYTES = 16
/** An Avro long takes at most 10 bytes as a zigzag varint. */
const MAX_LONG_BYTES = 10
/**
 * Array and map items one block may hold beyond one a byte: items of types that take no bytes
 * (null, an empty record) are the only ones that can outnumber the block's bytes.
 */
const FREE_ITEMS = 1 << 16
/** The code of zlib's error past `maxOutputLength`, used for snappy too. */
const TOO_LARGE = 'ERR_BUFFER_TOO_LARGE'

const inflate = promisify(inflateRaw)

/** CRC-32 (IEEE, as zlib), which Avro's snappy codec appends to every block. */
const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c
})

function crc32(bytes: Uint8Array): number {
  let c = -1
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ -1) >>> 0
}

/**
 * Avro's snappy block: raw snappy, then the CRC-32 of the uncompressed bytes, big-endian (Avro
 * specification, "Object Container Files", snappy codec).
 */
function unsnappy(block: Buffer, maxBytes: number): Buffer {
  if (block.length < 5) throw new Error('snappy block too short')
  const input = block.subarray(0, block.length - 4)
  let length = 0
  for (let i = 0, shift = 0; ; i++, shift += 7) {
    if (i >= input.length || i > 4) throw new Error('snappy length unreadable')
    length += (input[i]! & 0x7f) * 2 ** shift
    if (input[i]! < 0x80) break
  }
  if (length > maxBytes) throw Object.assign(new RangeError(`snappy block over ${maxBytes} bytes uncompressed`), { code: TOO_LARGE })
  const output = Buffer.alloc(length)
  snappyUncompress(input, output)
  if (crc32(output) !== block.readUInt32BE(block.length - 4)) throw new Error('snappy block checksum mismatch')
  return output
}

type Codec = (block: Buffer, maxBytes: number) => Promise<Buffer>

const CODECS = new Map<string, Codec>([
  ['null', (block) => Promise.resolve(block)],
  ['deflate', (block, maxBytes) => inflate(block, { maxOutputLength: maxBytes })],
  ['snappy', (block, maxBytes) => Promise.resolve().then(() => unsnappy(block, maxBytes))],
])

/** Longs as bigints: avsc's own long type refuses those past 2^53 ("potential precision loss"). */
export const BIG_LONG = avro.types.LongType.__with({
  fromBuffer: (b: Buffer) => b.readBigInt64LE(0),
  toBuffer: (n: bigint) => {
    const b = Buffer.alloc(8)
    b.writeBigInt64LE(BigInt(n))
    return b
  },
  fromJSON: (v: number | string) => BigInt(v),
  toJSON: (n: bigint) => Number(n),
  isValid: (v: unknown) => typeof v === 'bigint',
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
})

/** A logical type read as text; writing is not supported (files are only read). */
abstract class TextLogicalType extends avro.types.LogicalType {
  protected override _toValue(): never {
    throw new Error('read only')
  }
}

class DecimalText extends TextLogicalType {
  private readonly scale: number
  constructor(schema: avro.Schema, opts?: unknown) {
    super(schema, opts)
    this.scale = Number((schema as { scale?: unknown }).scale ?? 0)
  }
  protected override _fromValue(value: Buffer): string {
    return decimalText(signedBigEndian(value), this.scale)
  }
}

class DateLogical extends TextLogicalType {
  protected override _fromValue(days: number): string {
    return dateText(days)
  }
}

/** Timestamps: 'timestamp-millis', 'local-timestamp-micros', …, by their unit and zone. */
function timestampType(perSecond: bigint, isUtc: boolean): new (schema: avro.Schema, opts?: unknown) => avro.types.LogicalType {
  return class extends TextLogicalType {
    protected override _fromValue(units: bigint): string {
      return timestampText(units, perSecond, isUtc)
    }
  }
}

const LOGICAL_TYPES = {
  decimal: DecimalText,
  date: DateLogical,
  'timestamp-millis': timestampType(1000n, true),
  'timestamp-micros': timestampType(1_000_000n, true),
  'timestamp-nanos': timestampType(1_000_000_000n, true),
  'local-timestamp-millis': timestampType(1000n, false),
  'local-timestamp-micros': timestampType(1_000_000n, false),
  'local-timestamp-nanos': timestampType(1_000_000_000n, false),
}

/** A float in the fewest digits that read back as the same float (avsc widens it to a double). */
class FloatText extends TextLogicalType {
  protected override _fromValue(n: number): string | undefined {
    return floatText(n)
  }
}

const typeOf = (schema: unknown): unknown =>
  typeof schema === 'string' ? schema : typeof schema === 'object' && schema !== null ? (schema as { type?: unknown }).type : undefined

/** The part of avsc's Tap (its read cursor) that a type's `_read` uses. */
interface Tap {
  readonly buf: Buffer
  pos: number
  readLong(): number
  skipLong(): void
  readString(): string | undefined
}

/** An avsc type seen from inside: the method `decode` calls, once per value. */
interface ReadableType {
  _read(tap: Tap): unknown
}

/** Array and map items left to the block being decoded (see FREE_ITEMS). */
interface ItemBudget {
  items: number
}

/**
 * The item count of the next array or map batch (0 at the end), spent from `budget`. avsc
 * allocates and loops over a batch's count as written, before it knows whether the block holds
 * that many items: a damaged count (2^62) would hang it or run it out of memory.
 */
function batchCount(tap: Tap, budget: ItemBudget): number {
  let n = tap.readLong()
  if (n === 0 || tap.pos > tap.buf.length) return 0
  if (n < 0) {
    n = -n
    tap.skipLong() // the batch's size in bytes
  }
  budget.items -= n
  if (!(budget.items >= 0)) throw new Error(`an array or map of ${n} items is longer than its block`)
  return n
}

/** The avsc array and map types of one file, whose readers spend item counts from `budget`. */
function boundedCollections(budget: ItemBudget): { Array: typeof avro.types.ArrayType; Map: typeof avro.types.MapType } {
  class BoundedArray extends avro.types.ArrayType {
    _read(tap: Tap): unknown[] {
      const items = this.itemsType as unknown as ReadableType
      const values: unknown[] = []
      for (let n = batchCount(tap, budget); n > 0; n = batchCount(tap, budget)) {
        for (let i = 0; i < n; i++) values.push(items._read(tap))
      }
      return values
    }
  }
  /** Maps are read into objects without a prototype, so that a key `__proto__` is a key like any other. */
  class BoundedMap extends avro.types.MapType {
    _read(tap: Tap): Record<string, unknown> {
      const values = this.valuesType as ReadableType
      const map = Object.create(null) as Record<string, unknown>
      for (let n = batchCount(tap, budget); n > 0; n = batchCount(tap, budget)) {
        for (let i = 0; i < n; i++) {
          const key = tap.readString() ?? ''
          map[key] = values._read(tap)
        }
      }
      return map
    }
  }
  return { Array: BoundedArray, Map: BoundedMap }
}

/**
 * The writer's schema as avsc reads it here: bigint longs, floats in their shortest form, logical
 * types as text. Longs and floats are hooked wherever they are declared (`"long"`,
 * `{"type": "long"}`); a type built here over one asks for its underlying type again with the
 * same schema object, which the hook then leaves to avsc.
 */
function readType(schema: avro.Schema, budget: ItemBudget): avro.Type {
  const collections = boundedCollections(budget)
  const building = new WeakSet<object>()
  const build = (s: object, make: () => avro.Type, fallback: avro.Type | undefined): avro.Type | undefined => {
    building.add(s)
    try {
      return make()
    } catch {
      return fallback // an invalid logical type reads as its underlying type (Avro specification)
    } finally {
      building.delete(s)
    }
  }
  const typeHook = (s: avro.Schema, opts: object): avro.Type | undefined => {
    const type = typeOf(s)
    if (type === 'array') return new collections.Array(s, opts)
    if (type === 'map') return new collections.Map(s, opts)
    if (type === 'float') {
      if (typeof s === 'object' && building.has(s)) return undefined
      const own = { type: 'float' }
      return build(own, () => new FloatText(own as unknown as avro.Schema, opts), undefined)
    }
    if (type !== 'long') return undefined
    if (typeof s !== 'object' || building.has(s)) return BIG_LONG
    const name = (s as { logicalType?: unknown }).logicalType
    const Logical = typeof name === 'string' && Object.hasOwn(LOGICAL_TYPES, name) ? LOGICAL_TYPES[name as keyof typeof LOGICAL_TYPES] : undefined
    return Logical ? build(s, () => new Logical(s, opts), BIG_LONG) : BIG_LONG
  }
  return avro.Type.forSchema(schema, { registry: { long: BIG_LONG }, logicalTypes: LOGICAL_TYPES, typeHook })
}

/** Puts the leaves of decoded records into a FieldBatch. */
class RecordWalker {
  /** Segments taken while walking, to be yielded after the record. */
  readonly ready: TextSegment[] = []
  private recordIndex = 0
  private readonly root = PathNode.root()
  private path = this.root

  constructor(private readonly batch: FieldBatch) {}

  record(value: unknown, recordIndex: number): void {
    this.recordIndex = recordIndex
    this.path = this.root
    this.value(value)
  }

  /** Arrays by index; records, maps and the branches of ambiguous (wrapped) unions by key. */
  private children(value: object): void {
    const at = this.path
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        this.path = at.child(i)
        this.value(value[i])
      }
    } else {
      for (const key of Object.keys(value)) {
        this.path = at.child(key)
        this.value((value as Record<string, unknown>)[key])
      }
    }
    this.path = at
  }

  private value(value: unknown): void {
    let text: string | undefined
    switch (typeof value) {
      case 'string':
        text = value
        break
      case 'number':
        text = numberText(value)
        break
      case 'bigint':
        text = value.toString()
        break
      case 'object':
        if (value === null) return
        if (value instanceof Uint8Array) {
          text = bytesText(value)
          break
        }
        this.children(value)
        return
      default:
        return
    }
    if (text === undefined) return
    this.batch.addRecordValue(text, this.path, this.recordIndex)
    if (this.batch.isFull) this.ready.push(this.batch.take()!)
  }
}

/**
 * Takes bytes off the body as the container's fields ask for them, holding no more than the
 * field being read and one chunk of the body.
 */
class ByteReader {
  private readonly chunks: Buffer[] = []
  /** Bytes of `chunks[0]` already taken. */
  private head = 0
  private buffered = 0
  private isEnded = false
  private bodyBytes = 0
  private readonly source: AsyncIterator<unknown>

  constructor(
    body: Readable,
    private readonly info: ObjectInfo,
  ) {
    this.source = body[Symbol.asyncIterator]()
  }

  /** Buffers `n` bytes; false when the body ends first. */
  async has(n: number): Promise<boolean> {
    while (this.buffered < n) {
      if (this.isEnded) return false
      const next = await this.source.next()
      if (next.done === true) {
        this.isEnded = true
        return false
      }
      const chunk = next.value as Buffer
      this.bodyBytes += chunk.length
      if (this.bodyBytes > MAX_AVRO_BYTES) {
        throw new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${this.info.key}: Avro file larger than ${MAX_AVRO_BYTES} bytes`)
      }
      if (chunk.length === 0) continue
      this.chunks.push(chunk)
      this.buffered += chunk.length
    }
    return true
  }

  /** The next `n` bytes, or undefined when the body ends first. */
  async take(n: number): Promise<Buffer | undefined> {
    if (!(await this.has(n))) return undefined
    const first = this.chunks[0]
    if (n === 0 || first === undefined) return Buffer.alloc(0)
    if (first.length - this.head >= n) {
      const out = first.subarray(this.head, this.head + n)
      this.drop(n)
      return out
    }
    const out = Buffer.allocUnsafe(n)
    for (let at = 0; at < n; ) {
      const chunk = this.chunks[0]!
      const copied = chunk.copy(out, at, this.head, Math.min(chunk.length, this.head + n - at))
      at += copied
      this.drop(copied)
    }
    return out
  }

  /** Skips up to `n` bytes without holding them; the number skipped (less at the end of the body). */
  async skip(n: number): Promise<number> {
    let skipped = 0
    while (skipped < n && (await this.has(1))) {
      const step = Math.min(n - skipped, this.chunks[0]!.length - this.head)
      this.drop(step)
      skipped += step
    }
    return skipped
  }

  /**
   * The next Avro long (zigzag varint), as a number (exact below 2^53, which is all a length
   * or a count can be); undefined when the body ends first, NaN when it runs past 10 bytes.
   */
  async long(): Promise<number | undefined> {
    let z = 0
    let isNegative = false
    for (let i = 0, scale = 1; i < MAX_LONG_BYTES; i++, scale *= 128) {
      if (!(await this.has(1))) return undefined
      const b = this.chunks[0]![this.head]!
      this.drop(1)
      if (i === 0) isNegative = (b & 1) === 1 // the sign is the low bit, which floats past 2^53 lose
      z += (b & 0x7f) * scale
      if (b < 0x80) return isNegative ? -Math.floor(z / 2) - 1 : Math.floor(z / 2)
    }
    return Number.NaN
  }

  private drop(n: number): void {
    this.head += n
    this.buffered -= n
    while (this.chunks.length > 0 && this.head >= this.chunks[0]!.length) {
      this.head -= this.chunks.shift()!.length
    }
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** What a container header holds: the writer's type, the codec and the sync marker. */
interface Header {
  readonly type: avro.Type
  readonly codec: Codec
  readonly sync: Buffer
}

/**
 * Reads the container header (Avro specification, "Object Container Files": magic, a map of
 * metadata bytes, the sync marker), checking each count and length against what is left of
 * MAX_AVRO_HEADER_BYTES, so that a damaged one fails at once.
 */
async function readHeader(reader: ByteReader, info: ObjectInfo, budget: ItemBudget): Promise<Header> {
  const malformed = (why: string, cause?: unknown): ExtractError =>
    new ExtractError('MALFORMED_FILE', `${info.key}: not a readable Avro object container file (${why})`, { cause })
  let left = MAX_AVRO_HEADER_BYTES
  const bytes = async (what: string, n: number | undefined): Promise<Buffer> => {
    if (n === undefined) throw malformed('header truncated')
    if (!(n >= 0) || n > left) throw malformed(`${what} of ${n} bytes`)
    const b = await reader.take(n)
    if (!b) throw malformed('header truncated')
    left -= n
    return b
  }
  const magic = await reader.take(MAGIC.length)
  if (!magic?.equals(MAGIC)) throw malformed('no Avro magic')
  const meta = new Map<string, Buffer>()
  for (;;) {
    let count = await reader.long()
    if (count === undefined) throw malformed('header truncated')
    if (count === 0) break
    if (count < 0) {
      count = -count
      const size = await reader.long()
      if (size === undefined) throw malformed('header truncated')
    }
    // An entry takes two bytes at least (two empty lengths).
    if (!(count <= left / 2)) throw malformed(`metadata count ${count}`)
    for (let i = 0; i < count; i++) {
      const key = (await bytes('metadata key', await reader.long())).toString('utf8')
      meta.set(key, await bytes('metadata value', await reader.long()))
    }
  }
  const sync = await bytes('sync marker', SYNC_BYTES)
  const codecName = meta.get('avro.codec')?.toString('utf8') ?? 'null'
  const codec = CODECS.get(codecName)
  if (!codec) throw new ExtractError('UNABLE_TO_PARSE_FILE', `${info.key}: Avro codec ${JSON.stringify(codecName)} is not supported`)
  const schema = meta.get('avro.schema')
  if (!schema) throw malformed('no schema')
  let type: avro.Type
  try {
    type = readType(JSON.parse(schema.toString('utf8')) as avro.Schema, budget)
  } catch (err) {
    throw malformed(`schema: ${message(err)}`, err)
  }
  return { type, codec, sync }
}

/**
 * Reads an Apache Avro object container file as a stream into record fields: recordIndex counts
 * records across blocks, jsonPath is the field path (`$.customer.cards[1].number`). Codecs null,
 * deflate and snappy. No magic, a broken header, a block count or size that cannot be, a wrong
 * sync marker or a truncated file → MALFORMED_FILE; an unknown codec or data that does not
 * decode → UNABLE_TO_PARSE_FILE; over 8 GB, or a block over `maxBufferedBytes` (stored or
 * uncompressed) → FILE_EXCEEDS_SIZE_LIMIT.
 * @example
 * for await (const item of extractAvro(body, info)) if (!isEmbedded(item)) detector.detect(item)
 */
export async function* extractAvro(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  if (info.size > MAX_AVRO_BYTES) {
    body.destroy()
    throw new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${info.key}: Avro file larger than ${MAX_AVRO_BYTES} bytes`)
  }
  const maxBlockBytes = info.limits.maxBufferedBytes
  const reader = new ByteReader(body, info)
  const malformed = (why: string): ExtractError => new ExtractError('MALFORMED_FILE', `${info.key}: Avro file truncated or broken (${why})`)
  const unparsable = (why: string, cause?: unknown): ExtractError =>
    new ExtractError('UNABLE_TO_PARSE_FILE', `${info.key}: Avro data does not decode (${why})`, { cause })
  const batch = new FieldBatch(Math.max(1, info.limits.blockChars))
  const walker = new RecordWalker(batch)
  let recordIndex = 0
  let error: unknown
  try {
    if (!(await reader.has(1))) return
    const budget: ItemBudget = { items: 0 }
    const { type, codec, sync } = await readHeader(reader, info, budget)
    for (let b = 0; await reader.has(1); b++) {
      // A block (Avro specification, "Object Container Files"): its record count, its size in
      // bytes, its (compressed) records, the file's sync marker.
      const count = await reader.long()
      const size = await reader.long()
      if (count === undefined || size === undefined) throw malformed(`block ${b} truncated`)
      if (!(count >= 0)) throw malformed(`block ${b} holds ${count} records`)
      if (!(size >= 0)) throw malformed(`block ${b} is ${size} bytes long`)
      if (size > maxBlockBytes) {
        // A size past the end of the file is a broken one, not a large block.
        if ((await reader.skip(size + SYNC_BYTES)) < size + SYNC_BYTES) throw malformed(`block ${b} of ${size} bytes runs past the end of the file`)
        throw new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${info.key}: Avro block larger than ${maxBlockBytes} bytes`)
      }
      const stored = await reader.take(size)
      const marker = await reader.take(SYNC_BYTES)
      if (!stored || !marker) throw malformed(`block ${b} truncated`)
      if (!marker.equals(sync)) throw malformed(`block ${b} ends without the sync marker`)
      let data: Buffer
      try {
        data = await codec(stored, maxBlockBytes)
      } catch (err) {
        if ((err as { code?: unknown }).code === TOO_LARGE) {
          throw new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${info.key}: Avro block larger than ${maxBlockBytes} bytes uncompressed`, { cause: err })
        }
        throw unparsable(`block ${b}: ${message(err)}`, err)
      }
      if (count === 0 && data.length > 0) throw malformed(`block ${b} holds ${data.length} bytes and no records`)
      budget.items = data.length + FREE_ITEMS
      let pos = 0
      for (let i = 0; i < count; i++) {
        let decoded: { value: unknown; offset: number }
        try {
          decoded = type.decode(data, pos)
        } catch (err) {
          throw unparsable(`block ${b}, record ${i}: ${message(err)}`, err)
        }
        if (decoded.offset < 0) throw unparsable(`block ${b} holds fewer than its ${count} records`)
        walker.record(decoded.value, recordIndex++)
        if (walker.ready.length > 0) yield* walker.ready.splice(0)
        if (decoded.offset === pos) {
          // A type that takes no bytes: the records left are that same value, without text.
          recordIndex += count - i - 1
          break
        }
        pos = decoded.offset
      }
      if (pos < data.length) throw unparsable(`block ${b} holds ${data.length - pos} bytes after its ${count} records`)
    }
  } catch (err) {
    error = err
  } finally {
    if (!body.destroyed) body.destroy()
  }
  // The records read before a failure are analysed too (the object is then PARTIAL).
  const last = batch.take()
  if (last) yield last
  if (error !== undefined) throw error
}
