// `npm run bench`: scan throughput and memory, reproducible from a seed. Generates a mixed corpus
// (logs, CSV, JSON Lines, prose, configs) with sensitive values and near misses, then measures in
// one run: MiB/s per core with RECOMMENDED and with ALL identifiers, the naive baseline (every
// enabled identifier's regex over the whole text, one after another, same validators), one vs two
// worker threads, and peak RSS scanning a 1 GiB file. Figures are medians of several runs.
// Then, unless --no-formats, every format's throughput and peak RSS on a large file of it, and a
// multi-GiB streaming input (bench/formats.ts).
import { spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, readFileSync } from 'node:fs'
import { mkdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { managedIdentifiers } from '../src/detect/identifiers/index.js'
import { selectManagedIdentifiers } from '../src/detect/selection.js'
import { listLocalObjects, type LocalObject } from '../src/sources/local.js'
import { generateCorpus, writeCorpus } from '../test/corpus/generate.js'
import { allSamples } from '../test/corpus/all-samples.js'
import { DEFAULT_WORKER_HEAP_MB } from '../src/scan/pool.js'
import { formatMarkdown, runFormatBench, type FormatReport } from './formats.js'

const MIB = 1024 * 1024
const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    mib: { type: 'string', default: '64' },
    repeats: { type: 'string', default: '3' },
    'big-mib': { type: 'string', default: '1024' },
    formats: { type: 'boolean', default: true },
    'no-formats': { type: 'boolean', default: false },
    'formats-only': { type: 'boolean', default: false },
    /** Text-equivalent MiB of each format's file. */
    'format-mib': { type: 'string', default: '64' },
    /** GiB of the streaming input; defaults to 2, or 0 when --big-mib 0 skips the large files. */
    'huge-gib': { type: 'string' },
  },
})
const hasFormats = args.formats && !args['no-formats']
const hugeGib = Number(args['huge-gib'] ?? (Number(args['big-mib']) > 0 ? 2 : 0))
const seed = Number(args.seed)
const repeats = Number(args.repeats)
const benchDir = join(process.cwd(), '.bench')
const corpusDir = join(benchDir, `corpus-seed${seed}-${args.mib}mib`)

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

/** Runs one measurement in a child process of its own; returns MiB/s per run. */
function measure(mode: string, dir: string): number[] {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join('bench', 'measure.ts'), '--mode', mode, '--dir', dir, '--repeats', String(repeats)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  })
  if (child.status !== 0) throw new Error(`measuring ${mode} failed: ${child.stderr}`)
  return (JSON.parse(child.stdout.trim().split('\n').pop()!) as { runs: number[] }).runs
}

let isBuilt = false

/** The children that measure memory run the built code, as `npx trawl` does: build it from these sources. */
function buildDist(): void {
  if (isBuilt) return
  const build = spawnSync(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`building dist/ failed: ${build.stdout}${build.stderr}`)
  isBuilt = true
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
  // Built code with a scan worker's heap cap, as `npx trawl scan` runs it (see bench/formats.ts).
  buildDist()
  const child = spawnSync(process.execPath, [`--max-old-space-size=${DEFAULT_WORKER_HEAP_MB}`, join('bench', 'format-child.mjs'), file], { encoding: 'utf8', maxBuffer: 1 << 20 })
  if (child.status !== 0) throw new Error(`rss child failed: ${child.stderr}`)
  const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as { bytes: number; seconds: number; rssMiB: number; status: string }
  if (r.status !== 'COMPLETE') throw new Error(`scanning ${file} ended ${r.status}`)
  return { mib: r.bytes / MIB, rssMiB: r.rssMiB, mibPerS: r.bytes / MIB / r.seconds }
}

async function formats(): Promise<FormatReport | undefined> {
  if (!hasFormats) return undefined
  buildDist()
  const report = await runFormatBench({ seed, formatMib: Number(args['format-mib']), repeats, hugeGib, benchDir })
  process.stdout.write(`\nper format: one file of each, ${args['format-mib']} MiB as text, scanned in a fresh process (RECOMMENDED, one thread); medians of ${repeats}\n`)
  process.stdout.write(formatMarkdown(report))
  return report
}

async function main(): Promise<void> {
  if (args['formats-only']) {
    const report = await formats()
    await mkdir(benchDir, { recursive: true })
    await writeFile(join(benchDir, 'formats-last.json'), JSON.stringify(report, null, 2))
    return
  }
  const objects = await ensureCorpus()
  const totalMiB = objects.reduce((n, o) => n + o.size, 0) / MIB
  const dir = join(corpusDir, 'objects')
  const results: Record<string, number[]> = {}
  for (const mode of ['recommended', 'all', 'naive', 'workers1', 'workers2']) {
    results[mode] = measure(mode, dir)
    process.stderr.write(`${mode}: ${results[mode]!.map((x) => x.toFixed(1)).join(', ')} MiB/s\n`)
  }
  const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)])) as Record<string, number>
  const counts = { recommended: selectManagedIdentifiers(managedIdentifiers, 'RECOMMENDED').length, all: managedIdentifiers.length }
  const big = await bigFileRss(objects)
  const lines = [
    `corpus: ${totalMiB.toFixed(1)} MiB in ${objects.length} files, seed ${seed}; medians of ${repeats} warm runs, each configuration in its own process`,
    `RECOMMENDED (${counts.recommended} identifiers), main thread   ${m.recommended!.toFixed(1)} MiB/s`,
    `ALL (${counts.all} identifiers), main thread          ${m.all!.toFixed(1)} MiB/s`,
    `naive baseline, RECOMMENDED, main thread   ${m.naive!.toFixed(1)} MiB/s   → trawl is ${(m.recommended! / m.naive!).toFixed(1)}× the baseline`,
    `RECOMMENDED, 1 worker thread               ${m.workers1!.toFixed(1)} MiB/s`,
    `RECOMMENDED, 2 worker threads              ${m.workers2!.toFixed(1)} MiB/s   → ${(m.workers2! / m.workers1!).toFixed(2)}× one`,
    big ? `peak RSS scanning a ${big.mib.toFixed(0)} MiB file   ${big.rssMiB.toFixed(0)} MiB (at ${big.mibPerS.toFixed(1)} MiB/s)` : 'peak RSS: skipped (--big-mib 0)',
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  const perFormat = await formats()
  await mkdir(benchDir, { recursive: true })
  await writeFile(join(benchDir, 'last.json'), JSON.stringify({ seed, totalMiB, medians: m, runs: results, big, formats: perFormat }, null, 2))
}

await main()
