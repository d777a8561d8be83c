// Apache Avro object container files → record fields: each string or number leaf of a record,
// with its field and map key names as labels and Macie's record location (record index across
// the file + JSONPath). Owns the container's codecs (null, deflate, snappy), its limits and its
// failure reasons; decoding is avsc's, streamed block by block. Knows nothing of what is detected.
import type { Readable } from 'node:stream'
import { inflateRaw } from 'node:zlib'
import avro from 'avsc'
import { snappyUncompress } from 'hyparquet'
import { FieldBatch } from './fields.js'
import { jsonPath, type PathKey } from './json-path.js'
import { bytesText, dateText, decimalText, floatText, numberText, signedBigEndian, timestampText } from './parquet.js'
import { ExtractError, type ObjectInfo, type TextSegment } from './types.js'

/** Largest Avro file analysed (Macie: 8 GB). */
export const MAX_AVRO_BYTES = 8 * 1024 ** 3
/** A header (schema and metadata) larger than this is taken for a broken one. */
export const MAX_AVRO_HEADER_BYTES = 16 * 1024 * 1024

/** Bytes handed to the decoder at a time: it joins its pending bytes on every write. */
const WRITE_BYTES = 1 << 20
const SYNC_BYTES = 16
/** The code of zlib's error past `maxOutputLength`, used for snappy too. */
const TOO_LARGE = 'ERR_BUFFER_TOO_LARGE'
const NO_LABELS: readonly string[] = Object.freeze([])

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

type Callback = (err: Error | null, data?: Buffer) => void

/**
 * Avro's snappy block: raw snappy, then the CRC-32 of the uncompressed bytes, big-endian (Avro
 * specification, "Object Container Files", snappy codec).
 */
function unsnappy(block: Buffer, maxBytes: number, cb: Callback): void {
  try {
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
    cb(null, output)
  } catch (err) {
    cb(err as Error)
  }
}

function codecs(maxBytes: number): Record<string, (block: Buffer, cb: Callback) => void> {
  return {
    null: (block, cb) => cb(null, block),
    deflate: (block, cb) => inflateRaw(block, { maxOutputLength: maxBytes }, cb),
    snappy: (block, cb) => unsnappy(block, maxBytes, cb),
  }
}

/** Longs as bigints: avsc's own long type refuses those past 2^53 ("potential precision loss"). */
const BIG_LONG = avro.types.LongType.__with({
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

/**
 * The writer's schema as avsc reads it here: bigint longs, floats in their shortest form, logical
 * types as text. Longs and floats are hooked wherever they are declared (`"long"`,
 * `{"type": "long"}`); a type built here over one asks for its underlying type again with the
 * same schema object, which the hook then leaves to avsc.
 */
function readType(schema: avro.Schema): avro.Type {
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
  private readonly keys: PathKey[] = []

  constructor(private readonly batch: FieldBatch) {}

  record(value: unknown, recordIndex: number): void {
    this.recordIndex = recordIndex
    this.value(value, NO_LABELS)
  }

  private value(value: unknown, labels: readonly string[]): void {
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
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) {
            this.keys.push(i)
            this.value(value[i], labels)
            this.keys.pop()
          }
          return
        }
        // Records, maps and the branches of ambiguous (wrapped) unions.
        for (const key of Object.keys(value)) {
          this.keys.push(key)
          this.value((value as Record<string, unknown>)[key], [...labels, key])
          this.keys.pop()
        }
        return
      default:
        return
    }
    if (text === undefined) return
    this.batch.add(text, labels, { kind: 'record', recordIndex: this.recordIndex, jsonPath: jsonPath(this.keys) })
    if (this.batch.isFull) this.ready.push(this.batch.take()!)
  }
}

