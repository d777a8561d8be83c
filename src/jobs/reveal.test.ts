import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { AccessDeniedError, NotFoundError, UnprocessableError } from '../errors.js'
import { s3BucketOf } from '../findings/bucket-access.js'
import { buildSensitiveDataFinding } from '../findings/build.js'
import type { Finding } from '../findings/types.js'
import { Keyring } from '../results/keyring.js'
import { buildDetector, type ScanConfig } from '../scan/config.js'
import { scanTarget } from '../scan/scan-target.js'
import { openSource } from '../sources/index.js'
import { SourceError, type SourceSpec } from '../sources/types.js'
import { openSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { FindingRow, Store } from '../store/types.js'
import {
  dropRevealedSamples,
  findingDetector,
  findingUnavailability,
  openOccurrences,
  requestSensitiveDataOccurrences,
  retrieveOccurrences,
  sealOccurrences,
  sensitiveDataOccurrencesAvailability,
  settleRetrievals,
  type RevealContext,
} from './reveal.js'

const scope = { accountId: '111122223333', region: 'us-east-1' }
const other = { accountId: '444455556666', region: 'us-east-1' }
// Valid-looking SSNs built from a table, none of them a real person's: area 536, group 22, serials 8700+.
const ssns = Array.from({ length: 14 }, (_, i) => `536-22-${8700 + i}`)

let root: string
let spec: SourceSpec

function plant(bucket: string, key: string, body: string | Buffer): void {
  mkdirSync(join(root, bucket), { recursive: true })
  writeFileSync(join(root, bucket, key), body)
}

/** The finding a job would make of an object: scanned, then built, with a results location. */
async function findingOf(bucket: string, key: string, extra: Partial<ScanConfig> = {}): Promise<Finding> {
  const source = openSource(spec)
  const head = await source.headObject(bucket, key)
  source.close()
  const config: ScanConfig = { context: { ...scope, jobId: 'job1' }, source: spec, ...extra }
  const record = await scanTarget({ bucket, key, size: head.size, lastModified: head.lastModified, ...(head.eTag ? { eTag: head.eTag } : {}) }, config, buildDetector(config))
  const finding = buildSensitiveDataFinding(record, { s3Bucket: s3BucketOf({ name: bucket }, {}, scope.accountId), detailedResultsLocation: 's3://results/x.jsonl.gz' })
  assert.ok(finding, `no finding for ${key}`)
  return finding
}

async function retrieve(store: Store, finding: Finding): Promise<Record<string, string[]>> {
  const source = openSource(spec)
  try {
    const built = await findingDetector(store, scope, source, finding)
    const found = await retrieveOccurrences(source, finding, built)
    return Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.map((o) => o.value)]))
  } finally {
    source.close()
  }
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'trawl-reveal-'))
  spec = { kind: 'folder', root }
})
after(() => rmSync(root, { recursive: true, force: true }))

describe('retrieveOccurrences', () => {
  let store: Store
  beforeEach(async () => {
    store = await openSqliteStore(':memory:')
  })
  afterEach(() => store.close())

  it('returns the first 10 values of a type in a text object', async () => {
    plant('b', 'notes.txt', ssns.map((s) => `employee SSN: ${s}`).join('\n'))
    const finding = await findingOf('b', 'notes.txt')
    assert.deepEqual(await retrieve(store, finding), { USA_SOCIAL_SECURITY_NUMBER: ssns.slice(0, 10) })
  })

  it('prefers values at the locations the finding records', async () => {
    plant('b', 'later.txt', ssns.map((s) => `employee SSN: ${s}`).join('\n'))
    const finding = await findingOf('b', 'later.txt')
    const detection = finding.classificationDetails!.result.sensitiveData[0]!.detections[0]!
    // As if the finding had recorded lines 13 and 14 only.
    detection.occurrences = { lineRanges: detection.occurrences.lineRanges!.filter((r) => r.start >= 13) }
    const values = (await retrieve(store, finding)).USA_SOCIAL_SECURITY_NUMBER!
    assert.deepEqual(values.slice(0, 2), [ssns[12], ssns[13]])
    assert.deepEqual(values.slice(2), ssns.slice(0, 8))
  })

  it('locates CSV cells like the finding does', async () => {
    plant('b', 'people.csv', ['name,ssn', ...ssns.slice(0, 12).map((s, i) => `p${i},${s}`)].join('\n'))
    const finding = await findingOf('b', 'people.csv')
    const detection = finding.classificationDetails!.result.sensitiveData[0]!.detections[0]!
    assert.ok(detection.occurrences.cells && detection.occurrences.cells.length > 0)
    detection.occurrences = { cells: detection.occurrences.cells.filter((c) => c.row === 12) }
    const values = (await retrieve(store, finding)).USA_SOCIAL_SECURITY_NUMBER!
    assert.equal(values[0], ssns[10])
    assert.equal(values.length, 10)
  })

  it('reads the object inside a gzip', async () => {
    plant('b', 'dump.txt.gz', gzipSync(`SSN: ${ssns[0]}\nSSN: ${ssns[1]}\n`))
    const finding = await findingOf('b', 'dump.txt.gz')
    assert.equal(finding.classificationDetails!.result.mimeType, 'application/gzip')
    assert.deepEqual(await retrieve(store, finding), { USA_SOCIAL_SECURITY_NUMBER: [ssns[0], ssns[1]] })
  })

  it('keys custom identifiers by name and cuts values to 128 characters', async () => {
    const id = '3b4c1f9e-0000-4000-8000-000000000001'
    const arn = `arn:aws:macie2:${scope.region}:${scope.accountId}:custom-data-identifier/${id}`
    await store.customDataIdentifiers.insert({ ...scope, id, arn, name: 'Long token', regex: 'TOK-[A-Z]{200}', tags: {}, createdAt: new Date(), deleted: false })
    const token = `TOK-${'Q'.repeat(200)}`
    plant('b', 'tokens.txt', `a ${token} b`)
    const finding = await findingOf('b', 'tokens.txt', { managedDataIdentifierSelector: 'NONE', customDataIdentifiers: [{ id, arn, name: 'Long token', regex: 'TOK-[A-Z]{200}' }] })
    assert.deepEqual(await retrieve(store, finding), { 'Long token': [token.slice(0, 128)] })
  })

  it('fails with a SourceError when the object changed since the finding', async () => {
    plant('b', 'changing.txt', `SSN: ${ssns[0]}`)
    const finding = await findingOf('b', 'changing.txt')
    plant('b', 'changing.txt', `SSN: ${ssns[1]} and more`)
    utimesSync(join(root, 'b', 'changing.txt'), new Date(), new Date(Date.now() + 5000))
    await assert.rejects(retrieve(store, finding), SourceError)
  })
})

