// `trawl audit`'s work: checks a Macie deployment (trawl's own server or AWS accounts) against the
// compliance rules, region by region, and reports as a table, JSON, SARIF or ASFF. Loaded only
// when the command runs (audit-command.ts registers it): it brings the AWS SDK with it.
import { writeFile } from 'node:fs/promises'
import { auditExitCode, runAudit, type AuditRun } from '../../audit/audit.js'
import { destroyRegionClients, regionClients, type ClientOptions } from '../../audit/clients.js'
import { AuditInputError } from '../../audit/input-error.js'
import { auditRegions } from '../../audit/regions.js'
import { renderAudit, renderAuditTable, renderRulesTable, REPORT_FORMATS, ruleMetadata, type ReportFormat } from '../../audit/report.js'
import { RULES, selectRules } from '../../audit/rules.js'
import { DEFAULT_SETTINGS, PUBLISHING_FREQUENCIES, type AuditSettings, type RegionClients } from '../../audit/types.js'
import { UsageError } from '../usage-error.js'
import type { AuditCommandOptions, FixCommandOptions } from './audit-command.js'
import { fixAudit, parseFixOptions } from './audit-fix.js'
import { VERSION } from '../version.js'

/** The command line turned into what an audit and its report need. */
export interface AuditPlan {
  regions: string[]
  rules?: string[]
  excludeRules?: string[]
  settings: AuditSettings
  clientOptions: ClientOptions
  format: ReportFormat
  output?: string
  accountId?: string
  docsBaseUrl: string
}

const list = (v: string | undefined): string[] | undefined => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean))
// The repository's docs/ folder: three levels up from src/cli/commands/ (or dist/cli/commands/).
const REPOSITORY_ROOT = new URL('../../../', import.meta.url).href

/**
 * Checks `trawl audit`'s options and turns them into an AuditPlan (UsageError when they cannot be).
 * @example
 * parseAuditOptions({ format: 'json', regions: 'us-east-1' }).regions // ['us-east-1']
 */
