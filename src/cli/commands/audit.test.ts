import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { UsageError } from '../usage-error.js'
import { parseAuditOptions } from './audit.js'

describe('parseAuditOptions', () => {
  it('turns the options into an audit plan with the default settings', () => {
    const plan = parseAuditOptions({ format: 'table', regions: 'us-east-1,eu-west-1' })
    assert.deepEqual(plan.regions, ['us-east-1', 'eu-west-1'])
    assert.deepEqual(plan.settings, { requireActiveJob: true, requireBucketCoverage: false, maxFindingAgeDays: 30 })
    assert.deepEqual(plan.clientOptions, {})
    assert.match(plan.docsBaseUrl, /^file:\/\/.*\/$/)
  })
  it('maps the rule settings, rules, endpoint and profile', () => {
    const plan = parseAuditOptions({
      format: 'sarif',
      rules: 'Macie2-003, Macie2-008',
      excludeRules: 'Macie2-008',
      allowInactiveJobs: true,
      requireBucketCoverage: true,
      maxFindingAgeDays: '0',
      allowedPublishingFrequencies: 'ONE_HOUR',
      endpointUrl: 'http://127.0.0.1:8080',
      profile: 'audit',
      docsBaseUrl: 'https://example.org/trawl',
    })
    assert.deepEqual(plan.rules, ['Macie2-003', 'Macie2-008'])
    assert.deepEqual(plan.excludeRules, ['Macie2-008'])
    assert.deepEqual(plan.settings, { requireActiveJob: false, requireBucketCoverage: true, maxFindingAgeDays: 0, allowedPublishingFrequencies: ['ONE_HOUR'] })
    assert.deepEqual(plan.clientOptions, { endpointUrl: 'http://127.0.0.1:8080', profile: 'audit' })
    assert.equal(plan.docsBaseUrl, 'https://example.org/trawl/')
    assert.equal(plan.regions.length > 10, true)
  })
  const bad: Array<[what: string, opts: Parameters<typeof parseAuditOptions>[0]]> = [
    ['format', { format: 'xml' }],
    ['unknown rule', { format: 'json', rules: 'Macie2-010' }],
    ['no rule left', { format: 'json', rules: 'Macie2-001', excludeRules: 'Macie2-001' }],
    ['age', { format: 'json', maxFindingAgeDays: '-1' }],
    ['age not a number', { format: 'json', maxFindingAgeDays: 'soon' }],
    ['frequency', { format: 'json', allowedPublishingFrequencies: 'DAILY' }],
    ['account', { format: 'asff', accountId: '123' }],
    ['region', { format: 'json', regions: 'moon-1' }],
    ['docs URL', { format: 'json', docsBaseUrl: 'docs' }],
  ]
  for (const [what, opts] of bad) it(`refuses a bad ${what} with a usage error`, () => assert.throws(() => parseAuditOptions(opts), UsageError))
})
