// Findings publication to webhooks, as Macie publishes findings to EventBridge: the store's
// outbox of finding events → one EventBridge envelope per finding event → one delivery per
// webhook, POSTed signed, retried with backoff and jitter, then kept as a dead letter.
// Delivery is at least once: an attempt is counted, and its retry scheduled, before it starts,
// so a publisher that dies mid-attempt leaves the delivery to the next one, same event ID.
import { createHash, randomUUID } from 'node:crypto'
import { ConflictError } from '../errors.js'
import type { Delivery, NewDelivery } from '../store/publication-repository.js'
import type { MacieSession, Scope, Store } from '../store/types.js'
import { findingEnvelope } from './envelope.js'
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature.js'

/** A webhook that receives an account's findings; with a secret, requests are signed. */
export interface Webhook {
  url: string
  secret?: string
}

/** How failed deliveries are retried: `maxAttempts` in all, the n-th retry after about `baseDelayMs × 2^(n-1)`, at most `maxDelayMs`. */
export interface RetryPolicy {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

/** Eight attempts over about an hour: retries after ½, 1, 2, 4, 8, 16 and 30 minutes (± 25 %). */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 30 * 60_000 }

/** How long Macie waits before publishing updates of policy findings, per `findingPublishingFrequency`. */
export const PUBLISHING_DELAY_MS: Record<MacieSession['findingPublishingFrequency'], number> = {
  FIFTEEN_MINUTES: 15 * 60_000,
  ONE_HOUR: 60 * 60_000,
  SIX_HOURS: 6 * 60 * 60_000,
}

/** Options of a FindingsPublisher. */
export interface FindingsPublisherOptions {
  store: Pick<Store, 'publication' | 'findings' | 'sessions'>
  /** The webhooks of an account (in a region); read at every tick, so configuration may change. */
  webhooksFor(scope: Scope): readonly Webhook[] | Promise<readonly Webhook[]>
  /** The clock, when `tick` is called without one. */
  now?: () => Date
  fetch?: typeof fetch
  /** How long one attempt may take: 10 s by default. */
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
  /** Attempts in flight per webhook at most: 4 by default. */
  concurrencyPerWebhook?: number
  /** Finding events read per account and region per tick: 1000 by default. */
  batchSize?: number
  /** A number in [0, 1) for the jitter: Math.random by default. */
  random?: () => number
  /** Where dead letters and internal errors are reported (never a body or a secret): stderr by default. */
  log?: (message: string) => void
}

// A retry is never scheduled sooner than the attempt can take, plus this: the retry time is the
// attempt's lease, and another publisher must not take a delivery still in flight.
const LEASE_MARGIN_MS = 5_000

/**
 * The ID under which a webhook's deliveries are stored: a hash of its URL, which may carry a token.
 * @example
 * webhookIdOf('https://hooks.example.com/macie') // '3b1f…' (32 hex digits)
 */
export function webhookIdOf(url: string): string {
  return createHash('sha256').update(url, 'utf8').digest('hex').slice(0, 32)
}

/** The URL without user info, query or fragment: safe to store, list and log. */
function displayUrl(url: string): string {
  const u = new URL(url)
  return `${u.origin}${u.pathname}`
}

/** Why an attempt failed, in words that carry no body and no secret. */
function reasonOf(err: unknown, timeoutMs: number, signal: AbortSignal): string {
  if (signal.aborted) return `no answer within ${timeoutMs} ms`
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause
  const code = typeof cause?.code === 'string' ? cause.code : undefined
  return `network error${code ? ` (${code})` : ''}`
}

/**
 * Publishes findings to webhooks: call `tick` on the scheduler's beat. A tick turns due finding
 * events into deliveries (new findings at once, updates of policy findings once the session's
 * publishing frequency has passed since the first of them, coalesced) and starts due attempts;
 * it does not wait for the webhooks, so a slow one holds up neither the scheduler nor the others.
 * @example
 * const publisher = new FindingsPublisher({ store, webhooksFor: (scope) => config.webhooks[scope.accountId] ?? [] })
 * setInterval(() => void publisher.tick(), 5_000)
 * await publisher.close()
 */
