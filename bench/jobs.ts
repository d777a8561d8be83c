// Job throughput against what bounds it: for a set of many small objects and one of a few large
// ones, in moto, measures plain S3 GETs (what the server serves), the engine alone over a local
// copy (trawl's analysis, no network) and a ONE_TIME job through JobService (results to a
// KMS-encrypted repository in moto, a fresh SQLite store each run); medians of several runs.
// It also splits the job's time: phases, S3 requests and SQLite statements of the main thread,
// CPU of trawl and of moto, and what each kind of request costs moto.
// node --import tsx bench/jobs.ts [--small N] [--large N] [--large-mib M] [--workers W] [--runs R] [--seed S] [--json]
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { CreateBucketCommand, GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import Database from 'better-sqlite3'
import { managedIdentifiers } from '../src/detect/identifiers/index.js'
import { selectManagedIdentifiers } from '../src/detect/selection.js'
import type { JobContext, RunEvent } from '../src/jobs/context.js'
import { JobService } from '../src/jobs/service.js'
import { Keyring } from '../src/results/keyring.js'
import type { ScanConfig } from '../src/scan/config.js'
import { ScanPool } from '../src/scan/pool.js'
import { listLocalObjects } from '../src/sources/local.js'
import type { SourceSpec } from '../src/sources/types.js'
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import type { Scope } from '../src/store/types.js'
import { allSamples } from '../test/corpus/all-samples.js'
import { generateCorpus, parseCsv } from '../test/corpus/generate.js'
import { createRng, type Rng } from '../test/corpus/rng.js'
import { startMoto, TEST_CREDENTIALS, type RunningServer } from '../test/support/servers.js'

const MIB = 1024 * 1024
const KIB = 1024
const SCOPE: Scope = { accountId: '111122223333', region: 'us-east-1' }
const RESULTS_BUCKET = 'bench-results'
/** Size of the bench-corpus text the objects are cut from. */
const SOURCE_BYTES = 32 * MIB
/** Requests of each kind when measuring what moto takes per request. */
const COST_REQUESTS = 300
const UPLOADS_IN_FLIGHT = 16

const { values: args } = parseArgs({
  options: {
    small: { type: 'string', default: '2000' },
    large: { type: 'string', default: '4' },
    'large-mib': { type: 'string', default: '32' },
    workers: { type: 'string', default: '2' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
})
const workers = Number(args.workers)
const runs = Number(args.runs)
const usage = (message: string): never => {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}
for (const name of ['small', 'large', 'large-mib', 'workers', 'runs', 'seed'] as const) {
  if (!Number.isInteger(Number(args[name])) || Number(args[name]) < 0) usage(`--${name} must be a whole number, not ${args[name]}`)
}
if (workers < 1 || runs < 1) usage('--workers and --runs must be at least 1')
const log = (line: string): void => void process.stderr.write(`${line}\n`)

/** One object of a set: its key and bytes. */
interface BenchObject {
  key: string
  body: Buffer
}

/** A set of objects measured together, stored in one bucket and one local folder. */
interface BenchSet {
  name: 'small' | 'large'
  bucket: string
  objects: BenchObject[]
  bytes: number
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)]!
}

/** Calls `fn` on every item, at most `limit` at once. */
async function eachConcurrently<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      await fn(items[i]!, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}

// ---- data ---------------------------------------------------------------------------------------

function csvCell(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',')
}

/** The bench corpus's content by kind; its planted values and near misses come along. */
interface Source {
  tables: Array<{ header: string; rows: string[] }>
  jsonLines: string[]
  logLines: string[]
  proseLines: string[]
}

function loadSource(seed: number): Source {
  const corpus = generateCorpus({ seed, profile: 'bench', targetBytes: SOURCE_BYTES, samples: allSamples })
  const source: Source = { tables: [], jsonLines: [], logLines: [], proseLines: [] }
  for (const f of corpus.files) {
    if (f.key.endsWith('.csv')) {
      const [header, ...rows] = parseCsv(f.content)
      source.tables.push({ header: csvLine(header ?? []), rows: rows.map(csvLine) })
      continue
    }
    const lines = f.content.split('\n')
    if (lines.at(-1) === '') lines.pop()
    if (f.key.endsWith('.jsonl')) source.jsonLines.push(...lines)
    else if (f.key.endsWith('.log')) source.logLines.push(...lines)
    else if (!f.key.endsWith('.json')) source.proseLines.push(...lines)
  }
  return source
}

