// Findings publication: finding events, webhook deliveries and dead letters.
// Repository functions over the tables of migration 0005-publication. Events are an outbox: the
// store writes them in a finding's own transaction (insertFindingEvents); the publisher reads
// them, queues one delivery per webhook and deletes them in one transaction (enqueue).
import type { Kysely, Selectable, Transaction } from 'kysely'
import { ConflictError } from '../errors.js'
import { decodePageToken, encodePageToken, keysetAfter, pageSize } from './finding-query.js'
import type { PublicationDeliveriesTable, PublicationEventsTable } from './migrations/0005-publication.js'
import type { Database } from './schema.js'
import type { Scope } from './scope.js'

/** NEW when a finding is inserted, UPDATE when an existing one changes. */
export type FindingEventKind = 'NEW' | 'UPDATE'

/** A finding inserted or updated, waiting to be published. */
export interface FindingEvent extends Scope {
  seq: number
  findingId: string
  kind: FindingEventKind
  createdAt: Date
}

/** One envelope to one webhook. */
export interface Delivery extends Scope {
  id: string
  /** The envelope's ID, the same on every attempt. */
  eventId: string
  findingId: string
  /** A hash of the webhook's URL (the URL may carry a token; it is not stored). */
  webhookId: string
  /** The webhook's URL without user info, query or fragment. */
  webhookUrl: string
  /** The envelope JSON, sent as is. */
  body: string
  state: 'PENDING' | 'DEAD'
  attempts: number
  nextAttemptAt: Date
  createdAt: Date
  lastAttemptAt?: Date
  lastError?: string
  deadAt?: Date
}

/** What `enqueue` inserts: a delivery before its first attempt. */
export type NewDelivery = Pick<Delivery, 'accountId' | 'region' | 'id' | 'eventId' | 'findingId' | 'webhookId' | 'webhookUrl' | 'body' | 'nextAttemptAt' | 'createdAt'>

/** A page of dead letters and the token of the next one. */
export interface DeadLetterPage {
  items: Delivery[]
  nextToken?: string
}

/** Findings publication: finding events, webhook deliveries and dead letters. */
export interface PublicationRepository {
  /** Scopes that have events waiting. */
  pendingScopes(): Promise<Scope[]>
  /**
   * The scope's due events in `seq` order (every NEW one, UPDATEs written at or before
   * `updatesUpTo`; at most `limit`), plus every other waiting event of the same findings.
   */
  dueEvents(scope: Scope, updatesUpTo: Date, limit: number): Promise<FindingEvent[]>
  /**
   * Deletes the events and inserts the deliveries in one transaction; a ConflictError, and
   * nothing done, when some of the events are gone (another publisher took them).
   */
  enqueue(seqs: number[], deliveries: NewDelivery[]): Promise<void>
  /** Webhooks (by `webhookId`) with pending deliveries due at `now`. */
  dueWebhooks(now: Date): Promise<string[]>
  /** Up to `limit` pending deliveries to a webhook due at `now`, earliest first. */
  dueDeliveries(webhookId: string, now: Date, limit: number): Promise<Delivery[]>
  /**
   * Takes a delivery as read for one attempt: counts the attempt and moves its next one to
   * `retryAt` (the attempt's lease); false when another publisher took or changed it since.
   */
  claim(delivery: Delivery, now: Date, retryAt: Date): Promise<boolean>
  /** Forgets a delivered delivery. */
  delivered(id: string): Promise<void>
  /** Records why an attempt failed; `isDead` makes the delivery a dead letter. */
  failed(id: string, error: string, isDead: boolean, now: Date): Promise<void>
  /** The scope's dead letters, oldest first. */
  listDeadLetters(scope: Scope, page: { maxResults?: number; nextToken?: string }): Promise<DeadLetterPage>
  /** Makes the scope's dead letters with these IDs pending again from `now`, attempts reset; returns how many. */
  redeliver(scope: Scope, ids: string[], now: Date): Promise<number>
  /** Deletes every row of the scope (DisableMacie). */
  deleteScope(scope: Scope): Promise<void>
}

