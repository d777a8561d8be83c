// Counts detections of one object per identifier and locates the first occurrences in Macie's
// occurrence shapes (lineRanges, cells, records, pages).
import type { Detection } from '../detect/types.js'
import type { Location, TextSegment } from '../extract/types.js'

/** Macie's `Range` (lineRanges). */
export interface LineRange {
  start: number
  end: number
  startColumn: number
}
/** Macie's `Cell`. */
export interface CellOccurrence {
  row: number
  column: number
  columnName: string | null
  cellReference: string | null
}
/** Macie's `Record`. */
export interface RecordOccurrence {
  recordIndex: number
  jsonPath: string
}
/** Macie's `Page`. */
export interface PageOccurrence {
  pageNumber: number
}

/** Macie's `Occurrences`: only the arrays in use are present. */
export interface Occurrences {
  lineRanges?: LineRange[]
  cells?: CellOccurrence[]
  records?: RecordOccurrence[]
  pages?: PageOccurrence[]
}

/** Count and first occurrences of one identifier in one object. */
export interface TallyEntry {
  id: string
  isCustom: boolean
  count: number
  occurrences: Occurrences
  located: number
}

/** Tallies detections of one object. */
export class Tally {
  readonly entries = new Map<string, TallyEntry>()

  /** @param cap occurrences located per identifier (Macie: 1,000 in results, 15 in findings). */
  constructor(readonly cap: number) {}

  /** True when some identifier had more occurrences than the cap allowed to locate. */
  additionalOccurrences = false

  /** Adds another tally's counts (a member's, to its archive's), without its locations. */
  merge(other: Tally): void {
    for (const o of other.entries.values()) {
      let e = this.entries.get(o.id)
      if (!e) this.entries.set(o.id, (e = { id: o.id, isCustom: o.isCustom, count: 0, occurrences: {}, located: 0 }))
      e.count += o.count
    }
  }

  /** The same counts with no locations: an archive's findings locate nothing (MACIE.md §5.2). */
  withoutLocations(): Tally {
    const t = new Tally(this.cap)
    t.merge(this)
    return t
  }

  /** Adds the detections found in one segment. */
  add(segment: TextSegment, detections: readonly Detection[]): void {
    if (detections.length === 0) return
    const lines = segment.fields || segment.locate ? undefined : new LineCursor(segment)
    for (const d of detections) {
      let e = this.entries.get(d.id)
      if (!e) this.entries.set(d.id, (e = { id: d.id, isCustom: d.isCustom, count: 0, occurrences: {}, located: 0 }))
      e.count++
      if (e.located >= this.cap) {
        this.additionalOccurrences = true
        continue
      }
      e.located++
      if (d.field >= 0 && segment.fields) addLocation(e.occurrences, segment.fields.location(d.field))
      else if (segment.locate) {
        const loc = segment.locate(d.start)
        if (loc.kind !== 'line') addLocation(e.occurrences, loc)
        else (e.occurrences.lineRanges ??= []).push({ start: loc.line, end: loc.line + countNewlines(segment.text, d.start, d.end - 1), startColumn: loc.column })
      }
      else if (lines) {
        const [line, column] = lines.at(d.start)
        const endLine = line + countNewlines(segment.text, d.start, d.end - 1)
        ;(e.occurrences.lineRanges ??= []).push({ start: line, end: endLine, startColumn: column })
      }
    }
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++
  return n
}

function addLocation(o: Occurrences, loc: Location): void {
  switch (loc.kind) {
    case 'line':
      ;(o.lineRanges ??= []).push({ start: loc.line, end: loc.line, startColumn: loc.column })
      break
    case 'cell':
      ;(o.cells ??= []).push({ row: loc.row, column: loc.column, columnName: loc.columnName ?? null, cellReference: loc.cellReference ?? null })
      break
    case 'record':
      ;(o.records ??= []).push({ recordIndex: loc.recordIndex, jsonPath: loc.jsonPath })
      break
    case 'page':
      ;(o.pages ??= []).push({ pageNumber: loc.pageNumber })
      break
  }
}

/** Turns offsets of a free-text segment into line and column, moving forward only when it can. */
class LineCursor {
  private pos = 0
  private line: number
  private lineStart = 0
  private readonly originColumn: number
  private readonly origin: { line: number; column: number }

  constructor(private readonly segment: TextSegment) {
    this.origin = segment.origin ?? { line: 1, column: 1 }
    this.line = this.origin.line
    this.originColumn = this.origin.column
  }

  at(offset: number): [line: number, column: number] {
    const text = this.segment.text
    if (offset < this.pos) {
      this.pos = 0
      this.line = this.origin.line
      this.lineStart = 0
    }
    for (let nl = text.indexOf('\n', this.pos); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
      this.line++
      this.lineStart = nl + 1
    }
    this.pos = offset
    const column = offset - this.lineStart + 1 + (this.line === this.origin.line ? this.originColumn - 1 : 0)
    return [this.line, column]
  }
}
