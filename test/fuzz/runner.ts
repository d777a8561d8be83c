// Runs fuzz rounds: mutates a seed, scans each mutant in a worker thread (so that a mutant that
// loops forever, even in synchronous code, or exhausts the heap costs a terminated worker, not
// the test process), checks every outcome against Macie's result statuses and keeps failing
// mutants as regression fixtures. The mutations themselves are mutate.ts's.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { isLibraryStray } from '../../src/extract/stray-rejections.js'
import { DEFAULT_LIMITS, type ExtractLimits } from '../../src/extract/types.js'
import { buildDetector } from '../../src/scan/config.js'
import type { ObjectOutcome } from '../../src/scan/record.js'
import { scanObject } from '../../src/scan/scan-object.js'
import { createRng, findLayout, mutantSeed, mutate, type Layout, type Mutant } from './mutate.js'
import type { Seed } from './seeds.js'

/** Limits for fuzzing: Macie's, with memory bounds small enough that no mutant may legitimately exhaust memory. */
export const FUZZ_LIMITS: ExtractLimits = {
  ...DEFAULT_LIMITS,
  maxBufferedBytes: 32 * 1024 ** 2,
  maxExtractedBytes: 32 * 1024 ** 2,
  maxMemberBytes: 32 * 1024 ** 2,
  maxOoxmlPartBytes: 32 * 1024 ** 2,
}

/** Macie's result status reasons (MACIE.md §5.3). */
export const MACIE_REASONS: ReadonlySet<string> = new Set([
  'ARCHIVE_CONTAINS_UNPROCESSED_FILES',
  'ARCHIVE_EXCEEDS_SIZE_LIMIT',
  'ARCHIVE_NESTING_LEVEL_OVER_LIMIT',
  'ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT',
  'ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT',
  'FILE_EXCEEDS_SIZE_LIMIT',
  'INVALID_ENCRYPTION',
  'INVALID_KMS_KEY',
  'INVALID_OBJECT_STATE',
  'JSON_NESTING_LEVEL_OVER_LIMIT',
  'MALFORMED_FILE',
  'MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT',
  'NO_SUCH_BUCKET_AVAILABLE',
  'OBJECT_VERSION_MISMATCH',
  'OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT',
  'OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT',
  'PERMISSION_DENIED',
  'SOURCE_OBJECT_NO_LONGER_AVAILABLE',
  'TIME_CUT_OFF_REACHED',
  'UNABLE_TO_PARSE_FILE',
  'UNSUPPORTED_FILE_TYPE_EXCEPTION',
])

/** What a worker reports of one outcome (the tally reduced to its detection count). */
export interface OutcomeSummary {
  readonly filePath: string | null
  readonly status: string
  readonly reason: string | null
  readonly mimeType: string | null
  readonly detections: number
}

/** The result of scanning one file in the worker. */
export type ScanReport =
  | { kind: 'done'; outcome: OutcomeSummary; members: OutcomeSummary[]; uncaught: string[]; ms: number; printed?: string }
  | { kind: 'rejected'; error: string; uncaught: string[]; printed?: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'crashed'; error: string }

/** One file to scan: its key, its bytes, and how to cut them into chunks (0: one chunk). */
export interface ScanRequest {
  readonly key: string
  readonly bytes: Uint8Array
  readonly chunkSeed: number
}

interface WorkerOptions {
  readonly timeoutMs: number
  readonly tempDir: string
  readonly limits?: ExtractLimits
  /** Heap of the worker, in MiB; past it the worker dies and the scan counts as crashed. */
  readonly maxHeapMb?: number
}

function summarise(o: ObjectOutcome): OutcomeSummary {
  let detections = 0
  for (const e of o.tally?.entries.values() ?? []) detections += e.count
  return { filePath: o.embedded?.filePath ?? null, status: o.status, reason: o.reason, mimeType: o.mimeType, detections }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err)
}

/** Cuts `bytes` into chunks of random sizes drawn from `chunkSeed` (one chunk when it is 0). */
export function chunksOf(bytes: Buffer, chunkSeed: number): Buffer[] {
  if (chunkSeed === 0 || bytes.length === 0) return [bytes]
  const rng = createRng(chunkSeed)
  const chunks: Buffer[] = []
  const most = Math.max(1, rng.pick([1, 7, 64, 1024, Math.ceil(bytes.length / 3)]))
  for (let at = 0; at < bytes.length; ) {
    const n = rng.int(1, most)
    chunks.push(bytes.subarray(at, at + n))
    at += n
  }
  return chunks
}

