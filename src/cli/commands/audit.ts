// `trawl audit`'s work: checks a Macie deployment (trawl's own server or AWS accounts) against the
// compliance rules, region by region, and reports as a table, JSON, SARIF or ASFF; `--watch`
// audits again every interval and prints what changed. Loaded only when the command runs
// (audit-command.ts registers it): it brings the AWS SDK with it.
import { writeFile } from 'node:fs/promises'
import { auditExitCode, runAudit, type AuditRun } from '../../audit/audit.js'
import { describeChange, diffAudits } from '../../audit/changes.js'
import { destroyRegionClients, regionClients, type ClientOptions } from '../../audit/clients.js'
import { AuditInputError } from '../../audit/input-error.js'
import { auditRegions } from '../../audit/regions.js'
import { renderAudit, renderAuditTable, renderRulesTable, REPORT_FORMATS, ruleMetadata, type ReportFormat } from '../../audit/report.js'
import { RULES, selectRules } from '../../audit/rules.js'
import { DEFAULT_SETTINGS, PUBLISHING_FREQUENCIES, type AuditSettings, type RegionClients } from '../../audit/types.js'
import { durationMs } from '../duration.js'
import { UsageError } from '../usage-error.js'
import type { AuditCommandOptions, FixCommandOptions } from './audit-options.js'
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

/** Where `--watch` writes and what stops it (the process's stdout and signals, unless a test says otherwise). */
export interface WatchIo {
  out: NodeJS.WritableStream
  /** Calls `stop` with the signal's name on SIGINT or SIGTERM; returns how to stop listening. */
  onStop(stop: (signal: 'SIGINT' | 'SIGTERM') => void): () => void
}

const processIo: WatchIo = {
  out: process.stdout,
  onStop(stop) {
    const onInt = (): void => stop('SIGINT')
    const onTerm = (): void => stop('SIGTERM')
    process.on('SIGINT', onInt)
    process.on('SIGTERM', onTerm)
    return () => {
      process.off('SIGINT', onInt)
      process.off('SIGTERM', onTerm)
    }
  },
}

/**
 * Checks `--watch`'s company: an interval in milliseconds, or a UsageError for what cannot watch
 * (--fix, --dry-run, --output, SARIF and ASFF reports).
 * @example
 * watchIntervalMs({ format: 'table', watch: true, interval: '15m' }) // 900000
 */
export function watchIntervalMs(opts: AuditCommandOptions & FixCommandOptions): number {
  if (opts.fix || opts.dryRun) throw new UsageError('--watch cannot be combined with --fix or --dry-run: fix once, then watch')
  if (opts.output) throw new UsageError('--watch prints to stdout; it cannot be combined with --output')
  if (opts.format !== 'table' && opts.format !== 'json') throw new UsageError(`--watch prints a table or JSON Lines (--format table or json), not ${opts.format}`)
  return durationMs(opts.interval ?? '15m', '--interval')
}

/**
 * Audits every `intervalMs` until SIGINT/SIGTERM: the first round's full report, then per round
 * the rule × region pairs whose verdict changed (or a line saying none did); with JSON, each
 * round's full report as one JSON line, later ones with their `changes`. Every round uses new
 * clients (the rules cache what they read per clients object). A round cut short by the signal
 * is dropped; the exit code is the last complete round's (130/143 when none completed).
 * @example
 * await watchAudit(parseAuditOptions({ format: 'table', regions: 'us-east-1' }), 60_000, (code) => (process.exitCode = code))
 */
export async function watchAudit(plan: AuditPlan, intervalMs: number, setCode: (code: number) => void, io: WatchIo = processIo): Promise<void> {
  let stoppedBy: 'SIGINT' | 'SIGTERM' | undefined
  let pool: RegionClientPool | undefined
  let wake: () => void = () => {}
  const stopListening = io.onStop((signal) => {
    stoppedBy ??= signal
    // Closing the clients ends the round's requests now rather than after their timeouts.
    pool?.close()
    wake()
  })
  let previous: AuditRun | undefined
  let lastCode: number | undefined
  try {
    while (!stoppedBy) {
      const startedAt = Date.now()
      pool = new RegionClientPool(plan.clientOptions)
      let run: AuditRun
      try {
        run = await auditWith(plan, pool)
      } finally {
        pool.close()
        pool = undefined
      }
      if (stoppedBy) break
      const now = new Date()
      const changes = previous ? diffAudits(previous.results, run.results) : undefined
      if (plan.format === 'json') {
        const report = JSON.parse(renderAudit(run, 'json', { docsBaseUrl: plan.docsBaseUrl, toolVersion: VERSION, now, ...(plan.accountId ? { accountId: plan.accountId } : {}) })) as Record<string, unknown>
        io.out.write(`${JSON.stringify({ ...report, ...(changes ? { changes } : {}) })}\n`)
      } else if (!changes) {
        io.out.write(`${now.toISOString()} audit\n${renderAuditTable(run)}`)
      } else {
        const s = run.summary
        const counts = `${s.SUCCESS} SUCCESS, ${s.FAILURE} FAILURE, ${s.ERROR} ERROR`
        io.out.write(
          changes.length === 0
            ? `${now.toISOString()} no change (${counts})\n`
            : `${now.toISOString()} ${changes.length} change${changes.length === 1 ? '' : 's'} (${counts}):\n${changes.map((c) => `  ${describeChange(c)}\n`).join('')}`,
        )
      }
      lastCode = auditExitCode(run.summary)
      setCode(lastCode)
      previous = run
      const waitMs = Math.max(0, startedAt + intervalMs - Date.now())
      if (!stoppedBy) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = () => {}
    }
  } finally {
    stopListening()
  }
  if (lastCode === undefined) setCode(stoppedBy === 'SIGTERM' ? 143 : 130)
}

/** `trawl audit`'s action: audit, report, and set the exit code from the verdicts. */
export async function auditAction(opts: AuditCommandOptions & FixCommandOptions, setCode: (code: number) => void): Promise<void> {
  if (opts.listRules) {
    process.stdout.write(opts.format === 'json' ? `${JSON.stringify(RULES.map(ruleMetadata), null, 2)}\n` : renderRulesTable(RULES))
    return
  }
  const plan = parseAuditOptions(opts)
  if (opts.watch) {
    await watchAudit(plan, watchIntervalMs(opts), setCode)
    return
  }
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