describe('findingUnavailability', () => {
  const base = (): Finding =>
    ({
      id: 'f',
      category: 'CLASSIFICATION',
      classificationDetails: { detailedResultsLocation: 's3://r/x', result: { mimeType: 'text/plain' } },
      resourcesAffected: { s3Bucket: { name: 'b' }, s3Object: { key: 'k', size: 10 } },
    }) as unknown as Finding
  const cases: Array<[string, (f: Finding) => void, string[]]> = [
    ['a supported finding', () => undefined, []],
    ['a policy finding', (f) => Object.assign(f, { category: 'POLICY', classificationDetails: null }), ['UNSUPPORTED_FINDING_TYPE']],
    ['a PDF', (f) => (f.classificationDetails!.result.mimeType = 'application/pdf'), ['UNSUPPORTED_OBJECT_TYPE']],
    ['a 21 MB xlsx', (f) => {
      f.classificationDetails!.result.mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      f.resourcesAffected.s3Object!.size = 21 * 1024 * 1024
    }, ['OBJECT_EXCEEDS_SIZE_QUOTA']],
    ['a 20 MB xlsx', (f) => {
      f.classificationDetails!.result.mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      f.resourcesAffected.s3Object!.size = 20 * 1024 * 1024
    }, []],
    ['no discovery result', (f) => (f.classificationDetails!.detailedResultsLocation = null), ['INVALID_CLASSIFICATION_RESULT']],
  ]
  for (const [name, change, reasons] of cases) {
    it(name, () => {
      const f = base()
      change(f)
      assert.deepEqual(findingUnavailability(f), reasons)
    })
  }
})

describe('sealed samples', () => {
  const keyring = Keyring.fromKeys([randomBytes(32)])
  it('open for their own finding only', () => {
    const sealed = sealOccurrences(keyring, scope, 'f1', { X: [{ value: ssns[0]! }] })
    assert.equal(sealed.includes(Buffer.from(ssns[0]!)), false)
    assert.deepEqual(openOccurrences(keyring, scope, 'f1', sealed), { X: [{ value: ssns[0] }] })
    assert.throws(() => openOccurrences(keyring, scope, 'f2', sealed))
    assert.throws(() => openOccurrences(keyring, other, 'f1', sealed))
    assert.throws(() => openOccurrences(Keyring.fromKeys([randomBytes(32)]), scope, 'f1', sealed))
  })
})

