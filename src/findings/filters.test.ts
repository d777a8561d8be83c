import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError } from '../errors.js'
import type { FindingsFilterRow } from '../store/types.js'
import { isSuppressed, validateFindingsFilter } from './filters.js'
import type { Finding } from './types.js'

const finding = {
  accountId: '111122223333',
  region: 'us-east-1',
  archived: false,
  type: 'SensitiveData:S3Object/Personal',
  resourcesAffected: { s3Bucket: { name: 'test-fixtures' }, s3Object: null },
} as unknown as Finding

const filter = (over: Partial<FindingsFilterRow>): FindingsFilterRow => ({
  accountId: '111122223333',
  region: 'us-east-1',
  id: 'f1',
  arn: 'arn:aws:macie2:us-east-1:111122223333:findings-filter/f1',
  name: 'test buckets',
  action: 'ARCHIVE',
  findingCriteria: { criterion: { 'resourcesAffected.s3Bucket.name': { eq: ['test-fixtures'] } } },
  position: 1,
  tags: {},
  ...over,
})

describe('isSuppressed', () => {
  it('is true when an ARCHIVE filter matches', () => {
    assert.equal(isSuppressed(finding, [filter({})]), true)
  })
  it('ignores NOOP filters, which only save a view', () => {
    assert.equal(isSuppressed(finding, [filter({ action: 'NOOP' })]), false)
  })
  it('is false when no filter matches', () => {
    const other = filter({ findingCriteria: { criterion: { type: { eq: ['SensitiveData:S3Object/Financial'] } } } })
    assert.equal(isSuppressed(finding, [other]), false)
    assert.equal(isSuppressed(finding, []), false)
  })
  it('takes any matching filter among several', () => {
    const other = filter({ id: 'f2', findingCriteria: { criterion: { type: { eq: ['SensitiveData:S3Object/Financial'] } } } })
    assert.equal(isSuppressed(finding, [other, filter({ action: 'NOOP' }), filter({ id: 'f3', position: 3 })]), true)
  })
  it('ignores filters of another account or region', () => {
    assert.equal(isSuppressed(finding, [filter({ accountId: '444455556666' })]), false)
    assert.equal(isSuppressed(finding, [filter({ region: 'eu-west-1' })]), false)
  })
})

const criteria = { criterion: { 'severity.description': { eq: ['Low'] } } }

describe('validateFindingsFilter', () => {
  it('normalises a CreateFindingsFilter request', () => {
    assert.deepEqual(
      validateFindingsFilter({ name: 'low noise', description: 'Low findings', action: 'ARCHIVE', findingCriteria: criteria, position: 2, clientToken: 'tok', tags: { team: 'sec' }, id: 'ignored' }),
      { name: 'low noise', description: 'Low findings', action: 'ARCHIVE', findingCriteria: criteria, position: 2, clientToken: 'tok', tags: { team: 'sec' } },
    )
    assert.deepEqual(validateFindingsFilter({ name: 'abc', action: 'NOOP', findingCriteria: criteria }), { name: 'abc', action: 'NOOP', findingCriteria: criteria, tags: {} })
  })
  it('takes any subset of members for UpdateFindingsFilter', () => {
    assert.deepEqual(validateFindingsFilter({ position: 5 }, 'update'), { position: 5 })
    assert.deepEqual(validateFindingsFilter({}, 'update'), {})
    assert.deepEqual(validateFindingsFilter({ action: 'NOOP', findingCriteria: criteria }, 'update'), { action: 'NOOP', findingCriteria: criteria })
  })
  const bad: Array<[name: string, request: unknown, mode: 'create' | 'update', message: RegExp]> = [
    ['a body that is not an object', 'x', 'create', /must be an object/],
    ['a missing name', { action: 'ARCHIVE', findingCriteria: criteria }, 'create', /name is required/],
    ['a missing action', { name: 'abc', findingCriteria: criteria }, 'create', /action is required/],
    ['missing criteria', { name: 'abc', action: 'ARCHIVE' }, 'create', /findingCriteria is required/],
    ['a 2-character name', { name: 'ab', action: 'ARCHIVE', findingCriteria: criteria }, 'create', /name must be 3–64/],
    ['a 65-character name', { name: 'n'.repeat(65), action: 'ARCHIVE', findingCriteria: criteria }, 'update', /name must be 3–64/],
    ['a long description', { description: 'd'.repeat(513) }, 'update', /at most 512/],
    ['an unknown action', { name: 'abc', action: 'DELETE', findingCriteria: criteria }, 'create', /ARCHIVE or NOOP/],
    ['position 0', { position: 0 }, 'update', /at least 1/],
    ['a fractional position', { position: 1.5 }, 'update', /integer/],
    ['criteria without conditions', { name: 'abc', action: 'ARCHIVE', findingCriteria: { criterion: {} } }, 'create', /at least one condition/],
    ['invalid criteria', { findingCriteria: { criterion: { type: { like: ['x'] } } } }, 'update', /unknown operator "like"/],
    ['too many tags', { name: 'abc', action: 'NOOP', findingCriteria: criteria, tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }, 'create', /at most 50 tags, not 51/],
    ['a long tag value', { name: 'abc', action: 'NOOP', findingCriteria: criteria, tags: { k: 'v'.repeat(257) } }, 'create', /at most 256/],
  ]
  for (const [name, request, mode, message] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(() => validateFindingsFilter(request, mode as 'update'), (err: unknown) => err instanceof InvalidInputError && message.test(err.message))
    })
  }
  it('accepts names of exactly 3 and 64 characters and a 512-character description', () => {
    assert.equal(validateFindingsFilter({ name: 'abc' }, 'update').name, 'abc')
    assert.equal(validateFindingsFilter({ name: 'n'.repeat(64), description: 'd'.repeat(512) }, 'update').name, 'n'.repeat(64))
  })
})
