// The embedded trawl the job and findings commands work on: the data folder (its store and
// results keyring), the account and region they act as, and where that account's buckets are.
import { randomInt } from 'node:crypto'
import { availableParallelism, homedir } from 'node:os'
import { join, resolve } from 'node:path'
import type { RunEvent } from '../jobs/context.js'
import type { JobService } from '../jobs/service.js'
import type { Keyring } from '../results/keyring.js'
import type { SourceSpec } from '../sources/types.js'
import type { Scope, Store } from '../store/types.js'
import { UsageError } from './usage-error.js'

/** Options every store-backed command takes. */
export interface InstanceOptions {
  dataDir?: string
  accountId?: string
  region?: string
  bucketsDir?: string
  workers?: string
  config?: string
}

/** An open embedded trawl. */
export interface Instance {
  store: Store
  keyring: Keyring
  scope: Scope
  jobs: JobService
  /** Where the command's account's buckets are. */
  source: SourceSpec
  /** Where any account's buckets are: its own from the accounts file, else the default. */
  sourceFor(accountId: string): SourceSpec
  /** The data folder. */
  dataDir: string
  close(): Promise<void>
}

/** The data folder: `--data-dir`, else TRAWL_DATA_DIR, else ~/.trawl. */
export function dataDirOf(option?: string): string {
  return resolve(option ?? process.env.TRAWL_DATA_DIR ?? join(homedir(), '.trawl'))
}

/** Adds the options of store-backed commands. */
export function withInstanceOptions<T extends { option(flags: string, description: string): T }>(command: T): T {
  return command
    .option('--data-dir <dir>', 'data folder (default: TRAWL_DATA_DIR or ~/.trawl)')
    .option('--account-id <id>', 'account to act as (default: TRAWL_ACCOUNT_ID, else the data folder\'s account)')
    .option('--region <region>', 'region to act in (default: AWS_REGION, else us-east-1)')
    .option('--buckets-dir <dir>', 'a folder whose sub-folders are the buckets (default: TRAWL_BUCKETS_DIR, else S3 from the AWS environment)')
    .option('--config <file>', 'accounts file: accounts, key pairs, each account\'s buckets and webhooks (default: TRAWL_CONFIG, else <data-dir>/credentials.json)')
    .option('-w, --workers <n>', 'worker threads of a run')
}

/** The account commands act as: the option, TRAWL_ACCOUNT_ID, the store's first, or a new one. */
async function accountOf(store: Store, option?: string): Promise<string> {
  const given = option ?? process.env.TRAWL_ACCOUNT_ID
  if (given !== undefined) {
    if (!/^\d{12}$/.test(given)) throw new UsageError(`an account ID is 12 digits, not ${given}`)
    await store.accounts.ensure(given)
    return given
  }
  const [first] = await store.accounts.list()
  if (first) return first
  const created = String(randomInt(1e11, 1e12 - 1)).padStart(12, '0')
  await store.accounts.ensure(created)
  return created
}

/**
 * Opens the data folder (refused while another process holds it) with a job service on it.
 * @example
 * const trawl = await openInstance({ dataDir: '/tmp/trawl' }); await trawl.close()
 */
export async function openInstance(options: InstanceOptions, onEvent?: (event: RunEvent) => void): Promise<Instance> {
  // Loaded here, not at the top: `trawl scan` of local files starts without SQLite or the AWS SDK.
  const [{ openEmbeddedStore }, { Keyring }, { s3SpecFromEnv }, { JobService }, { readAccountsFile, sourcesOf }] = await Promise.all([
    import('../store/data-dir.js'),
    import('../results/keyring.js'),
    import('../sources/index.js'),
    import('../jobs/service.js'),
    import('../api/credentials.js'),
  ])
  const dir = dataDirOf(options.dataDir)
  const { store, dataDir } = await openEmbeddedStore(dir).catch((err: Error) => {
    throw new UsageError(err.message)
  })
  try {
    const keyring = await Keyring.open(dir)
    const accountId = await accountOf(store, options.accountId)
    const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'
    const bucketsDir = options.bucketsDir ?? process.env.TRAWL_BUCKETS_DIR
    const fallback: SourceSpec = bucketsDir ? { kind: 'folder', root: resolve(bucketsDir) } : s3SpecFromEnv()
    // TRAWL_ACCESS_KEY_ID replaces the accounts file for the API, so it does not give buckets either.
    const accounts = process.env.TRAWL_ACCESS_KEY_ID ? undefined : await readAccountsFile(dir, options.config ?? process.env.TRAWL_CONFIG)
    const sourceFor = sourcesOf(accounts, fallback)
    const source = sourceFor(accountId)
    const workers = options.workers === undefined ? Math.min(availableParallelism(), 8) : Number(options.workers)
    if (!Number.isInteger(workers) || workers < 1) throw new UsageError('--workers must be a whole number ≥ 1')
    const jobs = new JobService({ store, keyring, sourceFor, workers, ...(onEvent ? { onEvent } : {}) })
    return {
      store,
      keyring,
      scope: { accountId, region },
      jobs,
      source,
      sourceFor,
      dataDir: dir,
      async close() {
        await jobs.close()
        await store.close()
        await dataDir.release()
      },
    }
  } catch (err) {
    await store.close()
    await dataDir.release()
    throw err
  }
}
