import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError } from '../errors.js'
import type { FindingCriteria } from '../store/types.js'
import { findingFieldPath, matchesCriteria, validateFindingCriteria } from './criteria.js'
import type { Finding, S3Bucket } from './types.js'

const bucket: S3Bucket = {
  allowsUnencryptedObjectUploads: 'TRUE',
  arn: 'arn:aws:s3:::hr-data',
  createdAt: '2025-01-01T00:00:00.000Z',
  defaultServerSideEncryption: { encryptionType: 'NONE', kmsMasterKeyId: null },
  name: 'hr-data',
  owner: null,
  publicAccess: null,
  tags: [
    { key: 'team', value: 'hr' },
    { key: 'env', value: 'prod' },
  ],
}

/** A sensitive data finding: SSNs and card numbers in a CSV, created 2026-03-01T10:00:00Z. */
const sensitive: Finding = {
  accountId: '111122223333',
  archived: false,
  category: 'CLASSIFICATION',
  classificationDetails: {
    detailedResultsLocation: null,
    jobArn: 'arn:aws:macie2:us-east-1:111122223333:classification-job/job1',
    jobId: 'job1',
    originType: 'SENSITIVE_DATA_DISCOVERY_JOB',
    result: {
      additionalOccurrences: true,
      customDataIdentifiers: { detections: [{ arn: 'arn:cdi/1', name: 'EmployeeId', count: 3, occurrences: {} }], totalCount: 3 },
      mimeType: 'text/csv',
      sensitiveData: [
        { category: 'FINANCIAL_INFORMATION', totalCount: 2, detections: [{ type: 'CREDIT_CARD_NUMBER', count: 2, occurrences: {} }] },
        { category: 'PERSONAL_INFORMATION', totalCount: 40, detections: [{ type: 'USA_SOCIAL_SECURITY_NUMBER', count: 40, occurrences: {} }] },
      ],
      sizeClassified: 2048,
      status: { code: 'COMPLETE', reason: null },
    },
  },
  count: 1,
  createdAt: '2026-03-01T10:00:00.000Z',
  description: 'd',
  id: 'a'.repeat(32),
  partition: 'aws',
  policyDetails: null,
  region: 'us-east-1',
  resourcesAffected: {
    s3Bucket: bucket,
    s3Object: {
      bucketArn: 'arn:aws:s3:::hr-data',
      eTag: 'e',
      extension: 'csv',
      key: 'exports/people.csv',
      lastModified: '2026-02-28T00:00:00.000Z',
      path: 'hr-data/exports/people.csv',
      publicAccess: false,
      serverSideEncryption: null,
      size: 2048,
      storageClass: 'STANDARD',
      tags: [],
      versionId: null,
    },
  },
  sample: false,
  schemaVersion: '1.0',
  severity: { description: 'High', score: 3 },
  title: 't',
  type: 'SensitiveData:S3Object/Multiple',
  updatedAt: '2026-03-01T10:00:00.000Z',
}

