// One benchmark measurement in a process of its own (so one configuration's JIT state does not
// slow another's): scans the corpus once to warm up, then `repeats` times, and prints MiB/s per run.
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { compileNaiveDetector } from '../src/detect/naive.js'
import { managedIdentifiers } from '../src/detect/identifiers/index.js'
import { selectManagedIdentifiers } from '../src/detect/selection.js'
import { buildDetector, type BuiltDetector, type ScanConfig } from '../src/scan/config.js'
import { scanTarget } from '../src/scan/scan-target.js'
import { ScanPool } from '../src/scan/pool.js'
import { listLocalObjects, type LocalObject } from '../src/sources/local.js'

const { values: args } = parseArgs({
  options: { mode: { type: 'string' }, dir: { type: 'string' }, repeats: { type: 'string', default: '3' } },
})
const MIB = 1024 * 1024
const context = { accountId: '000000000000', region: 'us-east-1', jobId: 'bench' }
const objects: LocalObject[] = []
for await (const o of listLocalObjects([args.dir!])) objects.push(o)
const bytes = objects.reduce((n, o) => n + o.size, 0)
async function* list(): AsyncGenerator<LocalObject> {
  yield* objects
}

async function inThread(config: ScanConfig, built: BuiltDetector): Promise<() => Promise<void>> {
  return async () => {
    for (const o of objects) await scanTarget(o, config, built)
  }
}

async function runner(): Promise<{ pass: () => Promise<void>; close?: () => Promise<void> }> {
  const selector = args.mode === 'all' ? 'ALL' : 'RECOMMENDED'
  const config: ScanConfig = { managedDataIdentifierSelector: selector, context }
  const built = buildDetector(config)
  switch (args.mode) {
    case 'recommended':
    case 'all':
      return { pass: await inThread(config, built) }
    case 'naive': {
      const naive = compileNaiveDetector(selectManagedIdentifiers(managedIdentifiers, 'RECOMMENDED'))
      return { pass: await inThread(config, { ...built, detector: { ...naive, managed: built.detector.managed, custom: [] } }) }
    }
    case 'workers1':
    case 'workers2': {
      const pool = new ScanPool(config, args.mode === 'workers1' ? 1 : 2)
      await pool.whenReady()
      return { pass: () => pool.scan(list(), () => undefined), close: () => pool.close() }
    }
    default:
      throw new Error(`unknown mode ${args.mode}`)
  }
}

const { pass, close } = await runner()
await pass() // warm-up, as in a long-running scan
const runs: number[] = []
for (let r = 0; r < Number(args.repeats); r++) {
  const t0 = performance.now()
  await pass()
  runs.push(bytes / MIB / ((performance.now() - t0) / 1000))
}
await close?.()
process.stdout.write(`${JSON.stringify({ mode: args.mode, runs })}\n`)
