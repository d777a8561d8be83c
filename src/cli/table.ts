// The `--format table` view: one line per occurrence group, readable in a terminal.
import type { Occurrences } from '../scan/tally.js'
import { displayPath, type ResultRecord } from '../scan/record.js'

function firstLocation(o: Occurrences): string {
  const l = o.lineRanges?.[0]
  if (l) return `line ${l.start}:${l.startColumn}`
  const c = o.cells?.[0]
  if (c) return `${c.cellReference ? `${c.cellReference} ` : ''}row ${c.row} col ${c.column}${c.columnName ? ` (${c.columnName})` : ''}`
  const r = o.records?.[0]
  if (r) return `record ${r.recordIndex} ${r.jsonPath}`
  const p = o.pages?.[0]
  if (p) return `page ${p.pageNumber}`
  return ''
}

/** Renders records as a table of object, severity, type, count and first location. */
export function renderTable(records: readonly ResultRecord[]): string {
  const rows: string[][] = [['OBJECT', 'STATUS', 'SEVERITY', 'TYPE', 'COUNT', 'FIRST AT']]
  for (const rec of records) {
    const r = rec.classificationDetails.result
    const path = displayPath(rec)
    const status = r.status.reason ? `${r.status.code}:${r.status.reason}` : r.status.code
    const dets = [
      ...r.sensitiveData.flatMap((g) => g.detections.map((d) => [d.type, d.count, d.occurrences] as const)),
      ...r.customDataIdentifiers.detections.map((d) => [`custom:${d.name}`, d.count, d.occurrences] as const),
    ]
    if (dets.length === 0) rows.push([path, status, '', '', '', ''])
    for (const [type, count, occ] of dets) rows.push([path, status, rec.severity?.description ?? '', type, String(count), firstLocation(occ)])
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)))
  return `${rows.map((row) => row.map((v, c) => v.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n')}\n`
}
