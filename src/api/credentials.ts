// The API's accounts: from TRAWL_* variables, or from the accounts file (--config / TRAWL_CONFIG, else
// <dataDir>/credentials.json, created on first start), which may also give each account its own
// buckets (an S3 endpoint with credentials, or a folder) and webhooks. It never logs or echoes a
// secret; request signing lives in sigv4.ts.
import { randomBytes, randomInt } from 'node:crypto'
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { InvalidInputError } from '../errors.js'
import type { SourceSpec } from '../sources/types.js'

/** A URL findings are posted to, and the secret their signatures are made with. */
export interface WebhookConfig {
  url: string
  secret?: string
}

/** One API key pair and the 12-digit account it acts for, with the account's buckets and webhooks when configured. */
export interface ApiAccount {
  accountId: string
  accessKeyId: string
  secretAccessKey: string
  /** Where the account's buckets are; absent: the server's default (the AWS environment or --buckets-dir). */
  buckets?: SourceSpec
  /** Where the account's findings are published. */
  webhooks?: WebhookConfig[]
}

interface CredentialsFile {
  version: 1
  accounts: ApiAccount[]
}

const FILE_NAME = 'credentials.json'
const ACCOUNT_ID = /^\d{12}$/
// The credential scope is slash-delimited and the Authorization header comma-delimited.
const ACCESS_KEY_ID = /^[A-Za-z0-9_.+=@-]{1,128}$/
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/**
 * Loads the API accounts: one from TRAWL_ACCESS_KEY_ID/TRAWL_SECRET_ACCESS_KEY (+ TRAWL_ACCOUNT_ID) when set,
 * otherwise all from `<dataDir>/credentials.json`, which is created with one new account on first start.
 *
 * `created` is set only when this call generated the file, so the caller can tell the user how to sign in.
 * @example
 * const { accounts, created } = await loadApiCredentials('/var/lib/trawl')
 * if (created) console.log(`export AWS_ACCESS_KEY_ID=${created.accessKeyId}`)
 */
export async function loadApiCredentials(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  configFile: string | undefined = nonEmpty(env.TRAWL_CONFIG),
): Promise<{ accounts: ApiAccount[]; created?: ApiAccount }> {
  const path = configFile ? resolve(configFile) : join(dataDir, FILE_NAME)
  const accessKeyId = nonEmpty(env.TRAWL_ACCESS_KEY_ID)
  const secretAccessKey = nonEmpty(env.TRAWL_SECRET_ACCESS_KEY)
  if (accessKeyId !== undefined || secretAccessKey !== undefined) {
    if (accessKeyId === undefined || secretAccessKey === undefined) {
      throw new InvalidInputError('TRAWL_ACCESS_KEY_ID and TRAWL_SECRET_ACCESS_KEY must be set together')
    }
    const accountId = nonEmpty(env.TRAWL_ACCOUNT_ID) ?? (await readCredentialsFile(path))?.accounts[0]?.accountId ?? newAccountId()
    const account = { accountId, accessKeyId, secretAccessKey }
    checkAccount(account, 'TRAWL_ACCOUNT_ID / TRAWL_ACCESS_KEY_ID')
    return { accounts: [account] }
  }

  const existing = await readCredentialsFile(path)
  if (existing) return { accounts: existing.accounts }
  if (configFile) throw new InvalidInputError(`the accounts file ${path} does not exist`)
  const created = newApiAccount()
  if (await writeCredentialsFileOnce(dataDir, path, { version: 1, accounts: [created] })) {
    return { accounts: [created], created }
  }
  // Another process created the file between our read and our write: use theirs.
  const raced = await readCredentialsFile(path)
  if (!raced) throw new InvalidInputError(`${path} disappeared while it was being created`)
  return { accounts: raced.accounts }
}

/**
 * The accounts file's accounts, without creating it: `configFile` (or TRAWL_CONFIG) when given, else
 * `<dataDir>/credentials.json`; undefined when there is none.
 * @example
 * const accounts = await readAccountsFile('/var/lib/trawl') // [{ accountId, accessKeyId, …, buckets? }] or undefined
 */
export async function readAccountsFile(dataDir: string, configFile: string | undefined = nonEmpty(process.env.TRAWL_CONFIG)): Promise<ApiAccount[] | undefined> {
  const path = configFile ? resolve(configFile) : join(dataDir, FILE_NAME)
  const file = await readCredentialsFile(path)
  if (!file && configFile) throw new InvalidInputError(`the accounts file ${path} does not exist`)
  return file?.accounts
}

