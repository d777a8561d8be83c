import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { gunzipSync } from 'node:zlib'
import { buildResultRecord, type ResultRecord } from '../scan/record.js'
import { FolderSource } from '../sources/folder.js'
import { isEnvelope } from './envelope.js'
import { Keyring } from './keyring.js'
import { resultsLocation } from './layout.js'
import { readResultsFile } from './reader.js'
import { encodeResults, probeSseKms, resultsLocationFor, writeResultsFile } from './writer.js'

function record(key: string): ResultRecord {
  return buildResultRecord(
    { object: { bucket: 'data', key, size: 1 }, mimeType: 'text/plain', sizeClassified: 1, status: 'COMPLETE', reason: null },
    { accountId: '111122223333', region: 'us-east-1', jobId: 'job1' },
    new Map(),
    new Map(),
  )
}

const target = {
  dest: { bucketName: 'results', keyPrefix: 'macie', kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k' },
  scope: { accountId: '111122223333', region: 'us-east-1' },
  jobId: 'job1',
  runId: 'run1',
  bucket: 'data',
  key: 'hr/employees.csv',
}

describe('results writer', () => {
  it('computes the location before writing: .jsonl.gz under SSE-KMS, .jsonl.gz.enc otherwise', () => {
    const kms = resultsLocationFor({ ...target, isSseKms: true })
    const envelope = resultsLocationFor({ ...target, isSseKms: false })
    assert.match(kms, /^s3:\/\/results\/macie\/AWSLogs\/111122223333\/Macie\/us-east-1\/job1\/111122223333\/[0-9a-f]{40}\.jsonl\.gz$/)
    assert.equal(envelope, `${kms}.enc`)
    assert.equal(kms, resultsLocation(target.dest, target.scope, 'job1', 'run1', 'data', 'hr/employees.csv', false))
  })

  it('encodes records as gzip JSON Lines, one record per line', () => {
    const records = ['a.txt', 'b\nc.txt'].map(record)
    const lines = gunzipSync(encodeResults(records)).toString('utf8').split('\n')
    assert.equal(lines.length, 3)
    assert.equal(lines[2], '')
    assert.deepEqual(lines.slice(0, 2).map((l) => JSON.parse(l)), records)
    assert.equal(gunzipSync(encodeResults([])).length, 0)
  })

  it('seals results in an envelope in a folder bucket, which applies no SSE-KMS, and overwrites a retried object', async () => {
    const root = mkdtempSync(join(tmpdir(), 'trawl-results-'))
    mkdirSync(join(root, 'results'))
    const source = new FolderSource({ kind: 'folder', root })
    const keyring = Keyring.fromKeys([randomBytes(32)])
    const isSseKms = await probeSseKms(source, target.dest, target.scope)
    assert.equal(isSseKms, false)
    const records = [record('cards/4556737586899855.txt')]
    const location = resultsLocationFor({ ...target, isSseKms })
    for (const r of records) r.classificationDetails.detailedResultsLocation = location
    assert.deepEqual(await writeResultsFile(source, { ...target, records, isSseKms, keyring }), { location, isSseKms: false })
    await writeResultsFile(source, { ...target, records, isSseKms, keyring })
    const folder = join(root, 'results/macie/AWSLogs/111122223333/Macie/us-east-1/job1/111122223333')
    const files = readdirSync(folder)
    assert.equal(files.length, 1, 'a retried object overwrites its own file')
    assert.ok(location.endsWith(`/${files[0]}`))
    const body = readFileSync(join(folder, files[0]!))
    assert.ok(isEnvelope(body))
    assert.ok(!body.includes('4556737586899855'))
    assert.deepEqual(readResultsFile(body, keyring), records)
  })
})
