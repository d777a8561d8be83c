import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { parquetMetadata, type FileMetaData } from 'hyparquet'
import { customersParquet, decimalParquet, emptyParquet, manyRowsParquet, pagedParquet, PLANTED_CARD, PLANTED_SSN, typedParquet, type ParquetCodec } from '../../test/fixtures/build/parquet.js'
import { decimalText, extractParquet, floatText, timestampText } from './parquet.js'
import { DEFAULT_LIMITS, ExtractError, type ExtractLimits, type Location, type ObjectInfo, type TextSegment } from './types.js'

function info(size: number, blockChars = 1 << 20, limits: Partial<ExtractLimits> = {}): ObjectInfo {
  return { key: 'data.parquet', size, extension: 'parquet', limits: { ...DEFAULT_LIMITS, blockChars, ...limits } }
}

/** Reads a file in 100-byte chunks. */
async function read(file: Buffer, blockChars?: number, limits?: Partial<ExtractLimits>, out: TextSegment[] = []): Promise<TextSegment[]> {
  const chunks = Array.from({ length: Math.ceil(file.length / 100) }, (_, i) => file.subarray(i * 100, i * 100 + 100))
  for await (const item of extractParquet(Readable.from(chunks), info(file.length, blockChars, limits))) out.push(item)
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

/** Leaves in record order, then by path: a row group is read a column at a time. */
function byRecord(found: Leaf[]): Leaf[] {
  const key = (l: Leaf): [number, string] => {
    const location = l.location as { recordIndex: number; jsonPath: string }
    return [location.recordIndex, location.jsonPath]
  }
  return [...found].sort((a, b) => {
    const [ra, pa] = key(a)
    const [rb, pb] = key(b)
    return ra - rb || (pa < pb ? -1 : pa > pb ? 1 : 0)
  })
}

const at = (recordIndex: number, jsonPath: string): Location => ({ kind: 'record', recordIndex, jsonPath })
const leaf = (value: string, labels: string[], recordIndex: number, jsonPath: string): Leaf => ({ value, labels, location: at(recordIndex, jsonPath) })
const metadataOf = (file: Buffer): FileMetaData => parquetMetadata(file.buffer.slice(file.byteOffset, file.byteOffset + file.length) as ArrayBuffer)

/** Rejects with an ExtractError of this reason. */
async function rejectsWith(reason: string, promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (err: unknown) => err instanceof ExtractError && err.reason === reason)
}

const REGRESSIONS = fileURLToPath(new URL('../../test/fixtures/fuzz-regressions/', import.meta.url))
const PAGED_ROWS = 20_000

/** The leaves of pagedParquet(PAGED_ROWS, …), column by column. */
function pagedLeaves(columns: Array<'ssn' | 'tags'> = ['ssn', 'tags']): Leaf[] {
  const out: Leaf[] = []
  for (const column of columns) {
    for (let i = 0; i < PAGED_ROWS; i++) {
      if (column === 'ssn') out.push(leaf(`000-00-${String(i).padStart(5, '0')}`, ['ssn'], i, '$.ssn'))
      else {
        out.push(leaf(`tag-${i}`, ['tags'], i, '$.tags[0]'))
        if (i % 1000 === 0) out.push(leaf(PLANTED_SSN, ['tags'], i, '$.tags[1]'))
      }
    }
  }
  return out
}

const customers: Leaf[] = [
  leaf('Ana', ['name'], 0, '$.name'),
  leaf('1', ['customer', 'id'], 0, '$.customer.id'),
  leaf('new', ['tags'], 0, '$.tags[0]'),
  leaf('Bo', ['name'], 1, '$.name'),
  leaf('Cy', ['name'], 2, '$.name'),
  leaf(PLANTED_SSN, ['ssn'], 2, '$.ssn'),
  leaf('3', ['customer', 'id'], 2, '$.customer.id'),
  leaf('1234', ['customer', 'cards', 'number'], 2, '$.customer.cards[0].number'),
  leaf('vip', ['tags'], 2, '$.tags[0]'),
  leaf('east', ['tags'], 2, '$.tags[1]'),
  leaf('Di', ['name'], 3, '$.name'),
  leaf('4', ['customer', 'id'], 3, '$.customer.id'),
  leaf('Ed', ['name'], 4, '$.name'),
  leaf('5', ['customer', 'id'], 4, '$.customer.id'),
  leaf('5678', ['customer', 'cards', 'number'], 4, '$.customer.cards[0].number'),
  leaf(PLANTED_CARD, ['customer', 'cards', 'number'], 4, '$.customer.cards[1].number'),
]