/** Reads lines of a list in order, from the start again when it runs out. */
function cursor(lines: readonly string[]): () => string {
  let i = 0
  return () => lines[i++ % lines.length]!
}

/** Lines from `next` until they make `target` bytes (at least one). */
function takeLines(next: () => string, target: number): string[] {
  const out: string[] = []
  let n = 0
  while (n < target || out.length === 0) {
    const line = next()
    out.push(line)
    n += Buffer.byteLength(line) + 1
  }
  return out
}

/** Lines with `line` put in their middle. */
function withLine(lines: string[], line: string): string[] {
  const at = Math.floor(lines.length / 2)
  return [...lines.slice(0, at), line, ...lines.slice(at)]
}

/**
 * Small CSV, JSON Lines, JSON, log and prose objects of 2–8 KiB, cut in order from the bench
 * corpus (its planted values, mostly of identifiers outside RECOMMENDED, and its near misses
 * come along), and one value of a RECOMMENDED identifier planted in every fourth object.
 */
function smallObjects(source: Source, rng: Rng, count: number): BenchObject[] {
  const recommended = new Set(selectManagedIdentifiers(managedIdentifiers, 'RECOMMENDED').map((i) => i.id))
  const samples = allSamples.filter((s) => recommended.has(s.id))
  const json = cursor(source.jsonLines)
  const logs = cursor(source.logLines)
  const prose = cursor(source.proseLines)
  let table = 0
  let row = 0
  const objects: BenchObject[] = []
  for (let i = 0; i < count; i++) {
    const target = rng.int(2 * KIB, 8 * KIB)
    const n = String(i + 1).padStart(5, '0')
    // 4 and 5 are coprime: the planted objects take every kind in turn.
    const sample = i % 4 === 1 ? rng.pick(samples) : undefined
    const labelled = (): string => {
      const { label, value } = sample!.labelled(rng)
      return JSON.stringify({ [label]: value })
    }
    let key: string
    let lines: string[]
    switch (i % 5) {
      case 0: {
        // Rows of one table under its own header: a column name is what makes a value reportable.
        const { header, rows } = source.tables[table % source.tables.length]!
        let taken: string[] = []
        let bytes = header.length + 1
        while (row < rows.length && (bytes < target || taken.length === 0)) {
          taken.push(rows[row]!)
          bytes += rows[row++]!.length + 1
        }
        if (row >= rows.length) [table, row] = [table + 1, 0]
        let head = header
        if (sample) {
          const { label, value } = sample.labelled(rng)
          const at = Math.floor(taken.length / 2)
          head = `${header},${csvCell(label)}`
          taken = taken.map((r, j) => `${r},${j === at ? csvCell(value) : ''}`)
        }
        key = `tables/inventory-${n}.csv`
        lines = [head, ...taken]
        break
      }
      case 1:
        key = `events/events-${n}.jsonl`
        lines = takeLines(json, target)
        if (sample) lines = withLine(lines, labelled())
        break
      case 2: {
        key = `exports/export-${n}.json`
        let entries = takeLines(json, target)
        if (sample) entries = withLine(entries, labelled())
        lines = [`{"export": {"part": ${i}, "entries": [`, entries.join(',\n'), ']}}']
        break
      }
      case 3:
        key = `logs/app-${n}.log`
        lines = takeLines(logs, target)
        if (sample) lines = withLine(lines, `2026-01-15T09:30:00Z INFO support ticket: ${sample.positive(rng).text}`)
        break
      default:
        key = `notes/note-${n}.txt`
        lines = takeLines(prose, target)
        if (sample) lines = withLine(lines, sample.positive(rng).text)
    }
    objects.push({ key, body: Buffer.from(`${lines.join('\n')}\n`) })
  }
  return objects
}

