import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { parseFixOptions, renderPlan } from './audit-fix.js'

describe('parseFixOptions', () => {
  it('is nothing without --fix or --dry-run, and refuses the fix\'s options alone', () => {
    assert.equal(parseFixOptions({}, true), undefined)
    assert.throws(() => parseFixOptions({ jobType: 'SCHEDULED' }, true), /--job-type only applies with --fix or --dry-run/)
  })

  it('refuses to apply off a terminal without --yes, but not a dry run', () => {
    assert.throws(() => parseFixOptions({ fix: true }, false), /--yes/)
    assert.equal(parseFixOptions({ fix: true, yes: true }, false)?.isConfirmed, true)
    assert.equal(parseFixOptions({ fix: true, dryRun: true }, false)?.isDryRun, true)
    assert.equal(parseFixOptions({ fix: true }, true)?.isConfirmed, false)
  })

  it('takes the remediation\'s choices, with defaults', () => {
    assert.deepEqual(parseFixOptions({ dryRun: true }, false)?.options, { jobType: 'SCHEDULED', publishingFrequency: 'FIFTEEN_MINUTES' })
    assert.deepEqual(parseFixOptions({ dryRun: true, buckets: 'a, b', jobType: 'ONE_TIME', publishingFrequency: 'SIX_HOURS', resultsBucket: 'my-results', kmsAlias: 'alias/r', accountId: '111122223333' }, false)?.options, {
      jobType: 'ONE_TIME',
      publishingFrequency: 'SIX_HOURS',
      buckets: ['a', 'b'],
      resultsBucket: 'my-results',
      kmsAlias: 'alias/r',
      accountId: '111122223333',
    })
  })

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['job type', { jobType: 'DAILY' }, /--job-type/],
    ['frequency', { publishingFrequency: 'DAILY' }, /--publishing-frequency/],
    ['bucket name', { resultsBucket: 'Not_A_Bucket' }, /--results-bucket/],
    ['alias', { kmsAlias: 'macie-results' }, /--kms-alias/],
    ['account', { accountId: '1234' }, /--account-id/],
    ['empty bucket list', { buckets: ' , ' }, /--buckets/],
  ]
  for (const [name, opts, message] of bad) it(`refuses a bad ${name}`, () => assert.throws(() => parseFixOptions({ dryRun: true, ...opts }, true), message))
})

describe('renderPlan', () => {
  it('prints one line per call with its input as JSON, and why', () => {
    const text = renderPlan([
      { region: 'eu-west-1', ruleId: 'Macie2-001', service: 'macie2', operation: 'EnableMacie', input: { status: 'ENABLED' }, why: 'Macie is not enabled in eu-west-1' },
      { region: 'eu-west-1', ruleId: 'Macie2-008', service: 'macie2', operation: 'ManualReview', input: {}, why: 'findings need a person' },
    ])
    assert.match(text, /^Plan: 1 call in 1 region, 1 for a person$/m)
    assert.match(text, /^eu-west-1 {2}Macie2-001 {2}macie2 {2}EnableMacie {2}\{"status":"ENABLED"\}\n {4}why: Macie is not enabled in eu-west-1$/m)
  })

  it('says when there is nothing to do', () => assert.match(renderPlan([]), /^Nothing to fix/))
})
