import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Tally } from './tally.js'

const det = (id: string, start: number, end: number, field = -1) => ({ id, isCustom: false, start, end, field })

describe('Tally', () => {
  it('locates free text by line and column from the segment origin', () => {
    const t = new Tally(10)
    const text = 'abc\nSSN 123\nx\n-----BEGIN\nbody\n'
    t.add({ text, origin: { line: 7, column: 5 } }, [det('A', 1, 2), det('B', 8, 11), det('C', 14, 29)])
    assert.deepEqual(t.entries.get('A')!.occurrences.lineRanges, [{ start: 7, end: 7, startColumn: 6 }])
    assert.deepEqual(t.entries.get('B')!.occurrences.lineRanges, [{ start: 8, end: 8, startColumn: 5 }])
    assert.deepEqual(t.entries.get('C')!.occurrences.lineRanges, [{ start: 10, end: 11, startColumn: 1 }])
  })
  it('uses field locations for structured text', () => {
    const t = new Tally(10)
    const fields = {
      count: 1,
      starts: [0],
      ends: [3],
      labels: () => ['ssn'],
      location: () => ({ kind: 'cell' as const, row: 2, column: 3, columnName: 'ssn' }),
    }
    t.add({ text: '123', fields }, [det('A', 0, 3, 0)])
    assert.deepEqual(t.entries.get('A')!.occurrences.cells, [{ row: 2, column: 3, columnName: 'ssn', cellReference: null }])
  })
  it('counts every occurrence but locates only up to the cap', () => {
    const t = new Tally(2)
    t.add({ text: 'a a a a' }, [det('A', 0, 1), det('A', 2, 3), det('A', 4, 5), det('A', 6, 7)])
    const e = t.entries.get('A')!
    assert.equal(e.count, 4)
    assert.equal(e.occurrences.lineRanges!.length, 2)
    assert.equal(t.additionalOccurrences, true)
  })
})
