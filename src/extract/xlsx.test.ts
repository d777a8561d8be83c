import assert from 'node:assert/strict'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import {
  corruptSheetWorkbook,
  emptyWorkbook,
  largeImageWorkbook,
  largeWorkbook,
  oddlyNamedWorkbook,
  peopleWorkbook,
  phoneticWorkbook,
  ratioBombWorkbook,
  understatedSizeWorkbook,
} from '../../test/fixtures/build/xlsx.js'
import { DEFAULT_LIMITS, ExtractError, type ExtractFailure, type ExtractLimits, type Location, type ObjectInfo, type TextSegment } from './types.js'
import { extractXlsx } from './xlsx.js'

let tempDir = ''
before(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'trawl-xlsx-test-'))
})
after(async () => {
  await rm(tempDir, { recursive: true, force: true })
})

function info(limits: Partial<ExtractLimits> = {}): ObjectInfo {
  return { key: 'book.xlsx', size: 0, extension: 'xlsx', limits: { ...DEFAULT_LIMITS, ...limits }, tempDir }
}

/** Splits `bytes` into chunks of `size` bytes. */
const chunked = (bytes: Buffer, size = 4096): Readable => {
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size))
  return Readable.from(chunks)
}

async function collect(bytes: Buffer, objectInfo = info()): Promise<TextSegment[]> {
  const out: TextSegment[] = []
  for await (const s of extractXlsx(chunked(bytes), objectInfo)) out.push(s)
  return out
}

interface Cell {
  value: string
  labels: readonly string[]
  location: Location
}

function cells(segments: TextSegment[]): Cell[] {
  return segments.flatMap((s) => {
    const f = s.fields
    assert.ok(f, 'every segment is made of cells')
    return Array.from({ length: f.count }, (_, i) => ({ value: s.text.slice(f.starts[i], f.ends[i]), labels: f.labels(i), location: f.location(i) }))
  })
}

const cell = (value: string, row: number, column: number, cellReference: string, columnName?: string): Cell => ({
  value,
  labels: columnName === undefined ? [] : [columnName],
  location: columnName === undefined ? { kind: 'cell', row, column, cellReference } : { kind: 'cell', row, column, columnName, cellReference },
})

const failsWith = (reason: ExtractFailure) => (err: unknown) => {
  assert.ok(err instanceof ExtractError, `expected an ExtractError, got ${String(err)}`)
  assert.equal(err.reason, reason, err.message)
  return true
}

