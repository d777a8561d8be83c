// `trawl scan` on examples/formats-bucket (written by scripts/gen-formats-bucket.ts): one object
// of every format, nested archives, an e-mail with a workbook attached, and objects trawl cannot
// fully read. Every planted value at Macie's location for its format, every status and reason.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'

interface Hit {
  path: string
  type: string
  at: string
}

function trawl(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

function pathOf(rec: Record<string, any>): string {
  const o = rec.resourcesAffected.s3Object
  return o.embeddedFileDetails ? `${o.key}!/${o.embeddedFileDetails.filePath}` : o.key
}

function hits(records: Array<Record<string, any>>): Hit[] {
  const out: Hit[] = []
  for (const rec of records) {
    const path = pathOf(rec)
    for (const g of rec.classificationDetails.result.sensitiveData) {
      for (const d of g.detections) {
        const o = d.occurrences
        for (const l of o.lineRanges ?? []) out.push({ path, type: d.type, at: `line ${l.start}:${l.startColumn}` })
        for (const c of o.cells ?? []) out.push({ path, type: d.type, at: `cell ${c.cellReference ?? `${c.row},${c.column}`} ${c.columnName}` })
        for (const r of o.records ?? []) out.push({ path, type: d.type, at: `record ${r.recordIndex} ${r.jsonPath}` })
        for (const p of o.pages ?? []) out.push({ path, type: d.type, at: `page ${p.pageNumber}` })
      }
    }
  }
  return out.sort((a, b) => `${a.path} ${a.type} ${a.at}`.localeCompare(`${b.path} ${b.type} ${b.at}`))
}

const SSN = 'USA_SOCIAL_SECURITY_NUMBER'
const CARD = 'CREDIT_CARD_NUMBER'

// Written by hand from scripts/gen-formats-bucket.ts (columns counted in the strings it writes).
const EXPECTED: Hit[] = [
  { path: 'bundle.tar.gz!/docs/contract.docx', type: CARD, at: 'line 3:25' },
  { path: 'bundle.tar.gz!/outer.zip/inner.zip/deep.csv', type: SSN, at: 'cell 2,2 ssn' },
  { path: 'contract.docx', type: CARD, at: 'line 3:25' },
  { path: 'customers.parquet', type: SSN, at: 'record 1 $.ssn' },
  { path: 'invoice.txt', type: CARD, at: 'page 1' },
  { path: 'notes-latin1.txt', type: CARD, at: 'line 2:22' },
  { path: 'notes-utf16.txt', type: SSN, at: 'line 2:5' },
  { path: 'payments.avro', type: CARD, at: 'record 1 $.card.number' },
  { path: 'payroll-mail.eml', type: SSN, at: 'line 12:44' },
  { path: 'payroll-mail.eml!/payroll.xlsx', type: SSN, at: 'cell Staff!B3 ssn' },
  { path: 'payroll.xlsx', type: SSN, at: 'cell Staff!B3 ssn' },
  { path: 'profile.html', type: SSN, at: 'line 5:49' },
  { path: 'report.pdf', type: SSN, at: 'page 2' },
  { path: 'settings.yaml', type: CARD, at: 'line 3:24' },
].sort((a, b) => `${a.path} ${a.type} ${a.at}`.localeCompare(`${b.path} ${b.type} ${b.at}`))

// Path → [status, reason, MIME type].
const STATUS: Record<string, [string, string | null, string | null]> = {
  'broken.pdf': ['SKIPPED', 'MALFORMED_FILE', 'application/pdf'],
  'bundle.tar.gz': ['COMPLETE', null, 'application/gzip'],
  'bundle.tar.gz!/docs/contract.docx': ['COMPLETE', null, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  'bundle.tar.gz!/outer.zip/inner.zip/deep.csv': ['COMPLETE', null, 'text/csv'],
  'bundle.tar.gz!/outer.zip/readme.txt': ['COMPLETE', null, 'text/plain'],
  'contract.docx': ['COMPLETE', null, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  'customers.parquet': ['COMPLETE', null, 'application/vnd.apache.parquet'],
  'invoice.txt': ['COMPLETE', null, 'application/pdf'],
  'locked.zip': ['SKIPPED', 'ARCHIVE_CONTAINS_UNPROCESSED_FILES', 'application/zip'],
  'locked.zip!/passwords.txt': ['SKIPPED', 'ARCHIVE_CONTAINS_UNPROCESSED_FILES', null],
  'logo.png': ['SKIPPED', 'UNSUPPORTED_FILE_TYPE_EXCEPTION', null],
  'notes-latin1.txt': ['COMPLETE', null, 'text/plain'],
  'notes-utf16.txt': ['COMPLETE', null, 'text/plain'],
  'payments.avro': ['COMPLETE', null, 'application/avro'],
  'payroll-mail.eml': ['COMPLETE', null, 'message/rfc822'],
  'payroll-mail.eml!/payroll.xlsx': ['COMPLETE', null, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  'payroll.xlsx': ['COMPLETE', null, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  'profile.html': ['COMPLETE', null, 'text/html'],
  'report.pdf': ['COMPLETE', null, 'application/pdf'],
  'settings.yaml': ['COMPLETE', null, 'text/plain'],
}

describe('trawl scan over every format', () => {
  const run = trawl(['scan', 'examples/formats-bucket', '--no-progress'])
  const records = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, any>)

  it('reports every planted value at the location Macie gives for its format, and nothing else', () => {
    assert.equal(run.code, 1, run.stderr)
    assert.deepEqual(hits(records), EXPECTED)
  })

  it('gives every object and member Macie status, reason and MIME type', () => {
    const got = Object.fromEntries(
      records.map((r) => {
        const res = r.classificationDetails.result
        return [pathOf(r), [res.status.code, res.status.reason, res.mimeType]]
      }),
    )
    assert.deepEqual(got, STATUS)
  })

  it('records archive members and attachments with embeddedFileDetails, and sums them in their object', () => {
    const byPath = new Map(records.map((r) => [pathOf(r), r]))
    const deep = byPath.get('bundle.tar.gz!/outer.zip/inner.zip/deep.csv')!.resourcesAffected.s3Object
    assert.equal(deep.key, 'bundle.tar.gz')
    assert.deepEqual(deep.embeddedFileDetails, {
      filePath: 'outer.zip/inner.zip/deep.csv',
      fileExtension: 'csv',
      fileSize: Buffer.byteLength('name,ssn\nAna Lopez,536-22-8741\n'),
      fileLastModified: '2026-01-15T09:30:00.000Z',
    })
    const bundle = byPath.get('bundle.tar.gz')!.classificationDetails.result
    const counts = Object.fromEntries(bundle.sensitiveData.flatMap((g: any) => g.detections.map((d: any) => [d.type, d.count])))
    assert.deepEqual(counts, { [CARD]: 1, [SSN]: 1 })
    const mail = byPath.get('payroll-mail.eml')!.classificationDetails.result
    assert.equal(mail.sensitiveData[0].detections[0].count, 2)
    assert.match(run.stderr, /scanned 15 objects \(and 5 archive members or attachments\)/)
  })
})
