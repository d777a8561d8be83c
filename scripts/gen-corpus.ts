// Writes a labelled corpus to disk: the objects under <out>/objects/, the planted positives in
// <out>/truth.json and the planted negatives in <out>/negatives.json.
//   node --import tsx scripts/gen-corpus.ts --profile bench --seed 1 --out DIR [--mib 64]
import { parseArgs } from 'node:util'
import { allSamples } from '../test/corpus/all-samples.js'
import { DEFAULT_BENCH_BYTES, generateCorpus, writeCorpus, type CorpusProfile } from '../test/corpus/generate.js'

const USAGE = 'usage: node --import tsx scripts/gen-corpus.ts --profile bench|accuracy --seed N --out DIR [--mib N]'

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`)
  process.exit(2)
}

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'bench' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    mib: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
})

if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const profile = values.profile as CorpusProfile
if (profile !== 'bench' && profile !== 'accuracy') fail(`unknown profile ${values.profile}`)
const seed = Number(values.seed)
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got ${values.seed}`)
if (!values.out) fail('--out is required')
let targetBytes = DEFAULT_BENCH_BYTES
if (values.mib !== undefined) {
  const mib = Number(values.mib)
  if (!(mib > 0)) fail(`--mib must be a positive number, got ${values.mib}`)
  if (profile !== 'bench') fail('--mib applies to the bench profile only')
  targetBytes = Math.round(mib * 1024 * 1024)
}

const started = Date.now()
const corpus = generateCorpus({ seed, profile, targetBytes, samples: allSamples })
const written = await writeCorpus(corpus, values.out)
const bytes = corpus.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0)
console.log(
  `${profile} corpus (seed ${seed}): ${corpus.files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ` +
    `${corpus.truth.length} positives, ${corpus.negatives.length} negatives, ${new Set(allSamples.map((s) => s.id)).size} identifiers, ` +
    `${((Date.now() - started) / 1000).toFixed(1)} s`,
)
console.log(`objects:   ${written.objectsDir}`)
console.log(`truth:     ${written.truthPath}`)
console.log(`negatives: ${written.negativesPath}`)
