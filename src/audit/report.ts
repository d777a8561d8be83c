// An audit's outcome in the formats its readers take: a table for people, JSON for scripts, SARIF
// 2.1.0 for code-scanning tools and AWS Security Hub's ASFF for BatchImportFindings.
import type { AuditRun } from './audit.js'
import type { RiskLevel, Rule, RuleResult } from './types.js'

/** Report formats `trawl audit --format` accepts. */
export const REPORT_FORMATS = ['table', 'json', 'sarif', 'asff'] as const
/** One of REPORT_FORMATS. */
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** What a report needs beyond the run. */
export interface ReportOptions {
  /** Absolute URL that rule pages (`docs/rules/<id>.md`) are relative to, ending in `/`. */
  docsBaseUrl: string
  /** The version of trawl that ran the audit. */
  toolVersion: string
  /** The audited account when the run could not read it (ASFF needs one). */
  accountId?: string
  /** When the audit ran (default: now). */
  now?: Date
}

const docUrl = (rule: Rule, options: ReportOptions): string => new URL(rule.docPath, options.docsBaseUrl).href

function byId(run: AuditRun): Map<string, Rule> {
  return new Map(run.rules.map((r) => [r.id, r]))
}

function summaryLine(run: AuditRun): string {
  const s = run.summary
  return `${s.total} result${s.total === 1 ? '' : 's'} (${s.rules} rule${s.rules === 1 ? '' : 's'} × ${s.regions} region${s.regions === 1 ? '' : 's'}): ${s.SUCCESS} SUCCESS, ${s.FAILURE} FAILURE, ${s.ERROR} ERROR`
}

function columns(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)))
  return rows.map((row) => row.map((v, c) => (c === row.length - 1 ? v : v.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n')
}

/**
 * The run as a table (rule, region, verdict, reason) and a summary line.
 * @example
 * process.stdout.write(renderAuditTable(run))
 */
export function renderAuditTable(run: AuditRun): string {
  const rows = [['RULE', 'REGION', 'VERDICT', 'REASON'], ...run.results.map((r) => [r.ruleId, r.region, r.verdict, r.reason])]
  return `${columns(rows)}\n\n${summaryLine(run)}\n`
}

/**
 * The rules as a table (ID, risk, title, documentation page), for `--list-rules`.
 * @example
 * process.stdout.write(renderRulesTable(RULES))
 */
export function renderRulesTable(rules: readonly Rule[]): string {
  return `${columns([['ID', 'RISK', 'TITLE', 'DOCS'], ...rules.map((r) => [r.id, r.riskLevel, r.title, r.docPath])])}\n`
}

/** A rule's data without its check, as reports carry it. */
export function ruleMetadata(rule: Rule): Omit<Rule, 'check'> {
  return Object.fromEntries(Object.entries(rule).filter(([key]) => key !== 'check')) as Omit<Rule, 'check'>
}

/**
 * The run as JSON: when, which account, the summary, the rules' metadata and every result.
 * @example
 * JSON.parse(renderAuditJson(run, options)).summary.FAILURE
 */
export function renderAuditJson(run: AuditRun, options: ReportOptions): string {
  const accountId = run.accountId ?? options.accountId
  const body = {
    tool: { name: 'trawl audit', version: options.toolVersion },
    generatedAt: (options.now ?? new Date()).toISOString(),
    ...(accountId ? { accountId } : {}),
    summary: run.summary,
    rules: run.rules.map((r) => ({ ...ruleMetadata(r), docUrl: docUrl(r, options) })),
    results: run.results,
  }
  return `${JSON.stringify(body, null, 2)}\n`
}

const SARIF_LEVEL: Record<RiskLevel, 'note' | 'warning' | 'error'> = { Low: 'note', Medium: 'warning', High: 'error', 'Very High': 'error' }

/**
 * The run as a SARIF 2.1.0 log: the rules as `tool.driver.rules` (help at their documentation
 * page), a result per rule and region — `fail` with a level from the rule's risk, `pass`, or
 * `review` for a rule that could not be checked — located at the region as a logical location.
 * @example
 * const log = toAuditSarif(run, options)
 */
export function toAuditSarif(run: AuditRun, options: ReportOptions): object {
  const rules = byId(run)
  const index = new Map(run.rules.map((r, i) => [r.id, i]))
  const accountId = run.accountId ?? options.accountId
  const results = run.results.map((r) => {
    const rule = rules.get(r.ruleId)!
    const kind = r.verdict === 'SUCCESS' ? 'pass' : r.verdict === 'FAILURE' ? 'fail' : 'review'
    return {
      ruleId: r.ruleId,
      ruleIndex: index.get(r.ruleId)!,
      kind,
      // SARIF: a result whose kind is not "fail" has level "none".
      level: kind === 'fail' ? SARIF_LEVEL[rule.riskLevel] : 'none',
      message: { text: r.reason },
      locations: [
        {
          logicalLocations: [{ name: r.region, fullyQualifiedName: accountId ? `${accountId}/${r.region}` : r.region, kind: 'namespace' }],
        },
      ],
      properties: { verdict: r.verdict, region: r.region, ...(r.resources?.length ? { resources: r.resources } : {}) },
    }
  })
  const errors = run.results.filter((r) => r.verdict === 'ERROR')
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trawl audit',
            version: options.toolVersion,
            rules: run.rules.map((rule) => ({
              id: rule.id,
              name: rule.title.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(''),
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.description },
              help: { text: `${rule.rationale}\n\nRemediation:\n${rule.remediationSteps.join('\n')}` },
              helpUri: docUrl(rule, options),
              defaultConfiguration: { level: SARIF_LEVEL[rule.riskLevel] },
              properties: { riskLevel: rule.riskLevel, tags: ['security', 'compliance', 'amazon-macie'] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: errors.length === 0,
            toolExecutionNotifications: errors.map((r) => ({
              level: 'error',
              message: { text: r.reason },
              associatedRule: { id: r.ruleId, index: index.get(r.ruleId)! },
              locations: [{ logicalLocations: [{ name: r.region, kind: 'namespace' }] }],
            })),
          },
        ],
        ...(accountId ? { properties: { accountId } } : {}),
        results,
      },
    ],
  }
}

