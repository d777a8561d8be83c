import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { managedIdentifiers } from '../../src/detect/identifiers/index.js'
import { isWholeWord, labelHasKeyword, normalizeLabel } from '../../src/detect/keywords.js'
import { keywordRegExp } from '../../src/detect/naive.js'
import { allSamples } from './all-samples.js'
import { CSV_COLUMNS, createClock, createLogFiller, csvFillerRow, iniBlock, jsonFillerRecord, markdownLines, proseLine, yamlBlock } from './filler.js'
import { CorpusReader, evalJsonPath, generateCorpus, parseCsv, type Corpus, type TruthLocation } from './generate.js'
import { createRng } from './rng.js'

const MIB = 1024 * 1024

function bytesOf(c: Corpus): number {
  return c.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0)
}

/** Every truth entry's value and every negative's text is where the corpus says it is. */
function assertLocated(c: Corpus): void {
  const reader = new CorpusReader(c.files)
  const check = (key: string, location: TruthLocation, text: string, what: string): void => {
    const got = reader.textAt(key, location, text.length)
    assert.equal(got, text, `${what} at ${key} ${JSON.stringify(location)}`)
    if (location.kind === 'cell') assert.equal(reader.columnName(key, location.column), location.columnName, `column name at ${key} ${JSON.stringify(location)}`)
  }
  for (const t of c.truth) check(t.key, t.location, t.value, `positive of ${t.id}`)
  for (const n of c.negatives) check(n.key, n.location, n.text, `negative of ${n.id}`)
}

describe('generateCorpus', () => {
  const accuracy = generateCorpus({ seed: 11, profile: 'accuracy', samples: allSamples })

  it('is deterministic: the same seed gives the same bytes, another seed others', () => {
    assert.deepEqual(generateCorpus({ seed: 11, profile: 'accuracy', samples: allSamples }), accuracy)
    const other = generateCorpus({ seed: 12, profile: 'accuracy', samples: allSamples })
    assert.notDeepEqual(other.files, accuracy.files)
    const bench = (seed: number): Corpus => generateCorpus({ seed, profile: 'bench', targetBytes: 2 * MIB, samples: allSamples })
    assert.deepEqual(bench(5), bench(5))
  })

  it('puts every planted value at its location (line/column, CSV cell, JSONPath)', () => {
    assertLocated(accuracy)
  })

  it('accuracy: ≥ 20 positives and ≥ 20 negatives per identifier, every format, a few MB', () => {
    for (const s of allSamples) {
      const truth = accuracy.truth.filter((t) => t.id === s.id)
      assert.ok(truth.length >= 20, `${s.id}: ${truth.length} positives`)
      assert.ok(accuracy.negatives.filter((n) => n.id === s.id).length >= 20, `${s.id}: too few negatives`)
      const kinds = new Set(truth.map((t) => (t.location.kind === 'record' ? (t.key.endsWith('.jsonl') ? 'jsonl' : 'json') : t.location.kind)))
      assert.ok(kinds.has('line') && kinds.has('jsonl') && kinds.has('json'), `${s.id}: formats ${[...kinds].join(', ')}`)
      const extensions = new Set(truth.filter((t) => t.location.kind === 'line').map((t) => t.key.slice(t.key.lastIndexOf('.'))))
      assert.deepEqual([...extensions].sort(), ['.conf', '.log', '.md', '.txt', '.yaml'], s.id)
    }
    assert.ok(bytesOf(accuracy) <= 8 * MIB, `${bytesOf(accuracy)} bytes`)
    assert.ok(new Set(accuracy.files.map((f) => f.key)).size === accuracy.files.length, 'keys are unique')
  })

  it('bench: target size, 1–4 MiB files, the format mix and one value per ~20 KiB, all located', () => {
    const target = 16 * MIB
    const bench = generateCorpus({ seed: 3, profile: 'bench', targetBytes: target, samples: allSamples })
    const total = bytesOf(bench)
    assert.ok(total >= target && total <= target + 64 * 1024, `${total} bytes`)
    for (const f of bench.files) {
      const size = Buffer.byteLength(f.content)
      assert.ok(size >= 1 * MIB - 64 * 1024 && size <= 4 * MIB + 64 * 1024, `${f.key}: ${size} bytes`)
    }
    const family = (key: string): string => {
      const ext = key.slice(key.lastIndexOf('.') + 1)
      return ext === 'txt' || ext === 'md' ? 'prose' : ext === 'yaml' || ext === 'conf' ? 'config' : ext
    }
    const shares = new Map<string, number>()
    for (const f of bench.files) shares.set(family(f.key), (shares.get(family(f.key)) ?? 0) + Buffer.byteLength(f.content) / total)
    const tolerance = (4 * MIB) / total
    for (const [fam, share] of [['log', 0.4], ['csv', 0.2], ['jsonl', 0.2], ['prose', 0.1], ['config', 0.1]] as const) {
      assert.ok(Math.abs((shares.get(fam) ?? 0) - share) <= tolerance, `${fam}: ${shares.get(fam)}`)
    }
    const expected = total / (20 * 1024)
    assert.ok(bench.truth.length > expected * 0.6 && bench.truth.length < expected * 1.5, `${bench.truth.length} positives`)
    assert.ok(bench.negatives.length > expected * 0.6 && bench.negatives.length < expected * 1.5, `${bench.negatives.length} negatives`)
    assertLocated(bench)
  })

  it('bench without samples is filler only', () => {
    const c = generateCorpus({ seed: 1, profile: 'bench', targetBytes: MIB, samples: [] })
    assert.equal(c.truth.length + c.negatives.length, 0)
    assert.ok(bytesOf(c) >= MIB)
  })
})

