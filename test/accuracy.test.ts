// Accuracy of the managed identifiers end to end: the labelled accuracy corpus is written to disk,
// scanned by the real pipeline (extractors, engine, tally, records) with ALL managed identifiers,
// and every reported occurrence is scored against the planted truth, per identifier.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildDetector, type ScanConfig } from '../src/scan/config.js'
import { runScan } from '../src/scan/pool.js'
import type { ResultRecord } from '../src/scan/record.js'
import type { Occurrences } from '../src/scan/tally.js'
import { listLocalObjects } from '../src/sources/local.js'
import { allSamples } from './corpus/all-samples.js'
import { CorpusReader, generateCorpus, writeCorpus, type NegativeEntry, type TruthEntry, type TruthLocation } from './corpus/generate.js'

const SEED = 20260314
const MIN_PRECISION = 0.95
const MIN_RECALL = 0.95
const EXAMPLES_PER_KIND = 5
const WORST_SHOWN = 12

type Found = TruthLocation | { kind: 'page'; pageNumber: number }

interface Example {
  key: string
  location: Found
  text: string
  note?: string
}

interface Score {
  id: string
  planted: number
  tp: number
  fp: number
  fn: number
  falsePositives: Example[]
  falseNegatives: Example[]
}

function locationKey(l: Found): string {
  switch (l.kind) {
    case 'line':
      return `line ${l.line}:${l.column}`
    case 'cell':
      return `cell row ${l.row} column ${l.column} (${l.columnName})`
    case 'record':
      return `record ${l.recordIndex} ${l.jsonPath}`
    case 'page':
      return `page ${l.pageNumber}`
  }
}

function occurrencesOf(o: Occurrences): Found[] {
  return [
    ...(o.lineRanges ?? []).map((r): Found => ({ kind: 'line', line: r.start, column: r.startColumn })),
    ...(o.cells ?? []).map((c): Found => ({ kind: 'cell', row: c.row, column: c.column, columnName: c.columnName ?? '' })),
    ...(o.records ?? []).map((r): Found => ({ kind: 'record', recordIndex: r.recordIndex, jsonPath: r.jsonPath })),
    ...(o.pages ?? []).map((p): Found => ({ kind: 'page', pageNumber: p.pageNumber })),
  ]
}

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d
}

const precisionOf = (s: Score): number => ratio(s.tp, s.tp + s.fp)
const recallOf = (s: Score): number => ratio(s.tp, s.tp + s.fn)

function pad(s: string | number, n: number): string {
  return String(s).padEnd(n)
}

function table(scores: readonly Score[]): string {
  const width = Math.max(10, ...scores.map((s) => s.id.length)) + 2
  const head = `${pad('identifier', width)}${pad('planted', 9)}${pad('tp', 7)}${pad('fp', 7)}${pad('fn', 7)}${pad('precision', 11)}recall`
  const rows = scores.map(
    (s) => `${pad(s.id, width)}${pad(s.planted, 9)}${pad(s.tp, 7)}${pad(s.fp, 7)}${pad(s.fn, 7)}${pad(precisionOf(s).toFixed(3), 11)}${recallOf(s).toFixed(3)}`,
  )
  return [head, '-'.repeat(head.length), ...rows].join('\n')
}

function examples(s: Score): string {
  const out = [`${s.id}: precision ${precisionOf(s).toFixed(3)}, recall ${recallOf(s).toFixed(3)}`]
  const show = (title: string, list: Example[]): void => {
    if (list.length === 0) return
    out.push(`  ${title} (${list.length}):`)
    for (const e of list.slice(0, EXAMPLES_PER_KIND)) {
      out.push(`    ${e.key} ${locationKey(e.location)} → ${JSON.stringify(e.text)}${e.note ? `  [${e.note}]` : ''}`)
    }
  }
  show('false positives', s.falsePositives)
  show('false negatives', s.falseNegatives)
  return out.join('\n')
}

