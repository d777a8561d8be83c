import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type avro from 'avsc'
import { avroFile, customersAvro, manyRecordsAvro, PLANTED_CARD, PLANTED_SSN, SYNC_MARKER, typedAvro, type AvroCodec } from '../../test/fixtures/build/avro.js'
import { extractAvro } from './avro.js'
import { DEFAULT_LIMITS, ExtractError, type ExtractLimits, type Location, type ObjectInfo, type TextSegment } from './types.js'

function info(size: number, limits: Partial<ExtractLimits> = {}): ObjectInfo {
  return { key: 'data.avro', size, extension: 'avro', limits: { ...DEFAULT_LIMITS, ...limits } }
}

/** Reads a file in 100-byte chunks. */
async function read(file: Buffer, limits?: Partial<ExtractLimits>, out: TextSegment[] = []): Promise<TextSegment[]> {
  const chunks = Array.from({ length: Math.ceil(file.length / 100) }, (_, i) => file.subarray(i * 100, i * 100 + 100))
  for await (const item of extractAvro(Readable.from(chunks), info(file.length, limits))) out.push(item)
  return out
}

interface Leaf {
  value: string
  labels: readonly string[]
  location: Location
}

function leaves(segments: TextSegment[]): Leaf[] {
  return segments.flatMap((s) => {
    const f = s.fields!
    return Array.from({ length: f.count }, (_, i) => ({ value: s.text.slice(f.starts[i], f.ends[i]), labels: f.labels(i), location: f.location(i) }))
  })
}

const leaf = (value: string, labels: string[], recordIndex: number, jsonPath: string): Leaf => ({ value, labels, location: { kind: 'record', recordIndex, jsonPath } })
const recordOf = (l: Leaf): number => (l.location as { recordIndex: number }).recordIndex

/** Rejects with an ExtractError of this reason. */
async function rejectsWith(reason: string, promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (err: unknown) => err instanceof ExtractError && err.reason === reason)
}

/** Offsets of the sync markers in a file built by the fixture builder (header's first). */
function syncs(file: Buffer): number[] {
  const at: number[] = []
  for (let i = file.indexOf(SYNC_MARKER); i >= 0; i = file.indexOf(SYNC_MARKER, i + 1)) at.push(i)
  return at
}

/** An Avro long (zigzag varint). */
function long(n: number | bigint): Buffer {
  const out: number[] = []
  const v = BigInt(n)
  for (let z = v >= 0n ? 2n * v : -2n * v - 1n; ; z >>= 7n) {
    if (z < 128n) {
      out.push(Number(z))
      return Buffer.from(out)
    }
    out.push(Number(z & 0x7fn) | 0x80)
  }
}

/** A block of the builder's files: record count, size, data, sync marker. */
const blockOf = (count: number | bigint, data: Buffer, size: number | bigint = data.length): Buffer => Buffer.concat([long(count), long(size), data, SYNC_MARKER])

/** Settles within `ms`, or rejects: a hang is a failure, not a stuck test. */
async function promptly<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

const REGRESSIONS = fileURLToPath(new URL('../../test/fixtures/fuzz-regressions/', import.meta.url))

/** Where `count` Avro longs starting at `at` end (a block's record count and size). */
function afterLongs(file: Buffer, at: number, count: number): number {
  for (let i = 0; i < count; i++) while (file[at++]! & 0x80);
  return at
}

const customers: Leaf[] = [
  leaf('Ana', ['name'], 0, '$.name'),
  leaf('1', ['customer', 'id'], 0, '$.customer.id'),
  leaf('new', ['tags', 'tier'], 0, '$.tags.tier'),
  leaf('Bo', ['name'], 1, '$.name'),
  leaf('2', ['customer', 'id'], 1, '$.customer.id'),
  leaf('Cy', ['name'], 2, '$.name'),
  leaf(PLANTED_SSN, ['ssn'], 2, '$.ssn'),
  leaf('3', ['customer', 'id'], 2, '$.customer.id'),
  leaf('1234', ['customer', 'cards', 'number'], 2, '$.customer.cards[0].number'),
  leaf('vip', ['tags', 'tier'], 2, '$.tags.tier'),
  leaf('east', ['tags', 'region'], 2, '$.tags.region'),
  leaf('Di', ['name'], 3, '$.name'),
  leaf('4', ['customer', 'id'], 3, '$.customer.id'),
  leaf('Ed', ['name'], 4, '$.name'),
  leaf('5', ['customer', 'id'], 4, '$.customer.id'),
  leaf('5678', ['customer', 'cards', 'number'], 4, '$.customer.cards[0].number'),
  leaf(PLANTED_CARD, ['customer', 'cards', 'number'], 4, '$.customer.cards[1].number'),
]

