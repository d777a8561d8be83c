import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { sharedStringsFloodWorkbook } from '../../test/fixtures/build/xlsx.js'
import { listLocalObjects } from '../sources/local.js'
import type { ScanConfig } from './config.js'
import { runScan } from './pool.js'
import type { ResultRecord } from './record.js'

describe('ScanPool', () => {
  it('replaces a worker an object kills, records that object SKIPPED, and scans the objects queued behind it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trawl-pool-'))
    writeFileSync(join(dir, 'a.csv'), 'name,ssn\nAna Lopez,536-22-8741\n')
    // Three million shared strings, held by the reader one by one, past a 64 MiB heap.
    writeFileSync(join(dir, 'b-huge.xlsx'), sharedStringsFloodWorkbook(3_000_000))
    writeFileSync(join(dir, 'c.csv'), 'name,ssn\nBo Chen,536-22-8741\n')
    const spills = mkdtempSync(join(tmpdir(), 'trawl-pool-spills-'))
    const config: ScanConfig = { context: { accountId: '000000000000', region: 'us-east-1', jobId: 'pool' }, workerHeapMb: 64, tempDir: spills }
    const records: ResultRecord[] = []
    await runScan(listLocalObjects([dir]), config, { workers: 1, onRecord: (r) => records.push(r) })
    const byKey = Object.fromEntries(records.map((r) => [r.resourcesAffected.s3Object.key, r.classificationDetails.result.status]))
    assert.deepEqual(byKey, {
      'a.csv': { code: 'COMPLETE', reason: null },
      'b-huge.xlsx': { code: 'SKIPPED', reason: 'FILE_EXCEEDS_SIZE_LIMIT' },
      'c.csv': { code: 'COMPLETE', reason: null },
    })
    assert.equal(records.length, 3, 'one record per object, none twice')
    assert.deepEqual(readdirSync(spills), [], 'the killed worker\'s spill folder is removed')
  })
})