type Db = Kysely<Database> | Transaction<Database>

const ROWS_PER_INSERT = 500
const IDS_PER_QUERY = 500
const DEAD_LETTERS_TOKEN = 'dead-letters'

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Writes a finding event per finding, in the caller's transaction (the outbox of the finding's
 * own write); archived findings are never published, so callers leave them out.
 * @example
 * await insertFindingEvents(trx, [{ accountId, region, findingId: row.id, kind: 'NEW' }])
 */
export async function insertFindingEvents(db: Db, events: Array<Scope & { findingId: string; kind: FindingEventKind }>, now = Date.now()): Promise<void> {
  const rows = events.map((e) => ({ account_id: e.accountId, region: e.region, finding_id: e.findingId, kind: e.kind, created_at: now }))
  for (const part of chunks(rows, ROWS_PER_INSERT)) await db.insertInto('publication_events').values(part).execute()
}

function eventFromRow(r: Selectable<PublicationEventsTable>): FindingEvent {
  return { accountId: r.account_id, region: r.region, seq: Number(r.seq), findingId: r.finding_id, kind: r.kind as FindingEventKind, createdAt: new Date(Number(r.created_at)) }
}

function deliveryFromRow(r: Selectable<PublicationDeliveriesTable>): Delivery {
  return {
    accountId: r.account_id,
    region: r.region,
    id: r.id,
    eventId: r.event_id,
    findingId: r.finding_id,
    webhookId: r.webhook_id,
    webhookUrl: r.webhook_url,
    body: r.body,
    state: r.state as Delivery['state'],
    attempts: Number(r.attempts),
    nextAttemptAt: new Date(Number(r.next_attempt_at)),
    createdAt: new Date(Number(r.created_at)),
    ...(r.last_attempt_at === null ? {} : { lastAttemptAt: new Date(Number(r.last_attempt_at)) }),
    ...(r.last_error === null ? {} : { lastError: r.last_error }),
    ...(r.dead_at === null ? {} : { deadAt: new Date(Number(r.dead_at)) }),
  }
}

/**
 * The publication repository on a migrated database.
 * @example
 * const publication = publicationRepository(db)
 */