/** Large log files and CSV tables (alternately) of `mib` MiB each. */
function largeObjects(source: Source, count: number, mib: number): BenchObject[] {
  const biggest = [...source.tables].sort((a, b) => b.rows.length - a.rows.length)[0]!
  const logs = cursor(source.logLines)
  const tableRows = cursor(biggest.rows)
  const objects: BenchObject[] = []
  for (let i = 0; i < count; i++) {
    const n = String(i + 1).padStart(2, '0')
    if (i % 2 === 0) {
      objects.push({ key: `logs/app-large-${n}.log`, body: Buffer.from(`${takeLines(logs, mib * MIB).join('\n')}\n`) })
    } else {
      const rows = takeLines(tableRows, mib * MIB - biggest.header.length - 1)
      objects.push({ key: `tables/inventory-large-${n}.csv`, body: Buffer.from(`${[biggest.header, ...rows].join('\n')}\n`) })
    }
  }
  return objects
}

// ---- instruments --------------------------------------------------------------------------------

/** S3 requests the main thread sent while counting, by command, with their latencies. */
const s3Calls = new Map<string, number[]>()
let isCountingS3 = false

/** SQLite statements run while counting, and the main thread's time inside them. */
const sqlite = { statements: 0, ms: 0, isCounting: false }

// Instruments, not stand-ins: the real client and the real SQLite run; only calls are counted.
function instrument(): void {
  const s3 = S3Client.prototype as unknown as { send: (this: S3Client, command: object, ...rest: unknown[]) => Promise<unknown> }
  const send = s3.send
  s3.send = function (command, ...rest) {
    if (!isCountingS3) return send.call(this, command, ...rest)
    const t0 = performance.now()
    const name = command.constructor.name.replace(/Command$/, '')
    return send.call(this, command, ...rest).finally(() => {
      let list = s3Calls.get(name)
      if (!list) s3Calls.set(name, (list = []))
      list.push(performance.now() - t0)
    })
  }
  const probe = new Database(':memory:')
  const statement = Object.getPrototypeOf(probe.prepare('select 1')) as Record<'run' | 'get' | 'all' | 'iterate', (...a: unknown[]) => unknown>
  probe.close()
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = statement[method]
    statement[method] = function (this: unknown, ...a: unknown[]) {
      if (!sqlite.isCounting) return original.apply(this, a)
      const t0 = performance.now()
      try {
        return original.apply(this, a)
      } finally {
        sqlite.ms += performance.now() - t0
        sqlite.statements++
      }
    }
  }
}

/** The processes of the moto server listening on `port` (the shim's and Python's). */
function motoPids(port: string): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      if (argv.some((a) => a.endsWith('moto_server')) && argv.includes(port)) pids.push(Number(entry))
    } catch {
      // The process ended while the list was read.
    }
  }
  return pids
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/** CPU seconds the processes have used (user + system, all threads). */
function cpuSecondsOf(pids: readonly number[]): number {
  let ticks = 0
  for (const pid of pids) {
    try {
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // Gone: it used nothing more.
    }
  }
  return ticks / CLOCK_TICKS
}

/** CPU seconds of this process (every thread: the job's main thread and its scan workers). */
function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

// ---- measures -----------------------------------------------------------------------------------

/** The moto server's processes, once it runs. */
let motoPid: number[] = []

/** One timed pass over a set, with the cores trawl (this process, every thread) and moto used. */
interface Pass {
  seconds: number
  objectsPerS: number
  mibPerS: number
  trawlCores: number
  motoCores: number
}

/** Runs `fn` and times it as a pass over the set. */
async function timed<T>(set: BenchSet, fn: () => Promise<T>): Promise<{ pass: Pass; value: T }> {
  const cpu0 = ownCpuSeconds()
  const moto0 = cpuSecondsOf(motoPid)
  const t0 = performance.now()
  const value = await fn()
  const seconds = (performance.now() - t0) / 1000
  const pass: Pass = {
    seconds,
    objectsPerS: set.objects.length / seconds,
    mibPerS: set.bytes / MIB / seconds,
    trawlCores: (ownCpuSeconds() - cpu0) / seconds,
    motoCores: (cpuSecondsOf(motoPid) - moto0) / seconds,
  }
  return { pass, value }
}

