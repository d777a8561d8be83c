// Worker thread: compiles the detector once, then scans the objects it is sent, one at a time
// (the next one is already queued, so the thread never waits for the main thread).
import { parentPort, workerData } from 'node:worker_threads'
import { buildDetector, type ScanConfig } from './config.js'
import { scanTarget, type ScanTarget } from './scan-target.js'

const config = workerData as ScanConfig
const built = buildDetector(config)
parentPort!.postMessage({ ready: true })

let queue = Promise.resolve()
parentPort!.on('message', (msg: { seq: number; object: ScanTarget }) => {
  const object = { ...msg.object, lastModified: new Date(msg.object.lastModified) }
  queue = queue.then(() =>
    scanTarget(object, config, built, (member) => parentPort!.postMessage({ seq: msg.seq, member })).then(
      (record) => parentPort!.postMessage({ seq: msg.seq, record }),
      (err: unknown) => parentPort!.postMessage({ seq: msg.seq, error: String((err as Error)?.message ?? err) }),
    ),
  )
})
