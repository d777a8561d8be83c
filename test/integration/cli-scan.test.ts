// `trawl scan` on the demo bucket the repository ships: every planted value with its type and
// exact location, none of the near misses, Macie statuses, exit codes and output formats.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

interface Hit {
  key: string
  type: string
  at: string
}

function trawl(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

function hits(records: Array<Record<string, any>>): Hit[] {
  const out: Hit[] = []
  for (const rec of records) {
    const key = rec.resourcesAffected.s3Object.key as string
    for (const g of rec.classificationDetails.result.sensitiveData) {
      for (const d of g.detections) {
        const o = d.occurrences
        for (const l of o.lineRanges ?? []) out.push({ key, type: d.type, at: `line ${l.start}:${l.startColumn}` })
        for (const c of o.cells ?? []) out.push({ key, type: d.type, at: `cell ${c.row},${c.column} ${c.columnName}` })
        for (const r of o.records ?? []) out.push({ key, type: d.type, at: `record ${r.recordIndex} ${r.jsonPath}` })
      }
    }
  }
  return out.sort((a, b) => `${a.key} ${a.type} ${a.at}`.localeCompare(`${b.key} ${b.type} ${b.at}`))
}

// Written by hand from the files in examples/demo-bucket (line:column counted in the files).
const EXPECTED: Hit[] = [
  { key: 'config/app.yaml', type: 'AWS_CREDENTIALS', at: 'line 5:26' },
  { key: 'events/payments.jsonl', type: 'BRAZIL_CPF_NUMBER', at: 'record 2 $.customer.cpf' },
  { key: 'events/payments.jsonl', type: 'CREDIT_CARD_NUMBER', at: 'record 0 $.payment.card_number' },
  { key: 'hr/employees.csv', type: 'USA_PASSPORT_NUMBER', at: 'cell 2,4 passport' },
  { key: 'hr/employees.csv', type: 'USA_SOCIAL_SECURITY_NUMBER', at: 'cell 2,3 ssn' },
  { key: 'hr/employees.csv', type: 'USA_SOCIAL_SECURITY_NUMBER', at: 'cell 3,3 ssn' },
  { key: 'notes/onboarding.txt', type: 'CREDIT_CARD_NUMBER', at: 'line 5:16' },
  { key: 'notes/onboarding.txt', type: 'USA_SOCIAL_SECURITY_NUMBER', at: 'line 4:27' },
]

describe('trawl scan', () => {
  it('reports every planted value of the demo bucket at its location, and no near miss', () => {
    const r = trawl(['scan', 'examples/demo-bucket', '--workers', '0'])
    assert.equal(r.code, 1, r.stderr)
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    assert.equal(records.length, 5)
    assert.deepEqual(hits(records), [...EXPECTED].sort((a, b) => `${a.key} ${a.type} ${a.at}`.localeCompare(`${b.key} ${b.type} ${b.at}`)))
    for (const rec of records) {
      assert.equal(rec.classificationDetails.result.status.code, 'COMPLETE')
      assert.equal(rec.resourcesAffected.s3Bucket.name, 'demo-bucket')
    }
    const clean = records.find((x) => x.resourcesAffected.s3Object.key === 'docs/README.md')
    assert.equal(clean.severity, undefined)
    const csv = records.find((x) => x.resourcesAffected.s3Object.key === 'hr/employees.csv')
    assert.deepEqual(csv.severity, { description: 'High', score: 3 })
    assert.equal(csv.type, 'SensitiveData:S3Object/Personal')
    assert.equal(csv.classificationDetails.result.mimeType, 'text/csv')
    assert.match(r.stderr, /scanned 5 objects/)
  })

  it('gives the same records with worker threads', () => {
    const one = trawl(['scan', 'examples/demo-bucket', '--workers', '0'])
    const two = trawl(['scan', 'examples/demo-bucket', '--workers', '2'])
    assert.deepEqual(hits(two.stdout.trim().split('\n').map((l) => JSON.parse(l))), hits(one.stdout.trim().split('\n').map((l) => JSON.parse(l))))
  })

  it('exits 0 with --exit-zero, and 0 on a clean folder', () => {
    assert.equal(trawl(['scan', 'examples/demo-bucket', '--exit-zero', '--workers', '0']).code, 0)
    assert.equal(trawl(['scan', 'examples/demo-bucket/docs', '--workers', '0']).code, 0)
  })

  it('exits 2 on bad usage with a clear message', () => {
    const missing = trawl(['scan', 'no/such/folder'])
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /no such file or folder/)
    const selector = trawl(['scan', 'examples/demo-bucket', '--managed-identifiers', 'SOME'])
    assert.equal(selector.code, 2)
    assert.match(selector.stderr, /must be one of/)
    assert.equal(trawl(['scan']).code, 2)
  })

  it('applies custom data identifiers and allow lists from Macie-shaped JSON files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trawl-cli-'))
    writeFileSync(join(dir, 'cdi.json'), JSON.stringify([{ name: 'EmployeeId', regex: 'E-[0-9]{4}', keywords: ['employee_id'], severityLevels: [{ occurrencesThreshold: 1, severity: 'LOW' }] }]))
    writeFileSync(join(dir, 'allow.json'), JSON.stringify([{ name: 'known', criteria: { regex: '261-29-6226' } }]))
    const r = trawl(['scan', 'examples/demo-bucket/hr', '--workers', '0', '--custom-identifiers', join(dir, 'cdi.json'), '--allow-lists', join(dir, 'allow.json')])
    const [rec] = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    const custom = rec.classificationDetails.result.customDataIdentifiers
    assert.equal(custom.totalCount, 3)
    assert.equal(custom.detections[0].name, 'EmployeeId')
    assert.deepEqual(custom.detections[0].occurrences.cells[0], { row: 2, column: 1, columnName: 'employee_id', cellReference: null })
    assert.deepEqual(hits([rec]).filter((h) => h.type === 'USA_SOCIAL_SECURITY_NUMBER'), [{ key: 'employees.csv', type: 'USA_SOCIAL_SECURITY_NUMBER', at: 'cell 3,3 ssn' }])
    assert.equal(rec.type, 'SensitiveData:S3Object/Multiple')
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify([{ name: 'x', regex: '(?=a)' }]))
    const rejected = trawl(['scan', 'examples/demo-bucket/hr', '--custom-identifiers', bad])
    assert.equal(rejected.code, 2)
    assert.match(rejected.stderr, /look-ahead/)
  })

  it('writes SARIF 2.1.0 and a table', () => {
    const sarif = JSON.parse(trawl(['scan', 'examples/demo-bucket/notes', '--format', 'sarif', '--workers', '0']).stdout)
    assert.equal(sarif.version, '2.1.0')
    const results = sarif.runs[0].results
    assert.deepEqual(results.map((x: any) => x.ruleId).sort(), ['CREDIT_CARD_NUMBER', 'USA_SOCIAL_SECURITY_NUMBER'])
    const ssn = results.find((x: any) => x.ruleId === 'USA_SOCIAL_SECURITY_NUMBER')
    assert.deepEqual(ssn.locations[0].physicalLocation.region, { startLine: 4, startColumn: 27, endLine: 4 })
    assert.equal(ssn.level, 'error')
    const table = trawl(['scan', 'examples/demo-bucket/notes', '--format', 'table', '--workers', '0']).stdout
    assert.match(table, /onboarding\.txt\s+COMPLETE\s+High\s+CREDIT_CARD_NUMBER\s+1\s+line 5:16/)
  })

  it('gives unreadable objects a Macie status and goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trawl-cli-'))
    writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))
    writeFileSync(join(dir, 'deep.json'), '['.repeat(300) + ']'.repeat(300))
    writeFileSync(join(dir, 'ok.txt'), 'SSN: 338-42-2413\n')
    const r = trawl(['scan', dir, '--workers', '0'])
    const byKey = Object.fromEntries(r.stdout.trim().split('\n').map((l) => JSON.parse(l)).map((x) => [x.resourcesAffected.s3Object.key, x.classificationDetails.result.status]))
    assert.deepEqual(byKey['image.png'], { code: 'SKIPPED', reason: 'UNSUPPORTED_FILE_TYPE_EXCEPTION' })
    assert.deepEqual(byKey['deep.json'], { code: 'SKIPPED', reason: 'JSON_NESTING_LEVEL_OVER_LIMIT' })
    assert.deepEqual(byKey['ok.txt'], { code: 'COMPLETE', reason: null })
    assert.equal(r.code, 1)
  })
})

describe('trawl identifiers', () => {
  it('lists Macie IDs and categories, marks trawl-only ones, as a table or JSON', () => {
    const list = JSON.parse(trawl(['identifiers', '--format', 'json']).stdout) as Array<Record<string, any>>
    assert.ok(list.length >= 111)
    const email = list.find((i) => i.id === 'EMAIL_ADDRESS')!
    assert.equal(email.trawlOnly, true)
    assert.equal(email.category, 'PERSONAL_INFORMATION')
    const ssn = list.find((i) => i.id === 'USA_SOCIAL_SECURITY_NUMBER')!
    assert.deepEqual([ssn.category, ssn.recommended, ssn.trawlOnly, ssn.keywordRequired], ['PERSONAL_INFORMATION', true, false, 'yes'])
    const table = trawl(['identifiers']).stdout
    assert.match(table, /^ID\s+CATEGORY\s+KEYWORD\s+RECOMMENDED\s+TRAWL-ONLY/)
    assert.match(table, /EMAIL_ADDRESS\s+PERSONAL_INFORMATION\s+no\s+yes/)
  })
})
