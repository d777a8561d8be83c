// `trawl audit --fix` and `--dry-run`: the remediation's options, its plan printed, the question
// on a terminal, and the calls made region by region. The audit itself is audit.ts'.
import { createInterface } from 'node:readline/promises'
import { applyRemediation, MANUAL_OPERATIONS, planRemediation, type PublishingFrequency, type RemediationOptions, type StepOutcome } from '../../audit/remediate.js'
import { PUBLISHING_FREQUENCIES, type RegionClients, type RemediationStep, type RuleResult } from '../../audit/types.js'
import type { FixCommandOptions } from './audit-options.js'
import { UsageError } from '../usage-error.js'

/** What the fix was asked to do, checked. */
export interface FixRequest {
  isDryRun: boolean
  isConfirmed: boolean
  options: Omit<RemediationOptions, 'accountId'> & { accountId?: string }
}

/** Where the fix writes and whom it asks. */
export interface FixIo {
  out: NodeJS.WritableStream
  /** Asks a yes/no question on the terminal. */
  confirm(question: string): Promise<boolean>
}


/**
 * Checks the fix's options (UsageError when they cannot be carried out), or undefined without
 * `--fix`/`--dry-run`; refuses to apply without `--yes` when no one can be asked.
 * @example
 * parseFixOptions({ fix: true, yes: true, jobType: 'SCHEDULED' }, false)?.options.jobType // 'SCHEDULED'
 */
export function parseFixOptions(opts: FixCommandOptions, isTerminal: boolean): FixRequest | undefined {
  if (!opts.fix && !opts.dryRun) {
    const stray = (['yes', 'buckets', 'jobType', 'publishingFrequency', 'resultsBucket', 'kmsAlias'] as const).find((k) => opts[k] !== undefined)
    if (stray) throw new UsageError(`--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} only applies with --fix or --dry-run`)
    return undefined
  }
  if (opts.fix && !opts.dryRun && !opts.yes && !isTerminal) {
    throw new UsageError('--fix changes your account and there is no terminal to ask for confirmation: pass --yes to apply, or --dry-run to see the plan')
  }
  const jobType = opts.jobType ?? 'SCHEDULED'
  if (jobType !== 'ONE_TIME' && jobType !== 'SCHEDULED') throw new UsageError(`--job-type must be ONE_TIME or SCHEDULED, not ${jobType}`)
  const frequency = opts.publishingFrequency ?? 'FIFTEEN_MINUTES'
  if (!(PUBLISHING_FREQUENCIES as readonly string[]).includes(frequency)) throw new UsageError(`--publishing-frequency must be one of ${PUBLISHING_FREQUENCIES.join(', ')}, not ${frequency}`)
  if (opts.accountId !== undefined && !/^\d{12}$/.test(opts.accountId)) throw new UsageError('--account-id must be 12 digits')
  if (opts.resultsBucket !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(opts.resultsBucket)) throw new UsageError('--results-bucket must be a bucket name (3–63 lowercase letters, digits, dots, hyphens)')
  if (opts.kmsAlias !== undefined && !/^alias\/[A-Za-z0-9/_-]+$/.test(opts.kmsAlias)) throw new UsageError('--kms-alias must look like alias/<name>')
  const buckets = opts.buckets?.split(',').map((b) => b.trim()).filter(Boolean)
  if (opts.buckets !== undefined && !buckets?.length) throw new UsageError('--buckets names no bucket')
  return {
    isDryRun: Boolean(opts.dryRun),
    isConfirmed: Boolean(opts.yes),
    options: {
      jobType,
      publishingFrequency: frequency as PublishingFrequency,
      ...(buckets ? { buckets } : {}),
      ...(opts.resultsBucket ? { resultsBucket: opts.resultsBucket } : {}),
      ...(opts.kmsAlias ? { kmsAlias: opts.kmsAlias } : {}),
      ...(opts.accountId ? { accountId: opts.accountId } : {}),
    },
  }
}

/**
 * The plan as text: one line per call (region, rule, service, operation, input as JSON) and why.
 * @example
 * process.stdout.write(renderPlan(steps))
 */
export function renderPlan(steps: readonly RemediationStep[]): string {
  if (steps.length === 0) return 'Nothing to fix: no failing rule has a remediation left to make.\n'
  const calls = steps.filter((s) => !MANUAL_OPERATIONS.has(s.operation)).length
  const regions = new Set(steps.map((s) => s.region)).size
  const lines = [`Plan: ${calls} call${calls === 1 ? '' : 's'} in ${regions} region${regions === 1 ? '' : 's'}${calls < steps.length ? `, ${steps.length - calls} for a person` : ''}`]
  for (const s of steps) {
    lines.push(`${s.region}  ${s.ruleId}  ${s.service}  ${s.operation}  ${JSON.stringify(s.input)}`, `    why: ${s.why}`)
  }
  return `${lines.join('\n')}\n`
}

