// `trawl serve`: the Macie2 API, the job scheduler and the workers in one process, on the
// embedded store. Stops gracefully on SIGINT/SIGTERM: runs in progress commit what is in
// flight and resume on the next start.
import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { openInstance, withInstanceOptions, type InstanceOptions } from '../instance.js'
import { UsageError } from '../usage-error.js'

interface ServeOptions extends InstanceOptions {
  host: string
  port: string
  tlsCert?: string
  tlsKey?: string
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
      .option('--tls-key <file>', 'and this private key (PEM)'),
  ).action(async (opts: ServeOptions) => {
    const port = Number(opts.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number')
    if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) throw new UsageError('--tls-cert and --tls-key go together')
    const https = opts.tlsCert && opts.tlsKey ? { cert: await readFile(opts.tlsCert), key: await readFile(opts.tlsKey) } : undefined
    const [{ buildApp }, { credentialLookup, loadApiCredentials }] = await Promise.all([import('../../api/app.js'), import('../../api/credentials.js')])
    const trawl = await openInstance(opts)
    try {
      const { accounts, created } = await loadApiCredentials(trawl.dataDir, process.env, opts.config ?? process.env.TRAWL_CONFIG)
      for (const a of accounts) await trawl.store.accounts.ensure(a.accountId)
      const app = buildApp({ store: trawl.store, jobs: trawl.jobs, keyring: trawl.keyring, sourceFor: trawl.sourceFor, accountIds: [...new Set(accounts.map((a) => a.accountId))] }, credentialLookup(accounts), https ? { https } : {})
      const address = await app.listen({ host: opts.host, port })
      trawl.jobs.start()
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
      await app.close()
    } finally {
      await trawl.close()
    }
  })
}