describe('extractAvro', () => {
  const codecs: AvroCodec[] = ['null', 'deflate', 'snappy']
  for (const codec of codecs) {
    it(`reads ${codec} blocks, counting records across blocks, nested records, arrays and maps included`, async () => {
      const file = await customersAvro(codec, 2)
      assert.equal(syncs(file).length, 4) // the header's and three blocks'
      assert.deepEqual(leaves(await read(file)), customers)
    })
  }

  it('renders typed values as written: long integers, floats, bytes and fixed as text, enums, logical types, unions', async () => {
    assert.deepEqual(leaves(await read(await typedAvro())), [
      leaf('5555555555554444333', ['big'], 0, '$.big'),
      leaf('2.5', ['score'], 0, '$.score'),
      leaf('0.1', ['ratio'], 0, '$.ratio'), // a float, not 0.10000000149011612
      leaf('jane.doe@example.com', ['note'], 0, '$.note'), // the bytes that are not text are left out
      leaf('AB12', ['code'], 0, '$.code'),
      leaf('BUSINESS', ['kind'], 0, '$.kind'),
      leaf('1990-04-05', ['born'], 0, '$.born'),
      leaf('2024-01-02T03:04:05.678901Z', ['seen'], 0, '$.seen'),
      leaf('41111111111111111112.34', ['amount'], 0, '$.amount'),
      leaf('jane.doe@example.com', ['contact', 'address'], 0, '$.contact.address'),
      // A union of two records is ambiguous: its value is wrapped in the branch's name.
      leaf('+1-202-555-0100', ['other', 'Phone', 'number'], 0, '$.other.Phone.number'),
    ])
  })

  it('streams many records in several segments, a block of a few KB at a time', async () => {
    const file = await manyRecordsAvro(2000, 'deflate', 100)
    const segments = await read(file, { blockChars: 4096, maxBufferedBytes: 4096 })
    assert.ok(segments.length > 5, `${segments.length} segments`)
    const found = leaves(segments)
    assert.equal(found.length, 2000)
    found.forEach((l, i) => assert.deepEqual(l, leaf(`000-00-${String(i).padStart(4, '0')}`, ['ssn'], i, '$.ssn')))
  })

  it('yields nothing for an empty object or a file without records', async () => {
    assert.deepEqual(await read(Buffer.alloc(0)), [])
    assert.deepEqual(await read(await avroFile('string', [])), [])
  })

  it('rejects a file that is not Avro, or whose header is cut, as MALFORMED_FILE', async () => {
    await rejectsWith('MALFORMED_FILE', read(Buffer.from('{"ssn": "536-22-8741"}\n')))
    const file = await customersAvro('null')
    await rejectsWith('MALFORMED_FILE', read(file.subarray(0, 3)))
    await rejectsWith('MALFORMED_FILE', read(file.subarray(0, syncs(file)[0]! + 8)))
  })

  it('rejects a truncated file as MALFORMED_FILE, after the records of its whole blocks', async () => {
    const file = await customersAvro('snappy', 2)
    const segments: TextSegment[] = []
    await rejectsWith('MALFORMED_FILE', read(file.subarray(0, file.length - 20), {}, segments))
    assert.deepEqual(leaves(segments), customers.filter((l) => recordOf(l) < 4))
    await rejectsWith('MALFORMED_FILE', read(file.subarray(0, file.length - 1)))
  })

  it('rejects a wrong sync marker or a broken block size as MALFORMED_FILE', async () => {
    const file = Buffer.from(await customersAvro('deflate', 2))
    file.fill(0x78, syncs(file)[2]!, syncs(file)[2]! + 4)
    await rejectsWith('MALFORMED_FILE', read(file))
    const sized = Buffer.from(await customersAvro('null', 5))
    sized.writeUInt8(0xff, afterLongs(sized, syncs(sized)[0]! + 16, 1)) // the block's size, now unending
    await rejectsWith('MALFORMED_FILE', read(sized))
  })

  it('rejects an unknown codec as UNABLE_TO_PARSE_FILE', async () => {
    await rejectsWith('UNABLE_TO_PARSE_FILE', read(await customersAvro('zstandard')))
  })

  it('rejects blocks that do not decompress or decode as UNABLE_TO_PARSE_FILE', async () => {
    const deflated = Buffer.from(await customersAvro('deflate', 5))
    const [header, end] = syncs(deflated)
    deflated.fill(0xff, afterLongs(deflated, header! + 16, 2), end!) // the compressed bytes of the only block
    await rejectsWith('UNABLE_TO_PARSE_FILE', read(deflated))

    const snappy = Buffer.from(await customersAvro('snappy', 5))
    const last = syncs(snappy).at(-1)!
    snappy.writeUInt8(snappy[last - 1]! ^ 0xff, last - 1) // the block's CRC-32
    await rejectsWith('UNABLE_TO_PARSE_FILE', read(snappy))

    // A block that says it holds three records but holds one.
    const one = await avroFile('string', ['536-22-8741'])
    const headerEnd = syncs(one)[0]! + 16
    const data = Buffer.concat([long(11), Buffer.from('536-22-8741')])
    const lying = Buffer.concat([one.subarray(0, headerEnd), long(3), long(data.length), data, SYNC_MARKER])
    await rejectsWith('UNABLE_TO_PARSE_FILE', read(lying))
  })

  it('refuses blocks over maxBufferedBytes, stored or inflated, as FILE_EXCEEDS_SIZE_LIMIT', async () => {
    await rejectsWith('FILE_EXCEEDS_SIZE_LIMIT', read(await manyRecordsAvro(1000, 'null', 1000), { maxBufferedBytes: 1000 }))
    const same = await avroFile({ type: 'record', name: 'Row', fields: [{ name: 'ssn', type: 'string' }] }, Array.from({ length: 1000 }, () => ({ ssn: PLANTED_SSN })), 'deflate')
    assert.ok(same.length < 1000)
    await rejectsWith('FILE_EXCEEDS_SIZE_LIMIT', read(same, { maxBufferedBytes: 1000 }))
  })

  describe('ends promptly on a damaged container, never waiting for bytes that cannot come', async () => {
    const ssnRow: avro.Schema = { type: 'record', name: 'Row', fields: [{ name: 'ssn', type: 'string' }] }
    const header = await avroFile(ssnRow, [])
    const record = Buffer.concat([long(PLANTED_SSN.length), Buffer.from(PLANTED_SSN)])
    const nulls = await avroFile({ type: 'record', name: 'Nulls', fields: [{ name: 'xs', type: { type: 'array', items: 'null' } }] }, [])
    const headerEnd = syncs(header)[0]! + 16
    const metaCountAt = 4 // right after the magic
    const cases: Array<[string, Buffer, string]> = [
      ['a block of no records holding bytes', Buffer.concat([header, blockOf(0, record)]), 'MALFORMED_FILE'],
      ['a negative record count', Buffer.concat([header, blockOf(-1, record)]), 'MALFORMED_FILE'],
      ['a record count of -2^63', Buffer.concat([header, blockOf(-(2n ** 63n), record)]), 'MALFORMED_FILE'],
      ['a hugely negative block size', Buffer.concat([header, blockOf(1, record, -(2n ** 62n))]), 'MALFORMED_FILE'],
      ['a block size past the end of the file', Buffer.concat([header, blockOf(1, record, 2n ** 40n)]), 'MALFORMED_FILE'],
      ['a block count longer than a long', Buffer.concat([header, Buffer.alloc(11, 0xff), long(1), record, SYNC_MARKER]), 'MALFORMED_FILE'],
      ['a block cut after its count', Buffer.concat([header, long(1)]), 'MALFORMED_FILE'],
      ['a metadata count of 2^62', Buffer.concat([header.subarray(0, metaCountAt), long(2n ** 62n), header.subarray(metaCountAt + 1)]), 'MALFORMED_FILE'],
      ['a metadata count of -2^62', Buffer.concat([header.subarray(0, metaCountAt), long(-(2n ** 62n)), header.subarray(metaCountAt + 1)]), 'MALFORMED_FILE'],
      ['a metadata key of 2^40 bytes', Buffer.concat([header.subarray(0, metaCountAt + 1), long(2n ** 40n), header.subarray(metaCountAt + 2)]), 'MALFORMED_FILE'],
      ['a schema that is not JSON', Buffer.from(header.toString('latin1').replace('"type":"record"', '"type":"record"}'), 'latin1'), 'MALFORMED_FILE'],
      ['an array count of 2^62 inside a record', Buffer.concat([nulls, blockOf(1, Buffer.concat([long(2n ** 62n), long(0)]))]), 'UNABLE_TO_PARSE_FILE'],
    ]
    for (let cut = 1; cut < headerEnd; cut += 7) cases.push([`a header cut at byte ${cut}`, header.subarray(0, cut), 'MALFORMED_FILE'])
    for (const [name, file, reason] of cases) {
      it(`${name} → ${reason}`, async () => {
        await promptly(rejectsWith(reason, read(file)))
        await promptly(rejectsWith(reason, (async () => {
          for await (const item of extractAvro(Readable.from([file]), info(file.length))) assert.ok(item)
        })()))
      })
    }
  })

  it('ends the fuzz-found hangs promptly with MALFORMED_FILE', async () => {
    const files = readdirSync(REGRESSIONS).filter((f) => f.endsWith('.avro'))
    assert.ok(files.length >= 3, files.join(', '))
    for (const file of files) await promptly(rejectsWith('MALFORMED_FILE', read(readFileSync(join(REGRESSIONS, file)))))
  })

  it("skips a block of no records and no bytes, as Java's reader does", async () => {
    const header = await avroFile({ type: 'record', name: 'Row', fields: [{ name: 'ssn', type: 'string' }] }, [])
    const record = Buffer.concat([long(PLANTED_SSN.length), Buffer.from(PLANTED_SSN)])
    const file = Buffer.concat([header, blockOf(0, Buffer.alloc(0)), blockOf(1, record)])
    assert.deepEqual(leaves(await read(file)), [leaf(PLANTED_SSN, ['ssn'], 0, '$.ssn')])
  })

  it('rejects bytes left in a block after its records as UNABLE_TO_PARSE_FILE', async () => {
    const header = await avroFile({ type: 'record', name: 'Row', fields: [{ name: 'ssn', type: 'string' }] }, [])
    const record = Buffer.concat([long(PLANTED_SSN.length), Buffer.from(PLANTED_SSN)])
    await rejectsWith('UNABLE_TO_PARSE_FILE', read(Buffer.concat([header, blockOf(1, Buffer.concat([record, record]))])))
  })

  it('reads a map key __proto__ as a key like any other', async () => {
    const header = await avroFile({ type: 'record', name: 'Row', fields: [{ name: 'tags', type: { type: 'map', values: 'string' } }] }, [])
    const text = (s: string): Buffer => Buffer.concat([long(Buffer.byteLength(s)), Buffer.from(s)])
    const file = Buffer.concat([header, blockOf(1, Buffer.concat([long(1), text('__proto__'), text(PLANTED_SSN), long(0)]))])
    assert.deepEqual(leaves(await read(file)).map((l) => [l.value, l.labels]), [[PLANTED_SSN, ['tags', '__proto__']]])
  })

  it('refuses a file over 8 GB without reading it', async () => {
    const body = Readable.from([Buffer.from('Obj\x01', 'latin1')])
    await rejectsWith('FILE_EXCEEDS_SIZE_LIMIT', (async () => {
      for await (const item of extractAvro(body, info(8 * 1024 ** 3 + 1))) assert.fail(`unexpected ${String(item)}`)
    })())
    assert.ok(body.destroyed)
  })

  it('passes a failing body on as it is', async () => {
    const file = await customersAvro('null')
    const failure = new Error('connection reset')
    async function* broken(): AsyncGenerator<Buffer> {
      yield file.subarray(0, 300)
      throw failure
    }
    await assert.rejects((async () => {
      for await (const item of extractAvro(Readable.from(broken()), info(file.length))) assert.ok(item)
    })(), (err: unknown) => err === failure)
  })

  it('stops cleanly when the reader stops early', async () => {
    const file = await manyRecordsAvro(2000, 'null', 10)
    const body = Readable.from(Array.from({ length: 20 }, (_, i) => file.subarray(i * (file.length / 20), (i + 1) * (file.length / 20))))
    for await (const item of extractAvro(body, info(file.length, { blockChars: 64, maxBufferedBytes: 1024 }))) {
      assert.ok(item)
      break
    }
    assert.ok(body.destroyed)
  })
})
