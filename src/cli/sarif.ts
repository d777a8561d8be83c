// SARIF 2.1.0 output so code-scanning tools can take trawl's results: one rule per identifier,
// one result per located occurrence (cells and records also carry a logical location).
import { displayPath, type ResultRecord } from '../scan/record.js'
import type { Occurrences } from '../scan/tally.js'
import { VERSION } from './version.js'

const LEVEL = { High: 'error', Medium: 'warning', Low: 'note' } as const

interface SarifResult {
  ruleId: string
  level: string
  message: { text: string }
  locations: unknown[]
}

function locations(key: string, o: Occurrences): unknown[] {
  const artifact = { uri: key }
  const out: unknown[] = []
  for (const l of o.lineRanges ?? []) out.push({ physicalLocation: { artifactLocation: artifact, region: { startLine: l.start, startColumn: l.startColumn, endLine: l.end } } })
  for (const c of o.cells ?? []) {
    out.push({
      physicalLocation: { artifactLocation: artifact, region: { startLine: c.row } },
      logicalLocations: [{ name: `${c.cellReference ? `${c.cellReference}, ` : ''}row ${c.row}, column ${c.column}${c.columnName ? ` (${c.columnName})` : ''}`, kind: 'element' }],
    })
  }
  for (const r of o.records ?? []) {
    out.push({ physicalLocation: { artifactLocation: artifact }, logicalLocations: [{ fullyQualifiedName: r.jsonPath, name: `record ${r.recordIndex}`, kind: 'element' }] })
  }
  for (const p of o.pages ?? []) out.push({ physicalLocation: { artifactLocation: artifact }, logicalLocations: [{ name: `page ${p.pageNumber}`, kind: 'element' }] })
  return out.length ? out : [{ physicalLocation: { artifactLocation: artifact } }]
}

function isArchive(mimeType: string | null): boolean {
  return mimeType === 'application/zip' || mimeType === 'application/x-tar' || mimeType === 'application/gzip'
}

/** Converts discovery result records to a SARIF 2.1.0 log. */
export function toSarif(records: readonly ResultRecord[]): object {
  const rules = new Map<string, object>()
  const results: SarifResult[] = []
  for (const rec of records) {
    const r = rec.classificationDetails.result
    const o = rec.resourcesAffected.s3Object
    const key = o.embeddedFileDetails ? `${o.key}!/${o.embeddedFileDetails.filePath}` : o.key
    const level = LEVEL[rec.severity?.description ?? 'Low']
    const add = (ruleId: string, category: string, count: number, occ: Occurrences): void => {
      // An archive's own record sums its members' detections, which their records locate.
      if (!occ.lineRanges && !occ.cells && !occ.records && !occ.pages && r.status.code !== 'SKIPPED' && isArchive(r.mimeType)) return
      if (!rules.has(ruleId)) rules.set(ruleId, { id: ruleId, name: ruleId, shortDescription: { text: `${ruleId} (${category})` }, properties: { category } })
      results.push({ ruleId, level, message: { text: `${count} occurrence${count === 1 ? '' : 's'} of ${ruleId} in ${displayPath(rec)}` }, locations: locations(key, occ) })
    }
    for (const g of r.sensitiveData) for (const d of g.detections) add(d.type, g.category, d.count, d.occurrences)
    for (const d of r.customDataIdentifiers.detections) add(`CUSTOM:${d.name}`, 'CUSTOM_IDENTIFIER', d.count, d.occurrences)
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'trawl', version: VERSION, rules: [...rules.values()] } }, results }],
  }
}