/** GETs every object of the set, reading each body to its end, `workers` at once. */
async function measureS3Read(s3: S3Client, set: BenchSet): Promise<Pass> {
  let bytes = 0
  const { pass } = await timed(set, () =>
    eachConcurrently(set.objects, workers, async (o) => {
      const out = await s3.send(new GetObjectCommand({ Bucket: set.bucket, Key: o.key }))
      for await (const chunk of out.Body as AsyncIterable<Buffer>) bytes += chunk.length
    }),
  )
  if (bytes !== set.bytes) throw new Error(`S3 read ${bytes} bytes of ${set.name}, expected ${set.bytes}`)
  return pass
}

/**
 * The engine alone over the local copy, `workers` threads: runScan's own steps (start a pool,
 * scan, close it), inlined to time the pool start apart; the pass includes it, as the job's does.
 */
async function measureEngine(dir: string, set: BenchSet): Promise<Pass & { withFindings: number; poolStartS: number }> {
  const config: ScanConfig = { managedDataIdentifierSelector: 'RECOMMENDED', context: { ...SCOPE, jobId: 'bench' } }
  let records = 0
  let withFindings = 0
  let poolStartS = 0
  const { pass } = await timed(set, async () => {
    const t0 = performance.now()
    const pool = new ScanPool(config, workers)
    try {
      await pool.whenReady()
      poolStartS = (performance.now() - t0) / 1000
      await pool.scan(listLocalObjects([join(dir, set.bucket)]), (record) => {
        if (record.resourcesAffected.s3Object.embeddedFileDetails) return
        records++
        if (record.type) withFindings++
      })
    } finally {
      await pool.close()
    }
  })
  if (records !== set.objects.length) throw new Error(`the engine made ${records} records of ${set.objects.length} objects`)
  return { ...pass, withFindings, poolStartS }
}

/** Requests per second moto answers, by kind, `workers` at once (what a job's object costs it). */
interface RequestCosts {
  get: number
  /** GETs with many more at once: what moto serves at most. */
  getMany: number
  putSseKms: number
  head: number
  tagging: number
}

/** Requests at once for RequestCosts.getMany. */
const MANY_IN_FLIGHT = 16

async function measureRequestCosts(s3: S3Client, set: BenchSet, keyArn: string, run: number): Promise<RequestCosts> {
  const sample = set.objects.slice(0, COST_REQUESTS)
  // About the size of a small object's gzipped results file (its record is ~3 KB of JSON).
  const results = gzipSync(sample[0]!.body.subarray(0, 3000))
  const rate = async (fn: (o: BenchObject, i: number) => Promise<unknown>, inFlight = workers): Promise<number> => {
    const t0 = performance.now()
    await eachConcurrently(sample, inFlight, async (o, i) => void (await fn(o, i)))
    return sample.length / ((performance.now() - t0) / 1000)
  }
  const get = async (o: BenchObject): Promise<void> => {
    const out = await s3.send(new GetObjectCommand({ Bucket: set.bucket, Key: o.key }))
    await out.Body!.transformToByteArray()
  }
  return {
    get: await rate(get),
    getMany: await rate(get, MANY_IN_FLIGHT),
    putSseKms: await rate((_, i) =>
      s3.send(new PutObjectCommand({ Bucket: RESULTS_BUCKET, Key: `costs/${run}/${i}.jsonl.gz`, Body: results, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn })),
    ),
    head: await rate((o) => s3.send(new HeadObjectCommand({ Bucket: set.bucket, Key: o.key }))),
    tagging: await rate((o) => s3.send(new GetObjectTaggingCommand({ Bucket: set.bucket, Key: o.key }))),
  }
}

/** Where one job run's time went. */
interface JobSplit {
  /** Create to planned: listing, bucket posture, policy findings, the SSE-KMS probe. */
  planS: number
  /** Planned to the first object committed: the worker pool starting, the first reads. */
  firstObjectS: number
  /** First to last object committed. */
  objectsS: number
  /** Last object committed to the run's end. */
  finishS: number
  /** Main-thread S3 requests per object, by command (the GETs are the workers'). */
  requestsPerObject: Record<string, number>
  /** Median latency of each command, ms (queueing at moto included). */
  latencyMs: Record<string, number>
  sqliteStatementsPerObject: number
  /** Main-thread time inside SQLite statements, s. */
  sqliteS: number
  /** Share of the main thread's time not idle. */
  mainThreadBusy: number
}