const policyFinding: Finding = {
  ...sensitive,
  category: 'POLICY',
  classificationDetails: null,
  count: 4,
  id: 'b'.repeat(32),
  policyDetails: { action: { actionType: 'AWS_API_CALL', apiCallDetails: { api: 'PutBucketPolicy', apiServiceName: 's3.amazonaws.com', firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-03-01T00:00:00.000Z' } }, actor: null },
  resourcesAffected: { s3Bucket: bucket, s3Object: null },
  severity: { description: 'Medium', score: 2 },
  type: 'Policy:IAMUser/S3BucketSharedWithCloudFront',
}

const c = (criterion: NonNullable<FindingCriteria['criterion']>): FindingCriteria => validateFindingCriteria({ criterion })
const MS = Date.parse('2026-03-01T10:00:00.000Z')

describe('matchesCriteria', () => {
  const cases: Array<[name: string, criteria: FindingCriteria, onSensitive: boolean, onPolicy: boolean]> = [
    ['no criteria', {}, true, true],
    ['eq, values OR-joined', c({ type: { eq: ['SensitiveData:S3Object/Personal', 'SensitiveData:S3Object/Multiple'] } }), true, false],
    ['neq', c({ category: { neq: ['POLICY'] } }), true, false],
    ['case-sensitive values', c({ 'severity.description': { eq: ['high'] } }), false, false],
    ['through an array: any element matches eq', c({ 'sensitiveData.detections.type': { eq: ['USA_SOCIAL_SECURITY_NUMBER'] } }), true, false],
    ['the full path works alike', c({ 'classificationDetails.result.sensitiveData.detections.type': { eq: ['CREDIT_CARD_NUMBER'] } }), true, false],
    ['through an array: neq fails when any element has the value', c({ 'sensitiveData.category': { neq: ['FINANCIAL_INFORMATION'] } }), false, true],
    ['eqExactMatch: exactly these values', c({ 'sensitiveData.detections.type': { eqExactMatch: ['USA_SOCIAL_SECURITY_NUMBER', 'CREDIT_CARD_NUMBER'] } }), true, false],
    ['eqExactMatch: a subset does not match', c({ 'sensitiveData.detections.type': { eqExactMatch: ['USA_SOCIAL_SECURITY_NUMBER'] } }), false, false],
    ['eqExactMatch: a superset does not match', c({ 'sensitiveData.category': { eqExactMatch: ['FINANCIAL_INFORMATION', 'PERSONAL_INFORMATION', 'CREDENTIALS'] } }), false, false],
    ['eqExactMatch on tags', c({ 'resourcesAffected.s3Bucket.tags.key': { eqExactMatch: ['env', 'team'] } }), true, true],
    ['custom identifier name', c({ 'customDataIdentifiers.detections.name': { eq: ['EmployeeId'] } }), true, false],
    ['gte on a number', c({ 'severity.score': { gte: 3 } }), true, false],
    ['lt on a number', c({ count: { lt: 2 } }), true, false],
    ['gt and lte together', c({ count: { gt: 1, lte: 4 } }), false, true],
    ['numbers through an array', c({ 'sensitiveData.totalCount': { gt: 30 } }), true, false],
    ['eq on a number as a string', c({ 'severity.score': { eq: ['2'] } }), false, true],
    ['gt on a date in epoch ms', c({ createdAt: { gt: MS - 1 } }), true, true],
    ['lt on a date in epoch ms', c({ createdAt: { lt: MS } }), false, false],
    ['gte on a date, equal', c({ updatedAt: { gte: MS } }), true, true],
    ['eq on a date in epoch ms', c({ createdAt: { eq: [String(MS)] } }), true, true],
    ['booleans as strings', c({ archived: { eq: ['false'] } }), true, true],
    ['booleans as strings, negative', c({ 'classificationDetails.result.additionalOccurrences': { eq: ['false'] } }), false, false],
    ['a missing field never equals', c({ 'classificationDetails.jobId': { eq: ['job1'] } }), true, false],
    ['a missing field has none of the neq values', c({ 'classificationDetails.jobId': { neq: ['job1'] } }), false, true],
    ['a missing field never compares', c({ 'resourcesAffected.s3Object.size': { gte: 0 } }), true, false],
    ['a null value is missing', c({ 'resourcesAffected.s3Object.versionId': { neq: ['v1'] } }), true, true],
    ['policy fields', c({ 'policyDetails.action.apiCallDetails.api': { eq: ['PutBucketPolicy'] } }), false, true],
    ['fields AND-joined', c({ type: { eq: ['SensitiveData:S3Object/Multiple'] }, 'resourcesAffected.s3Bucket.name': { eq: ['other'] } }), false, false],
  ]
  for (const [name, criteria, onSensitive, onPolicy] of cases) {
    it(name, () => {
      assert.equal(matchesCriteria(sensitive, criteria), onSensitive, 'sensitive data finding')
      assert.equal(matchesCriteria(policyFinding, criteria), onPolicy, 'policy finding')
    })
  }
})

describe('validateFindingCriteria', () => {
  it('accepts absent criteria and returns what it checked', () => {
    assert.deepEqual(validateFindingCriteria(undefined), {})
    assert.deepEqual(validateFindingCriteria({}), {})
    const criteria = { criterion: { 'severity.description': { eq: ['High'] }, createdAt: { gte: 1604616572653, lt: 1704616572653 } } }
    assert.deepEqual(validateFindingCriteria(criteria), criteria)
    assert.deepEqual(validateFindingCriteria({ criterion: { sample: { eq: ['true'], neq: null } } }), { criterion: { sample: { eq: ['true'] } } })
  })
  it('maps the short field names to the finding JSON paths', () => {
    assert.equal(findingFieldPath('sensitiveData.category'), 'classificationDetails.result.sensitiveData.category')
    assert.equal(findingFieldPath('customDataIdentifiers.detections.arn'), 'classificationDetails.result.customDataIdentifiers.detections.arn')
    assert.equal(findingFieldPath('type'), 'type')
  })
  const bad: Array<[name: string, criteria: unknown, message: RegExp]> = [
    ['not an object', 'severity', /must be an object/],
    ['criterion not a map', { criterion: [] }, /map of field to condition/],
    ['an unknown field', { criterion: { 'severity.level': { eq: ['High'] } } }, /"severity.level" is not a finding field/],
    ['occurrence locations are not filterable', { criterion: { 'sensitiveData.detections.occurrences.cells.row': { eq: ['1'] } } }, /not a finding field/],
    ['an unknown operator', { criterion: { type: { contains: ['x'] } } }, /unknown operator "contains" on type/],
    ['a condition that is not an object', { criterion: { type: ['x'] } }, /must be an object of operators/],
    ['a condition without an operator', { criterion: { type: {} } }, /has no operator/],
    ['eq not a list', { criterion: { type: { eq: 'x' } } }, /eq on type takes a list of strings/],
    ['eq with a number in it', { criterion: { count: { eq: [1] } } }, /eq on count takes a list of strings/],
    ['an empty list', { criterion: { type: { neq: [] } } }, /at least one value/],
    ['more than 50 values', { criterion: { id: { eq: Array.from({ length: 51 }, (_, i) => String(i)) } } }, /51 values; the maximum is 50/],
    ['gt as a string', { criterion: { count: { gt: '3' } } }, /gt on count takes a number/],
    ['gt on a text field', { criterion: { type: { gt: 3 } } }, /gt compares numbers and dates; type holds strings/],
    ['a boolean that is not "true"/"false"', { criterion: { archived: { eq: ['yes'] } } }, /takes "true" or "false"/],
    ['a number field with a word', { criterion: { 'severity.score': { eq: ['high'] } } }, /holds numbers/],
    ['a date field with a word', { criterion: { createdAt: { eq: ['yesterday'] } } }, /holds dates/],
    ['eqExactMatch on a field that does not allow it', { criterion: { type: { eqExactMatch: ['SensitiveData:S3Object/Personal'] } } }, /eqExactMatch is not allowed on type/],
    ['eqExactMatch with another operator', { criterion: { 'sensitiveData.detections.type': { eqExactMatch: ['ADDRESS'], neq: ['NAME'] } } }, /cannot be combined/],
  ]
  for (const [name, criteria, message] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(() => validateFindingCriteria(criteria), (err: unknown) => err instanceof InvalidInputError && message.test(err.message))
    })
  }
})