/**
 * Where each account's buckets are: its own from the accounts file, else the default.
 * @example
 * const sourceFor = sourcesOf(accounts, { kind: 'folder', root: '/srv/buckets' })
 * sourceFor('111122223333') // that account's SourceSpec
 */
export function sourcesOf(accounts: readonly ApiAccount[] | undefined, fallback: SourceSpec): (accountId: string) => SourceSpec {
  const byAccount = new Map<string, SourceSpec>()
  for (const a of accounts ?? []) if (a.buckets && !byAccount.has(a.accountId)) byAccount.set(a.accountId, a.buckets)
  return (accountId) => byAccount.get(accountId) ?? fallback
}

/**
 * Builds the lookup that verifySigV4 calls with an access key ID.
 * @example
 * const lookup = credentialLookup([{ accountId: '111122223333', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' }])
 * lookup('AKIAEXAMPLE') // { secretAccessKey: 'secret', accountId: '111122223333' }
 */
export function credentialLookup(
  accounts: ApiAccount[],
): (accessKeyId: string) => { secretAccessKey: string; accountId: string } | undefined {
  const byKey = new Map(accounts.map((a) => [a.accessKeyId, { secretAccessKey: a.secretAccessKey, accountId: a.accountId }]))
  return (accessKeyId) => byKey.get(accessKeyId)
}

/** A new account with a key pair shaped like AWS's: `AKIA` + 16 base32 characters, a 40-character secret. */
function newApiAccount(): ApiAccount {
  const bytes = randomBytes(10)
  let bits = 0
  let value = 0
  let suffix = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      suffix += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  return {
    accountId: newAccountId(),
    accessKeyId: `AKIA${suffix}`,
    secretAccessKey: randomBytes(30).toString('base64'),
  }
}

function newAccountId(): string {
  return String(randomInt(0, 1_000_000_000_000)).padStart(12, '0')
}

async function readCredentialsFile(path: string): Promise<CredentialsFile | undefined> {
  let mode: number
  try {
    mode = (await stat(path)).mode
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  // As ssh does with private keys: a secret others can read is a secret already lost.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(4, '0')
    throw new InvalidInputError(
      `Permissions ${octal} for '${path}' are too open: the API credentials file must not be accessible by others. ` +
        `Run: chmod 600 '${path}'`,
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== undefined) throw err
    // JSON.parse quotes the text around the error, which may be a secret: say only where it is.
    throw new InvalidInputError(`${path} is not valid JSON`)
  }
  return validateFile(parsed, path)
}

function validateFile(parsed: unknown, path: string): CredentialsFile {
  const file = parsed as Partial<CredentialsFile> | null
  if (typeof file !== 'object' || file === null || file.version !== 1) {
    throw new InvalidInputError(`${path}: expected {"version": 1, "accounts": [...]}`)
  }
  if (!Array.isArray(file.accounts) || file.accounts.length === 0) {
    throw new InvalidInputError(`${path}: "accounts" must list at least one account`)
  }
  const seen = new Set<string>()
  const settingsOf = new Map<string, string>()
  const accounts = file.accounts.map((entry: unknown, i) => {
    const where = `${path}: accounts[${i}]`
    const a = (entry ?? {}) as Record<string, unknown>
    const account = { accountId: a.accountId, accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey }
    checkAccount(account, where)
    if (seen.has(account.accessKeyId)) {
      throw new InvalidInputError(`${where}: access key ID ${account.accessKeyId} is listed twice`)
    }
    seen.add(account.accessKeyId)
    const full: ApiAccount = { ...account }
    if (a.buckets !== undefined) full.buckets = bucketsOf(a.buckets, `${where}.buckets`, dirname(path))
    if (a.webhooks !== undefined) full.webhooks = webhooksOf(a.webhooks, `${where}.webhooks`)
    // Several key pairs may share an account; its buckets and webhooks are the account's, so they must agree.
    if (full.buckets || full.webhooks) {
      const settings = JSON.stringify([full.buckets, full.webhooks])
      const earlier = settingsOf.get(full.accountId)
      if (earlier !== undefined && earlier !== settings) {
        throw new InvalidInputError(`${where}: account ${full.accountId} is given other buckets or webhooks by an earlier entry`)
      }
      settingsOf.set(full.accountId, settings)
    }
    return full
  })
  return { version: 1, accounts }
}

const S3_KEYS = new Set(['endpoint', 'region', 'forcePathStyle', 'profile', 'accessKeyId', 'secretAccessKey', 'sessionToken'])