/**
 * Checks a report against the invariants of a scan: it finished in time without throwing or
 * crashing, nothing went uncaught, and every outcome (the object's and each member's) has a
 * Macie status with a reason from Macie's list exactly when it is not COMPLETE.
 * @example
 * const problems = checkReport(await worker.scan({ key: 'a.csv', bytes, chunkSeed: 0 }))
 */
export function checkReport(report: ScanReport): string[] {
  if (report.kind === 'timeout') return [`no result within ${report.ms} ms (hang)`]
  if (report.kind === 'crashed') return [`worker crashed: ${report.error}`]
  const problems = report.uncaught.map((u) => `uncaught: ${u}`)
  if (report.printed) problems.push(`printed to the console: ${report.printed.slice(0, 500)}`)
  if (report.kind === 'rejected') return [...problems, `scanObject rejected: ${report.error}`]
  for (const o of [report.outcome, ...report.members]) {
    const who = o.filePath === null ? 'object' : `member ${JSON.stringify(o.filePath)}`
    if (o.status === 'COMPLETE') {
      if (o.reason !== null) problems.push(`${who}: COMPLETE with reason ${o.reason}`)
    } else if (o.status === 'PARTIAL' || o.status === 'SKIPPED') {
      if (o.reason === null || !MACIE_REASONS.has(o.reason)) problems.push(`${who}: ${o.status} with reason ${o.reason} (not one of Macie's)`)
    } else problems.push(`${who}: status ${o.status} is not one of Macie's`)
  }
  return problems
}

/** A worker thread that scans one file at a time, restarted after a hang or a crash. */
export class ScanWorker {
  private worker: Worker | undefined
  /** What the worker printed since the last scan ended (extractors must print nothing). */
  private printed = ''

  constructor(private readonly options: WorkerOptions) {}

