// Runs a scan over many objects on worker threads (or in this thread), one object per task,
// a couple in flight per worker, records handed back as they complete. A worker that dies (an
// object exhausted its heap: FILE_EXCEEDS_SIZE_LIMIT) or hangs past the time limit
// (TIME_CUT_OFF_REACHED) is replaced: the object it was reading gets a SKIPPED record, the
// objects queued behind it are sent again, none is lost or scanned twice.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { buildDetector, type BuiltDetector, type ScanConfig } from './config.js'
import { recordContextOf, scanTarget, type ScanTarget } from './scan-target.js'
import { buildResultRecord, skippedOutcome, type ResultRecord } from './record.js'

/** How a scan runs. */
export interface RunOptions<T extends ScanTarget = ScanTarget> {
  /** Worker threads; 0 scans in the calling thread. */
  workers: number
  onRecord(record: ResultRecord, object: T): void
  /**
   * An object that could not be read for a reason that is not the object's (network, store):
   * without this handler the scan fails; with it, the scan goes on without the object.
   */
  onFailure?(object: T, message: string): void
}

/** What `scan` calls back. */
export type ScanCallbacks<T extends ScanTarget> = Pick<RunOptions<T>, 'onRecord' | 'onFailure'>

const IN_FLIGHT = 2
/**
 * Heap one worker may use by default; an object that needs more kills only its worker. It also
 * makes V8 collect before a worker's memory passes trawl's bound of 256 MiB per scan.
 */
export const DEFAULT_WORKER_HEAP_MB = 192
/** A worker silent this long past an object's time limit is stuck in synchronous code. */
const HANG_GRACE_MS = 30_000

type Reply = { ready: true } | { seq: number; member?: ResultRecord; record?: ResultRecord; error?: string }

interface Slot {
  worker: Worker
  /** The worker's own folder for spill files, removed with it (a killed worker cannot clean up). */
  tempDir: string
  /** Objects sent to this worker, in the order it reads them. */
  queue: number[]
  /** When the worker started its current object. */
  since: number
}

/** Long-lived worker threads that each hold a compiled detector for one configuration. */
export class ScanPool {
  private readonly slots: Slot[] = []
  private ready: Promise<void>
  private onReply: (slot: Slot, msg: Reply) => void = () => undefined
  private onDeath: (slot: Slot, why: string) => void = () => undefined
  private isClosing = false
  private readonly built: BuiltDetector

  /** Starts `size` workers; the configuration is validated first (throws InvalidInputError). */
  constructor(
    private readonly config: ScanConfig,
    size: number,
  ) {
    this.built = buildDetector(config)
    this.ready = Promise.all(Array.from({ length: Math.max(1, size) }, () => this.spawn().then((slot) => void this.slots.push(slot)))).then(() => undefined)
  }

