import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { extractCsv, isHeaderRow } from './csv.js'
import { DEFAULT_LIMITS, ExtractError, type Location, type ObjectInfo, type TextSegment } from './types.js'

const fixture = (name: string): string => new URL(`../../test/fixtures/csv/${name}`, import.meta.url).pathname

function info(name: string, blockChars = 1 << 20): ObjectInfo {
  const dot = name.lastIndexOf('.')
  return { key: name, size: 0, extension: dot < 0 ? '' : name.slice(dot + 1), limits: { ...DEFAULT_LIMITS, blockChars } }
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
        ['Bo ""Bobby"" Chen', { kind: 'cell', row: 3, column: 1, columnName: 'name' }], // a doubled quote stays doubled in the text
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

  it('fails with UNABLE_TO_PARSE_FILE on a record longer than 16 Mi characters', async () => {
    const body = Readable.from([Buffer.from('a,b\n'), Buffer.alloc((16 << 20) + 1024, 'x')])
    await assert.rejects(collect(body, info('long.csv')), (err: unknown) => err instanceof ExtractError && err.reason === 'UNABLE_TO_PARSE_FILE')
  })
})

/** Splits `source` into chunks of `size` bytes. */
const chunked = (source: string | Buffer, size: number): Readable => {
  const bytes = typeof source === 'string' ? Buffer.from(source) : source
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size))
  return Readable.from(chunks)
}

/** Data segments as their text and each field's [start, end, row, column]. */
function layout(segments: TextSegment[]): Array<{ text: string; fields: Array<[number, number, number, number]> }> {
  return segments
    .filter((s) => s.fields)
    .map((s) => {
      const f = s.fields!
      return {
        text: s.text,
        fields: Array.from({ length: f.count }, (_, i): [number, number, number, number] => {
          const location = f.location(i)
          assert.ok(location.kind === 'cell')
          return [f.starts[i]!, f.ends[i]!, location.row, location.column]
        }),
      }
    })
}

describe('extractCsv: raw text layout', () => {
  // A segment's text is the file's own text, whole records; a field spans a cell's content.
  for (const size of [1, 3, 1 << 16]) {
    it(`quoted cells with delimiters, line breaks and doubled quotes (${size}-byte chunks)`, async () => {
      const source = 'name,notes,ssn\nAna,"a, b\nc",1\n"Bo ""B"" C",,"2"\n'
      const segments = await collect(chunked(source, size), info('q.csv'))
      assert.deepEqual(headers(segments), [{ text: 'name,notes,ssn', origin: { line: 1, column: 1 } }])
      const data = 'Ana,"a, b\nc",1\n"Bo ""B"" C",,"2"\n'
      assert.deepEqual(layout(segments), [
        {
          text: data,
          fields: [
            [0, 3, 2, 1], // Ana
            [5, 11, 2, 2], // a, b⏎c
            [13, 14, 2, 3], // 1
            [16, 26, 3, 1], // Bo ""B"" C: the doubled quotes stay in the text
            [30, 31, 3, 3], // 2
          ],
        },
      ])
      assert.equal(data.slice(16, 26), 'Bo ""B"" C')
    })
  }

  it('CRLF: line breaks stay in the text, outside the cells', async () => {
    const source = 'name,ssn\r\nAna,1\r\n"Bo",2\r\n'
    const segments = await collect(chunked(source, 1), info('crlf.csv'))
    assert.deepEqual(headers(segments), [{ text: 'name,ssn', origin: { line: 1, column: 1 } }])
    assert.deepEqual(layout(segments), [
      {
        text: 'Ana,1\r\n"Bo",2\r\n',
        fields: [
          [0, 3, 2, 1],
          [4, 5, 2, 2],
          [8, 10, 3, 1],
          [12, 13, 3, 2],
        ],
      },
    ])
  })

  it('a byte order mark is not text', async () => {
    const source = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name,ssn\nAna,1\n')])
    const segments = await collect(chunked(source, 2), info('bom.csv'))
    assert.deepEqual(headers(segments), [{ text: 'name,ssn', origin: { line: 1, column: 1 } }])
    assert.deepEqual(layout(segments), [
      {
        text: 'Ana,1\n',
        fields: [
          [0, 3, 2, 1],
          [4, 5, 2, 2],
        ],
      },
    ])
    assert.deepEqual(cells(segments)[0]!.location, { kind: 'cell', row: 2, column: 1, columnName: 'name' })
  })

  it('ragged rows, empty lines and no final line break', async () => {
    const source = 'a,b,c\nx\n\n,y,z,extra\nlast,"q"'
    const segments = await collect(chunked(source, 4), info('ragged.csv'))
    assert.deepEqual(headers(segments), [{ text: 'a,b,c', origin: { line: 1, column: 1 } }])
    assert.deepEqual(layout(segments), [
      {
        text: 'x\n\n,y,z,extra\nlast,"q"',
        fields: [
          [0, 1, 2, 1],
          [4, 5, 4, 2],
          [6, 7, 4, 3],
          [8, 13, 4, 4],
          [14, 18, 5, 1],
          [20, 21, 5, 2],
        ],
      },
    ])
  })

  it('cuts segments only between records and loses no text', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `r${i},"v ${i}\r\n""x""",${i % 3 === 0 ? '' : i}`)
    const source = 'name,note,n\r\n' + rows.join('\r\n')
    const segments = await collect(chunked(source, 7), info('cut.csv', 300))
    const data = segments.filter((s) => s.fields)
    assert.ok(data.length > 10)
    assert.equal(data.map((s) => s.text).join(''), source.slice('name,note,n\r\n'.length))
    for (const s of data.slice(0, -1)) assert.ok(s.text.endsWith('\r\n') && s.text.length >= 300 && s.text.length < 340)
    const found = cells(segments)
    assert.equal(found.length, 500 * 2 + 333)
    assert.deepEqual(found.at(-1), { value: '499', labels: ['n'], location: { kind: 'cell', row: 501, column: 3, columnName: 'n' } })
    assert.equal(found.at(-2)!.value, 'v 499\r\n""x""')
  })

  it('keeps a header column name unescaped', async () => {
    const segments = await collect(chunked('"full ""legal"" name",ssn\nAna,1\n', 5), info('h.csv'))
    assert.deepEqual(headers(segments), [{ text: '"full ""legal"" name",ssn', origin: { line: 1, column: 1 } }])
    assert.deepEqual(cells(segments)[0], { value: 'Ana', labels: ['full "legal" name'], location: { kind: 'cell', row: 2, column: 1, columnName: 'full "legal" name' } })
  })

  it('reads files with lone CR line breaks', async () => {
    const segments = await collect(chunked('name;ssn\rAna;1\rBo;2\r', 3), info('mac.txt'))
    assert.deepEqual(headers(segments), [{ text: 'name;ssn', origin: { line: 1, column: 1 } }])
    assert.deepEqual(layout(segments), [
      {
        text: 'Ana;1\rBo;2\r',
        fields: [
          [0, 3, 2, 1],
          [4, 5, 2, 2],
          [6, 8, 3, 1],
          [9, 10, 3, 2],
        ],
      },
    ])
  })
})
