// The long, manual mode of the format fuzz test: many rounds of every seed (or of one format),
// interleaved in batches, failing mutants kept in test/fixtures/fuzz-regressions/. Usage:
//   node --import tsx scripts/fuzz.ts --rounds 100000 --seed N [--format pdf[,zip]] [--from R]
//   node --import tsx scripts/fuzz.ts --seed N --format pdf --round R   (rebuild and explain one mutant)
// Exits 1 when a mutant failed. The invariants are the CI test's (test/fuzz/fuzz.test.ts).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { checkReport, fuzzSeed, mutantOf, saveFailure, ScanWorker, type FuzzFailure } from '../test/fuzz/runner.js'
import { buildSeeds } from '../test/fuzz/seeds.js'

const REGRESSIONS = fileURLToPath(new URL('../test/fixtures/fuzz-regressions/', import.meta.url))
const BATCH_ROUNDS = 200

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '100000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    format: { type: 'string' },
    from: { type: 'string', default: '0' },
    round: { type: 'string' },
    'timeout-ms': { type: 'string', default: '5000' },
    'max-rss-mb': { type: 'string', default: '1024' },
    'max-saved': { type: 'string', default: '5' },
    'no-save': { type: 'boolean', default: false },
  },
})

const runSeed = Number(values.seed)
const timeoutMs = Number(values['timeout-ms'])
const maxRssBytes = Number(values['max-rss-mb']) * 1024 ** 2
const maxSaved = Number(values['max-saved'])
const all = await buildSeeds()
const names = values.format?.split(',')
const seeds = names ? all.filter((s) => names.includes(s.name)) : all
if (seeds.length === 0 || (names && seeds.length !== names.length)) {
  console.error(`unknown format in ${values.format}; seeds: ${all.map((s) => s.name).join(', ')}`)
  process.exit(2)
}

const tempDir = mkdtempSync(join(tmpdir(), 'trawl-fuzz-'))
const worker = new ScanWorker({ timeoutMs, tempDir })
let exitCode = 0
try {
  if (values.round !== undefined) {
    // One mutant, rebuilt and scanned, with everything the report says.
    const round = Number(values.round)
    for (const seed of seeds) {
      const { bytes, mutations, chunkSeed } = mutantOf(seed, runSeed, round)
      const report = await worker.scan({ key: seed.key, bytes, chunkSeed })
      const problems = checkReport(report)
      console.log(JSON.stringify({ seed: seed.name, runSeed, round, size: bytes.length, chunkSeed, mutations, report, problems }, null, 2))
      if (problems.length) {
        exitCode = 1
        if (!values['no-save']) console.log(`saved ${saveFailure(REGRESSIONS, { seed, runSeed, round, bytes, mutations, problems })}`)
      }
    }
  } else {
    const from = Number(values.from)
    const to = from + Number(values.rounds)
    const saved = new Map<string, number>()
    const failures: FuzzFailure[] = []
    const started = Date.now()
    console.log(`fuzz: --seed ${runSeed}, rounds [${from}, ${to}) of ${seeds.map((s) => s.name).join(', ')}`)
    for (let batch = from; batch < to; batch += BATCH_ROUNDS) {
      for (const seed of seeds) {
        const found = await fuzzSeed(seed, { worker, runSeed, from: batch, to: Math.min(to, batch + BATCH_ROUNDS), maxRssBytes })
        for (const f of found) {
          failures.push(f)
          const n = saved.get(seed.name) ?? 0
          const file = !values['no-save'] && n < maxSaved ? saveFailure(REGRESSIONS, f) : undefined
          if (file) saved.set(seed.name, n + 1)
          console.log(`FAIL ${seed.name} round ${f.round} (${f.mutations.join('; ')}): ${f.problems.join(' | ').slice(0, 400)}${file ? ` → ${file}` : ''}`)
        }
      }
      const done = Math.min(to, batch + BATCH_ROUNDS) - from
      console.log(`${done}/${to - from} rounds a seed, ${failures.length} failures, ${Math.round((Date.now() - started) / 1000)} s`)
    }
    if (failures.length) exitCode = 1
  }
} finally {
  await worker.close()
  rmSync(tempDir, { recursive: true, force: true })
}
process.exitCode = exitCode
