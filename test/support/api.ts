// Starts the Macie2 API (buildApp) on 127.0.0.1 for integration tests: a temporary folder of
// buckets, an in-memory SQLite store, a keyring, a job service, and SDK clients for test accounts.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EnableMacieCommand, Macie2Client } from '@aws-sdk/client-macie2'
import { buildApp } from '../../src/api/app.js'
import { credentialLookup, type ApiAccount } from '../../src/api/credentials.js'
import { JobService } from '../../src/jobs/service.js'
import { Keyring } from '../../src/results/keyring.js'
import type { SourceSpec } from '../../src/sources/types.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { Store } from '../../src/store/types.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

/** The first test account. */
export const ACCOUNT_A: ApiAccount = { accountId: '111122223333', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'secret-of-account-a-000000000000000000000' }
/** The second test account, which must never see the first's data. */
export const ACCOUNT_B: ApiAccount = { accountId: '444455556666', accessKeyId: 'AKIABBBBBBBBBBBBBBBB', secretAccessKey: 'secret-of-account-b-000000000000000000000' }

/** What a test file may change about the API it starts. */
export interface ApiOptions {
  /** Fills the folder of buckets (one subfolder a bucket) before the API starts. */
  buckets?: (root: string) => void
  /** Where an account's buckets are; by default every account reads the folder of buckets. */
  sourceFor?: (accountId: string, root: string) => SourceSpec
  /** Accounts the API knows (default ACCOUNT_A and ACCOUNT_B). */
  accounts?: ApiAccount[]
  /** Accounts that call EnableMacie once the API listens (default none). */
  enable?: ApiAccount[]
  /** Keeps the store in a file (`trawl.db` in the temporary folder) rather than in memory, for tests that read what it wrote. */
  storeOnDisk?: boolean
}

/** A running API and what it runs on. */
export interface RunningApi {
  endpoint: string
  store: Store
  jobs: JobService
  keyring: Keyring
  /** The temporary folder; the buckets are in its `buckets` folder. */
  dir: string
  /** The store's file, with `storeOnDisk`. */
  storeFile?: string
  /** A Macie2 client signing as an account, in a region (default us-east-1), with a secret (default its own). */
  client(who: ApiAccount, region?: string, secret?: string): Macie2Client
  /** Stops the API, the jobs and the store, and removes the temporary folder. */
  close(): Promise<void>
}

/**
 * Starts the API on a free loopback port over a new temporary folder of buckets.
 * @example
 * const api = await startApi({ enable: [ACCOUNT_A] })
 * await api.client(ACCOUNT_A).send(new ListClassificationJobsCommand({}))
 * await api.close()
 */
export async function startApi(options: ApiOptions = {}): Promise<RunningApi> {
  const dir = mkdtempSync(join(tmpdir(), 'trawl-api-'))
  const root = join(dir, 'buckets')
  mkdirSync(root)
  let store: Store | undefined
  let jobs: JobService | undefined
  let app: ReturnType<typeof buildApp> | undefined
  const close = async (): Promise<void> => {
    await app?.close()
    await jobs?.close()
    await store?.close()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    options.buckets?.(root)
    const storeFile = options.storeOnDisk ? join(dir, 'trawl.db') : undefined
    store = await openSqliteStore(storeFile ?? ':memory:')
    const keyring = await Keyring.open(join(dir, 'data'))
    const custom = options.sourceFor
    const sourceFor = (accountId: string): SourceSpec => (custom ? custom(accountId, root) : { kind: 'folder', root })
    jobs = new JobService({ store, keyring, workers: 1, sourceFor })
    const accounts = options.accounts ?? [ACCOUNT_A, ACCOUNT_B]
    app = buildApp({ store, jobs, keyring, sourceFor, accountIds: [...new Set(accounts.map((a) => a.accountId))] }, credentialLookup(accounts))
    const endpoint = await app.listen({ host: '127.0.0.1', port: 0 })
    const client = (who: ApiAccount, region = 'us-east-1', secret = who.secretAccessKey): Macie2Client =>
      new Macie2Client({ endpoint, region, credentials: { accessKeyId: who.accessKeyId, secretAccessKey: secret }, maxAttempts: 1 })
    for (const who of options.enable ?? []) await client(who).send(new EnableMacieCommand({}))
    return { endpoint, store, jobs, keyring, dir, ...(storeFile ? { storeFile } : {}), client, close }
  } catch (err) {
    // A half-started API would keep the port, the workers and the folder after a failed before().
    await close()
    throw err
  }
}