const ASFF_SEVERITY: Record<RiskLevel, 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'> = { Low: 'LOW', Medium: 'MEDIUM', High: 'HIGH', 'Very High': 'CRITICAL' }
const ASFF_STATUS = { SUCCESS: 'PASSED', FAILURE: 'FAILED', ERROR: 'NOT_AVAILABLE' } as const

function partitionOf(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  if (region.startsWith('cn-')) return 'aws-cn'
  return 'aws'
}

function asffResource(arn: string, partition: string, region: string): { Type: string; Id: string; Partition: string; Region: string } | undefined {
  if (/^arn:[a-z-]+:s3:::[^/]+$/.test(arn)) return { Type: 'AwsS3Bucket', Id: arn, Partition: partition, Region: region }
  if (/^arn:[a-z-]+:kms:/.test(arn)) return { Type: 'AwsKmsKey', Id: arn, Partition: partition, Region: region }
  if (/^arn:[a-z-]+:macie2:/.test(arn) || /^arn:[a-z-]+:iam::/.test(arn)) return { Type: 'Other', Id: arn, Partition: partition, Region: region }
  return undefined
}

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

/**
 * The run as AWS Security Hub findings (ASFF 2018-10-08), one per rule and region, ready for
 * `aws securityhub batch-import-findings --findings file://…`. Needs the account: the run's, read
 * from Macie, or `options.accountId`.
 * @example
 * const findings = toAsff(run, { ...options, accountId: '111122223333' })
 */
export function toAsff(run: AuditRun, options: ReportOptions): Array<Record<string, unknown>> {
  const accountId = options.accountId ?? run.accountId
  if (!accountId) throw new Error('ASFF findings need the account ID; Macie did not reveal it in any region')
  const rules = byId(run)
  const now = (options.now ?? new Date()).toISOString()
  return run.results.map((r: RuleResult) => {
    const rule = rules.get(r.ruleId)!
    const partition = partitionOf(r.region)
    const resources = [
      { Type: 'AwsAccount', Id: `AWS::::Account:${accountId}`, Partition: partition, Region: r.region },
      ...(r.resources ?? []).map((arn) => asffResource(arn, partition, r.region)).filter((x) => x !== undefined),
    ].slice(0, 32)
    return {
      SchemaVersion: '2018-10-08',
      Id: `trawl-audit/${accountId}/${r.region}/${r.ruleId}`,
      ProductArn: `arn:${partition}:securityhub:${r.region}:${accountId}:product/${accountId}/default`,
      ProductName: 'trawl audit',
      GeneratorId: r.ruleId,
      AwsAccountId: accountId,
      Region: r.region,
      Types: ['Software and Configuration Checks/AWS Security Best Practices'],
      CreatedAt: now,
      UpdatedAt: now,
      Severity: { Label: r.verdict === 'FAILURE' ? ASFF_SEVERITY[rule.riskLevel] : 'INFORMATIONAL' },
      Title: clip(`${rule.id} ${rule.title}`, 256),
      Description: clip(r.reason, 1024),
      Remediation: { Recommendation: { Text: clip(rule.remediationSteps[0] ?? rule.title, 512), Url: docUrl(rule, options) } },
      ProductFields: { 'trawl/RuleId': rule.id, 'trawl/RiskLevel': rule.riskLevel, 'trawl/Verdict': r.verdict },
      Compliance: { Status: ASFF_STATUS[r.verdict] },
      Resources: resources,
      RecordState: 'ACTIVE',
    }
  })
}

/**
 * The run in the given format, as the text to print or write.
 * @example
 * process.stdout.write(renderAudit(run, 'json', options))
 */
export function renderAudit(run: AuditRun, format: ReportFormat, options: ReportOptions): string {
  switch (format) {
    case 'table':
      return renderAuditTable(run)
    case 'json':
      return renderAuditJson(run, options)
    case 'sarif':
      return `${JSON.stringify(toAuditSarif(run, options), null, 2)}\n`
    case 'asff':
      return `${JSON.stringify(toAsff(run, options), null, 2)}\n`
  }
}
