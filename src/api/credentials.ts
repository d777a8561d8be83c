// The API's access keys: from TRAWL_* variables, or from <dataDir>/credentials.json, created on first start.
// It reads and writes that one file and never logs or echoes a secret; request signing lives in sigv4.ts.
import { randomBytes, randomInt } from 'node:crypto'
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { InvalidInputError } from '../errors.js'

/** One API key pair and the 12-digit account it acts for. */
export interface ApiAccount {
  accountId: string
  accessKeyId: string
  secretAccessKey: string
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
): Promise<{ accounts: ApiAccount[]; created?: ApiAccount }> {
  const path = join(dataDir, FILE_NAME)
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
  const accounts = file.accounts.map((entry: unknown, i) => {
    const a = (entry ?? {}) as Record<string, unknown>
    const account = { accountId: a.accountId, accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey }
    checkAccount(account, `${path}: accounts[${i}]`)
    if (seen.has(account.accessKeyId)) {
      throw new InvalidInputError(`${path}: accounts[${i}]: access key ID ${account.accessKeyId} is listed twice`)
    }
    seen.add(account.accessKeyId)
    return account
  })
  return { version: 1, accounts }
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
