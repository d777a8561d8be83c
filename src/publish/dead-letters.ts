// Dead letters: deliveries that ran out of attempts, kept until someone redelivers them (or
// DisableMacie deletes the scope). Listed without the envelope body.
import type { Scope, Store } from '../store/types.js'

/** A delivery that ran out of attempts. */
export interface DeadLetter {
  id: string
  /** The envelope's ID: a redelivery sends the same one. */
  eventId: string
  findingId: string
  /** The webhook's URL without user info, query or fragment. */
  webhookUrl: string
  attempts: number
  /** Why the last attempt failed: `HTTP 500`, `no answer within 10000 ms`, `network error (ECONNREFUSED)`, … */
  lastError?: string
  createdAt: Date
  deadAt?: Date
}

/**
 * A page of a scope's dead letters, oldest first.
 * @example
 * const { items, nextToken } = await listDeadLetters(store, { accountId: '111122223333', region: 'us-east-1' })
 */
export async function listDeadLetters(
  store: Pick<Store, 'publication'>,
  scope: Scope,
  page: { maxResults?: number; nextToken?: string } = {},
): Promise<{ items: DeadLetter[]; nextToken?: string }> {
  const result = await store.publication.listDeadLetters(scope, page)
  return {
    items: result.items.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      findingId: d.findingId,
      webhookUrl: d.webhookUrl,
      attempts: d.attempts,
      ...(d.lastError !== undefined ? { lastError: d.lastError } : {}),
      createdAt: d.createdAt,
      ...(d.deadAt !== undefined ? { deadAt: d.deadAt } : {}),
    })),
    ...(result.nextToken ? { nextToken: result.nextToken } : {}),
  }
}

/**
 * Queues dead letters of a scope again, with a fresh set of attempts from `now` and the same
 * event IDs; returns how many it queued (IDs that are not dead letters of the scope are ignored).
 * @example
 * await redeliver(store, scope, (await listDeadLetters(store, scope)).items.map((d) => d.id))
 */
export function redeliver(store: Pick<Store, 'publication'>, scope: Scope, ids: readonly string[], now: Date = new Date()): Promise<number> {
  return store.publication.redeliver(scope, [...ids], now)
}