  private start(): Promise<void> {
    // Workers do not inherit tsx's loader on Node 20: register it before loading this module.
    const api = import.meta.resolve('tsx/esm/api')
    const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}) })`
    const { maxHeapMb = 1024, limits = FUZZ_LIMITS, tempDir } = this.options
    const worker = new Worker(code, {
      eval: true,
      workerData: { isFuzzScanWorker: true, limits, tempDir, timeoutMs: this.options.timeoutMs },
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
      stdout: true,
      stderr: true,
    })
    const keep = (chunk: Buffer): void => {
      if (this.printed.length < 4096) this.printed += chunk.toString('utf8')
    }
    worker.stdout.on('data', keep)
    worker.stderr.on('data', keep)
    this.worker = worker
    return new Promise((resolve, reject) => {
      worker.once('message', () => resolve())
      worker.once('error', reject)
    })
  }

  /** Scans one file; never rejects (a hang, a crash or a rejection is what the report says). */
  async scan(request: ScanRequest): Promise<ScanReport> {
    if (!this.worker) {
      try {
        await this.start()
      } catch (err) {
        this.worker = undefined
        return { kind: 'crashed', error: `worker did not start: ${describe(err)}` }
      }
    }
    const worker = this.worker!
    const started = Date.now()
    return new Promise<ScanReport>((resolve) => {
      const finish = (report: ScanReport, isBroken: boolean): void => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        if (isBroken) {
          this.worker = undefined
          void worker.terminate()
        }
        resolve(report)
      }
      const onMessage = (report: ScanReport): void => {
        if (this.printed && report.kind !== 'timeout' && report.kind !== 'crashed') report.printed = this.printed
        this.printed = ''
        finish(report, false)
      }
      const onError = (err: Error): void => finish({ kind: 'crashed', error: describe(err) }, true)
      const onExit = (code: number): void => finish({ kind: 'crashed', error: `worker exited with code ${code}` }, true)
      const timer = setTimeout(() => finish({ kind: 'timeout', ms: Date.now() - started }, true), this.options.timeoutMs)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      worker.postMessage(request)
    })
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    await worker?.terminate()
  }
}

/** A mutant that broke an invariant, and how to make it again. */
export interface FuzzFailure {
  readonly seed: Seed
  readonly runSeed: number
  readonly round: number
  readonly bytes: Buffer
  readonly mutations: readonly string[]
  readonly problems: readonly string[]
}

/** How to fuzz one seed. */
export interface FuzzOptions {
  readonly worker: ScanWorker
  /** The run's seed: with the seed's name and a round, it determines each mutant. */
  readonly runSeed: number
  /** Rounds to run, [from, to). */
  readonly from: number
  readonly to: number
  /** Resident memory of the process (main thread and worker) the run must stay under. */
  readonly maxRssBytes: number
  /** Called after every round, e.g. to count outcomes or print progress. */
  readonly onRound?: (round: number, report: ScanReport) => void
}

/** The file name extensions of a key, from its first dot ('nested.tar.gz' → '.tar.gz'). */
export function extensionsOf(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1)
  const dot = name.indexOf('.')
  return dot === -1 ? '' : name.slice(dot)
}

/** Writes a failing mutant into `dir` as `<seed>-<runSeed>-<round><extensions>`; returns its path. */
export function saveFailure(dir: string, failure: FuzzFailure): string {
  const file = join(dir, `${failure.seed.name}-${failure.runSeed}-${failure.round}${extensionsOf(failure.seed.key)}`)
  writeFileSync(file, failure.bytes)
  return file
}

/** The mutant of one round: the same (runSeed, seed, round) always gives the same bytes and chunking. */
export function mutantOf(seed: Seed, runSeed: number, round: number, layout: Layout = findLayout(seed.bytes)): Mutant & { chunkSeed: number } {
  const rng = createRng(mutantSeed(runSeed, seed.name, round))
  const mutant = mutate(seed.bytes, rng, layout)
  return { ...mutant, chunkSeed: rng.next() < 0.3 ? rng.int(1, 0x7fffffff) : 0 }
}

/**
 * Mutates a seed for rounds [from, to) and scans each mutant; returns the mutants that broke an
 * invariant.
 * @example
 * const failures = await fuzzSeed(seed, { worker, runSeed: 1, from: 0, to: 100, maxRssBytes: 2 ** 30 })
 */
export async function fuzzSeed(seed: Seed, options: FuzzOptions): Promise<FuzzFailure[]> {
  const failures: FuzzFailure[] = []
  const layout = findLayout(seed.bytes)
  for (let round = options.from; round < options.to; round++) {
    const { bytes, mutations, chunkSeed } = mutantOf(seed, options.runSeed, round, layout)
    const report = await options.worker.scan({ key: seed.key, bytes, chunkSeed })
    const problems = checkReport(report)
    const rss = process.memoryUsage().rss
    if (rss > options.maxRssBytes) problems.push(`resident memory ${Math.round(rss / 2 ** 20)} MiB is over ${Math.round(options.maxRssBytes / 2 ** 20)} MiB`)
    options.onRound?.(round, report)
    if (problems.length === 0) continue
    failures.push({ seed, runSeed: options.runSeed, round, bytes, mutations, problems })
    // A worker past the memory bound is replaced, so one leak is not every later mutant's failure.
    if (rss > options.maxRssBytes) await options.worker.close()
  }
  return failures
}

/** The worker's side: builds the detector once, then scans each file it is sent. */
function serve(): void {
  const port = parentPort!
  const { limits, tempDir, timeoutMs } = workerData as { limits: ExtractLimits; tempDir: string; timeoutMs: number }
  const { detector } = buildDetector({ context: { accountId: '000000000000', region: 'us-east-1', jobId: 'fuzz' } })
  let uncaught: string[] = []
  process.on('uncaughtException', (err) => uncaught.push(`uncaughtException ${describe(err)}`))
  // Strays of PDF.js and hyparquet are dropped by the extractors' guard (stray-rejections.ts):
  // they cannot end a scan, so they are not failures; any other rejection is.
  process.on('unhandledRejection', (err) => {
    if (!isLibraryStray(err)) uncaught.push(`unhandledRejection ${describe(err)}`)
  })
  port.on('message', async (request: ScanRequest) => {
    const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength)
    const members: OutcomeSummary[] = []
    const started = Date.now()
    let report: ScanReport
    try {
      const outcome = await scanObject(
        () => Readable.from(chunksOf(bytes, request.chunkSeed)),
        { bucket: 'fuzz', key: request.key, size: bytes.length },
        // The deadline leaves the wall timeout a margin: a slow scan ends TIME_CUT_OFF_REACHED, not hung.
        { detector, limits, tempDir, deadline: started + Math.floor(timeoutMs * 0.8), onMember: (m) => members.push(summarise(m)) },
      )
      // Errors that surface a moment after the outcome (late stream events) still count.
      await new Promise((resolve) => setImmediate(resolve))
      report = { kind: 'done', outcome: summarise(outcome), members, uncaught, ms: Date.now() - started }
    } catch (err) {
      report = { kind: 'rejected', error: describe(err), uncaught }
    }
    uncaught = []
    port.postMessage(report)
  })
  port.postMessage('ready')
}

if (!isMainThread && (workerData as { isFuzzScanWorker?: boolean } | null)?.isFuzzScanWorker) serve()
