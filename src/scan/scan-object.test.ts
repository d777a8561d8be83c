import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { strToU8, zipSync, type Zippable } from 'fflate'
import tar from 'tar-stream'
import { DEFAULT_LIMITS, type ExtractLimits } from '../extract/types.js'
import { buildDetector } from './config.js'
import type { ObjectOutcome } from './record.js'
import { scanObject } from './scan-object.js'

const { detector } = buildDetector({ context: { accountId: '000000000000', region: 'us-east-1', jobId: 'test' } })
const SSN_CSV = strToU8('name,ssn\nAna Lopez,536-22-8741\n')
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
const MTIME = new Date('2026-01-15T09:30:00Z')

interface Scanned {
  outcome: ObjectOutcome
  members: ObjectOutcome[]
}

async function scan(key: string, bytes: Uint8Array, limits: Partial<ExtractLimits> = {}, deadline?: number): Promise<Scanned> {
  const members: ObjectOutcome[] = []
  const outcome = await scanObject(
    () => Readable.from([Buffer.from(bytes)]),
    { bucket: 'b', key, size: bytes.length },
    { detector, limits: { ...DEFAULT_LIMITS, ...limits }, onMember: (m) => members.push(m), ...(deadline ? { deadline } : {}) },
  )
  return { outcome, members }
}

const counts = (o: ObjectOutcome): Record<string, number> => Object.fromEntries([...(o.tally?.entries.values() ?? [])].map((e) => [e.id, e.count]))
const zip = (files: Zippable): Uint8Array => zipSync(files, { mtime: MTIME })

function tarOf(files: Record<string, Uint8Array>): Promise<Buffer> {
  const pack = tar.pack()
  const chunks: Buffer[] = []
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer))
  const done = new Promise<Buffer>((resolve) => pack.on('end', () => resolve(Buffer.concat(chunks))))
  for (const [name, data] of Object.entries(files)) pack.entry({ name, size: data.length, mtime: MTIME }, Buffer.from(data))
  pack.finalize()
  return done
}

/** A zip nested `levels` deep, the innermost holding people.csv. */
function nestedZip(levels: number): Uint8Array {
  let bytes = zip({ 'people.csv': SSN_CSV })
  for (let i = levels - 1; i >= 1; i--) bytes = zip({ [`level${i + 1}.zip`]: bytes })
  return bytes
}

