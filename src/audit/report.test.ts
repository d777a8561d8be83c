import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { summarize, type AuditRun } from './audit.js'
import { renderAudit, renderAuditTable, toAsff, toAuditSarif } from './report.js'
import { RULES } from './rules.js'
import type { RuleResult } from './types.js'

const results: RuleResult[] = [
  { ruleId: 'Macie2-001', region: 'us-east-1', verdict: 'SUCCESS', reason: 'Macie is enabled in us-east-1' },
  { ruleId: 'Macie2-003', region: 'us-east-1', verdict: 'FAILURE', reason: 'No sensitive data discovery jobs exist in us-east-1' },
  { ruleId: 'Macie2-005', region: 'us-east-1', verdict: 'ERROR', reason: 'AccessDenied: no', resources: ['arn:aws:s3:::results'] },
  { ruleId: 'Macie2-001', region: 'us-gov-west-1', verdict: 'FAILURE', reason: 'Macie is not enabled in us-gov-west-1' },
]
const rules = RULES.filter((r) => ['Macie2-001', 'Macie2-003', 'Macie2-005'].includes(r.id))
const run: AuditRun = { results, rules, summary: summarize(results, 2, 3), accountId: '111122223333' }
const options = { docsBaseUrl: 'https://example.org/trawl/', toolVersion: '1.2.3', now: new Date('2026-01-02T03:04:05Z') }

/** The members SARIF 2.1.0's JSON schema marks required, checked on a log. */
function assertSarifRequired(log: any): void {
  assert.equal(log.version, '2.1.0')
  assert.ok(Array.isArray(log.runs))
  for (const run of log.runs) {
    assert.equal(typeof run.tool?.driver?.name, 'string')
    for (const d of run.tool.driver.rules ?? []) assert.equal(typeof d.id, 'string')
    for (const r of run.results ?? []) {
      assert.ok(typeof r.message?.text === 'string' || typeof r.message?.id === 'string')
      for (const l of r.locations ?? []) for (const ll of l.logicalLocations ?? []) assert.equal(typeof ll, 'object')
    }
    for (const inv of run.invocations ?? []) {
      assert.equal(typeof inv.executionSuccessful, 'boolean')
      for (const n of inv.toolExecutionNotifications ?? []) assert.equal(typeof n.message?.text, 'string')
    }
  }
}

describe('toAuditSarif', () => {
  const log = toAuditSarif(run, options) as any
  it('has the members the schema requires', () => assertSarifRequired(log))
  it('describes the rules with their help page and a level from their risk', () => {
    const driver = log.runs[0].tool.driver
    assert.deepEqual(driver.rules.map((r: any) => r.id), ['Macie2-001', 'Macie2-003', 'Macie2-005'])
    assert.equal(driver.rules[1].helpUri, 'https://example.org/trawl/docs/rules/Macie2-003.md')
    assert.deepEqual(driver.rules.map((r: any) => r.defaultConfiguration.level), ['error', 'warning', 'error'])
  })
  it('gives each result a kind, a level only when it fails, and its region as a logical location', () => {
    const out = log.runs[0].results
    assert.deepEqual(out.map((r: any) => [r.kind, r.level]), [['pass', 'none'], ['fail', 'warning'], ['review', 'none'], ['fail', 'error']])
    assert.deepEqual(out[3].locations[0].logicalLocations[0], { name: 'us-gov-west-1', fullyQualifiedName: '111122223333/us-gov-west-1', kind: 'namespace' })
    assert.equal(out[2].ruleIndex, 2)
    assert.equal(log.runs[0].invocations[0].executionSuccessful, false)
    assert.equal(log.runs[0].invocations[0].toolExecutionNotifications[0].associatedRule.id, 'Macie2-005')
  })
})

describe('toAsff', () => {
  it('makes one finding per result with the account, partition, status and severity', () => {
    const findings = toAsff(run, options)
    assert.equal(findings.length, 4)
    const [pass, fail, error, gov] = findings as any[]
    assert.equal(pass.Compliance.Status, 'PASSED')
    assert.equal(pass.Severity.Label, 'INFORMATIONAL')
    assert.equal(fail.Compliance.Status, 'FAILED')
    assert.equal(fail.Severity.Label, 'MEDIUM')
    assert.equal(fail.Id, 'trawl-audit/111122223333/us-east-1/Macie2-003')
    assert.equal(fail.CreatedAt, '2026-01-02T03:04:05.000Z')
    assert.equal(error.Compliance.Status, 'NOT_AVAILABLE')
    assert.deepEqual(error.Resources[1], { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::results', Partition: 'aws', Region: 'us-east-1' })
    assert.equal(gov.ProductArn, 'arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default')
    assert.equal(gov.Severity.Label, 'HIGH')
  })
  it('takes the account from the options first, and refuses to guess one', () => {
    assert.equal((toAsff(run, { ...options, accountId: '444455556666' })[0] as any).AwsAccountId, '444455556666')
    const anonymous: AuditRun = { results, rules, summary: run.summary }
    assert.throws(() => toAsff(anonymous, options), /account ID/)
  })
})

describe('renderAuditTable and renderAudit', () => {
  it('prints a row per result and a summary line', () => {
    const text = renderAuditTable(run)
    assert.match(text, /^RULE {8}REGION {9}VERDICT {2}REASON\n/)
    assert.match(text, /Macie2-003 {2}us-east-1 {6}FAILURE {2}No sensitive data discovery jobs exist in us-east-1/)
    assert.match(text, /4 results \(3 rules × 2 regions\): 1 SUCCESS, 2 FAILURE, 1 ERROR\n$/)
  })
  it('renders JSON with the summary, rule metadata (no check) and results', () => {
    const body = JSON.parse(renderAudit(run, 'json', options))
    assert.deepEqual(body.summary, run.summary)
    assert.equal(body.accountId, '111122223333')
    assert.equal(body.rules[0].check, undefined)
    assert.equal(body.rules[0].docUrl, 'https://example.org/trawl/docs/rules/Macie2-001.md')
    assert.deepEqual(body.results, results)
  })
})
