// `trawl serve`: the Macie2 API, the job scheduler and the workers in one process, on the
// embedded store. Stops gracefully on SIGINT/SIGTERM: runs in progress commit what is in
// flight and resume on the next start.
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import type { Command } from 'commander'
import { AuditInputError } from '../../audit/input-error.js'
import { auditRegions } from '../../audit/regions.js'
import { durationMs } from '../duration.js'
import { openInstance, withInstanceOptions, type InstanceOptions } from '../instance.js'
import { UsageError } from '../usage-error.js'

interface ServeOptions extends InstanceOptions {
  host: string
  port: string
  tlsCert?: string
  tlsKey?: string
  discoveryInterval: string
  auditInterval?: string
  auditRegions?: string
  auditRetention: string
}

const PUBLISH_EVERY_MS = 5_000

// Scheduled audits keep 90 days of results unless told otherwise; at most ten years.
const DEFAULT_AUDIT_RETENTION = '90d'
const MAX_AUDIT_RETENTION_MS = 3650 * 86_400_000

/** The scheduled audits' settings from the command line, checked before anything opens. */
function auditScheduleOf(opts: ServeOptions): { intervalMs: number; regions: string[]; retentionMs: number } | undefined {
  const retentionMs = durationMs(opts.auditRetention, '--audit-retention', MAX_AUDIT_RETENTION_MS)
  if (opts.auditInterval === undefined || opts.auditInterval === '') {
    if (opts.auditRegions !== undefined && opts.auditRegions !== '' && !process.env.TRAWL_AUDIT_REGIONS) throw new UsageError('--audit-regions needs --audit-interval')
    return undefined
  }
  const intervalMs = durationMs(opts.auditInterval, '--audit-interval')
  try {
    // Without --audit-regions: the audit's own default, every region that offers Macie.
    return { intervalMs, regions: auditRegions(opts.auditRegions === '' ? undefined : opts.auditRegions), retentionMs }
  } catch (err) {
    if (err instanceof AuditInputError) throw new UsageError(err.message.replace('--regions', '--audit-regions'))
    throw err
  }
}

/** The server's own address as a loopback URL its scheduled audits call. */
function loopbackEndpoint(address: AddressInfo | string | null, isHttps: boolean): string {
  if (address === null || typeof address === 'string') throw new Error('trawl serve is not listening on a TCP port')
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address
  return `${isHttps ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${address.port}`
}

