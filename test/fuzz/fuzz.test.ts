// Format fuzzing: every regression fixture, every seed, then mutants of every seed are scanned;
// none may crash, hang, run away with memory or come out without a Macie status. Bounded for CI;
// FUZZ_ROUNDS (rounds of a seed of weight 1), FUZZ_SEED (the run's seed) and FUZZ_SAVE=1 (keep
// failing mutants in test/fixtures/fuzz-regressions/) change it; scripts/fuzz.ts runs it long.
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { checkReport, fuzzSeed, saveFailure, ScanWorker, type FuzzFailure, type ScanReport } from './runner.js'
import { buildSeeds } from './seeds.js'

const REGRESSIONS = fileURLToPath(new URL('../fixtures/fuzz-regressions/', import.meta.url))
const RUN_SEED = Number(process.env.FUZZ_SEED ?? 20260101)
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 800)
const IS_SAVING = process.env.FUZZ_SAVE === '1'
const TIMEOUT_MS = 5000
const MAX_RSS_BYTES = 1024 ** 3

const seeds = await buildSeeds()

/** Counts outcomes by status and reason, for a line of the test's output. */
function statusCounter(): { add: (round: number, report: ScanReport) => void; line: () => string } {
  const counts = new Map<string, number>()
  let ms = 0
  return {
    add: (_round, report) => {
      const key = report.kind === 'done' ? `${report.outcome.status}${report.outcome.reason ? ` ${report.outcome.reason}` : ''}` : report.kind
      counts.set(key, (counts.get(key) ?? 0) + 1)
      if (report.kind === 'done') ms = Math.max(ms, report.ms)
    },
    line: () => `${[...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join(', ')}; slowest ${ms} ms`,
  }
}

function explain(failures: FuzzFailure[]): string {
  return failures
    .map((f) => {
      const saved = IS_SAVING ? `\n  saved: ${saveFailure(REGRESSIONS, f)}` : ''
      const again = `node --import tsx scripts/fuzz.ts --seed ${f.runSeed} --format ${f.seed.name} --round ${f.round}`
      return `${f.seed.name} round ${f.round} (${f.mutations.join('; ')}): ${f.problems.join(' | ')}\n  again: ${again}${saved}`
    })
    .join('\n')
}

describe('format fuzzing', () => {
  const fired: string[] = []
  const onUncaught = (err: unknown): void => void fired.push(`uncaughtException: ${String(err)}`)
  const onRejection = (err: unknown): void => void fired.push(`unhandledRejection: ${String(err)}`)
  let tempDir: string
  let worker: ScanWorker

  before(() => {
    console.log(`fuzz: FUZZ_SEED=${RUN_SEED} FUZZ_ROUNDS=${ROUNDS}${IS_SAVING ? ' FUZZ_SAVE=1' : ''}`)
    process.on('uncaughtException', onUncaught)
    process.on('unhandledRejection', onRejection)
    tempDir = mkdtempSync(join(tmpdir(), 'trawl-fuzz-'))
    worker = new ScanWorker({ timeoutMs: TIMEOUT_MS, tempDir })
  })

  after(async () => {
    await worker.close()
    rmSync(tempDir, { recursive: true, force: true })
    process.off('uncaughtException', onUncaught)
    process.off('unhandledRejection', onRejection)
    assert.deepEqual(fired, [], 'nothing went uncaught in the test process')
  })

  it('re-scans every kept regression mutant within the invariants', async () => {
    const files = readdirSync(REGRESSIONS).filter((f) => f !== 'README.md')
    const failures: string[] = []
    for (const file of files) {
      const bytes = readFileSync(join(REGRESSIONS, file))
      // Whole, then in small chunks; a file that fails whole is not scanned again (a hang costs the timeout).
      for (const chunkSeed of [0, 1]) {
        const problems = checkReport(await worker.scan({ key: file, bytes, chunkSeed }))
        if (problems.length === 0) continue
        failures.push(`${file} (chunkSeed ${chunkSeed}): ${problems.join(' | ').slice(0, 600)}`)
        break
      }
    }
    assert.deepEqual(failures, [])
  })

  describe('every seed, unmutated, is read whole and holds a detection', () => {
    for (const seed of seeds) {
      it(seed.name, async () => {
        for (const chunkSeed of [0, 7]) {
          const report = await worker.scan({ key: seed.key, bytes: seed.bytes, chunkSeed })
          assert.deepEqual(checkReport(report), [])
          assert.equal(report.kind, 'done')
          if (report.kind !== 'done') return
          assert.deepEqual([report.outcome.status, report.outcome.reason], ['COMPLETE', null], `${seed.key} (chunkSeed ${chunkSeed})`)
          assert.ok(report.outcome.detections > 0, `${seed.key} has a detection`)
        }
      })
    }
  })

  describe('mutants: no crash, no hang, bounded memory, a Macie status for every outcome', () => {
    for (const seed of seeds) {
      const rounds = Math.max(1, Math.round(ROUNDS * seed.weight))
      it(`${seed.name} × ${rounds}`, async () => {
        const counter = statusCounter()
        const failures = await fuzzSeed(seed, {
          worker,
          onRound: counter.add,
          runSeed: RUN_SEED,
          from: 0,
          to: rounds,
          maxRssBytes: MAX_RSS_BYTES,
        })
        console.log(`fuzz ${seed.name}: ${counter.line()}`)
        assert.equal(failures.length, 0, `FUZZ_SEED=${RUN_SEED}\n${explain(failures)}`)
      })
    }
  })
})
