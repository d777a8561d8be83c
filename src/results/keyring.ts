// trawl's own master keys for discovery results a store cannot encrypt with SSE-KMS: the keyring
// file in the data folder, or keys given in TRAWL_RESULTS_KEY. It wraps data keys; it encrypts no data.
//
// Precedence: when TRAWL_RESULTS_KEY is set (base64 of 32 bytes; several keys separated by
// commas, newest first), its first key wraps and the file is never created or written; keys
// of an existing keyring file still unwrap, so files written before the move stay readable.
// Otherwise `<dataDir>/keyring.json` (mode 0600) is created on first use with one random
// 256-bit key; its newest key wraps and every listed key unwraps. Processes on several machines
// must share their keys (the same TRAWL_RESULTS_KEY, or a copy of the file) to read each
// other's results.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { InvalidInputError } from '../errors.js'

/** The environment variable that gives master keys from outside the data folder. */
export const RESULTS_KEY_ENV = 'TRAWL_RESULTS_KEY'

/** The keyring file's name inside the data folder. */
export const KEYRING_FILE = 'keyring.json'

const KEY_BYTES = 32
// RFC 3394 AES key wrap, default initial value: deterministic, integrity-checked, and with no
// nonce to run out of however many data keys one master key wraps.
const WRAP_CIPHER = 'id-aes256-wrap'
const WRAP_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex')

/** A master key and its ID. */
interface MasterKey {
  id: string
  key: Buffer
  createdAt?: string
}

/** The keyring file, as written: keys oldest first, the last one wraps. */
interface KeyringFile {
  version: 1
  keys: Array<{ id: string; createdAt: string; key: string }>
}

/** How to open a keyring. */
export interface KeyringOptions {
  /** Where TRAWL_RESULTS_KEY is read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>
  /** Whether a missing keyring file may be created (false for readers); default true. */
  canCreate?: boolean
}

/**
 * A key's ID: 16 hex digits of a hash of the key, so the same key given in the environment on
 * two machines has the same ID, and the ID says nothing usable about the key.
 */
function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('trawl results master key\0').update(key).digest('hex').slice(0, 16)
}

function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim()
  // Node's base64 decoder also takes the URL-safe alphabet, and skips what is not base64: check first.
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0)
  // The value itself is never put in the message: it is a secret.
  if (key.length !== KEY_BYTES) throw new InvalidInputError(`${where} is not the base64 of ${KEY_BYTES} bytes`)
  return key
}

function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code
}

/** Master keys that wrap and unwrap the data keys of envelope-encrypted results files. */
export class Keyring {
  private constructor(
    /** Keys oldest first; the last one wraps. */
    private keys: MasterKey[],
    /** The keyring file, when keys come from (or go to) one. */
    readonly path: string | undefined,
    /** Whether the wrapping key comes from TRAWL_RESULTS_KEY. */
    readonly isFromEnv: boolean,
  ) {}

  /**
   * Opens the keyring of a data folder (`<dataDir>/keyring.json`, created on first use) or the
   * keys of TRAWL_RESULTS_KEY; see the top of this file for precedence.
   * @example
   * const keyring = await Keyring.open(join(homedir(), '.trawl'))
   */
  static async open(dataDir: string, options: KeyringOptions = {}): Promise<Keyring> {
    const env = options.env ?? process.env
    const path = join(dataDir, KEYRING_FILE)
    const envValue = env[RESULTS_KEY_ENV]?.trim()
    if (envValue) {
      const envKeys = envValue.split(',').map((part, i) => {
        const key = decodeKey(part, `key ${i + 1} of ${RESULTS_KEY_ENV}`)
        return { id: keyIdOf(key), key }
      })
      const fileKeys = (await readKeyringFile(path)) ?? []
      const envIds = new Set(envKeys.map((k) => k.id))
      // Oldest first: file keys, then the environment's from last to first, so its first wraps.
      return new Keyring([...fileKeys.filter((k) => !envIds.has(k.id)), ...envKeys.reverse()], path, true)
    }
    const existing = await readKeyringFile(path)
    if (existing) return new Keyring(existing, path, false)
    if (options.canCreate === false) {
      throw new InvalidInputError(`no keyring at ${path} and ${RESULTS_KEY_ENV} is not set`)
    }
    await mkdir(dataDir, { recursive: true, mode: 0o700 })
    const created = await createKeyringFile(path, [newKey()])
    return new Keyring(created, path, false)
  }

  /**
   * A keyring held in memory only, from keys oldest first (the last one wraps).
   * @example
   * const keyring = Keyring.fromKeys([randomBytes(32)])
   */
  static fromKeys(keys: readonly Buffer[]): Keyring {
    if (keys.length === 0) throw new InvalidInputError('a keyring needs at least one key')
    return new Keyring(
      keys.map((key, i) => {
        if (key.length !== KEY_BYTES) throw new InvalidInputError(`key ${i + 1} is not ${KEY_BYTES} bytes`)
        return { id: keyIdOf(key), key: Buffer.from(key) }
      }),
      undefined,
      false,
    )
  }

  /** The ID of the key that wraps new data keys. */
  get currentKeyId(): string {
    return this.keys[this.keys.length - 1]!.id
  }

  /** Every key ID, oldest first. */
  get keyIds(): string[] {
    return this.keys.map((k) => k.id)
  }

