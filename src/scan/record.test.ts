import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { buildResultRecord, objectRefOf, skippedOutcome } from './record.js'

const lastModified = new Date('2026-03-04T10:00:00Z')

describe('objectRefOf', () => {
  it('keeps the listing facts and drops what a caller added', () => {
    const planned = { runId: 'r', seq: 3, state: 'PENDING', bucket: 'b', key: 'k', size: 5, lastModified, eTag: 'e', versionId: 'v', storageClass: 'GLACIER' }
    assert.deepEqual(objectRefOf(planned), { bucket: 'b', key: 'k', size: 5, lastModified, eTag: 'e', versionId: 'v', storageClass: 'GLACIER' })
  })

  it('leaves optional facts out when the listing has none', () => {
    const ref = objectRefOf({ bucket: 'b', key: 'k', size: 5, lastModified, eTag: undefined })
    assert.deepEqual(Object.keys(ref), ['bucket', 'key', 'size', 'lastModified'])
  })
})

describe('skippedOutcome', () => {
  it('makes a SKIPPED record with nothing classified', () => {
    const outcome = skippedOutcome({ bucket: 'b', key: 'tape.bin', size: 9, lastModified, storageClass: 'GLACIER' }, 'OBJECT_STORAGE_CLASS')
    const record = buildResultRecord(outcome, { accountId: '111122223333', region: 'us-east-1', jobId: 'j' }, new Map(), new Map())
    assert.deepEqual(record.classificationDetails.result.status, { code: 'SKIPPED', reason: 'OBJECT_STORAGE_CLASS' })
    assert.equal(record.classificationDetails.result.sizeClassified, 0)
    assert.equal(record.classificationDetails.result.mimeType, null)
    assert.equal(record.resourcesAffected.s3Object.storageClass, 'GLACIER')
    assert.equal(record.resourcesAffected.s3Object.lastModified, '2026-03-04T10:00:00.000Z')
    assert.equal(record.type, undefined)
  })
})
