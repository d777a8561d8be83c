import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { InvalidInputError } from '../errors.js'
import { buildResultRecord, type ResultRecord } from '../scan/record.js'
import { sealEnvelope } from './envelope.js'
import { Keyring } from './keyring.js'
import { parseResults, readResultsFile } from './reader.js'
import { encodeResults } from './writer.js'

function record(key: string): ResultRecord {
  return buildResultRecord(
    { object: { bucket: 'my-bucket', key, size: 42 }, mimeType: 'text/plain', sizeClassified: 42, status: 'COMPLETE', reason: null },
    { accountId: '111122223333', region: 'us-east-1', jobId: 'job' },
    new Map(),
    new Map(),
  )
}

// A record as another writer may give it: counts, sizes, positions and flags as strings.
const STRINGY = {
  accountId: '111122223333',
  classificationDetails: {
    result: {
      additionalOccurrences: 'false',
      customDataIdentifiers: { totalCount: '0', detections: [] },
      sensitiveData: [
        {
          category: 'PERSONAL_INFORMATION',
          totalCount: '2',
          detections: [
            {
              type: 'USA_SOCIAL_SECURITY_NUMBER',
              count: '2',
              occurrences: {
                cells: [{ row: '3', column: '2', columnName: '123', cellReference: null }],
                lineRanges: [{ start: '1', end: '1', startColumn: '17' }],
                records: [{ recordIndex: '0', jsonPath: '$.ssn' }],
                pages: [{ pageNumber: '4' }],
              },
            },
          ],
        },
      ],
      sizeClassified: '1024',
      status: { code: 'COMPLETE', reason: null },
    },
  },
  id: '42',
  resourcesAffected: { s3Object: { key: '7', size: '1024', publicAccess: 'true', eTag: '1234' } },
  severity: { description: 'High', score: '3' },
}

describe('readResultsFile', () => {
  it('reads gzip JSON Lines back into the records written', () => {
    const records = [record('a.txt'), record('b.csv')]
    assert.deepEqual(readResultsFile(encodeResults(records)), records)
  })

  it('opens an envelope with the keyring first', () => {
    const keyring = Keyring.fromKeys([randomBytes(32)])
    const records = [record('a.txt')]
    assert.deepEqual(readResultsFile(sealEnvelope(encodeResults(records), keyring), keyring), records)
  })

  it('refuses an envelope without a keyring, and with the wrong one', () => {
    const sealed = sealEnvelope(encodeResults([record('a.txt')]), Keyring.fromKeys([randomBytes(32)]))
    assert.throws(() => readResultsFile(sealed), /envelope-encrypted and no keyring was given/)
    assert.throws(() => readResultsFile(sealed, Keyring.fromKeys([randomBytes(32)])), /is not in the keyring/)
  })

  it('turns numbers and booleans given as strings into values, and leaves string fields alone', () => {
    const [r] = readResultsFile(gzipSync(`${JSON.stringify(STRINGY)}\n`)) as any[]
    const result = r.classificationDetails.result
    assert.equal(result.sizeClassified, 1024)
    assert.equal(result.additionalOccurrences, false)
    assert.equal(result.customDataIdentifiers.totalCount, 0)
    const group = result.sensitiveData[0]
    assert.equal(group.totalCount, 2)
    assert.equal(group.detections[0].count, 2)
    assert.deepEqual(group.detections[0].occurrences, {
      cells: [{ row: 3, column: 2, columnName: '123', cellReference: null }],
      lineRanges: [{ start: 1, end: 1, startColumn: 17 }],
      records: [{ recordIndex: 0, jsonPath: '$.ssn' }],
      pages: [{ pageNumber: 4 }],
    })
    assert.deepEqual(r.resourcesAffected.s3Object, { key: '7', size: 1024, publicAccess: true, eTag: '1234' })
    assert.deepEqual(r.severity, { description: 'High', score: 3 })
    assert.equal(r.accountId, '111122223333')
    assert.equal(r.id, '42')
  })

  it('leaves a numeric field alone when its string is not a number', () => {
    const [r] = parseResults(Buffer.from(JSON.stringify({ classificationDetails: { result: { sizeClassified: 'n/a' } } }))) as any[]
    assert.equal(r.classificationDetails.result.sizeClassified, 'n/a')
  })

  it('reads uncompressed JSON Lines too, with CRLF and blank lines', () => {
    const records = [record('a.txt'), record('b.txt')]
    const text = `${JSON.stringify(records[0])}\r\n\r\n${JSON.stringify(records[1])}`
    assert.deepEqual(readResultsFile(Buffer.from(text)), records)
    assert.deepEqual(readResultsFile(Buffer.alloc(0)), [])
  })

  it('names the line that is not JSON, without quoting it', () => {
    const body = gzipSync(`${JSON.stringify(record('a.txt'))}\nx{"card":"4556737586899855"}\n`)
    assert.throws(
      () => readResultsFile(body),
      (err: Error) => err instanceof InvalidInputError && err.message === 'line 2 of the results file is not JSON' && err.cause === undefined,
    )
  })

  it('refuses a line that is JSON but not a record', () => {
    assert.throws(() => readResultsFile(Buffer.from('[1,2]\n')), /line 1 of the results file is not a record/)
    assert.throws(() => readResultsFile(Buffer.from('"text"\n')), /line 1 of the results file is not a record/)
  })
})
