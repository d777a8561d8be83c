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

/**
 * Scans every object; resolves when all records have been handed to `onRecord`.
 * @example
 * await runScan(listLocalObjects(['data']), config, { workers: 2, onRecord: (r) => console.log(r.id) })
 */
export async function runScan(objects: AsyncIterable<LocalObject>, config: ScanConfig, options: RunOptions): Promise<void> {
  const built = buildDetector(config) // validates the configuration before any worker starts
  if (options.workers <= 0) {
    for await (const object of objects) options.onRecord(await scanLocalObject(object, config, built), object)
    return
  }
  const isSource = import.meta.url.endsWith('.ts')
  const url = new URL(`./worker${isSource ? '.ts' : '.js'}`, import.meta.url)
  // Run from TypeScript sources (tests, benchmarks), a worker registers the TypeScript loader first.
  const spawn = (): Worker =>
    isSource
      ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}) })`, { eval: true, workerData: config })
      : new Worker(url, { workerData: config })
  const iterator = objects[Symbol.asyncIterator]()
  let exhausted = false
  let seq = 0
  const pending = new Map<number, LocalObject>()
  const workers = Array.from({ length: options.workers }, spawn)
  try {
    await new Promise<void>((resolveAll, rejectAll) => {
      let pulling = Promise.resolve()
      const inFlight = new Map<Worker, number>()
      const feed = (w: Worker): void => {
        pulling = pulling.then(async () => {
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
        }).catch(rejectAll)
      }
      for (const w of workers) {
        w.on('message', (msg: { seq: number; record?: ResultRecord; error?: string }) => {
          const object = pending.get(msg.seq)!
          pending.delete(msg.seq)
          inFlight.set(w, (inFlight.get(w) ?? 1) - 1)
          if (msg.record) options.onRecord(msg.record, object)
          else rejectAll(new Error(`scanning ${object.path} failed: ${msg.error}`))
          feed(w)
        })
        w.on('error', rejectAll)
        feed(w)
      }
    })
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
}
