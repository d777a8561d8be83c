import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { extractCsv, isHeaderRow } from './csv.js'
import { ExtractError, type Location, type ObjectInfo, type TextSegment } from './types.js'

const fixture = (name: string): string => new URL(`../../test/fixtures/csv/${name}`, import.meta.url).pathname

function info(name: string, blockChars = 1 << 20): ObjectInfo {
  const dot = name.lastIndexOf('.')
  return { key: name, size: 0, extension: dot < 0 ? '' : name.slice(dot + 1), limits: { maxJsonDepth: 256, blockChars } }
}

async function collect(body: Readable, objectInfo: ObjectInfo): Promise<TextSegment[]> {
  const out: TextSegment[] = []
  for await (const s of extractCsv(body, objectInfo)) out.push(s)
  return out
}

/** Reads a fixture in 5-byte chunks, so rows and quoted fields are split between chunks. */
const read = (name: string, extension?: string): Promise<TextSegment[]> => {
  const objectInfo = info(name)
  return collect(createReadStream(fixture(name), { highWaterMark: 5 }), extension === undefined ? objectInfo : { ...objectInfo, extension })
}

interface Cell {
  value: string
  labels: readonly string[]
  location: Location
}

function cells(segments: TextSegment[]): Cell[] {
  return segments.flatMap((s) => {
    const f = s.fields
    if (!f) return []
    return Array.from({ length: f.count }, (_, i) => ({ value: s.text.slice(f.starts[i], f.ends[i]), labels: f.labels(i), location: f.location(i) }))
  })
}

const headers = (segments: TextSegment[]): Array<Pick<TextSegment, 'text' | 'origin'>> =>
  segments.filter((s) => !s.fields).map((s) => ({ text: s.text, origin: s.origin }))

const headerCases: Array<[cells: string[], isHeader: boolean]> = [
  [['name', 'ssn', 'city'], true],
  [['First Name', 'Date of birth', 'Account #'], true],
  [['id'], true],
  [['name', ''], false], // an empty cell
  [['name', '  '], false], // blank after trimming
  [['name', '42'], false], // a number
  [['name', '-1,234.50'], false],
  [['name', '$12'], false],
  [['name', '2024-01-05'], false], // a date
  [['name', '05/01/2024'], false],
  [['name', 'Jan 5, 2024'], false],
  [['name', '536-22-8741'], false], // mostly digits
  [['name', 'AB12345678'], false],
  [['name', 'x'.repeat(257)], false], // too long for a column name
  [['name', 'address line 2'], true], // a few digits are fine
  [[], false],
]

describe('isHeaderRow', () => {
  for (const [row, expected] of headerCases) {
    it(`${JSON.stringify(row).slice(0, 60)} → ${expected}`, () => assert.equal(isHeaderRow(row), expected))
  }
})