describe('extractParquet', () => {
  const codecs: ParquetCodec[] = ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'ZSTD']
  for (const codec of codecs) {
    it(`reads ${codec} pages across row groups, nested structs and lists included`, async () => {
      const file = customersParquet(codec)
      const metadata = metadataOf(file)
      assert.equal(metadata.row_groups.length, 3)
      assert.ok(metadata.row_groups.every((g) => g.columns.every((c) => c.meta_data?.codec === codec)))
      assert.deepEqual(byRecord(leaves(await read(file))), byRecord(customers))
    })
  }

  it('renders typed values as written: long integers, floats, text bytes, dates, timestamps, maps', async () => {
    assert.deepEqual(byRecord(leaves(await read(typedParquet()))), byRecord([
      leaf('5555555555554444333', ['big'], 0, '$.big'),
      leaf('0.1', ['ratio'], 0, '$.ratio'),
      leaf('jane.doe@example.com', ['note'], 0, '$.note'), // the binary that is not text is left out
      leaf('1990-04-05', ['born'], 0, '$.born'),
      leaf('2024-01-02T03:04:05.678Z', ['seen'], 0, '$.seen'),
      leaf(PLANTED_SSN, ['attributes', 'ssn'], 0, '$.attributes.ssn'),
    ]))
  })

  it('keeps every digit of decimals, whatever their physical type', async () => {
    assert.deepEqual(byRecord(leaves(await read(decimalParquet()))), byRecord([
      leaf('41111111111111111111234567', ['account'], 0, '$.account'),
      leaf('1234.56', ['amount'], 0, '$.amount'),
      leaf('1.2345', ['rate'], 0, '$.rate'),
      leaf('-7', ['account'], 1, '$.account'),
      leaf('-0.05', ['amount'], 1, '$.amount'),
      leaf('0.0001', ['rate'], 1, '$.rate'),
    ]))
  })

  it('streams many rows in several segments, counting rows across row groups', async () => {
    const segments = await read(manyRowsParquet(2000, 300), 4096)
    assert.ok(segments.length > 5, `${segments.length} segments`)
    assert.ok(segments.every((s) => s.text.length < 4096 + 20))
    const found = leaves(segments)
    assert.equal(found.length, 2000)
    found.forEach((l, i) => assert.deepEqual(l, leaf(`000-00-${String(i).padStart(4, '0')}`, ['ssn'], i, '$.ssn')))
  })

  it('yields nothing for a file without rows, or an empty object', async () => {
    assert.deepEqual(await read(emptyParquet()), [])
    assert.deepEqual(await read(Buffer.alloc(0)), [])
  })

  it('rejects a file that is not Parquet, or whose magic or footer is broken, as MALFORMED_FILE', async () => {
    const file = customersParquet('SNAPPY')
    await rejectsWith('MALFORMED_FILE', read(Buffer.from('name,ssn\nAna,536-22-8741\n')))
    await rejectsWith('MALFORMED_FILE', read(Buffer.from('PAR1')))
    const badHead = Buffer.from(file)
    badHead.write('PAR2', 0, 'latin1')
    await rejectsWith('MALFORMED_FILE', read(badHead))
    const badFooter = Buffer.from(file)
    badFooter.fill(0xff, file.length - 200, file.length - 8) // the thrift-encoded metadata
    await rejectsWith('MALFORMED_FILE', read(badFooter))
  })

  it('rejects a truncated file as MALFORMED_FILE', async () => {
    const file = customersParquet('ZSTD')
    await rejectsWith('MALFORMED_FILE', read(file.subarray(0, file.length - 1)))
    await rejectsWith('MALFORMED_FILE', read(file.subarray(0, file.length >> 1)))
  })

  it('rejects pages that do not decode as UNABLE_TO_PARSE_FILE, after the row groups before them', async () => {
    const file = Buffer.from(customersParquet('UNCOMPRESSED'))
    const last = metadataOf(file).row_groups[2]!.columns[0]!.meta_data!
    const start = Number(last.dictionary_page_offset ?? last.data_page_offset)
    file.fill(0xff, start, start + 16) // the first page header of the last row group
    const segments: TextSegment[] = []
    await rejectsWith('UNABLE_TO_PARSE_FILE', (async () => {
      for await (const item of extractParquet(Readable.from([file]), info(file.length))) segments.push(item)
    })())
    assert.deepEqual(byRecord(leaves(segments)), byRecord(customers.filter((l) => (l.location as { recordIndex: number }).recordIndex < 4)))
  })

  describe('reads a row group a column and a range of pages at a time', () => {
    for (const version of ['V1', 'V2'] as const) {
      it(`${version} data pages, with their locations, a column after the other`, async () => {
        assert.deepEqual(leaves(await read(pagedParquet(PAGED_ROWS, version), 4096)), pagedLeaves())
      })
    }

    it('holds no more than a range of pages: a column over maxBufferedBytes is read all the same', async () => {
      const file = pagedParquet(PAGED_ROWS, 'V2')
      const limit = 32 * 1024
      assert.ok(metadataOf(file).row_groups[0]!.columns.every((c) => Number(c.meta_data!.total_uncompressed_size) > limit))
      assert.deepEqual(leaves(await read(file, 4096, { maxBufferedBytes: limit })), pagedLeaves())
    })

    it('reads a repeated column of v1 pages (rows not stated) whole, within maxBufferedBytes, else FILE_EXCEEDS_SIZE_LIMIT', async () => {
      const file = pagedParquet(PAGED_ROWS, 'V1')
      const segments: TextSegment[] = []
      await rejectsWith('FILE_EXCEEDS_SIZE_LIMIT', read(file, 4096, { maxBufferedBytes: 64 * 1024 }, segments))
      assert.deepEqual(leaves(segments), pagedLeaves(['ssn']))
    })

    it('refuses a page that says it is over maxBufferedBytes uncompressed, before it is read', async () => {
      await rejectsWith('FILE_EXCEEDS_SIZE_LIMIT', read(pagedParquet(PAGED_ROWS, 'V1'), 4096, { maxBufferedBytes: 1024 }))
      await rejectsWith('FILE_EXCEEDS_SIZE_LIMIT', read(manyRowsParquet(2000, 2000), 4096, { maxBufferedBytes: 1024 }))
    })
  })

  it('leaves no rejection unhandled when several columns of a row group are broken', async () => {
    const stray: unknown[] = []
    const onRejection = (reason: unknown): void => void stray.push(reason)
    process.on('unhandledRejection', onRejection)
    try {
      const files = readdirSync(REGRESSIONS).filter((f) => f.endsWith('.parquet'))
      assert.ok(files.length >= 2, files.join(', '))
      for (const file of files) await rejectsWith('UNABLE_TO_PARSE_FILE', read(readFileSync(join(REGRESSIONS, file))))
      // Unhandled rejections are reported after the microtasks of the turn that left them.
      await new Promise((resolve) => setTimeout(resolve, 50))
    } finally {
      process.off('unhandledRejection', onRejection)
    }
    assert.deepEqual(stray, [])
  })

  it('refuses a file over 8 GB without reading it', async () => {
    const body = Readable.from([Buffer.from('PAR1')])
    await rejectsWith('FILE_EXCEEDS_SIZE_LIMIT', (async () => {
      for await (const item of extractParquet(body, info(8 * 1024 ** 3 + 1))) assert.fail(`unexpected ${String(item)}`)
    })())
    assert.ok(body.destroyed)
  })

  it('stops cleanly when the reader stops early', async () => {
    for await (const item of extractParquet(Readable.from([manyRowsParquet(100, 10)]), info(0, 64))) {
      assert.ok(item)
      break
    }
  })
})

describe('Parquet value text', () => {
  it('writes decimals exactly', () => {
    assert.equal(decimalText(12345n, 2), '123.45')
    assert.equal(decimalText(-5n, 3), '-0.005')
    assert.equal(decimalText(7n, -2), '700')
  })

  it('writes floats in their shortest form', () => {
    assert.equal(floatText(Math.fround(0.1)), '0.1')
    assert.equal(floatText(Math.fround(1234.5677)), '1234.5677')
    assert.equal(floatText(Number.NaN), undefined)
  })

  it('writes timestamps with the digits of their unit, before 1970 too', () => {
    assert.equal(timestampText(1_704_164_645_678_901n, 1_000_000n), '2024-01-02T03:04:05.678901Z')
    assert.equal(timestampText(-1n, 1000n), '1969-12-31T23:59:59.999Z')
    assert.equal(timestampText(0, 1n, false), '1970-01-01T00:00:00')
  })
})