export function publicationRepository(db: Kysely<Database>): PublicationRepository {
  const inScope = (scope: Scope) => db.selectFrom('publication_events').selectAll().where('account_id', '=', scope.accountId).where('region', '=', scope.region)
  return {
    async pendingScopes() {
      const rows = await db.selectFrom('publication_events').select(['account_id', 'region']).distinct().orderBy('account_id').orderBy('region').execute()
      return rows.map((r) => ({ accountId: r.account_id, region: r.region }))
    },

    async dueEvents(scope, updatesUpTo, limit) {
      const due = await inScope(scope)
        .where((eb) => eb.or([eb('kind', '=', 'NEW'), eb('created_at', '<=', updatesUpTo.getTime())]))
        .orderBy('seq')
        .limit(limit)
        .execute()
      if (due.length === 0) return []
      // The findings' other waiting events go with them: one envelope carries the latest state.
      const bySeq = new Map(due.map((r) => [Number(r.seq), r]))
      for (const part of chunks([...new Set(due.map((r) => r.finding_id))], IDS_PER_QUERY)) {
        for (const r of await inScope(scope).where('finding_id', 'in', part).execute()) bySeq.set(Number(r.seq), r)
      }
      return [...bySeq.values()].map(eventFromRow).sort((a, b) => a.seq - b.seq)
    },

    async enqueue(seqs, deliveries) {
      const rows: PublicationDeliveriesTable[] = deliveries.map((d) => ({
        id: d.id,
        account_id: d.accountId,
        region: d.region,
        event_id: d.eventId,
        finding_id: d.findingId,
        webhook_id: d.webhookId,
        webhook_url: d.webhookUrl,
        body: d.body,
        state: 'PENDING',
        attempts: 0,
        next_attempt_at: d.nextAttemptAt.getTime(),
        created_at: d.createdAt.getTime(),
        last_attempt_at: null,
        last_error: null,
        dead_at: null,
      }))
      await db.transaction().execute(async (trx) => {
        // The delete comes first: it takes the write lock (SQLite) or the rows' locks (PostgreSQL).
        let deleted = 0
        for (const part of chunks(seqs, IDS_PER_QUERY)) {
          const result = await trx.deleteFrom('publication_events').where('seq', 'in', part).executeTakeFirst()
          deleted += Number(result.numDeletedRows)
        }
        if (deleted !== new Set(seqs).size) throw new ConflictError('finding events were published by another publisher')
        for (const part of chunks(rows, ROWS_PER_INSERT)) await trx.insertInto('publication_deliveries').values(part).execute()
      })
    },

    async dueWebhooks(now) {
      const rows = await db
        .selectFrom('publication_deliveries')
        .select('webhook_id')
        .distinct()
        .where('state', '=', 'PENDING')
        .where('next_attempt_at', '<=', now.getTime())
        .orderBy('webhook_id')
        .execute()
      return rows.map((r) => r.webhook_id)
    },

    async dueDeliveries(webhookId, now, limit) {
      const rows = await db
        .selectFrom('publication_deliveries')
        .selectAll()
        .where('state', '=', 'PENDING')
        .where('webhook_id', '=', webhookId)
        .where('next_attempt_at', '<=', now.getTime())
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .execute()
      return rows.map(deliveryFromRow)
    },

    async claim(delivery, now, retryAt) {
      const result = await db
        .updateTable('publication_deliveries')
        .set({ attempts: delivery.attempts + 1, next_attempt_at: retryAt.getTime(), last_attempt_at: now.getTime() })
        .where('id', '=', delivery.id)
        .where('state', '=', 'PENDING')
        .where('attempts', '=', delivery.attempts)
        .where('next_attempt_at', '=', delivery.nextAttemptAt.getTime())
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async delivered(id) {
      await db.deleteFrom('publication_deliveries').where('id', '=', id).execute()
    },

    async failed(id, error, isDead, now) {
      await db
        .updateTable('publication_deliveries')
        .set(isDead ? { last_error: error, state: 'DEAD', dead_at: now.getTime() } : { last_error: error })
        .where('id', '=', id)
        .where('state', '=', 'PENDING')
        .execute()
    },

    async listDeadLetters(scope, page) {
      const limit = pageSize(page)
      let q = db
        .selectFrom('publication_deliveries')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('region', '=', scope.region)
        .where('state', '=', 'DEAD')
      if (page.nextToken !== undefined) {
        const after = decodePageToken(page.nextToken, DEAD_LETTERS_TOKEN, [true, false])
        q = q.where(keysetAfter(['publication_deliveries.created_at', 'publication_deliveries.id'], 'asc', after))
      }
      const rows = await q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
      const items = rows.slice(0, limit)
      const last = items.at(-1)
      return {
        items: items.map(deliveryFromRow),
        ...(rows.length > limit && last ? { nextToken: encodePageToken(DEAD_LETTERS_TOKEN, [Number(last.created_at), last.id]) } : {}),
      }
    },

    async redeliver(scope, ids, now) {
      let changed = 0
      for (const part of chunks([...new Set(ids)], IDS_PER_QUERY)) {
        const result = await db
          .updateTable('publication_deliveries')
          .set({ state: 'PENDING', attempts: 0, next_attempt_at: now.getTime(), dead_at: null })
          .where('account_id', '=', scope.accountId)
          .where('region', '=', scope.region)
          .where('state', '=', 'DEAD')
          .where('id', 'in', part)
          .executeTakeFirst()
        changed += Number(result.numUpdatedRows)
      }
      return changed
    },

    async deleteScope(scope) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('publication_events').where('account_id', '=', scope.accountId).where('region', '=', scope.region).execute()
        await trx.deleteFrom('publication_deliveries').where('account_id', '=', scope.accountId).where('region', '=', scope.region).execute()
      })
    },
  }
}