/** `{"folder": "<dir>"}` (relative to the file) or `{"s3": {endpoint?, region?, forcePathStyle?, profile?, accessKeyId?, secretAccessKey?, sessionToken?}}`. */
function bucketsOf(value: unknown, where: string, base: string): SourceSpec {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  const keys = Object.keys(v)
  if (keys.length === 1 && typeof v.folder === 'string' && v.folder !== '') return { kind: 'folder', root: resolve(base, v.folder) }
  if (keys.length !== 1 || typeof v.s3 !== 'object' || v.s3 === null) {
    throw new InvalidInputError(`${where}: expected {"folder": "<dir>"} or {"s3": {"endpoint": …, "accessKeyId": …, "secretAccessKey": …}}`)
  }
  const s3 = v.s3 as Record<string, unknown>
  for (const key of Object.keys(s3)) if (!S3_KEYS.has(key)) throw new InvalidInputError(`${where}.s3: unknown setting ${JSON.stringify(key)}`)
  const text = (key: string): string | undefined => {
    const x = s3[key]
    if (x === undefined) return undefined
    if (typeof x !== 'string' || x === '') throw new InvalidInputError(`${where}.s3.${key} must be a non-empty string`)
    return x
  }
  const spec: SourceSpec = { kind: 's3' }
  const endpoint = text('endpoint')
  if (endpoint !== undefined) {
    if (!/^https?:\/\/[^/]/.test(endpoint)) throw new InvalidInputError(`${where}.s3.endpoint must be an http(s) URL`)
    spec.endpoint = endpoint
  }
  const region = text('region')
  if (region !== undefined) spec.region = region
  const profile = text('profile')
  if (profile !== undefined) spec.profile = profile
  if (s3.forcePathStyle !== undefined) {
    if (typeof s3.forcePathStyle !== 'boolean') throw new InvalidInputError(`${where}.s3.forcePathStyle must be true or false`)
    spec.forcePathStyle = s3.forcePathStyle
  }
  const accessKeyId = text('accessKeyId')
  const secretAccessKey = text('secretAccessKey')
  const sessionToken = text('sessionToken')
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) throw new InvalidInputError(`${where}.s3: accessKeyId and secretAccessKey go together`)
  if (accessKeyId !== undefined && secretAccessKey !== undefined) spec.credentials = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }
  else if (sessionToken !== undefined) throw new InvalidInputError(`${where}.s3: sessionToken needs accessKeyId and secretAccessKey`)
  return spec
}

function webhooksOf(value: unknown, where: string): WebhookConfig[] {
  if (!Array.isArray(value)) throw new InvalidInputError(`${where} must be a list of {"url": …, "secret": …}`)
  return value.map((entry: unknown, i) => {
    const w = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>
    let url: URL | undefined
    try {
      url = typeof w.url === 'string' ? new URL(w.url) : undefined
    } catch {
      url = undefined
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new InvalidInputError(`${where}[${i}].url must be an http(s) URL`)
    if (w.secret !== undefined && (typeof w.secret !== 'string' || w.secret.length < 16)) {
      throw new InvalidInputError(`${where}[${i}].secret must be a string of at least 16 characters`)
    }
    return { url: url.href, ...(typeof w.secret === 'string' ? { secret: w.secret } : {}) }
  })
}

function checkAccount(
  a: { accountId: unknown; accessKeyId: unknown; secretAccessKey: unknown },
  where: string,
): asserts a is ApiAccount {
  if (typeof a.accountId !== 'string' || !ACCOUNT_ID.test(a.accountId)) {
    throw new InvalidInputError(`${where}: the account ID must be 12 digits`)
  }
  if (typeof a.accessKeyId !== 'string' || !ACCESS_KEY_ID.test(a.accessKeyId)) {
    throw new InvalidInputError(`${where}: the access key ID must be 1-128 letters, digits or _.+=@-`)
  }
  if (typeof a.secretAccessKey !== 'string' || a.secretAccessKey === '') {
    throw new InvalidInputError(`${where}: the secret access key must be a non-empty string`)
  }
}

/**
 * Writes the file with mode 0600 from the first byte, complete or not at all: a temporary file is
 * linked into place, which fails rather than overwrites when another process got there first.
 */
async function writeCredentialsFileOnce(dataDir: string, path: string, content: CredentialsFile): Promise<boolean> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  const handle = await open(tmp, 'wx', 0o600)
  try {
    await handle.writeFile(`${JSON.stringify(content, null, 2)}\n`)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await link(tmp, path)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  } finally {
    await unlink(tmp)
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}
