// Scheduled compliance audits inside `trawl serve`: every interval, each account the server
// answers for is audited through the server's own Macie2 API over loopback (signed with the
// account's first key pair, so the auditor stays a Macie2 client), and the results are kept as
// history in the store with a retention. The rules and the audit itself are src/audit/'s.
import { randomUUID } from 'node:crypto'
import { Agent } from 'node:https'
import { rootCertificates } from 'node:tls'
import { KMSClient } from '@aws-sdk/client-kms'
import { Macie2Client } from '@aws-sdk/client-macie2'
import { S3Client } from '@aws-sdk/client-s3'
import type { ApiAccount } from '../api/credentials.js'
import { runAudit } from '../audit/audit.js'
import { destroyRegionClients } from '../audit/clients.js'
import type { RegionClients } from '../audit/types.js'
import type { SourceSpec } from '../sources/types.js'
import type { AuditHistoryRepository } from '../store/audit-history-repository.js'

/** What scheduled audits need from `trawl serve`. */
export interface AuditScheduleOptions {
  /** The server's own Macie2 endpoint on loopback (`http://127.0.0.1:8080`). */
  endpoint: string
  /** With HTTPS: the server's certificate (PEM), trusted for the loopback calls. */
  tlsCert?: Buffer
  /** The server's accounts; each is audited with its first key pair. */
  accounts: readonly ApiAccount[]
  regions: readonly string[]
  intervalMs: number
  /** Results older than this are deleted after each round. */
  retentionMs: number
  history: AuditHistoryRepository
  /** Where an account's buckets are: its S3 endpoint and credentials also serve the audit's S3 and KMS calls. */
  sourceFor(accountId: string): SourceSpec
  /** One line per round and account, and failures. */
  log(line: string): void
  /** The environment S3 and KMS endpoints are read from (default process.env). */
  env?: NodeJS.ProcessEnv
}

/** How one account's round went. */
export interface AuditRoundOutcome {
  accountId: string
  runId?: string
  counts?: { SUCCESS: number; FAILURE: number; ERROR: number }
  error?: string
}

// Calls over loopback to a server that is up: one retry rides out a momentary refusal.
const MAX_ATTEMPTS = 2

/**
 * Each account once, with its first key pair, in the order given.
 * @example
 * firstKeyPairs([{ accountId: '1…', accessKeyId: 'K1', … }, { accountId: '1…', accessKeyId: 'K2', … }]) // the K1 entry only
 */
export function firstKeyPairs(accounts: readonly ApiAccount[]): ApiAccount[] {
  const seen = new Map<string, ApiAccount>()
  for (const a of accounts) if (!seen.has(a.accountId)) seen.set(a.accountId, a)
  return [...seen.values()]
}

/**
 * The clients an account's audit uses in a region: Macie2 at the server's loopback endpoint signed
 * with the account's key pair; S3 and KMS with the endpoint and credentials of the account's
 * buckets when they are S3 (KMS: AWS_ENDPOINT_URL_KMS first, when set), else the standard AWS environment.
 * @example
 * const clients = scheduledAuditClients(account, 'us-east-1', { endpoint: 'http://127.0.0.1:8080', sourceFor })
 */
export function scheduledAuditClients(
  account: ApiAccount,
  region: string,
  options: Pick<AuditScheduleOptions, 'endpoint' | 'tlsCert' | 'sourceFor' | 'env'>,
): RegionClients {
  const env = options.env ?? process.env
  // The server's own certificate (which names a host, not 127.0.0.1) is trusted for this one
  // connection; public roots stay, for a certificate a public authority issued.
  const requestHandler = options.tlsCert
    ? { requestHandler: { httpsAgent: new Agent({ keepAlive: true, ca: [options.tlsCert.toString('utf8'), ...rootCertificates], checkServerIdentity: () => undefined }) } }
    : {}
  const macie2 = new Macie2Client({
    region,
    endpoint: options.endpoint,
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    maxAttempts: MAX_ATTEMPTS,
    ...requestHandler,
  })
  const spec = options.sourceFor(account.accountId)
  if (spec.kind !== 's3') {
    const hasS3Endpoint = Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL)
    return { region, macie2, s3: new S3Client({ region, forcePathStyle: hasS3Endpoint, maxAttempts: MAX_ATTEMPTS }), kms: new KMSClient({ region, maxAttempts: MAX_ATTEMPTS }) }
  }
  const identity = spec.credentials ? { credentials: spec.credentials } : spec.profile ? { profile: spec.profile } : {}
  const kmsEndpoint = env.AWS_ENDPOINT_URL_KMS || env.AWS_ENDPOINT_URL ? {} : spec.endpoint ? { endpoint: spec.endpoint } : {}
  return {
    region,
    macie2,
    s3: new S3Client({ region, maxAttempts: MAX_ATTEMPTS, ...identity, ...(spec.endpoint ? { endpoint: spec.endpoint } : {}), forcePathStyle: spec.forcePathStyle ?? Boolean(spec.endpoint) }),
    kms: new KMSClient({ region, maxAttempts: MAX_ATTEMPTS, ...identity, ...kmsEndpoint }),
  }
}