describe('requestSensitiveDataOccurrences', () => {
  let store: Store
  let ctx: RevealContext
  let finding: Finding
  beforeEach(async () => {
    store = await openSqliteStore(':memory:')
    ctx = { store, keyring: Keyring.fromKeys([randomBytes(32)]), sourceFor: () => spec }
    plant('b', 'flow.txt', `SSN: ${ssns[3]}\n`)
    finding = await findingOf('b', 'flow.txt')
    await store.findings.insertMany([{ ...scope, id: finding.id, finding: finding as unknown as FindingRow['finding'] }])
  })
  afterEach(async () => {
    await settleRetrievals()
    await store.close()
  })

  it('refuses while reveal is disabled, then retrieves in the background', async () => {
    await assert.rejects(requestSensitiveDataOccurrences(ctx, scope, finding.id), AccessDeniedError)
    await store.settings.put(scope, 'reveal', { configuration: { status: 'ENABLED', kmsKeyId: 'alias/k' } })
    assert.deepEqual(await sensitiveDataOccurrencesAvailability(ctx, scope, finding.id), { code: 'AVAILABLE', reasons: [] })
    assert.deepEqual(await requestSensitiveDataOccurrences(ctx, scope, finding.id), { status: 'PROCESSING' })
    await settleRetrievals()
    const row = await store.reveal.get(scope, finding.id, new Date())
    assert.equal(row?.status, 'SUCCESS')
    assert.equal(row?.sealed?.includes(Buffer.from(ssns[3]!)), false)
    assert.deepEqual(await requestSensitiveDataOccurrences(ctx, scope, finding.id), {
      status: 'SUCCESS',
      sensitiveDataOccurrences: { USA_SOCIAL_SECURITY_NUMBER: [{ value: ssns[3] }] },
    })
    await dropRevealedSamples(store, scope)
    assert.deepEqual(await requestSensitiveDataOccurrences(ctx, scope, finding.id), { status: 'PROCESSING' })
  })

  it('refuses an object that changed since the finding with OBJECT_UNAVAILABLE', async () => {
    await store.settings.put(scope, 'reveal', { configuration: { status: 'ENABLED', kmsKeyId: 'alias/k' } })
    plant('b', 'flow.txt', 'changed entirely')
    assert.deepEqual(await sensitiveDataOccurrencesAvailability(ctx, scope, finding.id), { code: 'UNAVAILABLE', reasons: ['OBJECT_UNAVAILABLE'] })
    await assert.rejects(requestSensitiveDataOccurrences(ctx, scope, finding.id), (err: Error) => err instanceof UnprocessableError && err.message === 'OBJECT_UNAVAILABLE')
  })

  it('answers ERROR when the object changes once the retrieval started', async () => {
    await store.settings.put(scope, 'reveal', { configuration: { status: 'ENABLED', kmsKeyId: 'alias/k' } })
    // The availability check reads the object as the finding saw it; the retrieval, a changed one.
    const changed = mkdtempSync(join(tmpdir(), 'trawl-reveal-changed-'))
    mkdirSync(join(changed, 'b'))
    writeFileSync(join(changed, 'b', 'flow.txt'), `SSN: ${ssns[4]} and more\n`)
    const reads: SourceSpec[] = [spec, { kind: 'folder', root: changed }]
    ctx.sourceFor = () => reads.shift() ?? spec
    try {
      assert.deepEqual(await requestSensitiveDataOccurrences(ctx, scope, finding.id), { status: 'PROCESSING' })
      await settleRetrievals()
      const answer = await requestSensitiveDataOccurrences(ctx, scope, finding.id)
      assert.equal(answer.status, 'ERROR')
      assert.match(answer.error!, /^OBJECT_UNAVAILABLE/)
      assert.equal(answer.sensitiveDataOccurrences, undefined)
      assert.equal(answer.error!.includes(ssns[4]!), false)
    } finally {
      rmSync(changed, { recursive: true, force: true })
    }
  })

  it('refuses policy findings and unknown findings', async () => {
    await store.settings.put(scope, 'reveal', { configuration: { status: 'ENABLED', kmsKeyId: 'alias/k' } })
    const policy = { ...finding, id: 'policy1', category: 'POLICY', type: 'Policy:IAMUser/S3BucketPublic', classificationDetails: null }
    await store.findings.insertMany([{ ...scope, id: policy.id, finding: policy as unknown as FindingRow['finding'] }])
    await assert.rejects(requestSensitiveDataOccurrences(ctx, scope, 'policy1'), (err: Error) => err instanceof UnprocessableError && /^UNSUPPORTED_FINDING_TYPE/.test(err.message))
    assert.deepEqual(await sensitiveDataOccurrencesAvailability(ctx, scope, 'policy1'), { code: 'UNAVAILABLE', reasons: ['UNSUPPORTED_FINDING_TYPE'] })
    await assert.rejects(requestSensitiveDataOccurrences(ctx, scope, 'nope'), NotFoundError)
  })

  it('knows only the findings of its scope', async () => {
    await store.settings.put(other, 'reveal', { configuration: { status: 'ENABLED', kmsKeyId: 'alias/k' } })
    await assert.rejects(requestSensitiveDataOccurrences(ctx, other, finding.id), NotFoundError)
    await assert.rejects(sensitiveDataOccurrencesAvailability(ctx, other, finding.id), NotFoundError)
  })
})
