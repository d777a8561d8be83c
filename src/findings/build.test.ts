import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { compileCustomIdentifier } from '../detect/custom.js'
import { managedIdentifiers } from '../detect/identifiers/index.js'
import { buildResultRecord, type ObjectOutcome, type ResultRecord } from '../scan/record.js'
import { Tally } from '../scan/tally.js'
import { s3BucketOf } from './bucket-access.js'
import { buildSensitiveDataFinding, FINDING_OCCURRENCES_CAP } from './build.js'

const ACCOUNT = '111122223333'
const managedById = new Map(managedIdentifiers.map((i) => [i.id, i]))
const cdi = compileCustomIdentifier({
  id: '0b2c4e1a-6f1d-4c41-9a53-2f9d7d0e5c11',
  arn: `arn:aws:macie2:us-east-1:${ACCOUNT}:custom-data-identifier/0b2c4e1a-6f1d-4c41-9a53-2f9d7d0e5c11`,
  name: 'EmployeeId',
  regex: 'EMP-[0-9]{6}',
})
const customById = new Map([[cdi.id, cdi]])
const ctx = { accountId: ACCOUNT, region: 'us-east-1', jobId: '3ad1b0e6f2b34e0c9b7a5d8e1f2a3b4c' }

/** A record of one object with `n` occurrences of each identifier, one per line from line 1. */
function recordOf(hits: Array<[id: string, n: number]>, options: { cap?: number; outcome?: Partial<ObjectOutcome> } = {}): ResultRecord {
  const tally = new Tally(options.cap ?? 1000)
  for (const [id, n] of hits) {
    const text = Array.from({ length: n }, () => 'x').join('\n')
    const isCustom = id === cdi.id
    tally.add({ text }, Array.from({ length: n }, (_, i) => ({ id, isCustom, start: 2 * i, end: 2 * i + 1, field: -1 })))
  }
  const outcome: ObjectOutcome = {
    object: { bucket: 'hr-data', key: 'exports/people.csv', size: 2048, eTag: '"9b2cf535f27731c974343645a3985328"', lastModified: new Date('2026-03-01T10:00:00.000Z'), versionId: 'v1' },
    mimeType: 'text/csv',
    sizeClassified: 2048,
    status: 'COMPLETE',
    reason: null,
    tally,
    ...options.outcome,
  }
  return buildResultRecord(outcome, ctx, managedById, customById)
}

const s3Bucket = s3BucketOf({ name: 'hr-data' }, { publicAccessBlock: null, acl: { allowsPublicReadAccess: false, allowsPublicWriteAccess: false }, policy: null }, ACCOUNT)