  /** Where the keys come from, for messages. */
  describe(): string {
    if (this.isFromEnv) return this.path ? `${RESULTS_KEY_ENV} (and ${this.path} if present)` : RESULTS_KEY_ENV
    return this.path ?? 'an in-memory keyring'
  }

  /**
   * Wraps a 32-byte data key with the newest master key.
   * @example
   * const { keyId, wrapped } = keyring.wrap(randomBytes(32))
   */
  wrap(dataKey: Buffer): { keyId: string; wrapped: Buffer } {
    if (dataKey.length !== KEY_BYTES) throw new InvalidInputError(`a data key is ${KEY_BYTES} bytes, not ${dataKey.length}`)
    const master = this.keys[this.keys.length - 1]!
    const cipher = createCipheriv(WRAP_CIPHER, master.key, WRAP_IV)
    return { keyId: master.id, wrapped: Buffer.concat([cipher.update(dataKey), cipher.final()]) }
  }

  /**
   * Unwraps a data key with the listed master key `keyId`; fails clearly when the key is not in
   * the keyring or the wrapped bytes were altered.
   * @example
   * const dataKey = keyring.unwrap(keyId, wrapped)
   */
  unwrap(keyId: string, wrapped: Buffer): Buffer {
    const master = this.keys.find((k) => k.id === keyId)
    if (!master) throw new InvalidInputError(`master key ${keyId} is not in the keyring (${this.describe()})`)
    try {
      const decipher = createDecipheriv(WRAP_CIPHER, master.key, WRAP_IV)
      const dataKey = Buffer.concat([decipher.update(wrapped), decipher.final()])
      if (dataKey.length !== KEY_BYTES) throw new Error(`unwrapped ${dataKey.length} bytes`)
      return dataKey
    } catch (err) {
      throw new InvalidInputError(`the data key does not unwrap with master key ${keyId}: the file was altered`, { cause: err })
    }
  }

  /**
   * Adds a new random master key to the keyring file; it wraps from now on, older keys still
   * unwrap. Run it from one process at a time: two rotations at once can lose one of the keys.
   * @example
   * const newKeyId = await keyring.rotate()
   */
  async rotate(): Promise<string> {
    if (this.isFromEnv) throw new InvalidInputError(`the wrapping key comes from ${RESULTS_KEY_ENV}: put the new key first there`)
    const key = newKey()
    if (!this.path) {
      this.keys = [...this.keys, key]
      return key.id
    }
    // Re-read, so keys another process added since this one opened the file are kept.
    const current = (await readKeyringFile(this.path)) ?? this.keys
    const keys = [...current, key]
    const tmp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`
    await writeFile(tmp, serialize(keys), { mode: 0o600, flag: 'wx' })
    await rename(tmp, this.path)
    this.keys = keys
    return key.id
  }
}

function newKey(): MasterKey {
  const key = randomBytes(KEY_BYTES)
  return { id: keyIdOf(key), key, createdAt: new Date().toISOString() }
}

function serialize(keys: readonly MasterKey[]): string {
  const file: KeyringFile = {
    version: 1,
    keys: keys.map((k) => ({ id: k.id, createdAt: k.createdAt ?? new Date().toISOString(), key: k.key.toString('base64') })),
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

/** Reads the keyring file, or undefined when there is none; refuses one others can read. */
async function readKeyringFile(path: string): Promise<MasterKey[] | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined
    throw err
  }
  // As ssh does with private keys: keys others can read are not keys to trust or keep using.
  if (process.platform !== 'win32') {
    const { mode } = await stat(path)
    if ((mode & 0o077) !== 0) {
      throw new InvalidInputError(`${path} can be read by other users (mode ${(mode & 0o777).toString(8)}): run chmod 600 ${path}`)
    }
  }
  let parsed: Partial<KeyringFile>
  try {
    parsed = JSON.parse(text) as Partial<KeyringFile>
  } catch {
    // V8's message quotes the text around the error, here key material: left out.
    throw new InvalidInputError(`${path} is not a keyring: it is not JSON`)
  }
  if (parsed.version !== 1 || !Array.isArray(parsed.keys) || parsed.keys.length === 0) {
    throw new InvalidInputError(`${path} is not a version 1 keyring with at least one key`)
  }
  return parsed.keys.map((entry, i) => {
    const key = decodeKey(typeof entry?.key === 'string' ? entry.key : '', `key ${i + 1} of ${path}`)
    const id = keyIdOf(key)
    if (entry.id !== id) throw new InvalidInputError(`key ${i + 1} of ${path} has ID ${String(entry.id)}, but its key's ID is ${id}`)
    return { id, key, createdAt: entry.createdAt }
  })
}

/**
 * Creates the keyring file whole or not at all: written to a temporary file, then linked into
 * place, which fails when another process created it first (then that one's keys are used).
 */
async function createKeyringFile(path: string, keys: MasterKey[]): Promise<MasterKey[]> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(tmp, serialize(keys), { mode: 0o600, flag: 'wx' })
  try {
    await link(tmp, path)
    return keys
  } catch (err) {
    if (!isErrno(err, 'EEXIST')) throw err
    const theirs = await readKeyringFile(path)
    if (!theirs) throw err
    return theirs
  } finally {
    await unlink(tmp)
  }
}
