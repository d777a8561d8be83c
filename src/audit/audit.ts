// Runs the rules over regions: regions concurrently (bounded), the rules of a region in ID order,
// each rule after the rules it depends on, with Macie reads shared within a region. No output here.
import { selectRules } from './rules.js'
import { accountOfArn, describeError, macieSession } from './rules/state.js'
import { DEFAULT_SETTINGS, type AuditSettings, type RegionClients, type Rule, type RuleResult, type Verdict } from './types.js'

/** What to audit and how to reach it. */
export interface AuditOptions {
  regions: readonly string[]
  /** Rule IDs to run (default: all). */
  rules?: readonly string[]
  /** Rule IDs to leave out. */
  excludeRules?: readonly string[]
  /** Overrides of DEFAULT_SETTINGS. */
  settings?: Partial<AuditSettings>
  /** The clients of a region; called once per region. */
  clientsFor: (region: string) => RegionClients
  /** Regions audited at once (default 4). */
  concurrency?: number
}

/** Counts of an audit's verdicts. */
export interface AuditSummary {
  regions: number
  rules: number
  total: number
  SUCCESS: number
  FAILURE: number
  ERROR: number
}

/** An audit's outcome: a result per rule and region (regions in the order given, rules in ID order). */
export interface AuditRun {
  results: RuleResult[]
  summary: AuditSummary
  /** The rules that ran. */
  rules: Rule[]
  /** The audited account, read from a Macie session's service role ARN when any region has one. */
  accountId?: string
}

type Outcome = Omit<RuleResult, 'ruleId' | 'region'>

async function checkRegion(clients: RegionClients, rules: readonly Rule[], byId: ReadonlyMap<string, Rule>, settings: AuditSettings): Promise<RuleResult[]> {
  const done = new Map<string, Promise<Outcome>>()
  const evaluate = (rule: Rule): Promise<Outcome> => {
    let hit = done.get(rule.id)
    if (!hit) {
      hit = (async (): Promise<Outcome> => {
        // A rule is only checked once the rules it depends on hold; otherwise their reason is its own.
        for (const dep of rule.dependsOn ?? []) {
          const depRule = byId.get(dep)
          if (!depRule) continue
          const prior = await evaluate(depRule)
          if (prior.verdict !== 'SUCCESS') return { verdict: prior.verdict, reason: prior.reason }
        }
        try {
          return await rule.check(clients, settings)
        } catch (err) {
          return { verdict: 'ERROR', reason: `${describeError(err)} (in ${clients.region})` }
        }
      })()
      done.set(rule.id, hit)
    }
    return hit
  }
  const results: RuleResult[] = []
  for (const rule of rules) results.push({ ruleId: rule.id, region: clients.region, ...(await evaluate(rule)) })
  return results
}

/** Runs `work` over items with at most `limit` at a time, keeping the items' order in the output. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      out[i] = await work(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane))
  return out
}

/**
 * Counts verdicts.
 * @example
 * summarize([{ ruleId: 'Macie2-001', region: 'us-east-1', verdict: 'SUCCESS', reason: '' }], 1, 1).SUCCESS // 1
 */
export function summarize(results: readonly RuleResult[], regions: number, rules: number): AuditSummary {
  const count = (v: Verdict): number => results.filter((r) => r.verdict === v).length
  return { regions, rules, total: results.length, SUCCESS: count('SUCCESS'), FAILURE: count('FAILURE'), ERROR: count('ERROR') }
}

/**
 * The audit's exit code for CI: 0 when every rule holds, 1 when any rule fails, 3 when none
 * fails but some could not be checked (2 is left to usage errors, as elsewhere in trawl).
 * @example
 * auditExitCode({ total: 2, SUCCESS: 1, FAILURE: 0, ERROR: 1, regions: 1, rules: 2 }) // 3
 */
export function auditExitCode(summary: AuditSummary): 0 | 1 | 3 {
  if (summary.FAILURE > 0) return 1
  return summary.ERROR > 0 ? 3 : 0
}

/**
 * Runs the selected rules in every region and counts the verdicts.
 * @example
 * const run = await runAudit({ regions: ['us-east-1'], clientsFor: (r) => regionClients(r) })
 * console.log(run.summary.FAILURE)
 */
export async function runAudit(options: AuditOptions): Promise<AuditRun> {
  const rules = selectRules(options.rules, options.excludeRules)
  const settings: AuditSettings = { ...DEFAULT_SETTINGS, ...options.settings }
  const byId = new Map(selectRules().map((r) => [r.id, r]))
  const accounts = new Set<string>()
  const perRegion = await mapBounded(options.regions, options.concurrency ?? 4, async (region) => {
    const clients = options.clientsFor(region)
    const results = await checkRegion(clients, rules, byId, settings)
    // Read once per region and shared with the rules that already asked; a region without Macie has none.
    const role = await macieSession(clients).then((s) => s.serviceRole, () => undefined)
    const account = accountOfArn(role)
    if (account) accounts.add(account)
    return results
  })
  const results = perRegion.flat()
  const accountId = accounts.size === 1 ? [...accounts][0] : undefined
  return { results, summary: summarize(results, options.regions.length, rules.length), rules, ...(accountId ? { accountId } : {}) }
}
