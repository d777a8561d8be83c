// Runs a scan over many objects on worker threads (or in this thread), one object per task,
// a couple in flight per worker, records handed back as they complete.
import { Worker } from 'node:worker_threads'
import type { LocalObject } from '../sources/local.js'
import { buildDetector, type ScanConfig } from './config.js'
import { scanLocalObject } from './local-scan.js'
import type { ResultRecord } from './record.js'

/** How a scan runs. */
export interface RunOptions {
  /** Worker threads; 0 scans in the calling thread. */
  workers: number
  onRecord(record: ResultRecord, object: LocalObject): void
}

const IN_FLIGHT = 2

type Reply = { ready: true } | { seq: number; record?: ResultRecord; error?: string }

/** Long-lived worker threads that each hold a compiled detector for one configuration. */
export class ScanPool {
  private readonly workers: Worker[]
  private readonly ready: Promise<void>

  /** Starts `size` workers; the configuration is validated first (throws InvalidInputError). */
  constructor(
    private readonly config: ScanConfig,
    size: number,
  ) {
    buildDetector(config)
    const isSource = import.meta.url.endsWith('.ts')
    const url = new URL(`./worker${isSource ? '.ts' : '.js'}`, import.meta.url)
    // Run from TypeScript sources (tests, benchmarks), a worker registers the TypeScript loader first.
    this.workers = Array.from({ length: Math.max(1, size) }, () =>
      isSource
        ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}) })`, { eval: true, workerData: config })
        : new Worker(url, { workerData: config }),
    )
    this.ready = Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const onMessage = (msg: Reply): void => {
              if ('ready' in msg) {
                w.off('message', onMessage)
                w.off('error', reject)
                resolve()
              }
            }
            w.on('message', onMessage)
            w.once('error', reject)
          }),
      ),
    ).then(() => undefined)
  }

  /** Resolves once every worker has compiled its detector. */
  whenReady(): Promise<void> {
    return this.ready
  }

  /** Scans every object; resolves when all records have been handed to `onRecord`. */
  async scan(objects: AsyncIterable<LocalObject>, onRecord: RunOptions['onRecord']): Promise<void> {
    await this.ready
    const iterator = objects[Symbol.asyncIterator]()
    let exhausted = false
    let seq = 0
    const pending = new Map<number, LocalObject>()
    const listeners: Array<[Worker, (msg: Reply) => void, (err: Error) => void]> = []
    try {
      await new Promise<void>((resolveAll, rejectAll) => {
        let pulling = Promise.resolve()
        const inFlight = new Map<Worker, number>()
        const feed = (w: Worker): void => {
          pulling = pulling
            .then(async () => {
              while (!exhausted && (inFlight.get(w) ?? 0) < IN_FLIGHT) {
                const next = await iterator.next()
                if (next.done) {
                  exhausted = true
                  break
                }
                const s = seq++
                pending.set(s, next.value)
                inFlight.set(w, (inFlight.get(w) ?? 0) + 1)
                w.postMessage({ seq: s, object: next.value })
              }
              if (exhausted && pending.size === 0) resolveAll()
            })
            .catch(rejectAll)
        }
        for (const w of this.workers) {
          const onMessage = (msg: Reply): void => {
            if ('ready' in msg) return
            const object = pending.get(msg.seq)!
            pending.delete(msg.seq)
            inFlight.set(w, (inFlight.get(w) ?? 1) - 1)
            if (msg.record) onRecord(msg.record, object)
            else rejectAll(new Error(`scanning ${object.path} failed: ${msg.error}`))
            feed(w)
          }
          w.on('message', onMessage)
          w.on('error', rejectAll)
          listeners.push([w, onMessage, rejectAll])
          feed(w)
        }
      })
    } finally {
      for (const [w, onMessage, onError] of listeners) {
        w.off('message', onMessage)
        w.off('error', onError)
      }
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}

/**
 * Scans every object; resolves when all records have been handed to `onRecord`.
 * @example
 * await runScan(listLocalObjects(['data']), config, { workers: 2, onRecord: (r) => console.log(r.id) })
 */
export async function runScan(objects: AsyncIterable<LocalObject>, config: ScanConfig, options: RunOptions): Promise<void> {
  if (options.workers <= 0) {
    const built = buildDetector(config)
    for await (const object of objects) options.onRecord(await scanLocalObject(object, config, built), object)
    return
  }
  const pool = new ScanPool(config, options.workers)
  try {
    await pool.scan(objects, options.onRecord)
  } finally {
    await pool.close()
  }
}
