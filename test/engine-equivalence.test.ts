// The fast engine (prefilter, keyword windows, anchors, triggers, labelled fields) must find what
// the obvious detector finds — every identifier's regex over the whole text — on the labelled
// accuracy corpus, for ALL identifiers. The only allowed difference: where identifiers of one kind
// from several countries matched the very same text, the engine keeps the ones a country cue names.
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { identifierFamily } from '../src/detect/country-cues.js'
import { compileDetector } from '../src/detect/engine.js'
import { managedIdentifiers } from '../src/detect/identifiers/index.js'
import { compileNaiveDetector } from '../src/detect/naive.js'
import { DEFAULT_LIMITS, extractObject, isEmbedded } from '../src/extract/index.js'
import { allSamples } from './corpus/all-samples.js'
import { generateCorpus } from './corpus/generate.js'

const SEED = 4242

describe('engine equivalence with the naive detector', () => {
  it('finds the same detections on the accuracy corpus with ALL identifiers', async () => {
    const corpus = generateCorpus({ seed: SEED, profile: 'accuracy', samples: allSamples })
    const fast = compileDetector({ managed: managedIdentifiers })
    const naive = compileNaiveDetector(managedIdentifiers)
    let compared = 0
    const missing: string[] = []
    const extra: string[] = []
    for (const file of corpus.files) {
      const extension = file.key.slice(file.key.lastIndexOf('.') + 1)
      const extracted = await extractObject(Readable.from([Buffer.from(file.content)]), {
        key: file.key,
        size: Buffer.byteLength(file.content),
        extension,
        limits: DEFAULT_LIMITS,
      })
      for await (const segment of extracted.items) {
        if (isEmbedded(segment)) continue
        const got = fast.detect(segment)
        let want = naive.detect(segment)
        const { fields } = segment
        let checked: Set<number> | undefined
        if (fields) {
          // A cell or JSON value is a text of its own: run the naive detector on each field that
          // either detector reported in, and on every 25th field besides.
          const chosen = new Set([...got, ...want].map((d) => d.field).filter((f) => f >= 0))
          for (let f = 0; f < fields.count; f += 25) chosen.add(f)
          checked = chosen
          want = [...chosen].flatMap((f) => {
            const start = fields.starts[f]!
            return naive
              .detect({ text: segment.text.slice(start, fields.ends[f]!), labels: fields.labels(f) })
              .map((d) => ({ ...d, start: d.start + start, end: d.end + start, field: f }))
          })
        }
        compared += want.length
        const key = (d: { id: string; start: number; end: number }): string => `${d.id}@${d.start}-${d.end}`
        const gotKeys = new Set(got.map(key))
        const wantKeys = new Set(want.map(key))
        for (const d of got) if (!wantKeys.has(key(d)) && (!checked || checked.has(d.field))) extra.push(`${file.key} ${key(d)} ${JSON.stringify(segment.text.slice(d.start, d.end))}`)
        for (const d of want) {
          if (gotKeys.has(key(d))) continue
          const resolved = got.some((g) => g.start === d.start && g.end === d.end && identifierFamily(g.id) === identifierFamily(d.id))
          if (!resolved) missing.push(`${file.key} ${key(d)} ${JSON.stringify(segment.text.slice(d.start, d.end))}`)
        }
      }
    }
    assert.ok(compared > 1000, `only ${compared} detections compared`)
    assert.deepEqual(extra.slice(0, 20), [], `${extra.length} detections only the engine made`)
    assert.deepEqual(missing.slice(0, 20), [], `${missing.length} detections the engine missed`)
  })
})
