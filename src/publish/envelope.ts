// The EventBridge event that carries a finding (MACIE.md §8.3), as trawl posts it to webhooks.
import { randomUUID } from 'node:crypto'
import type { Scope } from '../store/scope.js'

/** Macie's EventBridge event of a new or updated finding. */
export interface FindingEnvelope {
  version: '0'
  /** The event's ID: a UUID, the same on every delivery attempt. */
  id: string
  'detail-type': 'Macie Finding'
  source: 'aws.macie'
  account: string
  /** When the event was emitted, ISO-8601 in whole seconds (as EventBridge writes it). */
  time: string
  region: string
  resources: []
  /** The finding JSON as GetFindings returns it. */
  detail: Record<string, unknown>
}

/**
 * The EventBridge envelope of a finding of a scope, emitted at `time`.
 * @example
 * const event = findingEnvelope(row.finding, { accountId: '111122223333', region: 'us-east-1' }, { time: new Date() })
 */
export function findingEnvelope(finding: Record<string, unknown>, scope: Scope, options: { id?: string; time: Date }): FindingEnvelope {
  return {
    version: '0',
    id: options.id ?? randomUUID(),
    'detail-type': 'Macie Finding',
    source: 'aws.macie',
    account: scope.accountId,
    time: options.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: scope.region,
    resources: [],
    detail: finding,
  }
}
