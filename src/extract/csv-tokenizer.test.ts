import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CellOffsets, CsvTokenizer, guessDelimiter, guessLineBreak, NEED_MORE, UNTERMINATED, type LineBreak } from './csv-tokenizer.js'

interface Read {
  /** Cell contents as text slices, with their 1-based column. */
  cells: Array<[content: string, column: number]>
  columns: number
  /** The record's text up to its line break. */
  content: string
  next: number
}

/** Reads the first record of `text`. */
function readFirst(text: string, { delimiter = ',', lineBreak = '\n' as LineBreak, isFinal = true } = {}): Read | number {
  const tokenizer = new CsvTokenizer(delimiter, lineBreak)
  const cells = new CellOffsets(2)
  tokenizer.setText(text, isFinal)
  const next = tokenizer.read(0, 1, cells)
  if (next < 0) {
    assert.equal(cells.count, 0, 'nothing is kept from an unfinished record')
    return next
  }
  const found: Array<[string, number]> = []
  for (let i = 0; i < cells.count; i++) found.push([text.slice(cells.starts[i], cells.ends[i]), cells.cols[i]!])
  return { cells: found, columns: tokenizer.columns, content: text.slice(0, tokenizer.contentEnd), next }
}

const cases: Array<[name: string, text: string, expected: Read | number, options?: Parameters<typeof readFirst>[1]]> = [
  ['plain cells', 'a,bc,d\nx', { cells: [['a', 1], ['bc', 2], ['d', 3]], columns: 3, content: 'a,bc,d', next: 7 }],
  ['empty cells are not cells but count as columns', ',a,,\n', { cells: [['a', 2]], columns: 4, content: ',a,,', next: 5 }],
  ['an empty line', '\nx', { cells: [], columns: 1, content: '', next: 1 }],
  ['quoted: delimiter and line break inside', '"a,b\nc",d\n', { cells: [['a,b\nc', 1], ['d', 2]], columns: 2, content: '"a,b\nc",d', next: 10 }],
  ['quoted: a doubled quote stays two characters', '"say ""hi""",x\n', { cells: [['say ""hi""', 1], ['x', 2]], columns: 2, content: '"say ""hi""",x', next: 15 }],
  ['quoted: empty', '"",x\n', { cells: [['x', 2]], columns: 2, content: '"",x', next: 5 }],
  ['quoted: spaces before the delimiter', '"a"  ,b\n', { cells: [['a', 1], ['b', 2]], columns: 2, content: '"a"  ,b', next: 8 }],
  ['quoted: a stray quote is content', '"a "b" c",d\n', { cells: [['a "b" c', 1], ['d', 2]], columns: 2, content: '"a "b" c",d', next: 12 }],
  ['a quote inside an unquoted cell is content', 'a"b,c\n', { cells: [['a"b', 1], ['c', 2]], columns: 2, content: 'a"b,c', next: 6 }],
  ['CRLF: the CR is not content', 'a,b\r\nc', { cells: [['a', 1], ['b', 2]], columns: 2, content: 'a,b', next: 5 }],
  ['CRLF after a quoted cell', 'a,"b"\r\nc', { cells: [['a', 1], ['b', 2]], columns: 2, content: 'a,"b"', next: 7 }],
  ['a CR inside a cell stays', 'a\rb,c\n', { cells: [['a\rb', 1], ['c', 2]], columns: 2, content: 'a\rb,c', next: 6 }],
  ['lone CR line breaks', 'a,b\rc\n', { cells: [['a', 1], ['b', 2]], columns: 2, content: 'a,b', next: 4 }, { lineBreak: '\r' }],
  ['no final line break', 'a,"b"', { cells: [['a', 1], ['b', 2]], columns: 2, content: 'a,"b"', next: 5 }],
  ['tab delimiter', 'a,b\tc\n', { cells: [['a,b', 1], ['c', 2]], columns: 2, content: 'a,b\tc', next: 6 }, { delimiter: '\t' }],
  ['unterminated quote', 'a,"b\nc\n', UNTERMINATED],
  ['more text needed: no line break yet', 'a,b', NEED_MORE, { isFinal: false }],
  ['more text needed: inside a quote', 'a,"b\n', NEED_MORE, { isFinal: false }],
  ['more text needed: a quote that may be doubled', 'a,"b"', NEED_MORE, { isFinal: false }],
  ['more text needed: a CR that may start CRLF', 'a,b\r', NEED_MORE, { isFinal: false }],
  ['more text needed: a CR after a closing quote', 'a,"b"\r', NEED_MORE, { isFinal: false }],
]

describe('CsvTokenizer.read', () => {
  for (const [name, text, expected, options] of cases) {
    it(name, () => assert.deepEqual(readFirst(text, options), expected))
  }

  it('reads record after record, with rows, across a growing text', () => {
    const tokenizer = new CsvTokenizer(',', '\n')
    const cells = new CellOffsets(1)
    const whole = 'a,"x\ny"\n\nb,c'
    tokenizer.setText(whole.slice(0, 5), false)
    assert.equal(tokenizer.read(0, 1, cells), NEED_MORE)
    tokenizer.setText(whole, true)
    const ends: number[] = []
    for (let pos = 0, row = 1; pos < whole.length; row++) ends.push((pos = tokenizer.read(pos, row, cells)))
    assert.deepEqual(ends, [8, 9, 12])
    assert.deepEqual(
      Array.from({ length: cells.count }, (_, i) => [whole.slice(cells.starts[i], cells.ends[i]), cells.rows[i], cells.cols[i]]),
      [
        ['a', 1, 1],
        ['x\ny', 1, 2],
        ['b', 3, 1],
        ['c', 3, 2],
      ],
    )
  })
})

describe('guessLineBreak', () => {
  const lineBreaks: Array<[string, LineBreak]> = [
    ['a,b\n1,2\n', '\n'],
    ['a,b\r\n1,2\r\n', '\n'],
    ['a,b\r1,2\r', '\r'],
    ['"x\ry",b\n1,2\n', '\n'], // line breaks inside quotes do not count
    ['a,b', '\n'],
  ]
  for (const [sample, expected] of lineBreaks) it(JSON.stringify(sample), () => assert.equal(guessLineBreak(sample), expected))
})

describe('guessDelimiter', () => {
  const delimiters: Array<[string, string]> = [
    ['name,ssn\nAna,1\n', ','],
    ['name;note\nAna;hi, there\nBo;a, b, c\n', ';'], // commas in cells, semicolons consistent
    ['name\tnote\nAna\thi, there\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['"a;b",c\n"d;e",f\n', ','], // a delimiter inside quotes does not count
    ['name;ssn\n\nAna;1\n', ';'], // empty lines are skipped
    ['just one column\nsecond line\n', ','], // nothing splits: the default
  ]
  for (const [sample, expected] of delimiters) it(JSON.stringify(sample), () => assert.equal(guessDelimiter(sample, '\n'), expected))
})
