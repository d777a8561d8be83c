// The embedded store: one SQLite file through better-sqlite3, WAL mode, the shared Kysely
// implementation on top. What is SQLite-only (pragmas, the planner's statistics) stays here.
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { createKyselyStore } from '../kysely-store.js'
import { migrateToLatest, type Database as StoreDatabase } from '../schema.js'
import type { Store } from '../types.js'

// How long a writer waits for another connection's write lock (worker threads, the CLI) before
// SQLITE_BUSY; commits here take milliseconds, so this is only reached when something is stuck.
const BUSY_TIMEOUT_MS = 10_000

/**
 * Opens (creating and migrating it if needed) the SQLite store in a file, or in memory.
 * @example
 * const store = await openSqliteStore(':memory:')
 * await store.close()
 */
export async function openSqliteStore(file: string | ':memory:'): Promise<Store> {
  const sqlite = new Database(file, { timeout: BUSY_TIMEOUT_MS })
  try {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    // NORMAL in WAL mode: a power cut may lose the last commits, never corrupt the file.
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
    // 64 MiB of page cache instead of 2: the findings indexes of a large scope stay in memory.
    sqlite.pragma('cache_size = -65536')
  } catch (err) {
    sqlite.close()
    throw err
  }
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: sqlite }) })
  try {
    await migrateToLatest(db)
    refreshStatistics(sqlite)
  } catch (err) {
    await db.destroy()
    throw err
  }
  return createKyselyStore(db, 'sqlite')
}

/**
 * Recomputes the planner's statistics of the findings tables when their size has changed
 * twofold since the last time. The planner needs them to choose between the findings indexes
 * (a bucket filter vs a sort order); SQLite's sampled ANALYZE (PRAGMA optimize) reads only the
 * first rows of each index, which in these (account, region, …) indexes all share one scope,
 * and its figures led to plans 100× slower. A full ANALYZE of 1M findings takes a few seconds.
 */
function refreshStatistics(sqlite: Database.Database): void {
  const rows = (sqlite.prepare("select count(*) as n from findings").get() as { n: number }).n
  if (rows < 1000) return
  // The rows counted when last analysed, by the least recently analysed index: an index a later
  // migration added has no statistics yet, which counts as never.
  let analyzed = 0
  try {
    const indexes = sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'findings' and name not like 'sqlite_%'").pluck().all() as string[]
    const stats = new Map((sqlite.prepare("select idx, stat from sqlite_stat1 where tbl = 'findings'").all() as Array<{ idx: string; stat: string }>).map((r) => [r.idx, r.stat]))
    analyzed = Math.min(...indexes.map((name) => Number(stats.get(name)?.split(' ')[0] ?? 0)))
  } catch {
    analyzed = 0 // no sqlite_stat1 table yet
  }
  if (analyzed === 0 || rows > 2 * analyzed || rows < analyzed / 2) sqlite.exec('analyze findings; analyze finding_values')
}