describe('scanObject over archives', () => {
  it('records each member with its path, and sums the members in the archive without locations', async () => {
    const { outcome, members } = await scan('bundle.zip', zip({ 'data/people.csv': SSN_CSV, 'readme.txt': strToU8('hello\n') }))
    assert.equal(outcome.status, 'COMPLETE')
    assert.equal(outcome.mimeType, 'application/zip')
    assert.deepEqual(counts(outcome), { USA_SOCIAL_SECURITY_NUMBER: 1 })
    assert.deepEqual(outcome.tally!.entries.get('USA_SOCIAL_SECURITY_NUMBER')!.occurrences, {})
    assert.deepEqual(
      members.map((m) => [m.embedded!.filePath, m.embedded!.fileExtension, m.embedded!.fileSize, m.status, m.mimeType]),
      [
        ['data/people.csv', 'csv', SSN_CSV.length, 'COMPLETE', 'text/csv'],
        ['readme.txt', 'txt', 6, 'COMPLETE', 'text/plain'],
      ],
    )
    assert.equal(members[0]!.embedded!.fileLastModified, MTIME.toISOString())
    assert.deepEqual(members[0]!.tally!.entries.get('USA_SOCIAL_SECURITY_NUMBER')!.occurrences, {
      cells: [{ row: 2, column: 2, columnName: 'ssn', cellReference: null }],
    })
  })

  it('follows a zip inside a zip inside a tar.gz, and gzip adds no path level', async () => {
    const inner = zip({ 'deep.csv': SSN_CSV })
    const outer = zip({ 'inner.zip': inner })
    const { outcome, members } = await scan('bundle.tar.gz', gzipSync(await tarOf({ 'outer.zip': outer })))
    assert.equal(outcome.status, 'COMPLETE')
    assert.equal(outcome.mimeType, 'application/gzip')
    assert.deepEqual(members.map((m) => m.embedded!.filePath), ['outer.zip/inner.zip/deep.csv'])
    assert.deepEqual(counts(outcome), { USA_SOCIAL_SECURITY_NUMBER: 1 })
  })

  it('names the single member of a .csv.gz after the object, and inside a tar after the .gz member', async () => {
    const single = await scan('export.csv.gz', gzipSync(SSN_CSV))
    assert.deepEqual(single.members.map((m) => [m.embedded!.filePath, m.mimeType, m.status]), [['export.csv', 'text/csv', 'COMPLETE']])
    const inTar = await scan('logs.tar', await tarOf({ 'day1/export.csv.gz': gzipSync(SSN_CSV) }))
    assert.deepEqual(inTar.members.map((m) => m.embedded!.filePath), ['day1/export.csv.gz'])
    assert.deepEqual(counts(inTar.outcome), { USA_SOCIAL_SECURITY_NUMBER: 1 })
  })

  it('is PARTIAL with ARCHIVE_CONTAINS_UNPROCESSED_FILES when a member is unsupported, and still reads the rest', async () => {
    const { outcome, members } = await scan('mixed.zip', zip({ 'logo.png': PNG, 'people.csv': SSN_CSV }))
    assert.equal(outcome.status, 'PARTIAL')
    assert.equal(outcome.reason, 'ARCHIVE_CONTAINS_UNPROCESSED_FILES')
    assert.deepEqual(counts(outcome), { USA_SOCIAL_SECURITY_NUMBER: 1 })
    assert.deepEqual(members.map((m) => [m.embedded!.filePath, m.status, m.reason]), [
      ['logo.png', 'SKIPPED', 'UNSUPPORTED_FILE_TYPE_EXCEPTION'],
      ['people.csv', 'COMPLETE', null],
    ])
  })

  it('is SKIPPED when no member could be read', async () => {
    const { outcome } = await scan('images.zip', zip({ 'a.png': PNG, 'b.png': PNG }))
    assert.equal(outcome.status, 'SKIPPED')
    assert.equal(outcome.reason, 'ARCHIVE_CONTAINS_UNPROCESSED_FILES')
  })

  it('opens 10 levels of nested archives but not 11 (ARCHIVE_NESTING_LEVEL_OVER_LIMIT)', async () => {
    const ten = await scan('nested.zip', nestedZip(10))
    assert.equal(ten.outcome.status, 'COMPLETE')
    assert.deepEqual(counts(ten.outcome), { USA_SOCIAL_SECURITY_NUMBER: 1 })
    const eleven = await scan('nested.zip', nestedZip(11))
    assert.equal(eleven.outcome.status, 'SKIPPED')
    assert.equal(eleven.outcome.reason, 'ARCHIVE_NESTING_LEVEL_OVER_LIMIT')
    const deepest = eleven.members.at(-1)!
    assert.equal(deepest.reason, 'ARCHIVE_NESTING_LEVEL_OVER_LIMIT')
    assert.equal(deepest.embedded!.filePath.split('/').length, 10)
  })

  it('stops at the member limit with PARTIAL and ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT', async () => {
    const files: Zippable = {}
    for (let i = 0; i < 6; i++) files[`f${i}.csv`] = SSN_CSV
    const inner = zip(files)
    const { outcome, members } = await scan('many.zip', zip({ 'a.zip': inner, 'b.zip': inner }), { maxArchiveMembers: 9 })
    assert.equal(outcome.status, 'PARTIAL')
    assert.equal(outcome.reason, 'ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT')
    assert.ok(members.length >= 6 && members.length < 12, `${members.length} members`)
  })

  it('stops at the extracted-bytes limit with PARTIAL and ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT', async () => {
    const big = strToU8(`name,ssn\n${'Ana Lopez,536-22-8741\n'.repeat(2000)}`)
    const { outcome } = await scan('big.zip', zip({ 'a.csv': big, 'b.csv': big, 'c.csv': big }), { maxExtractedBytes: big.length * 1.5 })
    assert.equal(outcome.status, 'PARTIAL')
    assert.equal(outcome.reason, 'ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT')
    assert.ok(counts(outcome).USA_SOCIAL_SECURITY_NUMBER! >= 2000)
  })

  it('skips a member over the per-member size limit and reads the others', async () => {
    const big = strToU8('x'.repeat(10_000))
    const { outcome, members } = await scan('sizes.zip', zip({ 'big.txt': big, 'people.csv': SSN_CSV }), { maxMemberBytes: 5_000 })
    assert.equal(outcome.status, 'PARTIAL')
    assert.equal(outcome.reason, 'ARCHIVE_CONTAINS_UNPROCESSED_FILES')
    assert.deepEqual(members.map((m) => [m.embedded!.filePath, m.status, m.reason]), [
      ['big.txt', 'SKIPPED', 'FILE_EXCEEDS_SIZE_LIMIT'],
      ['people.csv', 'COMPLETE', null],
    ])
  })

  it('keeps what a truncated tar held before the damage: PARTIAL', async () => {
    const whole = await tarOf({ 'people.csv': SSN_CSV, 'more.txt': strToU8('y'.repeat(5000)) })
    const { outcome } = await scan('cut.tar', whole.subarray(0, 1024 + 512 + 700))
    assert.equal(outcome.status, 'PARTIAL')
    assert.equal(outcome.reason, 'MALFORMED_FILE')
    assert.deepEqual(counts(outcome), { USA_SOCIAL_SECURITY_NUMBER: 1 })
  })

  it('stops at the deadline with TIME_CUT_OFF_REACHED', async () => {
    const { outcome } = await scan('late.zip', zip({ 'people.csv': SSN_CSV }), {}, Date.now() - 1)
    assert.equal(outcome.reason, 'TIME_CUT_OFF_REACHED')
    assert.notEqual(outcome.status, 'COMPLETE')
  })

  it('reads a single 100 MiB line, streamed, and locates a value at its end', async () => {
    const chunk = 'lorem ipsum dolor sit amet '.repeat(38_836) // ≈ 1 MiB, no newline
    const chunks = 100
    const tail = ' SSN 536-22-8741'
    async function* body(): AsyncGenerator<Buffer> {
      for (let i = 0; i < chunks; i++) yield Buffer.from(chunk)
      yield Buffer.from(tail)
    }
    const size = chunk.length * chunks + tail.length
    const outcome = await scanObject(() => Readable.from(body()), { bucket: 'b', key: 'one-line.txt', size }, { detector })
    assert.equal(outcome.status, 'COMPLETE')
    assert.deepEqual(outcome.tally!.entries.get('USA_SOCIAL_SECURITY_NUMBER')!.occurrences.lineRanges, [
      { start: 1, end: 1, startColumn: chunk.length * chunks + ' SSN '.length + 1 },
    ])
  })

  it('reads an empty object as COMPLETE with nothing found', async () => {
    const { outcome } = await scan('empty.txt', new Uint8Array(0))
    assert.equal(outcome.status, 'COMPLETE')
    assert.equal(outcome.tally!.entries.size, 0)
  })

  it('reads a plain object as before: located occurrences, no members', async () => {
    const { outcome, members } = await scan('people.csv', SSN_CSV)
    assert.equal(outcome.status, 'COMPLETE')
    assert.equal(members.length, 0)
    assert.deepEqual(outcome.tally!.entries.get('USA_SOCIAL_SECURITY_NUMBER')!.occurrences.cells, [{ row: 2, column: 2, columnName: 'ssn', cellReference: null }])
  })
})