describe('filler', () => {
  it('carries no keyword of any managed identifier, in text or as a label', () => {
    const rng = createRng(99)
    const clock = createClock(rng)
    const log = createLogFiller(rng, clock)
    const parts: string[] = []
    for (let i = 0; i < 400; i++) {
      parts.push(proseLine(rng), ...markdownLines(rng), log.line(), log.prefix(), ...yamlBlock(rng), ...iniBlock(rng))
      parts.push(csvFillerRow(rng, clock).join(','), JSON.stringify(jsonFillerRecord(rng, clock)))
    }
    const text = parts.join('\n')
    const labels = new Set<string>(CSV_COLUMNS)
    const collect = (v: unknown): void => {
      if (!v || typeof v !== 'object') return
      for (const [k, child] of Object.entries(v)) {
        if (!Array.isArray(v)) labels.add(k)
        collect(child)
      }
    }
    for (let i = 0; i < 50; i++) collect(jsonFillerRecord(rng, clock))
    for (const idf of managedIdentifiers) {
      const re = keywordRegExp(idf.keywords)
      if (!re) continue
      for (const m of text.matchAll(re)) {
        assert.ok(!isWholeWord(text, m.index, m.index + m[0].length), `${idf.id}: keyword ${JSON.stringify(m[0])} in ${JSON.stringify(text.slice(m.index - 40, m.index + 40))}`)
      }
      for (const label of labels) {
        const nl = normalizeLabel(label)
        for (const k of idf.keywords) assert.ok(!labelHasKeyword(nl, normalizeLabel(k)), `${idf.id}: label ${label} carries ${k}`)
      }
    }
  })
})

describe('location readers', () => {
  it('parseCsv reads quoted cells with commas, quotes and newlines', () => {
    assert.deepEqual(parseCsv('a,b\n"x, y","say ""hi"""\n"two\nlines",\n'), [['a', 'b'], ['x, y', 'say "hi"'], ['two\nlines', '']])
  })

  it('evalJsonPath follows dots, brackets and indices', () => {
    const doc = { a: { 'odd name': [{ b: 1 }, { "it's": 'x' }] } }
    assert.equal(evalJsonPath(doc, "$.a['odd name'][1]['it\\'s']"), 'x')
    assert.equal(evalJsonPath(doc, "$.a['odd name'][0].b"), 1)
    assert.equal(evalJsonPath(doc, '$.a.missing'), undefined)
  })
})
