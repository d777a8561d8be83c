import assert from 'node:assert/strict'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import {
  corruptSheetWorkbook,
  DATE_STYLES,
  datesWorkbook,
  emptyWorkbook,
  largeImageWorkbook,
  largeWorkbook,
  oddlyNamedWorkbook,
  peopleWorkbook,
  phoneticWorkbook,
  prefixedWorkbook,
  quirkyCellsWorkbook,
  ratioBombWorkbook,
  truncatedSheetWorkbook,
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

  it('finds sheets by their relationships, whatever their part names, reads them in tab order and quotes names as Excel does', async () => {
    assert.deepEqual(cells(await collect(oddlyNamedWorkbook())), [
      cell('name', 1, 1, 'Data!A1', 'name'), // the first tab, though its part name sorts last
      cell('ssn', 1, 2, 'Data!B1', 'ssn'),
      cell('536-22-8741', 2, 2, 'Data!B2', 'ssn'),
      cell('536-22-8741', 3, 27, "'Q1 ''plan'''!AA3"),
      cell('line one\rline two', 4, 28, "'Q1 ''plan'''!AB4"),
    ])
  })

  it('reads prefixed SpreadsheetML, relative relationship targets and shared strings at any part name', async () => {
    assert.deepEqual(cells(await collect(prefixedWorkbook())), [cell('536-22-8741', 1, 1, 'Pre!A1')])
  })

  it('reads cells without r, every run of inline rich text, entities once, and formula results as a user sees them', async () => {
    assert.deepEqual(cells(await collect(quirkyCellsWorkbook())), [
      cell('name', 1, 1, 'Quirks!A1', 'name'), // cells without r: the next column
      cell('note', 1, 2, 'Quirks!B1', 'note'),
      cell('card', 1, 3, 'Quirks!C1', 'card'),
      cell('Ana Lopez', 2, 1, 'Quirks!A2', 'name'), // a row without r: the next row; both runs, not the phonetic one
      cell('AT&amp;T <b>', 2, 2, 'Quirks!B2', 'note'), // &amp;amp; decoded once
      cell('4111111111111111', 2, 3, 'Quirks!C2', 'card'),
      cell('Ana Lopez!', 5, 1, 'Quirks!A5', 'name'), // a formula's text, not the formula
      cell('TRUE', 5, 2, 'Quirks!B5', 'note'), // a boolean formula result
      cell('4111111111111111', 5, 3, 'Quirks!C5', 'card'), // written with an exponent; D5's #DIV/0! is skipped
      cell('FALSE', 5, 5, 'Quirks!E5'),
      cell('line\rbreak', 6, 2, 'Quirks!B6', 'note'),
    ])
  })

  describe('numbers in a date or time format read as ISO 8601', () => {
    const { general, date, dateTime, days, red, time } = DATE_STYLES
    const cases: Array<{ name: string; value: string; style?: number; type?: string; want: string }> = [
      { name: 'a built-in date format', value: '45296', style: date, want: '2024-01-05' },
      { name: 'a custom date and time format with escapes', value: '45296.5', style: dateTime, want: '2024-01-05T12:00:00' },
      { name: 'a built-in time format, under a day', value: '0.75', style: time, want: '18:00:00' },
      { name: 'the day before the 1900 leap-year bug', value: '59', style: date, want: '1900-02-28' },
      { name: 'the day of the 1900 leap-year bug', value: '60', style: date, want: '1900-02-29' },
      { name: 'the day after the 1900 leap-year bug', value: '61', style: date, want: '1900-03-01' },
      { name: 'the first day', value: '1', style: date, want: '1900-01-01' },
      { name: 'a number outside dates, as written', value: '-1', style: date, want: '-1' },
      { name: 'general format: the number as written', value: '45296', style: general, want: '45296' },
      { name: 'a format whose d, a, y, s are quoted text', value: '12.5', style: days, want: '12.5' },
      { name: 'a format whose only letters are a colour', value: '7', style: red, want: '7' },
      { name: 'a style index past the styles', value: '45296', style: 99, want: '45296' },
      { name: 'an ISO date value (t="d")', value: '2024-01-05T00:00:00Z', type: 'd', want: '2024-01-05' },
      { name: 'a 16-digit number', value: '4111111111111111', want: '4111111111111111' },
      { name: 'a small number with an exponent', value: '1.5E-3', want: '0.0015' },
      { name: 'a huge number with an exponent, as written', value: '1.2E+300', want: '1.2E+300' },
    ]
    for (const c of cases) {
      it(c.name, async () => {
        assert.deepEqual(
          cells(await collect(datesWorkbook([c]))).map((found) => found.value),
          [c.want],
        )
      })
    }

    it('counts days from 1904-01-01 in the 1904 date system', async () => {
      const found = cells(await collect(datesWorkbook([{ value: '0', style: date }, { value: '43834', style: date }], true)))
      assert.deepEqual(
        found.map((f) => f.value),
        ['1904-01-01', '2024-01-05'],
      )
    })
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

    it('fails with OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT on shared strings taking more than maxBufferedBytes', async () => {
      // 3,001 strings of about 8 characters, each past U+00FF so two bytes, and 4 bytes of offset: about 60,000 bytes.
      await assert.rejects(collect(phoneticWorkbook(3000), info({ maxBufferedBytes: 40_000 })), failsWith('OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT'))
      assert.equal(cells(await collect(phoneticWorkbook(3000), info({ maxBufferedBytes: 80_000 }))).length, 6000)
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

    it('fails with MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT on a sheet whose XML ends before its elements close', async () => {
      await assert.rejects(collect(truncatedSheetWorkbook()), failsWith('MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT'))
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