  private spawn(): Promise<Slot> {
    const isSource = import.meta.url.endsWith('.ts')
    const url = new URL(`./worker${isSource ? '.ts' : '.js'}`, import.meta.url)
    const tempDir = mkdtempSync(join(this.config.tempDir ?? tmpdir(), 'trawl-worker-'))
    const workerData: ScanConfig = { ...this.config, tempDir }
    const options = { workerData, resourceLimits: { maxOldGenerationSizeMb: this.config.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB } }
    // Run from TypeScript sources (tests, benchmarks), a worker registers the TypeScript loader first.
    const worker = isSource
      ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}) })`, { ...options, eval: true })
      : new Worker(url, options)
    const slot: Slot = { worker, tempDir, queue: [], since: Date.now() }
    worker.once('exit', () => rmSync(tempDir, { recursive: true, force: true }))
    return new Promise<Slot>((resolve, reject) => {
      let isReady = false
      worker.on('message', (msg: Reply) => {
        if ('ready' in msg) {
          isReady = true
          resolve(slot)
        } else this.onReply(slot, msg)
      })
      worker.on('error', (err) => {
        if (!isReady) reject(err)
        else this.onDeath(slot, (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : err.message)
      })
      worker.on('exit', (code) => {
        if (!isReady) reject(new Error(`scan worker exited with code ${code}`))
        else if (!this.isClosing) this.onDeath(slot, `worker exited with code ${code}`)
      })
    })
  }

  /** Resolves once every worker has compiled its detector. */
  whenReady(): Promise<void> {
    return this.ready
  }

  /** Scans every object; resolves when all records have been handed to `onRecord`. */
  async scan<T extends ScanTarget>(objects: AsyncIterable<T>, callbacks: ScanCallbacks<T> | RunOptions<T>['onRecord']): Promise<void> {
    const { onRecord, onFailure } = typeof callbacks === 'function' ? { onRecord: callbacks, onFailure: undefined } : callbacks
    await this.ready
    const iterator = objects[Symbol.asyncIterator]()
    const pending = new Map<number, T>()
    const retry: number[] = []
    let isExhausted = false
    let seq = 0
    const limitMs = this.config.timeoutMs
    const watchdog =
      limitMs === undefined
        ? undefined
        : setInterval(() => {
            for (const slot of [...this.slots]) {
              if (slot.queue.length > 0 && Date.now() - slot.since > limitMs + HANG_GRACE_MS) this.onDeath(slot, 'timeout')
            }
          }, 1000)
    await new Promise<void>((resolveAll, rejectAll) => {
      let pulling = Promise.resolve()
      const send = (slot: Slot, s: number): void => {
        if (slot.queue.length === 0) slot.since = Date.now()
        slot.queue.push(s)
        slot.worker.postMessage({ seq: s, object: pending.get(s) })
      }
      const feed = (slot: Slot, inFlight = IN_FLIGHT): void => {
        pulling = pulling
          .then(async () => {
            if (!this.slots.includes(slot)) return
            while (slot.queue.length < inFlight && retry.length > 0) send(slot, retry.shift()!)
            while (!isExhausted && slot.queue.length < inFlight) {
              const next = await iterator.next()
              if (next.done) {
                isExhausted = true
                break
              }
              pending.set(seq, next.value)
              send(slot, seq++)
            }
            if (isExhausted && pending.size === 0) resolveAll()
          })
          .catch(rejectAll)
      }
      this.onReply = (slot, msg) => {
        if (!('seq' in msg)) return
        const object = pending.get(msg.seq)
        if (!object) return
        if (msg.member) return onRecord(msg.member, object)
        pending.delete(msg.seq)
        slot.queue.splice(slot.queue.indexOf(msg.seq), 1)
        slot.since = Date.now()
        if (msg.record) onRecord(msg.record, object)
        else if (onFailure) onFailure(object, msg.error ?? 'unknown error')
        else return rejectAll(new Error(`scanning ${object.path ?? `s3://${object.bucket}/${object.key}`} failed: ${msg.error}`))
        feed(slot)
      }
      // The object a dead worker was reading is recorded as not analysed; the rest go again.
      this.onDeath = (slot, why) => {
        const index = this.slots.indexOf(slot)
        if (index < 0) return
        this.slots.splice(index, 1)
        void slot.worker.terminate()
        const [current, ...queued] = slot.queue
        retry.push(...queued)
        if (current !== undefined) {
          const object = pending.get(current)!
          pending.delete(current)
          const reason = why === 'timeout' ? 'TIME_CUT_OFF_REACHED' : why === 'memory' ? 'FILE_EXCEEDS_SIZE_LIMIT' : 'UNABLE_TO_PARSE_FILE'
          onRecord(this.skipped(object, reason), object)
        }
        this.spawn().then((fresh) => {
          this.slots.push(fresh)
          feed(fresh)
        }, rejectAll)
      }
      // One object to each worker first, then the second: a few large objects spread over all.
      for (const slot of this.slots) feed(slot, 1)
      for (const slot of this.slots) feed(slot)
    }).finally(() => {
      if (watchdog) clearInterval(watchdog)
      this.onReply = () => undefined
      this.onDeath = () => undefined
    })
  }

  /** The record of an object whose worker died on it. */
  private skipped(object: ScanTarget, reason: string): ResultRecord {
    const { managedById, customById } = this.built
    return buildResultRecord(skippedOutcome(object, reason), recordContextOf(object, this.config), managedById, customById)
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.isClosing = true
    await this.ready.catch(() => undefined)
    await Promise.all(this.slots.map((s) => s.worker.terminate()))
  }
}

/**
 * Scans every object; resolves when all records have been handed to `onRecord`.
 * @example
 * await runScan(listLocalObjects(['data']), config, { workers: 2, onRecord: (r) => console.log(r.id) })
 */
export async function runScan<T extends ScanTarget>(objects: AsyncIterable<T>, config: ScanConfig, options: RunOptions<T>): Promise<void> {
  if (options.workers <= 0) {
    const built = buildDetector(config)
    for await (const object of objects) {
      let record: ResultRecord
      try {
        record = await scanTarget(object, config, built, (m) => options.onRecord(m, object))
      } catch (err) {
        if (!options.onFailure) throw err
        options.onFailure(object, (err as Error).message)
        continue
      }
      options.onRecord(record, object)
    }
    return
  }
  const pool = new ScanPool(config, options.workers)
  try {
    await pool.scan(objects, options)
  } finally {
    await pool.close()
  }
}