/** Audits the server's accounts every interval and keeps the results; rounds never overlap. */
export class AuditSchedule {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<unknown> | undefined
  private isStopping = false
  // Clients of the round in progress, destroyed on close so that a stop does not wait on them.
  private readonly inFlight = new Set<RegionClients>()

  constructor(private readonly options: AuditScheduleOptions) {}

  /** Runs a round now, then one every interval (measured from each round's start). */
  start(): void {
    const tick = (): void => {
      const startedAt = Date.now()
      this.running = this.runOnce().finally(() => {
        this.running = undefined
        if (!this.isStopping) this.timer = setTimeout(tick, Math.max(0, startedAt + this.options.intervalMs - Date.now()))
      })
    }
    this.timer = setTimeout(tick, 0)
  }

  /**
   * One round: audits every account and stores each account's results as one run, then deletes
   * results older than the retention. Failures are logged, not thrown: the next round tries again.
   */
  async runOnce(): Promise<AuditRoundOutcome[]> {
    const outcomes: AuditRoundOutcome[] = []
    for (const account of firstKeyPairs(this.options.accounts)) {
      if (this.isStopping) break
      outcomes.push(await this.auditAccount(account))
    }
    try {
      if (!this.isStopping) await this.options.history.deleteBefore(new Date(Date.now() - this.options.retentionMs))
    } catch (err) {
      this.options.log(`trawl serve: audit history retention: ${(err as Error).message}`)
    }
    return outcomes
  }

  private async auditAccount(account: ApiAccount): Promise<AuditRoundOutcome> {
    const runAt = new Date()
    const made: RegionClients[] = []
    try {
      const run = await runAudit({
        regions: this.options.regions,
        clientsFor: (region) => {
          // Fresh clients every round: the rules cache what they read per clients object.
          const clients = scheduledAuditClients(account, region, this.options)
          made.push(clients)
          this.inFlight.add(clients)
          return clients
        },
      })
      // A round cut short by a stop is not the account's state: its errors are the stop's.
      if (this.isStopping) return { accountId: account.accountId, error: 'stopped' }
      const runId = randomUUID()
      await this.options.history.insertRun({
        accountId: account.accountId,
        runId,
        runAt,
        results: run.results.map((r) => ({ region: r.region, ruleId: r.ruleId, verdict: r.verdict, reason: r.reason, resources: r.resources ?? [] })),
      })
      const { SUCCESS, FAILURE, ERROR } = run.summary
      this.options.log(`trawl serve: audit of account ${account.accountId} (run ${runId}): ${SUCCESS} SUCCESS, ${FAILURE} FAILURE, ${ERROR} ERROR`)
      return { accountId: account.accountId, runId, counts: { SUCCESS, FAILURE, ERROR } }
    } catch (err) {
      const error = (err as Error)?.message ?? String(err)
      this.options.log(`trawl serve: audit of account ${account.accountId} failed: ${error}`)
      return { accountId: account.accountId, error }
    } finally {
      for (const clients of made) {
        this.inFlight.delete(clients)
        destroyRegionClients(clients)
      }
    }
  }

  /** Stops the schedule: no new round starts, the one in progress is cut short and not stored. */
  async close(): Promise<void> {
    this.isStopping = true
    clearTimeout(this.timer)
    for (const clients of this.inFlight) destroyRegionClients(clients)
    await this.running
  }
}