export class FindingsPublisher {
  private readonly store: FindingsPublisherOptions['store']
  private readonly webhooksFor: FindingsPublisherOptions['webhooksFor']
  private readonly now: () => Date
  private readonly fetch: typeof fetch
  private readonly timeoutMs: number
  private readonly retry: RetryPolicy
  private readonly concurrency: number
  private readonly batchSize: number
  private readonly random: () => number
  private readonly log: (message: string) => void
  /** Workers by webhook ID, each attempting one delivery at a time. */
  private readonly workers = new Map<string, Set<Promise<void>>>()
  private ticking: Promise<void> = Promise.resolve()
  private isClosed = false

  constructor(options: FindingsPublisherOptions) {
    this.store = options.store
    this.webhooksFor = options.webhooksFor
    this.now = options.now ?? (() => new Date())
    this.fetch = options.fetch ?? globalThis.fetch
    this.timeoutMs = options.timeoutMs ?? 10_000
    this.retry = { ...DEFAULT_RETRY, ...options.retry }
    this.concurrency = options.concurrencyPerWebhook ?? 4
    this.batchSize = options.batchSize ?? 1000
    this.random = options.random ?? Math.random
    this.log = options.log ?? ((message) => process.stderr.write(`trawl publish: ${message}\n`))
    if (!(this.retry.maxAttempts >= 1)) throw new RangeError('retry.maxAttempts must be at least 1')
  }

  /**
   * Queues due finding events as deliveries and starts due attempts; resolves once they are
   * started (see `idle`). Ticks never overlap: a tick called during another runs after it.
   */
  tick(now: Date = this.now()): Promise<void> {
    const run = this.ticking.then(async () => {
      if (this.isClosed) return
      await this.enqueueDueEvents(now)
      await this.startDueAttempts(now)
    })
    this.ticking = run.catch(() => {})
    return run
  }

  /** Resolves when no attempt is in flight. */
  async idle(): Promise<void> {
    await this.ticking
    while (this.workers.size > 0) await Promise.all([...this.workers.values()].flatMap((set) => [...set]))
  }

  /** Starts nothing more and waits for attempts in flight (each bounded by the timeout). */
  async close(): Promise<void> {
    this.isClosed = true
    await this.idle()
  }

  /** Finding events → envelopes → deliveries, per account and region. */
  private async enqueueDueEvents(now: Date): Promise<void> {
    for (const scope of await this.store.publication.pendingScopes()) {
      const session = await this.store.sessions.get(scope)
      const delay = PUBLISHING_DELAY_MS[session?.findingPublishingFrequency ?? 'FIFTEEN_MINUTES']
      const events = await this.store.publication.dueEvents(scope, new Date(now.getTime() - delay), this.batchSize)
      if (events.length === 0) continue
      // One envelope per finding, with its latest state, whatever number of events it has.
      const findingIds = [...new Set(events.map((e) => e.findingId))]
      const findings = await this.store.findings.get(scope, findingIds)
      const webhooks = await this.webhooksOf(scope)
      const deliveries: NewDelivery[] = []
      for (const { id, finding } of findings) {
        const envelope = findingEnvelope(finding, scope, { time: now })
        const body = JSON.stringify(envelope)
        for (const webhook of webhooks) {
          deliveries.push({ ...scope, id: randomUUID(), eventId: envelope.id, findingId: id, webhookId: webhook.id, webhookUrl: webhook.displayUrl, body, nextAttemptAt: now, createdAt: now })
        }
      }
      try {
        await this.store.publication.enqueue(
          events.map((e) => e.seq),
          deliveries,
        )
      } catch (err) {
        // Another publisher took some of these events: it publishes them; the rest come next tick.
        if (!(err instanceof ConflictError)) throw err
      }
    }
  }

  /** The scope's webhooks with their stored IDs, one per URL; invalid URLs are left out (and reported unless quiet). */
  private async webhooksOf(scope: Scope, isQuiet = false): Promise<Array<Webhook & { id: string; displayUrl: string }>> {
    const byId = new Map<string, Webhook & { id: string; displayUrl: string }>()
    for (const webhook of await this.webhooksFor(scope)) {
      let shown: string
      try {
        shown = displayUrl(webhook.url)
      } catch {
        if (!isQuiet) this.log(`a webhook URL of account ${scope.accountId} is not a valid URL; it is skipped`)
        continue
      }
      const id = webhookIdOf(webhook.url)
      if (!byId.has(id)) byId.set(id, { ...webhook, id, displayUrl: shown })
    }
    return [...byId.values()]
  }

