import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { JobScopeTerm, S3JobDefinition } from '../store/types.js'
import { matchesScoping, objectExtension, scopingNeedsTags, type ScopedObject } from './scope.js'

const object: ScopedObject = {
  key: 'logs/2026/app.log.gz',
  size: 1000,
  lastModified: new Date('2026-03-04T10:00:00Z'),
  tags: [
    { key: 'team', value: 'data' },
    { key: 'pii', value: '' },
  ],
}
const simple = (key: string, comparator: string, values: string[]): JobScopeTerm => ({ simpleScopeTerm: { key, comparator, values } })
const tag = (comparator: string, tagValues: Array<{ key: string; value: string }>): JobScopeTerm => ({
  tagScopeTerm: { comparator, key: 'TAG', tagValues, target: 'S3_OBJECT' },
})
const AT = '2026-03-04T10:00:00Z'
const BEFORE = '2026-03-04T09:59:59Z'
const AFTER = '2026-03-04T10:00:01Z'

// One term as the only include condition: does the object above match it?
const terms: Array<[term: JobScopeTerm, expected: boolean]> = [
  [simple('OBJECT_EXTENSION', 'EQ', ['gz']), true],
  [simple('OBJECT_EXTENSION', 'EQ', ['pdf', 'gz']), true],
  [simple('OBJECT_EXTENSION', 'EQ', ['GZ']), false], // case-sensitive
  [simple('OBJECT_EXTENSION', 'EQ', ['.gz']), false], // no dot
  [simple('OBJECT_EXTENSION', 'EQ', ['log.gz']), false], // last extension only
  [simple('OBJECT_EXTENSION', 'NE', ['gz']), false],
  [simple('OBJECT_EXTENSION', 'NE', ['pdf', 'docx']), true],
  [simple('OBJECT_KEY', 'STARTS_WITH', ['logs/']), true],
  [simple('OBJECT_KEY', 'STARTS_WITH', ['tmp/', 'logs/2026']), true],
  [simple('OBJECT_KEY', 'STARTS_WITH', ['Logs/']), false], // case-sensitive
  [simple('OBJECT_KEY', 'STARTS_WITH', ['app']), false], // from the first key character
  [simple('OBJECT_LAST_MODIFIED_DATE', 'EQ', [AT]), true],
  [simple('OBJECT_LAST_MODIFIED_DATE', 'EQ', [BEFORE]), false],
  [simple('OBJECT_LAST_MODIFIED_DATE', 'NE', [BEFORE]), true],
  [simple('OBJECT_LAST_MODIFIED_DATE', 'NE', [AT]), false],
  [simple('OBJECT_LAST_MODIFIED_DATE', 'GT', [BEFORE]), true],
  [simple('OBJECT_LAST_MODIFIED_DATE', 'GT', [AT]), false],
  [simple('OBJECT_LAST_MODIFIED_DATE', 'GTE', [AT]), true],
  [simple('OBJECT_LAST_MODIFIED_DATE', 'GTE', [AFTER]), false],
  [simple('OBJECT_LAST_MODIFIED_DATE', 'LT', [AFTER]), true],
  [simple('OBJECT_LAST_MODIFIED_DATE', 'LT', [AT]), false],
  [simple('OBJECT_LAST_MODIFIED_DATE', 'LTE', [AT]), true],
  [simple('OBJECT_LAST_MODIFIED_DATE', 'LTE', [BEFORE]), false],
  [simple('OBJECT_LAST_MODIFIED_DATE', 'EQ', ['2026-03-04T11:00:00+01:00']), true], // same instant, offset
  [simple('OBJECT_SIZE', 'EQ', ['1000']), true],
  [simple('OBJECT_SIZE', 'EQ', ['999']), false],
  [simple('OBJECT_SIZE', 'NE', ['999']), true],
  [simple('OBJECT_SIZE', 'NE', ['1000']), false],
  [simple('OBJECT_SIZE', 'GT', ['999']), true],
  [simple('OBJECT_SIZE', 'GT', ['1000']), false],
  [simple('OBJECT_SIZE', 'GTE', ['1000']), true],
  [simple('OBJECT_SIZE', 'GTE', ['1001']), false],
  [simple('OBJECT_SIZE', 'LT', ['1001']), true],
  [simple('OBJECT_SIZE', 'LT', ['1000']), false],
  [simple('OBJECT_SIZE', 'LTE', ['1000']), true],
  [simple('OBJECT_SIZE', 'LTE', ['999']), false],
  [tag('EQ', [{ key: 'team', value: 'data' }]), true],
  [tag('EQ', [{ key: 'team', value: 'Data' }]), false], // case-sensitive
  [tag('EQ', [{ key: 'team', value: '' }]), true], // key only
  [tag('EQ', [{ key: 'owner', value: '' }]), false],
  [tag('EQ', [{ key: 'owner', value: 'x' }, { key: 'pii', value: '' }]), true], // several → OR
  [tag('NE', [{ key: 'team', value: 'data' }]), false],
  [tag('NE', [{ key: 'team', value: 'web' }]), true],
  [tag('NE', [{ key: 'owner', value: '' }, { key: 'stage', value: 'x' }]), true],
  [tag('NE', [{ key: 'owner', value: '' }, { key: 'pii', value: '' }]), false],
]

