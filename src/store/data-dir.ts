// The data folder of an embedded instance: the SQLite database and the lock that lets one process
// hold the folder. The lock is an OS file lock (SQLite's, on `trawl.lock`), so it dies with its
// process: a folder left by a killed process is taken over, a live holder refuses the next one.
// `trawl.pid` only names the holder for the refusal message; it is never trusted for the lock.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { openSqliteStore } from './sqlite/sqlite-store.js'
import type { Store } from './types.js'

/** An opened data folder, held by this process until `release()`. */
export interface DataDir {
  dir: string
  dbPath: string
  lockPath: string
  release(): Promise<void>
}

const DB_FILE = 'trawl.db'
const LOCK_FILE = 'trawl.lock'
const PID_FILE = 'trawl.pid'

async function holderPid(dir: string): Promise<string> {
  try {
    const text = (await readFile(join(dir, PID_FILE), 'utf8')).trim()
    return /^\d+$/.test(text) ? text : 'unknown'
  } catch {
    return 'unknown'
  }
}

/**
 * Creates the folder if needed (mode 0700) and takes its exclusive lock; refuses with an Error
 * naming the folder and the holder's PID while another process (or this one) holds it.
 * @example
 * const dataDir = await openDataDir('/var/lib/trawl')
 * await dataDir.release()
 */
export async function openDataDir(dir: string): Promise<DataDir> {
  const folder = resolve(dir)
  await mkdir(folder, { recursive: true, mode: 0o700 })
  const lockPath = join(folder, LOCK_FILE)
  const pidPath = join(folder, PID_FILE)
  // The lock is an EXCLUSIVE transaction kept open on an empty database: SQLite takes an fcntl
  // lock, which the OS drops when the process ends however it ends. Never open this file with
  // node:fs in this process: closing any descriptor of it would drop POSIX locks on it.
  const lock = new Database(lockPath, { timeout: 0 })
  try {
    lock.exec('BEGIN EXCLUSIVE')
  } catch (err) {
    lock.close()
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err
    const pid = await holderPid(folder)
    throw new Error(
      `The data folder ${folder} is in use by another trawl process (PID ${pid}). ` +
        'Stop that process, or give this one another data folder.',
    )
  }
  await writeFile(pidPath, `${process.pid}\n`, { mode: 0o600 })
  let isHeld = true
  return {
    dir: folder,
    dbPath: join(folder, DB_FILE),
    lockPath,
    async release() {
      if (!isHeld) return
      isHeld = false
      // The PID file goes first, so it never outlives the lock and names a process that left.
      await rm(pidPath, { force: true })
      lock.exec('ROLLBACK')
      lock.close()
    },
  }
}

/**
 * Opens the data folder and the SQLite store inside it. Close the store, then release the folder.
 * @example
 * const { store, dataDir } = await openEmbeddedStore('/var/lib/trawl')
 * await store.close()
 * await dataDir.release()
 */
export async function openEmbeddedStore(dir: string): Promise<{ store: Store; dataDir: DataDir }> {
  const dataDir = await openDataDir(dir)
  try {
    return { store: await openSqliteStore(dataDir.dbPath), dataDir }
  } catch (err) {
    await dataDir.release()
    throw err
  }
}