describe('buildSensitiveDataFinding', () => {
  it('makes a new, unique sensitive data finding from a record', () => {
    const record = recordOf([['LATITUDE_LONGITUDE', 1]])
    const f = buildSensitiveDataFinding(record, { s3Bucket })!
    assert.equal(f.type, 'SensitiveData:S3Object/Personal')
    assert.equal(f.category, 'CLASSIFICATION')
    assert.deepEqual(f.severity, { description: 'Low', score: 1 })
    assert.equal(f.count, 1)
    assert.equal(f.archived, false)
    assert.equal(f.sample, false)
    assert.equal(f.policyDetails, null)
    assert.equal(f.schemaVersion, '1.0')
    assert.equal(f.partition, 'aws')
    assert.equal(f.accountId, ACCOUNT)
    assert.equal(f.region, 'us-east-1')
    assert.equal(f.createdAt, record.createdAt)
    assert.equal(f.updatedAt, f.createdAt)
    assert.match(f.id, /^[0-9a-f]{32}$/)
    assert.notEqual(f.id, record.id)
    assert.notEqual(buildSensitiveDataFinding(record, { s3Bucket })!.id, f.id)
    assert.equal(f.title, 'The S3 object contains personal information.')
    assert.equal(f.description, 'The S3 object contains 1 occurrence of sensitive data: LATITUDE_LONGITUDE (1).')
    const d = f.classificationDetails!
    assert.equal(d.jobId, ctx.jobId)
    assert.equal(d.jobArn, `arn:aws:macie2:us-east-1:${ACCOUNT}:classification-job/${ctx.jobId}`)
    assert.equal(d.originType, 'SENSITIVE_DATA_DISCOVERY_JOB')
    assert.deepEqual(d.result.status, { code: 'COMPLETE', reason: null })
    assert.equal(d.result.mimeType, 'text/csv')
    assert.equal(d.result.sizeClassified, 2048)
    assert.equal(d.result.additionalOccurrences, false)
    assert.deepEqual(d.result.sensitiveData, [
      { category: 'PERSONAL_INFORMATION', totalCount: 1, detections: [{ type: 'LATITUDE_LONGITUDE', count: 1, occurrences: { lineRanges: [{ start: 1, end: 1, startColumn: 1 }] } }] },
    ])
    assert.deepEqual(d.result.customDataIdentifiers, { detections: [], totalCount: 0 })
  })

  it('describes the bucket and object as a finding does', () => {
    const f = buildSensitiveDataFinding(recordOf([['USA_SOCIAL_SECURITY_NUMBER', 2]]), { s3Bucket })!
    assert.deepEqual(f.resourcesAffected, {
      s3Bucket,
      s3Object: {
        bucketArn: 'arn:aws:s3:::hr-data',
        eTag: '"9b2cf535f27731c974343645a3985328"',
        extension: 'csv',
        key: 'exports/people.csv',
        lastModified: '2026-03-01T10:00:00.000Z',
        path: 'hr-data/exports/people.csv',
        publicAccess: false,
        serverSideEncryption: null,
        size: 2048,
        storageClass: 'STANDARD',
        tags: [],
        versionId: 'v1',
      },
    })
  })

  it('takes the object tags, encryption, public access and results location from the extras', () => {
    const f = buildSensitiveDataFinding(recordOf([['USA_SOCIAL_SECURITY_NUMBER', 2]]), {
      s3Bucket,
      objectTags: [{ key: 'owner', value: 'hr' }],
      serverSideEncryption: { encryptionType: 'aws:kms', kmsMasterKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
      objectPublicAccess: true,
      detailedResultsLocation: `s3://results/AWSLogs/${ACCOUNT}/Macie/us-east-1/${ctx.jobId}/part-0001.jsonl.gz`,
    })!
    const o = f.resourcesAffected.s3Object!
    assert.deepEqual(o.tags, [{ key: 'owner', value: 'hr' }])
    assert.deepEqual(o.serverSideEncryption, { encryptionType: 'aws:kms', kmsMasterKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` })
    assert.equal(o.publicAccess, true)
    assert.equal(f.classificationDetails!.detailedResultsLocation, `s3://results/AWSLogs/${ACCOUNT}/Macie/us-east-1/${ctx.jobId}/part-0001.jsonl.gz`)
    const sseC = buildSensitiveDataFinding(recordOf([['USA_SOCIAL_SECURITY_NUMBER', 2]]), { s3Bucket, serverSideEncryption: { encryptionType: 'SSE-C', kmsMasterKeyId: null } })!
    assert.deepEqual(sseC.resourcesAffected.s3Object!.serverSideEncryption, { encryptionType: 'UNKNOWN', kmsMasterKeyId: null })
  })

  it('keeps the first 15 locations per type, complete counts, and says more exist', () => {
    const record = recordOf([
      ['USA_SOCIAL_SECURITY_NUMBER', 40],
      ['CREDIT_CARD_NUMBER', 3],
    ])
    const f = buildSensitiveDataFinding(record, { s3Bucket })!
    assert.equal(f.type, 'SensitiveData:S3Object/Multiple')
    assert.deepEqual(f.severity, { description: 'High', score: 3 })
    const result = f.classificationDetails!.result
    assert.equal(result.additionalOccurrences, true)
    const personal = result.sensitiveData.find((g) => g.category === 'PERSONAL_INFORMATION')!
    assert.equal(personal.totalCount, 40)
    const ssn = personal.detections[0]!
    assert.equal(ssn.count, 40)
    assert.equal(ssn.occurrences.lineRanges!.length, FINDING_OCCURRENCES_CAP)
    assert.deepEqual(ssn.occurrences.lineRanges![0], { start: 1, end: 1, startColumn: 1 })
    assert.deepEqual(ssn.occurrences.lineRanges![14], { start: 15, end: 15, startColumn: 1 })
    const card = result.sensitiveData.find((g) => g.category === 'FINANCIAL_INFORMATION')!.detections[0]!
    assert.equal(card.occurrences.lineRanges!.length, 3)
    // The record itself keeps its 1,000-per-type locations.
    assert.equal(record.classificationDetails.result.sensitiveData.find((g) => g.category === 'PERSONAL_INFORMATION')!.detections[0]!.occurrences.lineRanges!.length, 40)
    assert.equal(record.classificationDetails.result.additionalOccurrences, false)
  })

  it('does not report additional occurrences when exactly 15 were located', () => {
    const f = buildSensitiveDataFinding(recordOf([['USA_SOCIAL_SECURITY_NUMBER', 15]]), { s3Bucket })!
    assert.equal(f.classificationDetails!.result.additionalOccurrences, false)
    assert.equal(f.classificationDetails!.result.sensitiveData[0]!.detections[0]!.occurrences.lineRanges!.length, 15)
  })

  it('keeps additionalOccurrences when the record already had more than it located', () => {
    const record = recordOf([['USA_SOCIAL_SECURITY_NUMBER', 12]], { cap: 10 })
    assert.equal(record.classificationDetails.result.additionalOccurrences, true)
    const f = buildSensitiveDataFinding(record, { s3Bucket })!
    assert.equal(f.classificationDetails!.result.additionalOccurrences, true)
    assert.equal(f.classificationDetails!.result.sensitiveData[0]!.detections[0]!.count, 12)
    assert.equal(f.classificationDetails!.result.sensitiveData[0]!.detections[0]!.occurrences.lineRanges!.length, 10)
  })

  it('caps custom identifier detections too', () => {
    const f = buildSensitiveDataFinding(recordOf([[cdi.id, 20]]), { s3Bucket })!
    assert.equal(f.type, 'SensitiveData:S3Object/CustomIdentifier')
    assert.deepEqual(f.severity, { description: 'Medium', score: 2 })
    const c = f.classificationDetails!.result.customDataIdentifiers
    assert.equal(c.totalCount, 20)
    assert.equal(c.detections[0]!.arn, cdi.arn)
    assert.equal(c.detections[0]!.name, 'EmployeeId')
    assert.equal(c.detections[0]!.count, 20)
    assert.equal(c.detections[0]!.occurrences.lineRanges!.length, 15)
    assert.equal(f.classificationDetails!.result.additionalOccurrences, true)
    assert.equal(f.description, 'The S3 object contains 20 occurrences of sensitive data: custom data identifier EmployeeId (20).')
  })

  it('counts 15 locations across every kind of a detection', () => {
    const record = recordOf([['USA_SOCIAL_SECURITY_NUMBER', 10]])
    const det = record.classificationDetails.result.sensitiveData[0]!.detections[0]!
    det.occurrences.cells = Array.from({ length: 10 }, (_, i) => ({ row: i + 2, column: 1, columnName: 'ssn', cellReference: null }))
    const o = buildSensitiveDataFinding(record, { s3Bucket })!.classificationDetails!.result.sensitiveData[0]!.detections[0]!.occurrences
    assert.equal(o.lineRanges!.length, 10)
    assert.equal(o.cells!.length, 5)
    assert.deepEqual(o.cells![4], { row: 6, column: 1, columnName: 'ssn', cellReference: null })
  })

  it('makes no finding for an object without reportable detections', () => {
    assert.equal(buildSensitiveDataFinding(recordOf([]), { s3Bucket }), undefined)
    const skipped = recordOf([], { outcome: { status: 'SKIPPED', reason: 'UNSUPPORTED_FILE_TYPE_EXCEPTION', tally: undefined } })
    assert.equal(buildSensitiveDataFinding(skipped, { s3Bucket }), undefined)
  })

  it('makes no finding for a CDI below its lowest severity threshold', () => {
    const strict = compileCustomIdentifier({ id: 'strict', name: 'Strict', regex: 'X', severityLevels: [{ occurrencesThreshold: 5, severity: 'HIGH' }] })
    const tally = new Tally(1000)
    tally.add({ text: 'x x' }, [0, 2].map((start) => ({ id: 'strict', isCustom: true, start, end: start + 1, field: -1 })))
    const record = buildResultRecord(
      { object: { bucket: 'hr-data', key: 'a.txt', size: 3 }, mimeType: 'text/plain', sizeClassified: 3, status: 'COMPLETE', reason: null, tally },
      ctx,
      managedById,
      new Map([['strict', strict]]),
    )
    assert.equal(buildSensitiveDataFinding(record, { s3Bucket }), undefined)
  })

  it('makes no finding for an archive member: members get results, not findings', () => {
    const member = recordOf([['USA_SOCIAL_SECURITY_NUMBER', 3]], {
      outcome: { embedded: { filePath: 'inner/people.csv', fileExtension: 'csv', fileSize: 100, fileLastModified: null } },
    })
    assert.equal(member.type, 'SensitiveData:S3Object/Personal')
    assert.equal(buildSensitiveDataFinding(member, { s3Bucket }), undefined)
  })
})
