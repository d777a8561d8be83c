// `npm run bench`: scan throughput and memory, reproducible from a seed. Generates a mixed corpus
// (logs, CSV, JSON Lines, prose, configs) with sensitive values and near misses, then measures in
// one run: MiB/s per core with RECOMMENDED and with ALL identifiers, the naive baseline (every
// enabled identifier's regex over the whole text, one after another, same validators), one vs two
// worker threads, and peak RSS scanning a 1 GiB file. Figures are medians of several runs.
import { spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, readFileSync } from 'node:fs'
import { mkdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { compileNaiveDetector } from '../src/detect/naive.js'
import { managedIdentifiers } from '../src/detect/identifiers/index.js'
import { selectManagedIdentifiers } from '../src/detect/selection.js'
import { buildDetector, type BuiltDetector, type ScanConfig } from '../src/scan/config.js'
import { scanLocalObject } from '../src/scan/local-scan.js'
import { ScanPool } from '../src/scan/pool.js'
import { listLocalObjects, type LocalObject } from '../src/sources/local.js'
import { generateCorpus, writeCorpus } from '../test/corpus/generate.js'
import { allSamples } from '../test/corpus/all-samples.js'

const MIB = 1024 * 1024
const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    mib: { type: 'string', default: '64' },
    repeats: { type: 'string', default: '3' },
    'big-mib': { type: 'string', default: '1024' },
  },
})
const seed = Number(args.seed)
const repeats = Number(args.repeats)
const benchDir = join(process.cwd(), '.bench')
const corpusDir = join(benchDir, `corpus-seed${seed}-${args.mib}mib`)
const context = { accountId: '000000000000', region: 'us-east-1', jobId: 'bench' }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

async function ensureCorpus(): Promise<LocalObject[]> {
  if (!existsSync(join(corpusDir, 'truth.json'))) {
    process.stderr.write(`generating ${args.mib} MiB corpus (seed ${seed}) in ${corpusDir}\n`)
    const corpus = generateCorpus({ seed, profile: 'bench', targetBytes: Number(args.mib) * MIB, samples: allSamples })
    await writeCorpus(corpus, corpusDir)
  }
  const objects: LocalObject[] = []
  for await (const o of listLocalObjects([join(corpusDir, 'objects')])) objects.push(o)
  return objects
}

async function timeScan(objects: readonly LocalObject[], config: ScanConfig, built: BuiltDetector): Promise<number> {
  const bytes = objects.reduce((n, o) => n + o.size, 0)
  const t0 = performance.now()
  for (const o of objects) await scanLocalObject(o, config, built)
  return bytes / MIB / ((performance.now() - t0) / 1000)
}

/** Throughput of a pool of started, warmed-up workers (start-up and JIT warm-up excluded). */
async function timeWorkers(objects: readonly LocalObject[], config: ScanConfig, workers: number): Promise<number> {
  const bytes = objects.reduce((n, o) => n + o.size, 0)
  async function* list(): AsyncGenerator<LocalObject> {
    yield* objects
  }
  const pool = new ScanPool(config, workers)
  try {
    await pool.whenReady()
    await pool.scan(list(), () => undefined) // warm the workers' JIT, as a long-running scan is
    const t0 = performance.now()
    await pool.scan(list(), () => undefined)
    return bytes / MIB / ((performance.now() - t0) / 1000)
  } finally {
    await pool.close()
  }
}

async function bigFileRss(objects: readonly LocalObject[]): Promise<{ mib: number; rssMiB: number; mibPerS: number } | undefined> {
  const bigMiB = Number(args['big-mib'])
  if (bigMiB <= 0) return undefined
  const file = join(benchDir, `big-${bigMiB}mib.log`)
  if (!existsSync(file) || (await stat(file)).size < bigMiB * MIB) {
    process.stderr.write(`writing ${bigMiB} MiB log file ${file}\n`)
    const logs = objects.filter((o) => o.key.endsWith('.log')).map((o) => readFileSync(o.path))
    const out = createWriteStream(file)
    let written = 0
    for (let i = 0; written < bigMiB * MIB; i++) {
      const chunk = logs[i % logs.length]!
      written += chunk.length
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()))
    }
    await new Promise<void>((r) => out.end(r))
  }
  const child = spawnSync(process.execPath, ['--import', 'tsx', join('bench', 'rss-child.ts'), file], { encoding: 'utf8', maxBuffer: 1 << 20 })
  if (child.status !== 0) throw new Error(`rss child failed: ${child.stderr}`)
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as { mib: number; rssMiB: number; mibPerS: number }
}

async function main(): Promise<void> {
  const objects = await ensureCorpus()
  const totalMiB = objects.reduce((n, o) => n + o.size, 0) / MIB
  const recommended: ScanConfig = { managedDataIdentifierSelector: 'RECOMMENDED', context }
  const all: ScanConfig = { managedDataIdentifierSelector: 'ALL', context }
  const builtRec = buildDetector(recommended)
  const builtAll = buildDetector(all)
  const naiveRec: BuiltDetector = {
    ...builtRec,
    detector: { ...compileNaiveDetector(selectManagedIdentifiers(managedIdentifiers, 'RECOMMENDED')), managed: builtRec.detector.managed, custom: [] },
  }
  const results: Record<string, number[]> = { recommended: [], all: [], naive: [], w1: [], w2: [] }
  await timeScan(objects, recommended, builtRec) // warm up the JIT on the whole corpus once
  await timeScan(objects, all, builtAll)
  for (let r = 0; r < repeats; r++) {
    results.recommended!.push(await timeScan(objects, recommended, builtRec))
    results.all!.push(await timeScan(objects, all, builtAll))
    results.naive!.push(await timeScan(objects, recommended, naiveRec))
    results.w1!.push(await timeWorkers(objects, recommended, 1))
    results.w2!.push(await timeWorkers(objects, recommended, 2))
    process.stderr.write(`run ${r + 1}/${repeats} done\n`)
  }
  const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)])) as Record<string, number>
  const big = await bigFileRss(objects)
  const files = objects.length
  const lines = [
    `corpus: ${totalMiB.toFixed(1)} MiB in ${files} files, seed ${seed}; medians of ${repeats} runs; one thread unless noted`,
    `RECOMMENDED (${builtRec.detector.managed.length} identifiers)   ${m.recommended!.toFixed(1)} MiB/s`,
    `ALL (${builtAll.detector.managed.length} identifiers)           ${m.all!.toFixed(1)} MiB/s`,
    `naive baseline, RECOMMENDED         ${m.naive!.toFixed(1)} MiB/s   → trawl is ${(m.recommended! / m.naive!).toFixed(1)}× the baseline`,
    `1 worker thread                     ${m.w1!.toFixed(1)} MiB/s`,
    `2 worker threads                    ${m.w2!.toFixed(1)} MiB/s   → ${(m.w2! / m.w1!).toFixed(2)}× one`,
    big ? `peak RSS scanning a ${big.mib.toFixed(0)} MiB file   ${big.rssMiB.toFixed(0)} MiB (at ${big.mibPerS.toFixed(1)} MiB/s)` : 'peak RSS: skipped (--big-mib 0)',
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  await mkdir(benchDir, { recursive: true })
  await writeFile(join(benchDir, 'last.json'), JSON.stringify({ seed, totalMiB, medians: m, runs: results, big }, null, 2))
}

await main()