describe('matchesScoping: one include term', () => {
  for (const [term, expected] of terms) {
    it(`${JSON.stringify(term)} → ${expected}`, () => {
      assert.equal(matchesScoping(object, { includes: { and: [term] } }), expected)
    })
  }
})

const gz = simple('OBJECT_EXTENSION', 'EQ', ['gz'])
const pdf = simple('OBJECT_EXTENSION', 'EQ', ['pdf'])
const logs = simple('OBJECT_KEY', 'STARTS_WITH', ['logs/'])
const big = simple('OBJECT_SIZE', 'GT', ['5000'])

const blocks: Array<[what: string, scoping: S3JobDefinition['scoping'], expected: boolean]> = [
  ['no scoping', undefined, true],
  ['empty blocks', { includes: { and: [] }, excludes: {} }, true],
  ['includes ANDed, all hold', { includes: { and: [gz, logs] } }, true],
  ['includes ANDed, one fails', { includes: { and: [gz, big] } }, false],
  ['exclude matches', { excludes: { and: [logs] } }, false],
  ['exclude does not match', { excludes: { and: [pdf] } }, true],
  ['excludes ANDed, only one holds', { excludes: { and: [logs, big] } }, true],
  ['excludes ANDed, all hold', { excludes: { and: [logs, gz] } }, false],
  ['exclude wins over include', { includes: { and: [gz] }, excludes: { and: [logs] } }, false],
  ['include fails, exclude irrelevant', { includes: { and: [pdf] }, excludes: { and: [big] } }, false],
  ['include holds, exclude fails', { includes: { and: [gz] }, excludes: { and: [big] } }, true],
]

describe('matchesScoping: includes and excludes', () => {
  for (const [what, scoping, expected] of blocks) {
    it(what, () => assert.equal(matchesScoping(object, scoping), expected))
  }

  it('an object without tags matches no tag EQ and every tag NE', () => {
    const bare = { key: 'a.txt', size: 1, lastModified: new Date(AT) }
    assert.equal(matchesScoping(bare, { includes: { and: [tag('EQ', [{ key: 'team', value: '' }])] } }), false)
    assert.equal(matchesScoping(bare, { includes: { and: [tag('NE', [{ key: 'team', value: '' }])] } }), true)
  })

  it('an object without an extension has the extension ""', () => {
    const noExt = { key: 'data/README', size: 1, lastModified: new Date(AT) }
    assert.equal(matchesScoping(noExt, { includes: { and: [simple('OBJECT_EXTENSION', 'EQ', [''])] } }), true)
    assert.equal(matchesScoping(noExt, { includes: { and: [simple('OBJECT_EXTENSION', 'NE', ['txt'])] } }), true)
    assert.equal(matchesScoping(noExt, { includes: { and: [simple('OBJECT_EXTENSION', 'EQ', ['txt'])] } }), false)
  })

  it('rejects terms no job could hold', () => {
    assert.throws(() => matchesScoping(object, { includes: { and: [simple('OBJECT_KEY', 'CONTAINS', ['x'])] } }), /not valid/)
    assert.throws(() => matchesScoping(object, { includes: { and: [simple('OBJECT_EXTENSION', 'GT', ['a'])] } }), /not valid/)
    assert.throws(() => matchesScoping(object, { includes: { and: [{}] } }), /simpleScopeTerm or tagScopeTerm/)
  })
})

describe('objectExtension', () => {
  const cases: Array<[key: string, expected: string]> = [
    ['a.pdf', 'pdf'],
    ['dir/b.tar.gz', 'gz'],
    ['dir.d/README', ''],
    ['file.', ''],
    ['.env', ''],
    ['conf/.env.local', 'local'],
    ['Photo.JPG', 'JPG'],
  ]
  for (const [key, expected] of cases) it(`${key} → '${expected}'`, () => assert.equal(objectExtension(key), expected))
})

describe('scopingNeedsTags', () => {
  it('is true only when a tag term exists', () => {
    assert.equal(scopingNeedsTags(undefined), false)
    assert.equal(scopingNeedsTags({ includes: { and: [gz] }, excludes: { and: [big] } }), false)
    assert.equal(scopingNeedsTags({ excludes: { and: [tag('EQ', [{ key: 'a', value: '' }])] } }), true)
    assert.equal(scopingNeedsTags({ includes: { and: [gz, tag('NE', [{ key: 'a', value: '' }])] } }), true)
  })
})
