// Worker thread: compiles the detector once, then scans the objects it is sent, one at a time.
// The next object is already queued, and its read has begun, so the thread waits neither for the
// main thread nor for the store while it has work.
import { parentPort, workerData } from 'node:worker_threads'
import { buildDetector, type ScanConfig } from './config.js'
import { prepareTarget, scanTarget, type PreparedTarget, type ScanTarget } from './scan-target.js'

const config = workerData as ScanConfig
const built = buildDetector(config)
parentPort!.postMessage({ ready: true })

let queue = Promise.resolve()
parentPort!.on('message', (msg: { seq: number; object: ScanTarget }) => {
  const object = { ...msg.object, lastModified: new Date(msg.object.lastModified) }
  let prepared: PreparedTarget | undefined
  try {
    prepared = prepareTarget(object, config)
  } catch {
    // scanTarget meets the same error and reports it for this object.
  }
  queue = queue.then(() =>
    scanTarget(object, config, built, (member) => parentPort!.postMessage({ seq: msg.seq, member }), prepared).then(
      (record) => parentPort!.postMessage({ seq: msg.seq, record }),
      (err: unknown) => parentPort!.postMessage({ seq: msg.seq, error: String((err as Error)?.message ?? err) }),
    ),
  )
})