export function parseAuditOptions(opts: AuditCommandOptions): AuditPlan {
  if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not ${opts.format}`)
  if (opts.accountId !== undefined && !/^\d{12}$/.test(opts.accountId)) throw new UsageError('--account-id must be 12 digits')
  let maxFindingAgeDays = DEFAULT_SETTINGS.maxFindingAgeDays
  if (opts.maxFindingAgeDays !== undefined) {
    maxFindingAgeDays = Number(opts.maxFindingAgeDays)
    if (!/^\d+$/.test(opts.maxFindingAgeDays) || !Number.isSafeInteger(maxFindingAgeDays)) throw new UsageError('--max-finding-age-days must be a whole number of days ≥ 0')
  }
  const frequencies = list(opts.allowedPublishingFrequencies)
  const badFrequency = frequencies?.find((f) => !(PUBLISHING_FREQUENCIES as readonly string[]).includes(f))
  if (badFrequency) throw new UsageError(`--allowed-publishing-frequencies takes ${PUBLISHING_FREQUENCIES.join(', ')}, not ${badFrequency}`)
  let docsBaseUrl = REPOSITORY_ROOT
  if (opts.docsBaseUrl !== undefined) {
    try {
      docsBaseUrl = new URL(opts.docsBaseUrl.endsWith('/') ? opts.docsBaseUrl : `${opts.docsBaseUrl}/`).href
    } catch {
      throw new UsageError('--docs-base-url must be an absolute URL')
    }
  }
  const rules = list(opts.rules)
  const excludeRules = list(opts.excludeRules)
  try {
    // Refuses unknown rule IDs now rather than after the first region is audited.
    if (selectRules(rules, excludeRules).length === 0) throw new UsageError('--rules and --exclude-rules leave no rule to run')
    return {
      regions: auditRegions(opts.regions),
      ...(rules ? { rules } : {}),
      ...(excludeRules ? { excludeRules } : {}),
      settings: {
        requireActiveJob: !opts.allowInactiveJobs,
        requireBucketCoverage: Boolean(opts.requireBucketCoverage),
        maxFindingAgeDays,
        ...(frequencies?.length ? { allowedPublishingFrequencies: frequencies as AuditSettings['allowedPublishingFrequencies'] } : {}),
      },
      clientOptions: { ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}), ...(opts.profile ? { profile: opts.profile } : {}) },
      format: opts.format as ReportFormat,
      ...(opts.output ? { output: opts.output } : {}),
      ...(opts.accountId ? { accountId: opts.accountId } : {}),
      docsBaseUrl,
    }
  } catch (err) {
    if (err instanceof AuditInputError) throw new UsageError(err.message)
    throw err
  }
}

/** One region's clients, made on first use and kept for the command's life (the fix reuses them). */
export class RegionClientPool {
  private readonly made = new Map<string, RegionClients>()
  constructor(private readonly options: ClientOptions) {}

  /** The clients of a region. */
  readonly clientsFor = (region: string): RegionClients => {
    let clients = this.made.get(region)
    if (!clients) this.made.set(region, (clients = regionClients(region, this.options)))
    return clients
  }

  /** Closes every client made. */
  close(): void {
    for (const c of this.made.values()) destroyRegionClients(c)
    this.made.clear()
  }
}

/**
 * Runs the audit the plan describes with the pool's clients.
 * @example
 * const run = await auditWith(plan, pool)
 */
export function auditWith(plan: AuditPlan, pool: RegionClientPool): Promise<AuditRun> {
  return runAudit({
    regions: plan.regions,
    ...(plan.rules ? { rules: plan.rules } : {}),
    ...(plan.excludeRules ? { excludeRules: plan.excludeRules } : {}),
    settings: plan.settings,
    clientsFor: pool.clientsFor,
  })
}

/**
 * Writes the run's report where the plan says (a file, or stdout); with a file, the table's
 * summary line still goes to stderr for the person at the terminal.
 */
export async function reportAudit(run: AuditRun, plan: AuditPlan): Promise<void> {
  if (plan.format === 'asff' && !run.accountId && !plan.accountId) {
    throw new UsageError('ASFF findings need the account ID and Macie is not enabled in any audited region to tell it: pass --account-id')
  }
  const text = renderAudit(run, plan.format, { docsBaseUrl: plan.docsBaseUrl, toolVersion: VERSION, ...(plan.accountId ? { accountId: plan.accountId } : {}) })
  if (!plan.output) {
    process.stdout.write(text)
    return
  }
  await writeFile(plan.output, text)
  process.stderr.write(`${renderAuditTable(run).trimEnd().split('\n').at(-1)!}\nreport (${plan.format}) written to ${plan.output}\n`)
}

/** `trawl audit`'s action: audit, report, and set the exit code from the verdicts. */
export async function auditAction(opts: AuditCommandOptions & FixCommandOptions, setCode: (code: number) => void): Promise<void> {
  if (opts.listRules) {
    process.stdout.write(opts.format === 'json' ? `${JSON.stringify(RULES.map(ruleMetadata), null, 2)}\n` : renderRulesTable(RULES))
    return
  }
  const plan = parseAuditOptions(opts)
  // --fix / --dry-run (audit-fix.ts): checked before the audit, run after its report; the plan
  // goes to stdout unless a machine-readable report is there.
  const fix = parseFixOptions(opts, process.stdin.isTTY === true)
  const pool = new RegionClientPool(plan.clientOptions)
  try {
    const run = await auditWith(plan, pool)
    await reportAudit(run, plan)
    setCode(auditExitCode(run.summary))
    if (fix) setCode(await fixAudit(run, fix, pool.clientsFor, plan.format === 'table' || plan.output ? process.stdout : process.stderr, auditExitCode(run.summary)))
  } finally {
    pool.close()
  }
}