describe('accuracy of the managed identifiers on the labelled corpus', { timeout: 900_000 }, () => {
  const sampledIds = [...new Set(allSamples.map((s) => s.id))].sort()
  const scores = new Map<string, Score>()
  const incomplete: string[] = []
  let dir = ''
  let registered = new Set<string>()

  before(async () => {
    const corpus = generateCorpus({ seed: SEED, profile: 'accuracy', samples: allSamples })
    dir = await mkdtemp(join(tmpdir(), 'trawl-accuracy-'))
    const { objectsDir } = await writeCorpus(corpus, dir)
    const config: ScanConfig = {
      managedDataIdentifierSelector: 'ALL',
      context: { accountId: '111122223333', region: 'us-east-1', jobId: 'accuracy' },
    }
    registered = new Set(buildDetector(config).detector.managed.map((i) => i.id))
    const reader = new CorpusReader(corpus.files)

    const score = (id: string): Score => {
      let s = scores.get(id)
      if (!s) scores.set(id, (s = { id, planted: 0, tp: 0, fp: 0, fn: 0, falsePositives: [], falseNegatives: [] }))
      return s
    }
    // key \0 id \0 location → truth entries not yet matched
    const open = new Map<string, TruthEntry[]>()
    const truthAt = new Map<string, TruthEntry[]>() // key \0 location → entries of any identifier
    for (const t of corpus.truth) {
      score(t.id).planted++
      const k = `${t.key}\0${t.id}\0${locationKey(t.location)}`
      open.set(k, [...(open.get(k) ?? []), t])
      const at = `${t.key}\0${locationKey(t.location)}`
      truthAt.set(at, [...(truthAt.get(at) ?? []), t])
    }
    const negativesAt = new Map<string, NegativeEntry>() // key \0 line (or cell/record) → negative
    for (const n of corpus.negatives) {
      const lines = n.location.kind === 'line' ? n.text.split('\n').length : 1
      for (let i = 0; i < lines; i++) {
        const at = n.location.kind === 'line' ? `line ${n.location.line + i}` : locationKey(n.location)
        negativesAt.set(`${n.key}\0${at}`, n)
      }
    }
    const explain = (key: string, id: string, loc: Found): string | undefined => {
      const others = (truthAt.get(`${key}\0${locationKey(loc)}`) ?? []).filter((t) => t.id !== id)
      if (others.length > 0) return `planted ${others.map((t) => t.id).join(', ')}`
      const at = loc.kind === 'line' ? `line ${loc.line}` : locationKey(loc)
      const neg = negativesAt.get(`${key}\0${at}`)
      if (neg) return `negative of ${neg.id}: ${JSON.stringify(neg.text)}`
      return loc.kind === 'line' ? 'filler' : undefined
    }

    const onRecord = (record: ResultRecord): void => {
      const key = record.resourcesAffected.s3Object.key
      const { result } = record.classificationDetails
      if (result.status.code !== 'COMPLETE') incomplete.push(`${key}: ${result.status.code} ${result.status.reason ?? ''}`)
      for (const group of result.sensitiveData) {
        for (const d of group.detections) {
          const s = score(d.type)
          const found = occurrencesOf(d.occurrences)
          for (const loc of found) {
            const k = `${key}\0${d.type}\0${loc.kind === 'page' ? '' : locationKey(loc)}`
            const pending = open.get(k)
            if (pending && pending.length > 0) {
              pending.pop()
              s.tp++
              continue
            }
            s.fp++
            const text = loc.kind === 'page' ? '' : (reader.textAt(key, loc, 60) ?? '(no such location)')
            const note = explain(key, d.type, loc)
            s.falsePositives.push({ key, location: loc, text, ...(note ? { note } : {}) })
          }
          if (d.count > found.length) {
            s.fp += d.count - found.length
            s.falsePositives.push({ key, location: { kind: 'line', line: 0, column: 0 }, text: `${d.count - found.length} occurrences not located` })
          }
        }
      }
    }
    await runScan(listLocalObjects([objectsDir]), config, { workers: 0, onRecord })

    for (const list of open.values()) {
      for (const t of list) {
        const s = score(t.id)
        s.fn++
        s.falseNegatives.push({
          key: t.key,
          location: t.location,
          text: t.value,
          note: registered.has(t.id) ? `context: ${JSON.stringify(reader.textAt(t.key, t.location.kind === 'line' ? { ...t.location, column: Math.max(1, t.location.column - 30) } : t.location, 100))}` : 'identifier not registered',
        })
      }
    }

    const all = [...scores.values()]
      .filter((s) => registered.has(s.id))
      .sort((a, b) => Math.min(precisionOf(a), recallOf(a)) - Math.min(precisionOf(b), recallOf(b)) || a.id.localeCompare(b.id))
    const sampled = all.filter((s) => sampledIds.includes(s.id))
    const unsampled = all.filter((s) => !sampledIds.includes(s.id))
    const unregistered = sampledIds.filter((id) => !registered.has(id))
    const report = [
      `accuracy corpus: seed ${SEED}, ${corpus.files.length} files, ${corpus.truth.length} positives, ${corpus.negatives.length} negatives, ${sampledIds.length} identifiers with samples, ${registered.size} scanned`,
      '',
      table(sampled),
    ]
    if (unsampled.length > 0) {
      report.push('', 'identifiers without samples that reported something (all false positives):', table(unsampled))
    }
    if (unregistered.length > 0) report.push('', `identifiers with samples that are not registered (${unregistered.length}): ${unregistered.join(', ')}`)
    const offenders = all.filter((s) => s.fp + s.fn > 0).slice(0, WORST_SHOWN)
    if (offenders.length > 0) report.push('', 'worst offenders:', ...offenders.map(examples))
    if (incomplete.length > 0) report.push('', 'objects not analysed completely:', ...incomplete.map((l) => `  ${l}`))
    console.log(report.join('\n'))
  })

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('analyses every object completely', () => {
    assert.deepEqual(incomplete, [])
  })

  for (const id of sampledIds) {
    it(`${id}: precision ≥ ${MIN_PRECISION} and recall ≥ ${MIN_RECALL}`, () => {
      const s = scores.get(id)
      assert.ok(s, `${id} has no planted values`)
      assert.ok(registered.has(id), `${id} has samples but is not a registered managed identifier`)
      const p = precisionOf(s)
      const r = recallOf(s)
      assert.ok(p >= MIN_PRECISION && r >= MIN_RECALL, examples(s))
    })
  }
})