/** Registers `trawl serve`. */
export function serveCommand(program: Command): void {
  withInstanceOptions(
    program
      .command('serve')
      .description('Serve the Macie2 API (aws macie2 … --endpoint-url, the AWS SDKs) with the job scheduler, on the data folder.')
      .option('--host <host>', 'address to listen on (TRAWL_HOST)', process.env.TRAWL_HOST ?? '127.0.0.1')
      .option('--port <port>', 'port to listen on (TRAWL_PORT)', process.env.TRAWL_PORT ?? '8080')
      .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM)')
      .option('--tls-key <file>', 'and this private key (PEM)')
      .option('--discovery-interval <duration>', 'how often automated sensitive data discovery samples each enabled account (TRAWL_DISCOVERY_INTERVAL; Macie: daily)', process.env.TRAWL_DISCOVERY_INTERVAL ?? '1d')
      .option('--audit-interval <duration>', 'audit every account against the compliance rules this often, keeping the results as history (TRAWL_AUDIT_INTERVAL; default: off)', process.env.TRAWL_AUDIT_INTERVAL)
      .option('--audit-regions <regions>', 'comma-separated regions the scheduled audits cover (TRAWL_AUDIT_REGIONS; default: every region that offers Macie)', process.env.TRAWL_AUDIT_REGIONS)
      .option('--audit-retention <duration>', 'how long scheduled audits\' results are kept (TRAWL_AUDIT_RETENTION)', process.env.TRAWL_AUDIT_RETENTION ?? DEFAULT_AUDIT_RETENTION),
  ).action(async (opts: ServeOptions) => {
    const port = Number(opts.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number')
    if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) throw new UsageError('--tls-cert and --tls-key go together')
    const discoveryIntervalMs = durationMs(opts.discoveryInterval, '--discovery-interval')
    const auditSchedule = auditScheduleOf(opts)
    const https = opts.tlsCert && opts.tlsKey ? { cert: await readFile(opts.tlsCert), key: await readFile(opts.tlsKey) } : undefined
    const [{ buildApp }, { credentialLookup, loadApiCredentials }, { FindingsPublisher }] = await Promise.all([
      import('../../api/app.js'),
      import('../../api/credentials.js'),
      import('../../publish/publisher.js'),
    ])
    const trawl = await openInstance(opts)
    try {
      const { accounts, created } = await loadApiCredentials(trawl.dataDir, process.env, opts.config ?? process.env.TRAWL_CONFIG)
      for (const a of accounts) await trawl.store.accounts.ensure(a.accountId)
      const app = buildApp({ store: trawl.store, jobs: trawl.jobs, keyring: trawl.keyring, sourceFor: trawl.sourceFor, accountIds: [...new Set(accounts.map((a) => a.accountId))] }, credentialLookup(accounts), https ? { https } : {})
      const address = await app.listen({ host: opts.host, port })
      trawl.jobs.enableAutomatedDiscovery(discoveryIntervalMs)
      trawl.jobs.start()
      // Loaded only when scheduled audits are on: the auditor brings the S3 and KMS clients with it.
      let audits: { close(): Promise<void> } | undefined
      if (auditSchedule) {
        const { AuditSchedule } = await import('../audit-schedule.js')
        const schedule = new AuditSchedule({
          ...auditSchedule,
          endpoint: loopbackEndpoint(app.server.address(), Boolean(https)),
          ...(https ? { tlsCert: https.cert } : {}),
          accounts,
          history: trawl.store.auditHistory,
          sourceFor: trawl.sourceFor,
          log: (line) => process.stderr.write(`${line}\n`),
        })
        schedule.start()
        audits = schedule
      }
      // Findings go to the account's webhooks from the accounts file, else to TRAWL_WEBHOOK_URL. The
      // publisher runs even without webhooks: it is what clears the events findings leave.
      const fallback = process.env.TRAWL_WEBHOOK_URL ? [{ url: process.env.TRAWL_WEBHOOK_URL, ...(process.env.TRAWL_WEBHOOK_SECRET ? { secret: process.env.TRAWL_WEBHOOK_SECRET } : {}) }] : []
      const webhooks = new Map(accounts.filter((a) => a.webhooks).map((a) => [a.accountId, a.webhooks!]))
      const publisher = new FindingsPublisher({ store: trawl.store, webhooksFor: (scope) => webhooks.get(scope.accountId) ?? fallback })
      // Ticks never overlap (the publisher skips one while another runs).
      const publishTimer = setInterval(() => {
        publisher.tick().catch((err: unknown) => process.stderr.write(`trawl serve: findings publication: ${(err as Error).message}\n`))
      }, PUBLISH_EVERY_MS)
      const endpoint = address.replace('[::1]', 'localhost')
      process.stderr.write(`trawl serve: the Macie2 API is at ${endpoint} (data folder ${trawl.dataDir})\n`)
      if (created) {
        process.stderr.write(
          `trawl serve: created account ${created.accountId} with access key ${created.accessKeyId}; its secret is in ${trawl.dataDir}/credentials.json\n` +
            `  AWS_ACCESS_KEY_ID=${created.accessKeyId} AWS_SECRET_ACCESS_KEY=… aws macie2 get-macie-session --endpoint-url ${endpoint} --region us-east-1\n`,
        )
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve)
        process.once('SIGTERM', resolve)
      })
      process.stderr.write('trawl serve: stopping; runs in progress resume on the next start\n')
      clearInterval(publishTimer)
      // Before the API closes: an audit cut short is dropped rather than stored as errors.
      await audits?.close()
      await app.close()
      await publisher.close()
    } finally {
      await trawl.close()
    }
  })
}
