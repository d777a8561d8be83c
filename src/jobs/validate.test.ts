import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError } from '../errors.js'
import { newJobId, parseIsoTimestamp, validateCreateJobRequest } from './validate.js'

const SCOPE = { accountId: '111122223333', region: 'eu-west-1' }
const NOW = new Date('2026-03-04T10:00:00Z')
const JOB_ID = '0123456789abcdef0123456789abcdef'
const options = { now: NOW, newJobId: () => JOB_ID }
const validate = (request: unknown) => validateCreateJobRequest(request, SCOPE, options)

type Body = Record<string, unknown>
const base = (): Body => ({
  name: 'customer exports',
  clientToken: 'token-1',
  jobType: 'ONE_TIME',
  s3JobDefinition: { bucketDefinitions: [{ accountId: '111122223333', buckets: ['exports'] }] },
})
const withDef = (s3JobDefinition: unknown): Body => ({ ...base(), s3JobDefinition })
const withScope = (key: string, comparator: string, values: unknown): Body =>
  withDef({ ...(base().s3JobDefinition as Body), scoping: { includes: { and: [{ simpleScopeTerm: { key, comparator, values } }] } } })
const withTagScope = (tagScopeTerm: unknown): Body => withDef({ ...(base().s3JobDefinition as Body), scoping: { excludes: { and: [{ tagScopeTerm }] } } })
const withCriterion = (criterion: unknown): Body => withDef({ bucketCriteria: { includes: { and: [criterion] } } })
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`)
const tags = (n: number) => Object.fromEntries(ids('k', n).map((k) => [k, 'v']))

describe('validateCreateJobRequest: the stored job', () => {
  it('a one-time job with defaults', () => {
    assert.deepEqual(validate(base()), {
      accountId: '111122223333',
      region: 'eu-west-1',
      jobId: JOB_ID,
      jobArn: `arn:aws:macie2:eu-west-1:111122223333:classification-job/${JOB_ID}`,
      name: 'customer exports',
      jobType: 'ONE_TIME',
      jobStatus: 'RUNNING',
      clientToken: 'token-1',
      createdAt: NOW,
      initialRun: false,
      samplingPercentage: 100,
      managedDataIdentifierSelector: 'RECOMMENDED',
      s3JobDefinition: { bucketDefinitions: [{ accountId: '111122223333', buckets: ['exports'] }] },
      tags: {},
      lastRunErrorCode: 'NONE',
      approximateNumberOfObjectsToProcess: 0,
      numberOfRuns: 0,
    })
  })

  it('a scheduled job with an initial run is RUNNING and has its next run', () => {
    const job = validate({ ...base(), jobType: 'SCHEDULED', initialRun: true, scheduleFrequency: { weeklySchedule: { dayOfWeek: 'MONDAY' } } })
    assert.equal(job.jobStatus, 'RUNNING')
    assert.equal(job.initialRun, true)
    assert.deepEqual(job.scheduleFrequency, { weeklySchedule: { dayOfWeek: 'MONDAY' } })
    assert.equal(job.nextRunAt?.toISOString(), '2026-03-09T00:00:00.000Z')
  })

  it('a scheduled job without an initial run is IDLE until its first run', () => {
    const job = validate({ ...base(), jobType: 'SCHEDULED', scheduleFrequency: { dailySchedule: {} } })
    assert.equal(job.jobStatus, 'IDLE')
    assert.equal(job.initialRun, false)
    assert.equal(job.nextRunAt?.toISOString(), '2026-03-05T00:00:00.000Z')
  })

  it('keeps what the request chose, and only what Macie has', () => {
    const job = validate({
      ...base(),
      description: 'weekly exports',
      samplingPercentage: 30,
      managedDataIdentifierSelector: 'INCLUDE',
      managedDataIdentifierIds: ['CREDIT_CARD_NUMBER', 'CREDIT_CARD_NUMBER'],
      customDataIdentifierIds: ['cdi-1'],
      allowListIds: ['allow1'],
      tags: { team: 'data', empty: '' },
      unknownMember: 'ignored',
    })
    assert.equal(job.description, 'weekly exports')
    assert.equal(job.samplingPercentage, 30)
    assert.deepEqual(job.managedDataIdentifierIds, ['CREDIT_CARD_NUMBER'])
    assert.deepEqual(job.customDataIdentifierIds, ['cdi-1'])
    assert.deepEqual(job.allowListIds, ['allow1'])
    assert.deepEqual(job.tags, { team: 'data', empty: '' })
    assert.equal('unknownMember' in job, false)
  })

  it('drops managed IDs for selectors that take none and empty ID lists', () => {
    const job = validate({ ...base(), managedDataIdentifierSelector: 'ALL', managedDataIdentifierIds: [], customDataIdentifierIds: [] })
    assert.equal('managedDataIdentifierIds' in job, false)
    assert.equal('customDataIdentifierIds' in job, false)
  })

  it('normalises scoping and criteria to Macie shapes', () => {
    const job = validate(
      withDef({
        bucketCriteria: { includes: { and: [{ tagCriterion: { comparator: 'EQ', tagValues: [{ key: 'env' }, { value: 'prod', key: null }] } }] } },
        scoping: { excludes: { and: [{ tagScopeTerm: { comparator: 'EQ', key: 'TAG', target: 'S3_OBJECT', tagValues: [{ key: 'pii' }] } }] } },
      }),
    )
    assert.deepEqual(job.s3JobDefinition, {
      bucketCriteria: { includes: { and: [{ tagCriterion: { comparator: 'EQ', tagValues: [{ key: 'env' }, { value: 'prod' }] } }] } },
      scoping: { excludes: { and: [{ tagScopeTerm: { comparator: 'EQ', key: 'TAG', target: 'S3_OBJECT', tagValues: [{ key: 'pii', value: '' }] } }] } },
    })
  })

  it('uses the partition and schedule hour it is given', () => {
    const job = validateCreateJobRequest({ ...base(), jobType: 'SCHEDULED', scheduleFrequency: { dailySchedule: {} } }, SCOPE, { ...options, partition: 'aws-cn', scheduleHourUtc: 12 })
    assert.match(job.jobArn, /^arn:aws-cn:macie2:/)
    assert.equal(job.nextRunAt?.toISOString(), '2026-03-04T12:00:00.000Z')
  })

  it('accepts initialRun false on a one-time job (what Describe reports)', () => {
    assert.equal(validate({ ...base(), initialRun: false }).initialRun, false)
  })
})

const accepted: Array<[what: string, body: Body]> = [
  ['name of 500 characters', { ...base(), name: 'n'.repeat(500) }],
  ['description of 200 characters', { ...base(), description: 'd'.repeat(200) }],
  ['samplingPercentage 1', { ...base(), samplingPercentage: 1 }],
  ['30 custom IDs', { ...base(), customDataIdentifierIds: ids('c', 30) }],
  ['10 allow lists', { ...base(), allowListIds: ids('a', 10) }],
  ['NONE with a custom ID', { ...base(), managedDataIdentifierSelector: 'NONE', customDataIdentifierIds: ['c'] }],
  ['EXCLUDE with IDs', { ...base(), managedDataIdentifierSelector: 'EXCLUDE', managedDataIdentifierIds: ['USA_SOCIAL_SECURITY_NUMBER'] }],
  ['1,000 buckets over two accounts', withDef({ bucketDefinitions: [{ accountId: '111122223333', buckets: ids('b', 600) }, { accountId: '444455556666', buckets: ids('c', 400) }] })],
  ['empty bucket criteria (every bucket)', withDef({ bucketCriteria: {} })],
  ['ACCOUNT_ID criterion', withCriterion({ simpleCriterion: { key: 'ACCOUNT_ID', comparator: 'NE', values: ['444455556666'] } })],
  ['S3_BUCKET_NAME criterion', withCriterion({ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'EQ', values: ['a', 'b'] } })],
  ['EFFECTIVE_PERMISSION criterion', withCriterion({ simpleCriterion: { key: 'S3_BUCKET_EFFECTIVE_PERMISSION', comparator: 'EQ', values: ['PUBLIC', 'UNKNOWN'] } })],
  ['SHARED_ACCESS criterion', withCriterion({ simpleCriterion: { key: 'S3_BUCKET_SHARED_ACCESS', comparator: 'NE', values: ['NOT_SHARED'] } })],
  ['tag criterion, value only', withCriterion({ tagCriterion: { comparator: 'EQ', tagValues: [{ value: 'prod' }] } })],
  ['OBJECT_EXTENSION EQ', withScope('OBJECT_EXTENSION', 'EQ', ['pdf', 'docx'])],
  ['OBJECT_EXTENSION NE ""', withScope('OBJECT_EXTENSION', 'NE', [''])],
  ['OBJECT_KEY STARTS_WITH', withScope('OBJECT_KEY', 'STARTS_WITH', ['logs/', 'tmp'])],
  ['OBJECT_SIZE GTE', withScope('OBJECT_SIZE', 'GTE', ['0'])],
  ['OBJECT_LAST_MODIFIED_DATE LT', withScope('OBJECT_LAST_MODIFIED_DATE', 'LT', ['2023-09-24T14:31:13Z'])],
  ['OBJECT_LAST_MODIFIED_DATE with an offset and fraction', withScope('OBJECT_LAST_MODIFIED_DATE', 'NE', ['2023-09-24T14:31:13.250+02:00'])],
  ['tag scope term NE', withTagScope({ comparator: 'NE', key: 'TAG', target: 'S3_OBJECT', tagValues: [{ key: 'a', value: 'b' }] })],
  ['monthly schedule on the 31st', { ...base(), jobType: 'SCHEDULED', scheduleFrequency: { monthlySchedule: { dayOfMonth: 31 } } }],
  ['50 tags', { ...base(), tags: tags(50) }],
  ['tag key of 128 and value of 256', { ...base(), tags: { ['k'.repeat(128)]: 'v'.repeat(256) } }],
]

describe('validateCreateJobRequest: accepted', () => {
  for (const [what, body] of accepted) it(what, () => assert.doesNotThrow(() => validate(body)))
})

// Each request breaks one rule; the message must name the field and the rule.
const rejected: Array<[what: string, body: unknown, message: RegExp]> = [
  ['not an object', [], /request body must be a JSON object/],
  ['no name', { ...base(), name: undefined }, /^name is required$/],
  ['no clientToken', { ...base(), clientToken: undefined }, /^clientToken is required$/],
  ['no jobType', { ...base(), jobType: undefined }, /^jobType is required$/],
  ['no s3JobDefinition', { ...base(), s3JobDefinition: undefined }, /^s3JobDefinition is required$/],
  ['empty name', { ...base(), name: '' }, /name must be 1 to 500 characters/],
  ['name of 501 characters', { ...base(), name: 'n'.repeat(501) }, /name must be 1 to 500 characters/],
  ['name not a string', { ...base(), name: 5 }, /name must be a string/],
  ['description of 201 characters', { ...base(), description: 'd'.repeat(201) }, /description must be at most 200 characters/],
  ['empty clientToken', { ...base(), clientToken: '' }, /clientToken must be 1 to 128/],
  ['unknown jobType', { ...base(), jobType: 'HOURLY' }, /jobType must be one of ONE_TIME, SCHEDULED, not HOURLY/],
  ['ONE_TIME with a schedule', { ...base(), scheduleFrequency: { dailySchedule: {} } }, /scheduleFrequency must not be specified when jobType is ONE_TIME/],
  ['ONE_TIME with initialRun true', { ...base(), initialRun: true }, /initialRun must not be specified when jobType is ONE_TIME/],
  ['SCHEDULED without a schedule', { ...base(), jobType: 'SCHEDULED' }, /scheduleFrequency is required when jobType is SCHEDULED/],
  ['initialRun not a boolean', { ...base(), jobType: 'SCHEDULED', scheduleFrequency: { dailySchedule: {} }, initialRun: 'yes' }, /initialRun must be a boolean/],
  ['two schedules', { ...base(), jobType: 'SCHEDULED', scheduleFrequency: { dailySchedule: {}, weeklySchedule: { dayOfWeek: 'MONDAY' } } }, /exactly one of dailySchedule, weeklySchedule or monthlySchedule, not dailySchedule and weeklySchedule/],
  ['empty schedule', { ...base(), jobType: 'SCHEDULED', scheduleFrequency: {} }, /scheduleFrequency must specify exactly one/],
  ['unknown day of week', { ...base(), jobType: 'SCHEDULED', scheduleFrequency: { weeklySchedule: { dayOfWeek: 'MON' } } }, /scheduleFrequency.weeklySchedule.dayOfWeek must be one of SUNDAY/],
  ['day of month 32', { ...base(), jobType: 'SCHEDULED', scheduleFrequency: { monthlySchedule: { dayOfMonth: 32 } } }, /dayOfMonth must be an integer from 1 to 31/],
  ['day of month 0', { ...base(), jobType: 'SCHEDULED', scheduleFrequency: { monthlySchedule: { dayOfMonth: 0 } } }, /dayOfMonth must be an integer from 1 to 31/],
  ['samplingPercentage 0', { ...base(), samplingPercentage: 0 }, /samplingPercentage must be an integer from 1 to 100/],
  ['samplingPercentage 101', { ...base(), samplingPercentage: 101 }, /samplingPercentage must be an integer from 1 to 100/],
  ['samplingPercentage 50.5', { ...base(), samplingPercentage: 50.5 }, /samplingPercentage must be an integer from 1 to 100/],
  ['unknown selector', { ...base(), managedDataIdentifierSelector: 'SOME' }, /managedDataIdentifierSelector must be one of ALL, EXCLUDE, INCLUDE, NONE, RECOMMENDED/],
  ['NONE without custom IDs', { ...base(), managedDataIdentifierSelector: 'NONE' }, /NONE needs at least one custom data identifier/],
  ['ALL with managed IDs', { ...base(), managedDataIdentifierSelector: 'ALL', managedDataIdentifierIds: ['CREDIT_CARD_NUMBER'] }, /managedDataIdentifierIds must be empty when managedDataIdentifierSelector is ALL/],
  ['RECOMMENDED with managed IDs', { ...base(), managedDataIdentifierIds: ['CREDIT_CARD_NUMBER'] }, /must be empty when managedDataIdentifierSelector is RECOMMENDED/],
  ['INCLUDE without IDs', { ...base(), managedDataIdentifierSelector: 'INCLUDE' }, /INCLUDE needs managedDataIdentifierIds/],
  ['unknown managed ID', { ...base(), managedDataIdentifierSelector: 'INCLUDE', managedDataIdentifierIds: ['NOT_AN_ID'] }, /unknown managed data identifier ID: NOT_AN_ID/],
  ['31 custom IDs', { ...base(), customDataIdentifierIds: ids('c', 31) }, /customDataIdentifierIds must list at most 30 IDs, not 31/],
  ['11 allow lists', { ...base(), allowListIds: ids('a', 11) }, /allowListIds must list at most 10 IDs, not 11/],
  ['custom IDs not an array', { ...base(), customDataIdentifierIds: 'c' }, /customDataIdentifierIds must be an array/],
  ['an empty custom ID', { ...base(), customDataIdentifierIds: [''] }, /customDataIdentifierIds\[0\] must be 1 to 512/],
  ['both bucket definitions and criteria', withDef({ bucketDefinitions: [{ accountId: '111122223333', buckets: ['b'] }], bucketCriteria: {} }), /s3JobDefinition must specify bucketDefinitions or bucketCriteria, not both/],
  ['neither bucket definitions nor criteria', withDef({}), /s3JobDefinition must specify bucketDefinitions or bucketCriteria$/],
  ['no bucket definitions', withDef({ bucketDefinitions: [] }), /bucketDefinitions must list at least one account/],
  ['a definition without buckets', withDef({ bucketDefinitions: [{ accountId: '111122223333', buckets: [] }] }), /bucketDefinitions\[0\].buckets must list at least one bucket/],
  ['a definition without accountId', withDef({ bucketDefinitions: [{ buckets: ['b'] }] }), /bucketDefinitions\[0\].accountId is required/],
  ['a bad account ID', withDef({ bucketDefinitions: [{ accountId: '1234', buckets: ['b'] }] }), /accountId must be a 12-digit account ID/],
  ['a bucket name that climbs out', withDef({ bucketDefinitions: [{ accountId: '111122223333', buckets: ['..'] }] }), /buckets\[0\] is not a valid bucket name/],
  ['1,001 buckets', withDef({ bucketDefinitions: [{ accountId: '111122223333', buckets: ids('b', 1001) }] }), /bucketDefinitions must list at most 1000 buckets, not 1001/],
  ['criterion with both kinds', withCriterion({ simpleCriterion: { key: 'ACCOUNT_ID', comparator: 'EQ', values: ['111122223333'] }, tagCriterion: { comparator: 'EQ', tagValues: [{ key: 'a' }] } }), /and\[0\] must specify simpleCriterion or tagCriterion, not both/],
  ['criterion of neither kind', withCriterion({}), /must specify simpleCriterion or tagCriterion/],
  ['unknown criterion key', withCriterion({ simpleCriterion: { key: 'S3_BUCKET_REGION', comparator: 'EQ', values: ['x'] } }), /simpleCriterion.key must be one of ACCOUNT_ID/],
  ['criterion comparator GT', withCriterion({ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'GT', values: ['x'] } }), /simpleCriterion.comparator must be one of EQ, NE, not GT/],
  ['criterion without values', withCriterion({ simpleCriterion: { key: 'S3_BUCKET_NAME', comparator: 'EQ', values: [] } }), /simpleCriterion.values must list at least one value/],
  ['bad effective permission', withCriterion({ simpleCriterion: { key: 'S3_BUCKET_EFFECTIVE_PERMISSION', comparator: 'EQ', values: ['public'] } }), /values\[0\] must be one of PUBLIC, NOT_PUBLIC, UNKNOWN for S3_BUCKET_EFFECTIVE_PERMISSION, not public/],
  ['bad shared access', withCriterion({ simpleCriterion: { key: 'S3_BUCKET_SHARED_ACCESS', comparator: 'EQ', values: ['SHARED'] } }), /must be one of EXTERNAL, INTERNAL, NOT_SHARED, UNKNOWN/],
  ['bad account ID criterion', withCriterion({ simpleCriterion: { key: 'ACCOUNT_ID', comparator: 'EQ', values: ['abc'] } }), /values\[0\] must be a 12-digit account ID/],
  ['tag criterion without pairs', withCriterion({ tagCriterion: { comparator: 'EQ', tagValues: [] } }), /tagCriterion.tagValues must list at least one tag key or value/],
  ['tag criterion pair with neither', withCriterion({ tagCriterion: { comparator: 'EQ', tagValues: [{ key: '', value: '' }] } }), /tagValues\[0\] must give a tag key, a tag value or both/],
  ['tag criterion comparator CONTAINS', withCriterion({ tagCriterion: { comparator: 'CONTAINS', tagValues: [{ key: 'a' }] } }), /tagCriterion.comparator must be one of EQ, NE/],
  ['CONTAINS in scoping', withScope('OBJECT_KEY', 'CONTAINS', ['x']), /simpleScopeTerm.comparator CONTAINS is not valid for scoping/],
  ['unknown scope key', withScope('OBJECT_NAME', 'EQ', ['x']), /simpleScopeTerm.key must be one of OBJECT_EXTENSION, OBJECT_KEY, OBJECT_LAST_MODIFIED_DATE, OBJECT_SIZE/],
  ['unknown comparator', withScope('OBJECT_SIZE', 'BETWEEN', ['1']), /simpleScopeTerm.comparator must be one of EQ, GT/],
  ['OBJECT_KEY with EQ', withScope('OBJECT_KEY', 'EQ', ['logs/']), /comparator must be one of STARTS_WITH for OBJECT_KEY, not EQ/],
  ['OBJECT_EXTENSION with GT', withScope('OBJECT_EXTENSION', 'GT', ['pdf']), /comparator must be one of EQ, NE for OBJECT_EXTENSION, not GT/],
  ['OBJECT_SIZE with STARTS_WITH', withScope('OBJECT_SIZE', 'STARTS_WITH', ['1']), /for OBJECT_SIZE, not STARTS_WITH/],
  ['OBJECT_LAST_MODIFIED_DATE with STARTS_WITH', withScope('OBJECT_LAST_MODIFIED_DATE', 'STARTS_WITH', ['2023']), /for OBJECT_LAST_MODIFIED_DATE, not STARTS_WITH/],
  ['extension with a dot', withScope('OBJECT_EXTENSION', 'EQ', ['.pdf']), /values\[0\] must be a file name extension without the dot/],
  ['empty key prefix', withScope('OBJECT_KEY', 'STARTS_WITH', ['']), /values\[0\] must be a non-empty key prefix/],
  ['no scope values', withScope('OBJECT_EXTENSION', 'EQ', []), /simpleScopeTerm.values must list at least one value/],
  ['scope values not strings', withScope('OBJECT_SIZE', 'GT', [5]), /simpleScopeTerm.values\[0\] must be a string/],
  ['two sizes', withScope('OBJECT_SIZE', 'GT', ['1', '2']), /must hold exactly one size in bytes for OBJECT_SIZE/],
  ['a negative size', withScope('OBJECT_SIZE', 'GT', ['-1']), /values\[0\] must be a non-negative integer/],
  ['a fractional size', withScope('OBJECT_SIZE', 'GT', ['1.5']), /values\[0\] must be a non-negative integer/],
  ['two dates', withScope('OBJECT_LAST_MODIFIED_DATE', 'GT', ['2023-09-24T14:31:13Z', '2023-09-25T14:31:13Z']), /exactly one timestamp/],
  ['a date without time', withScope('OBJECT_LAST_MODIFIED_DATE', 'GT', ['2023-09-24']), /values\[0\] must be an ISO-8601 timestamp/],
  ['an impossible date', withScope('OBJECT_LAST_MODIFIED_DATE', 'GT', ['2023-02-30T00:00:00Z']), /must be an ISO-8601 timestamp/],
  ['a term of both kinds', withDef({ ...(base().s3JobDefinition as Body), scoping: { includes: { and: [{ simpleScopeTerm: {}, tagScopeTerm: {} }] } } }), /must specify simpleScopeTerm or tagScopeTerm, not both/],
  ['scoping.includes.and not an array', withDef({ ...(base().s3JobDefinition as Body), scoping: { includes: { and: {} } } }), /scoping.includes.and must be an array/],
  ['tag scope key not TAG', withTagScope({ comparator: 'EQ', key: 'team', target: 'S3_OBJECT', tagValues: [{ key: 'a', value: '' }] }), /tagScopeTerm.key must be one of TAG, not team/],
  ['tag scope target not S3_OBJECT', withTagScope({ comparator: 'EQ', key: 'TAG', target: 'S3_BUCKET', tagValues: [{ key: 'a', value: '' }] }), /tagScopeTerm.target must be one of S3_OBJECT/],
  ['tag scope comparator GT', withTagScope({ comparator: 'GT', key: 'TAG', target: 'S3_OBJECT', tagValues: [{ key: 'a', value: '' }] }), /tagScopeTerm.comparator must be EQ or NE, not GT/],
  ['tag scope without pairs', withTagScope({ comparator: 'EQ', key: 'TAG', target: 'S3_OBJECT', tagValues: [] }), /tagScopeTerm.tagValues must list at least one tag key/],
  ['tag scope pair without key', withTagScope({ comparator: 'EQ', key: 'TAG', target: 'S3_OBJECT', tagValues: [{ value: 'v' }] }), /tagValues\[0\].key is required/],
  ['51 tags', { ...base(), tags: tags(51) }, /tags must hold at most 50 tags, not 51/],
  ['tag key of 129', { ...base(), tags: { ['k'.repeat(129)]: 'v' } }, /tags key "k+" must be 1 to 128 characters long/],
  ['empty tag key', { ...base(), tags: { '': 'v' } }, /must be 1 to 128 characters long/],
  ['tag value of 257', { ...base(), tags: { k: 'v'.repeat(257) } }, /tags.k must be at most 256 characters long/],
  ['tag value not a string', { ...base(), tags: { k: 1 } }, /tags.k must be a string/],
  ['tags not a map', { ...base(), tags: [] }, /tags must be a map of tag keys to values/],
]

describe('validateCreateJobRequest: rejected', () => {
  for (const [what, body, message] of rejected) {
    it(what, () => {
      assert.throws(() => validate(body), (err: unknown) => err instanceof InvalidInputError && message.test(err.message), `expected ${message}`)
    })
  }
})

describe('parseIsoTimestamp', () => {
  const cases: Array<[text: string, expected: string | undefined]> = [
    ['2023-09-24T14:31:13Z', '2023-09-24T14:31:13.000Z'],
    ['2023-09-24T14:31:13.5Z', '2023-09-24T14:31:13.500Z'],
    ['2023-09-24T16:31:13+02:00', '2023-09-24T14:31:13.000Z'],
    ['2023-09-24T14:31Z', '2023-09-24T14:31:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2023-02-29T00:00:00Z', undefined],
    ['2023-09-24T24:00:00Z', undefined],
    ['2023-09-24T14:31:13', undefined], // no zone
    ['2023-09-24', undefined],
    ['1695565873', undefined],
    ['yesterday', undefined],
  ]
  for (const [text, expected] of cases) it(`${text} → ${expected}`, () => assert.equal(parseIsoTimestamp(text)?.toISOString(), expected))
})

describe('newJobId', () => {
  it('is 32 lowercase hex characters, different each time', () => {
    const a = newJobId()
    assert.match(a, /^[0-9a-f]{32}$/)
    assert.notEqual(newJobId(), a)
  })
})