/**
 * What applying did, one line per step, then a summary line.
 * @example
 * process.stdout.write(renderOutcomes(outcomes))
 */
export function renderOutcomes(outcomes: readonly StepOutcome[]): string {
  const lines = outcomes.map((o) => `${o.status.padEnd(7)}  ${o.step.region}  ${o.step.ruleId}  ${o.step.service} ${o.step.operation}${o.error ? `: ${o.error}` : o.status === 'manual' ? `: ${o.step.why}` : ''}`)
  const count = (status: StepOutcome['status']): number => outcomes.filter((o) => o.status === status).length
  lines.push(`Fix: ${count('applied')} applied, ${count('failed')} failed, ${count('not-run')} not run, ${count('manual')} left for a person`)
  return `${lines.join('\n')}\n`
}

/** Asks on the terminal (stderr, so a report on stdout stays clean). */
export async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim())
  } finally {
    rl.close()
  }
}

/**
 * Plans the remediation of the audit's failing results region by region, prints it, and (unless
 * a dry run, and once confirmed) applies it; a region that fails stops there, the others go on.
 * Resolves to the exit code: 0 all applied (or a dry run), 1 a step is left for a person, 3 a call
 * failed.
 * @example
 * setCode(await runFix(run.results, request, pool.clientsFor, { out: process.stdout, confirm: askOnTerminal }))
 */
export async function runFix(
  results: readonly RuleResult[],
  request: FixRequest & { options: { accountId: string } },
  clientsFor: (region: string) => RegionClients,
  io: FixIo,
): Promise<number> {
  const regions = [...new Set(results.filter((r) => r.verdict === 'FAILURE').map((r) => r.region))]
  const plans: Array<{ clients: RegionClients; steps: RemediationStep[] }> = []
  const failedPlans: string[] = []
  for (const region of regions) {
    const clients = clientsFor(region)
    try {
      plans.push({ clients, steps: await planRemediation(clients, results, request.options) })
    } catch (err) {
      // Reading a region's state failed: that region is not fixed, the others are.
      failedPlans.push(`${region}: the fix could not be planned: ${(err as Error).message}`)
    }
  }
  const steps = plans.flatMap((p) => p.steps)
  io.out.write(renderPlan(steps))
  for (const line of failedPlans) io.out.write(`${line}\n`)
  if (request.isDryRun || steps.length === 0) return failedPlans.length > 0 ? 3 : 0
  const calls = steps.filter((s) => !MANUAL_OPERATIONS.has(s.operation)).length
  if (calls > 0 && !request.isConfirmed && !(await io.confirm(`Make these ${calls} calls? [y/N] `))) {
    io.out.write('Nothing changed.\n')
    return 1
  }
  const outcomes: StepOutcome[] = []
  for (const plan of plans) outcomes.push(...(await applyRemediation(plan.clients, plan.steps)))
  io.out.write(renderOutcomes(outcomes))
  if (failedPlans.length > 0 || outcomes.some((o) => o.status === 'failed')) return 3
  return outcomes.some((o) => o.status === 'manual') ? 1 : 0
}

/**
 * `trawl audit`'s hook for the fix: the account from `--account-id` or the audit's Macie sessions,
 * then runFix with the terminal's question; the plan goes to `out`. A dry run keeps the audit's
 * exit code (the failures are still there).
 * @example
 * if (fix) setCode(await fixAudit(run, fix, pool.clientsFor, process.stdout, auditExitCode(run.summary)))
 */
export async function fixAudit(
  run: { results: readonly RuleResult[]; accountId?: string },
  request: FixRequest,
  clientsFor: (region: string) => RegionClients,
  out: NodeJS.WritableStream,
  auditCode: number,
): Promise<number> {
  const accountId = request.options.accountId ?? run.accountId
  if (!accountId) throw new UsageError('the fix needs the account ID (for the results bucket and the policies) and Macie is not enabled in any audited region to tell it: pass --account-id')
  const code = await runFix(run.results, { ...request, options: { ...request.options, accountId } }, clientsFor, { out, confirm: askOnTerminal })
  return request.isDryRun && code === 0 ? auditCode : code
}