const HEADER_TYPE = avro.Type.forSchema({
  type: 'record',
  name: 'org.apache.avro.file.Header',
  fields: [
    { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
    { name: 'meta', type: { type: 'map', values: 'bytes' } },
    { name: 'sync', type: { type: 'fixed', name: 'Sync', size: SYNC_BYTES } },
  ],
})

/** The length of the container header at the start of `head`; offset -1 while it is incomplete or unreadable. */
function safeDecodeHeader(head: Buffer): { offset: number } {
  try {
    return HEADER_TYPE.decode(head, 0)
  } catch {
    return { offset: -1 }
  }
}

/** Bytes of a non-negative long in Avro's zigzag varint encoding. */
function longBytes(n: number): number {
  let bytes = 1
  for (let z = 2 * n; z >= 128; z = Math.floor(z / 128)) bytes++
  return bytes
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * The Macie reason for a decoder error: the container broken (no magic, a bad header, a wrong
 * sync marker) is MALFORMED_FILE; an unknown codec or blocks that do not decode are
 * UNABLE_TO_PARSE_FILE; a block that inflates past `maxBufferedBytes` is FILE_EXCEEDS_SIZE_LIMIT.
 */
function decoderFailure(err: unknown, info: ObjectInfo, hasHeader: boolean): ExtractError {
  const why = message(err)
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause
  if (cause?.code === TOO_LARGE) {
    return new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${info.key}: Avro block larger than ${info.limits.maxBufferedBytes} bytes uncompressed`, { cause: err })
  }
  const isContainer = (!hasHeader && !why.startsWith('unknown codec')) || why === 'invalid sync marker'
  return isContainer
    ? new ExtractError('MALFORMED_FILE', `${info.key}: not a readable Avro object container file (${why})`, { cause: err })
    : new ExtractError('UNABLE_TO_PARSE_FILE', `${info.key}: Avro data does not decode (${why})`, { cause: err })
}

/**
 * Reads an Apache Avro object container file as a stream into record fields: recordIndex counts
 * records across blocks, jsonPath is the field path (`$.customer.cards[1].number`). Codecs null,
 * deflate and snappy. No magic, a broken header, a wrong sync marker or a truncated file →
 * MALFORMED_FILE; an unknown codec or data that does not decode → UNABLE_TO_PARSE_FILE; over
 * 8 GB, or a block over `maxBufferedBytes` → FILE_EXCEEDS_SIZE_LIMIT.
 * @example
 * for await (const item of extractAvro(body, info)) if (!isEmbedded(item)) detector.detect(item)
 */
export async function* extractAvro(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  if (info.size > MAX_AVRO_BYTES) {
    body.destroy()
    throw new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${info.key}: Avro file larger than ${MAX_AVRO_BYTES} bytes`)
  }
  const maxBlockBytes = info.limits.maxBufferedBytes
  const writeBytes = Math.max(1, Math.min(WRITE_BYTES, maxBlockBytes))
  const decoder = new avro.streams.BlockDecoder({ codecs: codecs(maxBlockBytes), parseHook: readType })
  let failure: Error | undefined
  let hasHeader = false
  /** Bytes written to the decoder; of them, the header's (once known) and the whole blocks'. */
  let writtenBytes = 0
  let head: Buffer | undefined = Buffer.alloc(0)
  let headerBytes = -1
  let blockBytes = 0

  const fail = (err: Error): void => {
    failure ??= err
    decoder.destroy(failure)
  }
  decoder.on('error', (err: unknown) => {
    failure ??= decoderFailure(err, info, hasHeader)
  })
  decoder.on('metadata', () => {
    hasHeader = true
  })
  decoder.on('block', (block: { valueCount: number; compressedDataLength: number }) => {
    blockBytes += longBytes(block.valueCount) + longBytes(block.compressedDataLength) + block.compressedDataLength + SYNC_BYTES
  })

  const write = async (chunk: Buffer): Promise<void> => {
    if (head) {
      // The header's length, parsed as the decoder parses it, for the accounting of blocks.
      head = Buffer.concat([head, chunk])
      const { offset } = safeDecodeHeader(head)
      if (offset >= 0) {
        headerBytes = offset
        head = undefined
      } else if (head.length > MAX_AVRO_HEADER_BYTES) {
        throw new ExtractError('MALFORMED_FILE', `${info.key}: no Avro header in the first ${MAX_AVRO_HEADER_BYTES} bytes`)
      }
    }
    const held = writtenBytes - (headerBytes < 0 ? writtenBytes : headerBytes + blockBytes)
    if (held > maxBlockBytes + writeBytes) {
      throw new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${info.key}: Avro block larger than ${maxBlockBytes} bytes`)
    }
    writtenBytes += chunk.length
    // One write at a time: the decoder calls back once the blocks it completed are being read,
    // so what it holds besides is a partial block, which the check above bounds.
    await new Promise<void>((resolve) => {
      const done = (): void => {
        decoder.off('close', done)
        resolve()
      }
      decoder.on('close', done)
      decoder.write(chunk, done)
    })
  }

  /** Feeds the body to the decoder in writes of about `writeBytes`. */
  const feed = async (): Promise<void> => {
    let pending: Buffer[] = []
    let pendingBytes = 0
    let bodyBytes = 0
    for await (const chunk of body) {
      const b = chunk as Buffer
      bodyBytes += b.length
      if (bodyBytes > MAX_AVRO_BYTES) {
        throw new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `${info.key}: Avro file larger than ${MAX_AVRO_BYTES} bytes`)
      }
      pending.push(b)
      pendingBytes += b.length
      if (pendingBytes < writeBytes) continue
      const joined = Buffer.concat(pending, pendingBytes)
      pending = []
      pendingBytes = 0
      if (decoder.destroyed) return
      await write(joined)
    }
    if (pendingBytes > 0 && !decoder.destroyed) await write(Buffer.concat(pending, pendingBytes))
    decoder.end()
  }
  const fed = feed().catch((err: unknown) => fail(err instanceof Error ? err : new Error(String(err))))

  /** Why a file the decoder read to its end is not whole, if it is not. */
  const endFailure = (): ExtractError | undefined => {
    if (writtenBytes === 0) return undefined
    if (!hasHeader || headerBytes < 0) return new ExtractError('MALFORMED_FILE', `${info.key}: the Avro header is incomplete`)
    // The decoder silently drops a partial last block (a truncated file, a broken block size).
    const left = writtenBytes - headerBytes - blockBytes
    if (left !== 0) return new ExtractError('MALFORMED_FILE', `${info.key}: Avro file truncated or broken: ${left} bytes after its last whole block`)
    return undefined
  }

  const batch = new FieldBatch(Math.max(1, info.limits.blockChars))
  const walker = new RecordWalker(batch)
  let recordIndex = 0
  let error: Error | undefined
  try {
    try {
      for await (const record of decoder) {
        walker.record(record, recordIndex++)
        if (walker.ready.length > 0) yield* walker.ready.splice(0)
      }
    } catch (err) {
      error = failure ?? decoderFailure(err, info, hasHeader)
    }
    await fed
    error ??= failure ?? endFailure()
    // The records read before a failure are analysed too (the object is then PARTIAL).
    const last = batch.take()
    if (last) yield last
    if (error) throw error
  } finally {
    if (!decoder.destroyed) decoder.destroy()
    if (!body.destroyed) body.destroy()
    await fed
  }
}
