// The API server of bench/api-load.ts, in a process of its own so the load generator does not
// share its event loop: `trawl serve`'s parts (buildApp over a data folder, a job service over an
// empty folder of buckets) on 127.0.0.1, one account. Talks to its parent over the IPC channel.
// Started by api-load.ts through fork(): argv = [data folder, account as JSON].
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { buildApp } from '../src/api/app.js'
import { credentialLookup, type ApiAccount } from '../src/api/credentials.js'
import { JobService } from '../src/jobs/service.js'
import { Keyring } from '../src/results/keyring.js'
import type { SourceSpec } from '../src/sources/types.js'
import { openEmbeddedStore } from '../src/store/data-dir.js'

/** What the parent asks: CPU and event-loop use since the last mark, or a clean stop. */
export type ServerCommand = { cmd: 'mark' } | { cmd: 'stop' }

/** What the server tells its parent. */
export type ServerMessage =
  | { kind: 'listening'; endpoint: string }
  | { kind: 'mark'; cpuUserMs: number; cpuSystemMs: number; eventLoopUtilization: number }
  | { kind: 'stopped' }

const [dataFolder, accountJson] = process.argv.slice(2)
if (!dataFolder || !accountJson || !process.send) {
  process.stderr.write('api-load-server: run by bench/api-load.ts through fork(), with a data folder and an account\n')
  process.exit(2)
}
const tell = (message: ServerMessage): void => void process.send!(message)
const account = JSON.parse(accountJson) as ApiAccount

const scratch = mkdtempSync(join(tmpdir(), 'trawl-bench-api-server-'))
const root = join(scratch, 'buckets')
mkdirSync(root)
const { store, dataDir } = await openEmbeddedStore(dataFolder)
const keyring = await Keyring.open(join(scratch, 'data'))
const sourceFor = (): SourceSpec => ({ kind: 'folder', root })
const jobs = new JobService({ store, keyring, workers: 1, sourceFor })
const app = buildApp({ store, jobs, keyring, sourceFor, accountIds: [account.accountId] }, credentialLookup([account]))
const endpoint = await app.listen({ host: '127.0.0.1', port: 0 })

let lastCpu = process.cpuUsage()
let lastLoop = performance.eventLoopUtilization()
process.on('message', (message: ServerCommand) => {
  if (message.cmd === 'mark') {
    const cpu = process.cpuUsage(lastCpu)
    const loop = performance.eventLoopUtilization(lastLoop)
    lastCpu = process.cpuUsage()
    lastLoop = performance.eventLoopUtilization()
    tell({ kind: 'mark', cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, eventLoopUtilization: loop.utilization })
    return
  }
  void (async () => {
    await app.close()
    await jobs.close()
    await store.close()
    await dataDir.release()
    rmSync(scratch, { recursive: true, force: true })
    tell({ kind: 'stopped' })
    // process.exit, not a natural end: the IPC channel would keep the process alive; --cpu-prof
    // still writes its profile on exit.
    process.exit(0)
  })()
})
tell({ kind: 'listening', endpoint })
