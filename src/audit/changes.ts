// What changed between two audit rounds (`trawl audit --watch`, scheduled audits): the rule ×
// region pairs whose verdict moved, in the order of the newer round. Pure: no I/O, no clock.
import type { RuleResult, Verdict } from './types.js'

/** One rule × region whose verdict differs between two rounds. */
export interface AuditChange {
  ruleId: string
  region: string
  /** The earlier verdict; absent when the pair was not audited then. */
  from?: Verdict
  /** The newer verdict; absent when the pair is no longer audited. */
  to?: Verdict
  /** Why the newer verdict holds (or, for a pair gone, why the earlier one did). */
  reason: string
}

const keyOf = (r: Pick<RuleResult, 'ruleId' | 'region'>): string => `${r.ruleId}\u0000${r.region}`

/**
 * The pairs whose verdict changed from `previous` to `current` (a reason that changes under the
 * same verdict is not a change: reasons carry counts and names that move every round).
 * @example
 * diffAudits(
 *   [{ ruleId: 'Macie2-003', region: 'us-east-1', verdict: 'FAILURE', reason: 'No jobs' }],
 *   [{ ruleId: 'Macie2-003', region: 'us-east-1', verdict: 'SUCCESS', reason: '1 job' }],
 * ) // [{ ruleId: 'Macie2-003', region: 'us-east-1', from: 'FAILURE', to: 'SUCCESS', reason: '1 job' }]
 */
export function diffAudits(previous: readonly RuleResult[], current: readonly RuleResult[]): AuditChange[] {
  const before = new Map(previous.map((r) => [keyOf(r), r]))
  const changes: AuditChange[] = []
  for (const now of current) {
    const then = before.get(keyOf(now))
    before.delete(keyOf(now))
    if (then?.verdict === now.verdict) continue
    changes.push({ ruleId: now.ruleId, region: now.region, ...(then ? { from: then.verdict } : {}), to: now.verdict, reason: now.reason })
  }
  for (const gone of before.values()) changes.push({ ruleId: gone.ruleId, region: gone.region, from: gone.verdict, reason: gone.reason })
  return changes
}

/**
 * A change as one line: `Macie2-003 us-east-1: FAILURE → SUCCESS (reason)`.
 * @example
 * describeChange({ ruleId: 'Macie2-001', region: 'eu-west-1', from: 'SUCCESS', to: 'FAILURE', reason: 'Macie is not enabled in eu-west-1' })
 * // 'Macie2-001 eu-west-1: SUCCESS → FAILURE (Macie is not enabled in eu-west-1)'
 */
export function describeChange(change: AuditChange): string {
  return `${change.ruleId} ${change.region}: ${change.from ?? '(not audited)'} → ${change.to ?? '(not audited)'} (${change.reason})`
}