async function measureJob(set: BenchSet, spec: SourceSpec, keyArn: string, run: number): Promise<Pass & { findings: number; split: JobSplit }> {
  const dir = mkdtempSync(join(tmpdir(), 'trawl-bench-job-'))
  const store = await openSqliteStore(join(dir, 'trawl.db'))
  let jobs: JobService | undefined
  try {
    const keyring = await Keyring.open(dir)
    await store.accounts.ensure(SCOPE.accountId)
    await store.exportConfigurations.put({ ...SCOPE, s3Destination: { bucketName: RESULTS_BUCKET, keyPrefix: `${set.name}-${run}/`, kmsKeyArn: keyArn } })
    const marks: { planned?: number; first?: number; last?: number } = {}
    const onEvent = (e: RunEvent): void => {
      if (e.kind === 'planned') marks.planned = performance.now()
      else if (e.kind === 'object') {
        marks.first ??= performance.now()
        marks.last = performance.now()
      } else if (e.kind === 'failure') log(`  job: an object could not be read: ${e.message}`)
    }
    const ctx: JobContext = { store, keyring, workers, sourceFor: () => spec, onEvent }
    const service = (jobs = new JobService(ctx))
    s3Calls.clear()
    Object.assign(sqlite, { statements: 0, ms: 0, isCounting: true })
    isCountingS3 = true
    const elu0 = performance.eventLoopUtilization()
    const t0 = performance.now()
    const { pass, value: jobId } = await timed(set, async () => {
      const { jobId } = await service.create(SCOPE, {
        clientToken: randomUUID(),
        jobType: 'ONE_TIME',
        name: `bench ${set.name} ${run}`,
        managedDataIdentifierSelector: 'RECOMMENDED',
        s3JobDefinition: { bucketDefinitions: [{ accountId: SCOPE.accountId, buckets: [set.bucket] }] },
      })
      await service.waitFor(jobId)
      return jobId
    })
    const t1 = performance.now()
    const elu = performance.eventLoopUtilization(elu0)
    isCountingS3 = false
    sqlite.isCounting = false

    const job = (await service.describe(SCOPE, jobId)) as { jobStatus?: string; lastRunErrorStatus?: { code?: string } }
    if (job.jobStatus !== 'COMPLETE' || job.lastRunErrorStatus?.code !== 'NONE') {
      throw new Error(`the ${set.name} job ended ${job.jobStatus} with error status ${job.lastRunErrorStatus?.code}`)
    }
    const [latest] = await store.runs.listForJob(jobId)
    const counts = await store.runObjects.counts(latest!.runId)
    if (counts.done !== set.objects.length) throw new Error(`the ${set.name} job analysed ${counts.done} objects of ${set.objects.length}`)
    const byType = await store.findings.statistics(SCOPE, { criterion: { 'classificationDetails.jobId': { eq: [jobId] } } }, 'type', {})
    const findings = byType.reduce((n, g) => n + g.count, 0)

    const n = set.objects.length
    const at = (mark: number | undefined): number => mark ?? t1
    const split: JobSplit = {
      planS: (at(marks.planned) - t0) / 1000,
      firstObjectS: (at(marks.first) - at(marks.planned)) / 1000,
      objectsS: (at(marks.last) - at(marks.first)) / 1000,
      finishS: (t1 - at(marks.last)) / 1000,
      requestsPerObject: Object.fromEntries([...s3Calls].map(([name, ms]) => [name, ms.length / n])),
      latencyMs: Object.fromEntries([...s3Calls].map(([name, ms]) => [name, median(ms)])),
      sqliteStatementsPerObject: sqlite.statements / n,
      sqliteS: sqlite.ms / 1000,
      mainThreadBusy: elu.utilization,
    }
    return { ...pass, findings, split }
  } finally {
    isCountingS3 = false
    sqlite.isCounting = false
    await jobs?.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

// ---- report -------------------------------------------------------------------------------------

/** Medians over the runs, and every run's figures. */
interface SetReport {
  set: string
  objects: number
  mib: number
  s3Read: { objectsPerS: number; mibPerS: number }
  engine: { objectsPerS: number; mibPerS: number }
  job: { objectsPerS: number; mibPerS: number }
  jobPerEngine: number
  jobPerS3Read: number
  /** Objects with a finding, in the job (and in the engine's records). */
  objectsWithFindings: { job: number; engine: number }
  poolStartS: number
  /** The engine's rates with its pool start taken out (medians). */
  engineWithoutPoolStart: { objectsPerS: number; mibPerS: number }
  /** Median cores used by trawl and by moto during each measure. */
  cores: Record<'s3Read' | 'engine' | 'job', { trawl: number; moto: number }>
  requestCosts?: RequestCosts
  /** Objects/s moto could give a job if it did nothing but serve its requests, one after another. */
  motoBoundObjectsPerS?: number
  split: JobSplit
  runs: { s3Read: Pass[]; engine: Pass[]; job: Pass[] }
}

function medianPass(passes: readonly Pass[]): { objectsPerS: number; mibPerS: number } {
  return { objectsPerS: median(passes.map((p) => p.objectsPerS)), mibPerS: median(passes.map((p) => p.mibPerS)) }
}

function coresOf(passes: readonly Pass[]): { trawl: number; moto: number } {
  return { trawl: median(passes.map((p) => p.trawlCores)), moto: median(passes.map((p) => p.motoCores)) }
}

/** Medians of each figure of the splits; per-command figures by command. */
function medianSplit(splits: readonly JobSplit[]): JobSplit {
  const of = (field: 'planS' | 'firstObjectS' | 'objectsS' | 'finishS' | 'sqliteStatementsPerObject' | 'sqliteS' | 'mainThreadBusy'): number => median(splits.map((s) => s[field]))
  const byCommand = (field: 'requestsPerObject' | 'latencyMs'): Record<string, number> => {
    const names = [...new Set(splits.flatMap((s) => Object.keys(s[field])))].sort()
    return Object.fromEntries(names.map((name) => [name, median(splits.map((s) => s[field][name] ?? 0))]))
  }
  return {
    planS: of('planS'),
    firstObjectS: of('firstObjectS'),
    objectsS: of('objectsS'),
    finishS: of('finishS'),
    requestsPerObject: byCommand('requestsPerObject'),
    latencyMs: byCommand('latencyMs'),
    sqliteStatementsPerObject: of('sqliteStatementsPerObject'),
    sqliteS: of('sqliteS'),
    mainThreadBusy: of('mainThreadBusy'),
  }
}

/** Requests a job makes per object, from the main thread; the rest are per bucket. */
const OBJECT_COMMANDS = new Set(['PutObject', 'HeadObject', 'GetObjectTagging', 'GetObject'])

function fmt(x: number, digits = 1): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

function cores(c: { trawl: number; moto: number }): string {
  return `${fmt(c.trawl, 2)} + ${fmt(c.moto, 2)}`
}

function formatTable(reports: readonly SetReport[]): string {
  const lines = [
    `jobs over moto: ${workers} worker threads, medians of ${runs} runs. S3 read: plain GETs of every object, ${workers} at once; ` +
      'engine: runScan over a local copy (pool start timed apart); job: a ONE_TIME job through JobService, results SSE-KMS to moto, a fresh SQLite store',
    '',
    '| set | objects | MiB | S3 read objects/s | S3 read MiB/s | engine objects/s | engine MiB/s | job objects/s | job MiB/s | job ÷ engine | job ÷ S3 read |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...reports.map(
      (r) =>
        `| ${r.set} | ${r.objects.toLocaleString('en-US')} | ${fmt(r.mib)} | ${fmt(r.s3Read.objectsPerS)} | ${fmt(r.s3Read.mibPerS)} | ` +
        `${fmt(r.engine.objectsPerS)} | ${fmt(r.engine.mibPerS)} | ${fmt(r.job.objectsPerS)} | ${fmt(r.job.mibPerS)} | ${fmt(r.jobPerEngine, 2)}× | ${fmt(r.jobPerS3Read, 2)}× |`,
    ),
  ]
  for (const r of reports) {
    const s = r.split
    const perObject = Object.entries(s.requestsPerObject).filter(([name]) => OBJECT_COMMANDS.has(name))
    const requests = perObject.map(([name, count]) => `${name} ${fmt(count, 2)} (${fmt(s.latencyMs[name] ?? NaN, 0)} ms)`)
    const bucketLevel = Object.entries(s.requestsPerObject)
      .filter(([name]) => !OBJECT_COMMANDS.has(name))
      .reduce((sum, [, count]) => sum + count * r.objects, 0)
    // Between the first and the last commit the job runs steadily; with a handful of objects that span says little.
    const steady = r.objects >= 100 ? ` (${fmt((r.objects - 1) / s.objectsS)} objects/s)` : ''
    lines.push(
      '',
      `${r.set}: ${r.objectsWithFindings.job.toLocaleString('en-US')} of ${r.objects.toLocaleString('en-US')} objects with findings ` +
        `(the engine's records: ${r.objectsWithFindings.engine.toLocaleString('en-US')})`,
      `  job time (medians): plan ${fmt(s.planS)} s, pool start and first object ${fmt(s.firstObjectS)} s, objects ${fmt(s.objectsS)} s${steady}, finish ${fmt(s.finishS)} s`,
      `  engine: a worker pool alone starts in ${fmt(r.poolStartS)} s (from TypeScript sources); without it the engine does ` +
        `${fmt(r.engineWithoutPoolStart.objectsPerS)} objects/s, ${fmt(r.engineWithoutPoolStart.mibPerS)} MiB/s`,
      `  main-thread S3 requests per object (median latency): ${requests.join(', ')}, and ${fmt(bucketLevel, 0)} for the bucket (listing, posture); ` +
        'the workers GET each object once',
      `  SQLite: ${fmt(s.sqliteStatementsPerObject)} statements per object, ${fmt(s.sqliteS, 2)} s on the main thread; ` +
        `the main thread busy ${fmt(s.mainThreadBusy * 100, 0)} % of the time`,
      `  cores used (of the machine's 2), trawl + moto: S3 read ${cores(r.cores.s3Read)}, engine ${cores(r.cores.engine)}, job ${cores(r.cores.job)}`,
    )
    if (r.requestCosts && r.motoBoundObjectsPerS !== undefined) {
      const c = r.requestCosts
      lines.push(
        `  moto alone, ${workers} at once: GET ${fmt(c.get, 0)}/s (${fmt(c.getMany, 0)}/s with ${MANY_IN_FLIGHT} at once), PUT with SSE-KMS ${fmt(c.putSseKms, 0)}/s, HEAD ${fmt(c.head, 0)}/s, GetObjectTagging ${fmt(c.tagging, 0)}/s ` +
          `→ the job's requests (a GET per object, and the main thread's per-object requests above) ` +
          `allow at most ~${fmt(r.motoBoundObjectsPerS, 0)} objects/s; the job reached ${fmt(r.job.objectsPerS / r.motoBoundObjectsPerS * 100, 0)} % of that`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}

// ---- main ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  instrument()
  const seed = Number(args.seed)
  log(`generating objects (seed ${seed})`)
  const source = loadSource(seed)
  const sets: BenchSet[] = []
  const small = smallObjects(source, createRng(seed), Number(args.small))
  const large = largeObjects(source, Number(args.large), Number(args['large-mib']))
  for (const [name, objects] of [['small', small], ['large', large]] as const) {
    if (objects.length > 0) sets.push({ name, bucket: `bench-${name}`, objects, bytes: objects.reduce((n, o) => n + o.body.length, 0) })
  }

  const dir = mkdtempSync(join(tmpdir(), 'trawl-bench-jobs-'))
  let moto: RunningServer | undefined
  let s3: S3Client | undefined
  try {
    moto = await startMoto()
    motoPid = motoPids(new URL(moto.endpoint).port)
    const client = { endpoint: moto.endpoint, region: SCOPE.region, credentials: TEST_CREDENTIALS }
    s3 = new S3Client({ ...client, forcePathStyle: true })
    const kms = new KMSClient(client)
    const keyArn = (await kms.send(new CreateKeyCommand({ Description: 'trawl bench results' }))).KeyMetadata!.Arn!
    kms.destroy()
    const spec: SourceSpec = { kind: 's3', endpoint: moto.endpoint, region: SCOPE.region, forcePathStyle: true, credentials: TEST_CREDENTIALS }
    await s3.send(new CreateBucketCommand({ Bucket: RESULTS_BUCKET }))
    for (const set of sets) {
      log(`uploading ${set.name}: ${set.objects.length} objects, ${fmt(set.bytes / MIB)} MiB`)
      await s3.send(new CreateBucketCommand({ Bucket: set.bucket }))
      const client = s3
      await eachConcurrently(set.objects, UPLOADS_IN_FLIGHT, async (o) => {
        await client.send(new PutObjectCommand({ Bucket: set.bucket, Key: o.key, Body: o.body }))
        const path = join(dir, set.bucket, ...o.key.split('/'))
        await mkdir(dirname(path), { recursive: true })
        await writeFile(path, o.body)
      })
    }

    const reports: SetReport[] = []
    for (const set of sets) {
      const measured = { s3Read: [] as Pass[], engine: [] as Pass[], job: [] as Pass[] }
      const splits: JobSplit[] = []
      const costs: RequestCosts[] = []
      const found = { job: [] as number[], engine: [] as number[], poolStartS: [] as number[] }
      for (let run = 1; run <= runs; run++) {
        const read = await measureS3Read(s3, set)
        const engine = await measureEngine(dir, set)
        if (set.name === 'small') costs.push(await measureRequestCosts(s3, set, keyArn, run))
        const job = await measureJob(set, spec, keyArn, run)
        measured.s3Read.push(read)
        measured.engine.push(engine)
        measured.job.push(job)
        splits.push(job.split)
        found.job.push(job.findings)
        found.engine.push(engine.withFindings)
        found.poolStartS.push(engine.poolStartS)
        log(`${set.name} run ${run}/${runs}: S3 read ${fmt(read.seconds)} s, engine ${fmt(engine.seconds)} s, job ${fmt(job.seconds)} s`)
      }
      const s3Read = medianPass(measured.s3Read)
      const engine = medianPass(measured.engine)
      const job = medianPass(measured.job)
      const report: SetReport = {
        set: set.name,
        objects: set.objects.length,
        mib: set.bytes / MIB,
        s3Read,
        engine,
        job,
        jobPerEngine: job.objectsPerS / engine.objectsPerS,
        jobPerS3Read: job.objectsPerS / s3Read.objectsPerS,
        objectsWithFindings: { job: median(found.job), engine: median(found.engine) },
        poolStartS: median(found.poolStartS),
        engineWithoutPoolStart: {
          objectsPerS: median(measured.engine.map((p, i) => set.objects.length / (p.seconds - found.poolStartS[i]!))),
          mibPerS: median(measured.engine.map((p, i) => set.bytes / MIB / (p.seconds - found.poolStartS[i]!))),
        },
        cores: {
          s3Read: coresOf(measured.s3Read),
          engine: coresOf(measured.engine),
          job: coresOf(measured.job),
        },
        split: medianSplit(splits),
        runs: measured,
      }
      if (costs.length > 0) {
        const c: RequestCosts = {
          get: median(costs.map((x) => x.get)),
          getMany: median(costs.map((x) => x.getMany)),
          putSseKms: median(costs.map((x) => x.putSseKms)),
          head: median(costs.map((x) => x.head)),
          tagging: median(costs.map((x) => x.tagging)),
        }
        // The job's own request mix, as measured: a GET per object, plus what the main thread sent.
        const perObject = report.split?.requestsPerObject ?? {}
        report.requestCosts = c
        report.motoBoundObjectsPerS =
          1 / (1 / c.get + (perObject.PutObject ?? 0) / c.putSseKms + (perObject.HeadObject ?? 0) / c.head + (perObject.GetObjectTagging ?? 0) / c.tagging)
      }
      reports.push(report)
    }
    if (args.json) process.stdout.write(`${JSON.stringify({ workers, runs, seed, sets: reports }, null, 2)}\n`)
    else process.stdout.write(formatTable(reports))
  } finally {
    s3?.destroy()
    await moto?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