describe('extractXlsx', () => {
  it('reads every sheet, each cell located by row, column, column name and reference', async () => {
    const segments = await collect(await peopleWorkbook())
    assert.equal(segments.length, 3, 'one segment per sheet')
    assert.deepEqual(cells(segments), [
      cell('name', 1, 1, 'People!A1', 'name'), // header cells are fields too
      cell('ssn', 1, 2, 'People!B1', 'ssn'),
      cell('card', 1, 3, 'People!C1', 'card'),
      cell('Ana Lopez', 2, 1, 'People!A2', 'name'),
      cell('536-22-8741', 2, 2, 'People!B2', 'ssn'),
      cell('4111 1111 1111 1111', 2, 3, 'People!C2', 'card'),
      cell('Bo Chen', 3, 1, 'People!A3', 'name'), // rich text, runs joined
      cell('SSN: 219-09-9999', 3, 2, 'People!B3', 'ssn'),
      cell('4111111111111111', 3, 3, 'People!C3', 'card'), // a number, without an exponent
      cell('Ana Lopez (copy)', 4, 1, 'People!A4', 'name'), // a formula's result
      cell('4111111111111112', 4, 3, 'People!C4', 'card'),
      cell('2024-01-05', 4, 4, 'People!D4'), // a date
      cell('TRUE', 4, 5, 'People!E4'),
      cell('jane.doe@example.com', 4, 6, 'People!F4'), // a hyperlink's text; G4 holds #N/A and is skipped
      cell('12345678901234567890', 4, 8, 'People!H4'),
      cell('536-22-8741', 5, 3, 'Sheet2!C5'), // no header: a value is not a column name
      cell('email', 1, 1, "'My Sheet'!A1", 'email'),
      cell('jane.doe@example.com', 2, 1, "'My Sheet'!A2", 'email'),
    ])
    const people = segments[0]!
    assert.ok(people.text.startsWith('name\nssn\ncard\nAna Lopez\n536-22-8741\n'), 'cells joined by newlines')
    assert.equal(people.fields!.labels(1), people.fields!.labels(4), 'one label array per column')
  })

  it('finds sheets by their relationships, whatever their part names, and quotes names as Excel does', async () => {
    assert.deepEqual(cells(await collect(oddlyNamedWorkbook())), [
      cell('536-22-8741', 3, 27, "'Q1 ''plan'''!AA3"),
      cell('line one\rline two', 4, 28, "'Q1 ''plan'''!AB4"),
      cell('name', 1, 1, 'Data!A1', 'name'),
      cell('ssn', 1, 2, 'Data!B1', 'ssn'),
      cell('536-22-8741', 2, 2, 'Data!B2', 'ssn'),
    ])
  })

  it('reads the text of shared strings that carry phonetic runs, not the runs', async () => {
    const count = 3000 // the shared strings span several inflated chunks, so runs straddle chunk ends
    const found = cells(await collect(phoneticWorkbook(count)))
    assert.equal(found.length, 2 * count)
    assert.deepEqual(found.slice(0, 2), [cell('山田太郎0', 1, 1, '名簿!A1'), cell('536-22-8741', 1, 2, '名簿!B1')])
    for (let i = 0; i < count; i++) assert.equal(found[2 * i]!.value, `山田太郎${i}`)
    assert.deepEqual(found[2 * count - 2], cell(`山田太郎${count - 1}`, count, 1, `名簿!A${count}`))
  })

  it('keeps characters whose bytes are split between inflated chunks', async () => {
    const found = cells(await collect(await largeWorkbook(3000, 4, 'é山😀')))
    assert.equal(found.length, 12_000)
    for (const { value, location } of found.slice(4)) {
      assert.ok(location.kind === 'cell')
      assert.equal(value, `é山😀r${location.row}c${location.column}`)
    }
  })

  it('does not copy sheets to temporary files when the shared strings come after them', async () => {
    const ours = (names: string[]): string[] => names.filter((n) => n.startsWith(`tmp-${process.pid}-`))
    const before = ours(await readdir(tmpdir()))
    await collect(await peopleWorkbook())
    assert.deepEqual(ours(await readdir(tmpdir())), before)
  })

  it('streams a large sheet in several segments of about blockChars', { timeout: 60_000 }, async () => {
    const rows = 20_000
    const columns = 10
    const segments = await collect(await largeWorkbook(rows, columns), info({ blockChars: 64 * 1024 }))
    assert.ok(segments.length > 20, `${segments.length} segments`)
    for (const s of segments.slice(0, -1)) assert.ok(s.text.length >= 64 * 1024 - 1 && s.text.length < 64 * 1024 + 64, `${s.text.length} characters`)
    const found = cells(segments)
    assert.equal(found.length, rows * columns)
    assert.deepEqual(found[0], cell('col1', 1, 1, 'Big!A1', 'col1'))
    assert.deepEqual(found[found.length - 1], cell(`r${rows}c${columns}`, rows, columns, `Big!J${rows}`, `col${columns}`))
  })

  it('yields nothing for a workbook without cells', async () => {
    assert.deepEqual(await collect(await emptyWorkbook()), [])
  })

  it('reads a workbook spooled to disk, leaving no file behind, and reads only the parts it needs', { timeout: 30_000 }, async () => {
    assert.deepEqual(cells(await collect(largeImageWorkbook())), [cell('536-22-8741', 1, 1, 'Sheet1!A1')])
    assert.deepEqual(await readdir(tempDir), [])
  })

  it('removes its spool when the consumer stops early', async () => {
    for await (const segment of extractXlsx(chunked(largeImageWorkbook(), 1 << 20), info())) {
      assert.ok(segment.fields)
      break
    }
    assert.deepEqual(await readdir(tempDir), [])
  })

  describe('limits', () => {
    it('fails with OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT on a part that inflates over 100 times', { timeout: 30_000 }, async () => {
      await assert.rejects(collect(ratioBombWorkbook()), failsWith('OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT'))
    })

    it('does not hold parts under 1 MiB to the ratio', async () => {
      assert.equal(cells(await collect(await peopleWorkbook(), info({ maxOoxmlRatio: 1 }))).length, 18)
    })

    it('fails with OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT on a part larger than maxOoxmlPartBytes', async () => {
      await assert.rejects(collect(await peopleWorkbook(), info({ maxOoxmlPartBytes: 1000 })), failsWith('OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT'))
    })

    it('fails with OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT on shared strings larger than maxBufferedBytes', async () => {
      await assert.rejects(collect(await peopleWorkbook(), info({ maxBufferedBytes: 400 })), failsWith('OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT'))
    })

    it('fails with MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT on a part that inflates past its stated size', { timeout: 10_000 }, async () => {
      await assert.rejects(collect(understatedSizeWorkbook()), failsWith('MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT'))
    })
  })

  describe('broken input', () => {
    it('fails with MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT on bytes that are not a ZIP', async () => {
      await assert.rejects(collect(Buffer.from('PK\x03\x04 this is not really a workbook')), failsWith('MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT'))
    })

    it('fails with MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT on an empty body', async () => {
      await assert.rejects(collect(Buffer.alloc(0)), failsWith('MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT'))
    })

    it('fails with MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT on a ZIP that holds no workbook', async () => {
      const { zipSync, strToU8 } = await import('fflate')
      await assert.rejects(collect(Buffer.from(zipSync({ 'word/document.xml': strToU8('<w:document/>') }))), failsWith('MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT'))
    })

    it('fails with MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT, without hanging, on a workbook cut anywhere', { timeout: 20_000 }, async () => {
      const whole = await peopleWorkbook()
      for (let cut = 0; cut < whole.length; cut += 97) {
        await assert.rejects(collect(whole.subarray(0, cut)), failsWith('MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT'), `cut at ${cut}`)
      }
    })

    it('fails with MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT, without hanging, on a sheet that does not inflate', { timeout: 10_000 }, async () => {
      await assert.rejects(collect(await corruptSheetWorkbook()), failsWith('MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT'))
    })

    it('fails with MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT, without hanging, on a sheet of broken XML', { timeout: 10_000 }, async () => {
      const { zipSync, unzipSync, strToU8 } = await import('fflate')
      const files = unzipSync(await peopleWorkbook())
      files['xl/worksheets/sheet2.xml'] = strToU8('<worksheet><sheetData><row r="5"><c r="C5" t="s"><v>0</v></c></row><row r="6"></c></sheetData></worksheet>')
      const segments: TextSegment[] = []
      const read = async (): Promise<void> => {
        for await (const s of extractXlsx(chunked(Buffer.from(zipSync(files))), info())) segments.push(s)
      }
      await assert.rejects(read(), failsWith('MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT'))
      assert.equal(segments.length, 1, 'the first sheet was read before the failure')
    })
  })
})