  /**
   * Starts workers on webhooks with due deliveries, up to the concurrency of each; a worker
   * takes that webhook's due deliveries one after another until none is left.
   */
  private async startDueAttempts(now: Date): Promise<void> {
    const startedAt = Date.now()
    // The tick's time, moved on by the time spent since: workers may outlive the tick.
    const clock = (): Date => new Date(now.getTime() + (Date.now() - startedAt))
    for (const webhookId of await this.store.publication.dueWebhooks(now)) {
      const workers = this.workers.get(webhookId) ?? new Set<Promise<void>>()
      this.workers.set(webhookId, workers)
      while (workers.size < this.concurrency) {
        const worker: Promise<void> = this.drain(webhookId, clock)
          .catch((err: unknown) => this.log(`publishing to a webhook failed: ${(err as Error).message}`))
          .finally(() => {
            workers.delete(worker)
            if (workers.size === 0 && this.workers.get(webhookId) === workers) this.workers.delete(webhookId)
          })
        workers.add(worker)
      }
    }
  }

  /** One worker: claims and attempts due deliveries of a webhook until none is left. */
  private async drain(webhookId: string, clock: () => Date): Promise<void> {
    while (!this.isClosed) {
      const now = clock()
      let claimed: Delivery | undefined
      for (const delivery of await this.store.publication.dueDeliveries(webhookId, now, this.concurrency)) {
        const retryAt = new Date(now.getTime() + Math.max(this.backoff(delivery.attempts + 1), this.timeoutMs + LEASE_MARGIN_MS))
        if (!(await this.store.publication.claim(delivery, now, retryAt))) continue // another worker's
        if (delivery.attempts >= this.retry.maxAttempts) {
          // Its last attempt never reported back (the publisher stopped): it is dead now.
          await this.deadLetter(delivery, delivery.lastError ?? 'no answer before the publisher stopped', now)
          continue
        }
        claimed = delivery
        break
      }
      if (!claimed) return
      await this.attempt(claimed, now, claimed.attempts + 1 >= this.retry.maxAttempts)
    }
  }

  /** The delay before retry n (1-based), with ±25 % jitter. */
  private backoff(n: number): number {
    const base = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (n - 1))
    return Math.round(base * (0.75 + 0.5 * this.random()))
  }

  /** One POST of a claimed delivery, and its outcome recorded. */
  private async attempt(delivery: Delivery, now: Date, isLast: boolean): Promise<void> {
    const webhook = (await this.webhooksOf(delivery, true)).find((w) => w.id === delivery.webhookId)
    if (!webhook) {
      await this.deadLetter(delivery, 'the webhook is no longer configured', now)
      return
    }
    const failure = await this.post(webhook, delivery, now)
    if (failure === undefined) await this.store.publication.delivered(delivery.id)
    else if (isLast) await this.deadLetter(delivery, failure, now)
    else await this.store.publication.failed(delivery.id, failure, false, now)
  }

  /** POSTs the envelope; undefined when the webhook answered 2xx, else why not. */
  private async post(webhook: Webhook, delivery: Delivery, now: Date): Promise<string | undefined> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'trawl-findings-publisher', [EVENT_ID_HEADER]: delivery.eventId }
    if (webhook.secret) headers[SIGNATURE_HEADER] = signatureHeader(webhook.secret, delivery.body, now)
    const controller = new AbortController()
    const timedOut = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('timed out')), { once: true }))
    timedOut.catch(() => {})
    const timer = setTimeout(() => controller.abort(), this.timeoutMs)
    timer.unref()
    try {
      const response = await Promise.race([this.fetch(webhook.url, { method: 'POST', headers, body: delivery.body, redirect: 'manual', signal: controller.signal }), timedOut])
      // The answer's body is not read (nor kept): only the status counts.
      await response.body?.cancel().catch(() => {})
      return response.status >= 200 && response.status < 300 ? undefined : `HTTP ${response.status}`
    } catch (err) {
      return reasonOf(err, this.timeoutMs, controller.signal)
    } finally {
      clearTimeout(timer)
    }
  }

  private async deadLetter(delivery: Delivery, reason: string, now: Date): Promise<void> {
    await this.store.publication.failed(delivery.id, reason, true, now)
    this.log(`delivery of event ${delivery.eventId} to ${delivery.webhookUrl} gave up after ${delivery.attempts + 1} attempts (${reason}); it is kept as a dead letter`)
  }
}