describe('extractCsv', () => {
  it('reports the header as free text at line 1 and labels cells with their column', async () => {
    const segments = await read('header-with-ssn-column.csv')
    assert.deepEqual(headers(segments), [{ text: 'name,ssn,city', origin: { line: 1, column: 1 } }])
    assert.deepEqual(cells(segments), [
      { value: 'Ana Lopez', labels: ['name'], location: { kind: 'cell', row: 2, column: 1, columnName: 'name' } },
      { value: '536-22-8741', labels: ['ssn'], location: { kind: 'cell', row: 2, column: 2, columnName: 'ssn' } },
      { value: 'Springfield', labels: ['city'], location: { kind: 'cell', row: 2, column: 3, columnName: 'city' } },
      { value: 'Bo Chen', labels: ['name'], location: { kind: 'cell', row: 3, column: 1, columnName: 'name' } },
      { value: 'Shelbyville', labels: ['city'], location: { kind: 'cell', row: 3, column: 3, columnName: 'city' } },
    ])
    const [, data] = segments
    assert.equal(data!.fields!.labels(1), data!.fields!.labels(1), 'one shared label array per column')
    assert.equal(data!.fields!.labels(0), data!.fields!.labels(3))
  })

  it('reads a first row of values as data, without labels or column names', async () => {
    const segments = await read('no-header-first-row-has-values.csv')
    assert.deepEqual(headers(segments), [])
    const found = cells(segments)
    assert.equal(found.length, 6)
    assert.deepEqual(found[0], { value: 'Ana Lopez', labels: [], location: { kind: 'cell', row: 1, column: 1 } })
    assert.deepEqual(found[4], { value: '078-05-1120', labels: [], location: { kind: 'cell', row: 2, column: 2 } })
  })

  it('keeps a quoted newline inside its cell and counts rows as records', async () => {
    const segments = await read('quoted-newline.csv')
    assert.deepEqual(headers(segments), [{ text: 'name,notes,ssn', origin: { line: 1, column: 1 } }])
    assert.deepEqual(
      cells(segments).map((c) => [c.value, c.location]),
      [
        ['Ana Lopez', { kind: 'cell', row: 2, column: 1, columnName: 'name' }],
        ['line one\nline two, with comma', { kind: 'cell', row: 2, column: 2, columnName: 'notes' }],
        ['536-22-8741', { kind: 'cell', row: 2, column: 3, columnName: 'ssn' }],
        ['Bo "Bobby" Chen', { kind: 'cell', row: 3, column: 1, columnName: 'name' }],
        ['plain', { kind: 'cell', row: 3, column: 2, columnName: 'notes' }],
        ['219-09-9999', { kind: 'cell', row: 3, column: 3, columnName: 'ssn' }],
      ],
    )
  })

  it('splits .tsv on tabs', async () => {
    const segments = await read('tab-separated.tsv')
    assert.deepEqual(headers(segments), [{ text: 'name\tssn', origin: { line: 1, column: 1 } }])
    assert.deepEqual(cells(segments)[1], { value: '536-22-8741', labels: ['ssn'], location: { kind: 'cell', row: 2, column: 2, columnName: 'ssn' } })
  })

  it('handles CRLF line endings', async () => {
    const segments = await read('crlf-line-endings.csv')
    assert.deepEqual(headers(segments), [{ text: 'name,ssn', origin: { line: 1, column: 1 } }])
    assert.deepEqual(cells(segments).map((c) => c.value), ['Ana Lopez', '536-22-8741'])
  })

  it('accepts rows of different widths and counts empty lines as rows', async () => {
    const found = cells(await read('ragged-rows-and-empty-line.csv'))
    assert.deepEqual(
      found.map((c) => [c.value, c.labels, c.location]),
      [
        ['Ana Lopez', ['name'], { kind: 'cell', row: 2, column: 1, columnName: 'name' }],
        ['Bo Chen', ['name'], { kind: 'cell', row: 3, column: 1, columnName: 'name' }],
        ['219-09-9999', ['ssn'], { kind: 'cell', row: 3, column: 2, columnName: 'ssn' }],
        ['extra value', [], { kind: 'cell', row: 3, column: 3 }],
        ['Cy Diaz', ['name'], { kind: 'cell', row: 5, column: 1, columnName: 'name' }],
        ['536-22-8741', ['ssn'], { kind: 'cell', row: 5, column: 2, columnName: 'ssn' }],
      ],
    )
  })

  it('guesses the delimiter for other extensions', async () => {
    const segments = await read('semicolon-delimited.csv', 'txt')
    assert.deepEqual(headers(segments), [{ text: 'name;ssn', origin: { line: 1, column: 1 } }])
    assert.deepEqual(cells(segments)[1]!.location, { kind: 'cell', row: 2, column: 2, columnName: 'ssn' })
  })

  it('reads a first row holding a value as data', async () => {
    const segments = await read('sensitive-value-in-header.csv')
    assert.deepEqual(headers(segments), [])
    assert.deepEqual(cells(segments)[0], { value: 'ssn 536-22-8741', labels: [], location: { kind: 'cell', row: 1, column: 1 } })
  })

  it('fails with UNABLE_TO_PARSE_FILE on a quote that never closes', async () => {
    await assert.rejects(read('unterminated-quote.csv'), (err: unknown) => err instanceof ExtractError && err.reason === 'UNABLE_TO_PARSE_FILE')
  })

  it('batches rows into segments of about blockChars, rows numbered across segments', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `person ${i},${String(100000 + i)},"note ${i}\nsecond line"`)
    const source = 'name,code,note\n' + rows.join('\n') + '\n'
    const segments = await collect(Readable.from([Buffer.from(source)]), info('big.csv', 2000))
    const data = segments.filter((s) => s.fields)
    assert.ok(data.length > 20)
    for (const s of data.slice(0, -1)) assert.ok(s.text.length >= 2000 && s.text.length < 2100)
    const found = cells(segments)
    assert.equal(found.length, 9000)
    assert.deepEqual(found[8998], { value: '102999', labels: ['code'], location: { kind: 'cell', row: 3001, column: 2, columnName: 'code' } })
    assert.deepEqual(found[8999]!.value, 'note 2999\nsecond line')
  })

  it('yields nothing for an empty file', async () => {
    assert.deepEqual(await collect(Readable.from([]), info('empty.csv')), [])
  })
})
