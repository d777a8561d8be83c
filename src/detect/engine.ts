// The detection engine: text blocks in, detections out. Pure and synchronous.
// It does not run every pattern over every character. One case-insensitive pass (the prefilter,
// native code when built) finds all keywords and literal anchors at once; an identifier that needs a keyword then runs only in the
// windows around its keywords (or in fields whose column name / JSON path carries one); an
// identifier with an anchor runs only around the anchor; a family sharing a trigger (IBANs) runs
// around one shared pass. Only keyword-free identifiers with neither scan the whole block.
import type { AllowList } from './allow-list.js'
import type { CustomIdentifier } from './custom.js'
import type { Identifier } from './identifier.js'
import { cueRegExp, identifierFamily } from './country-cues.js'
import { fieldAt } from './fields.js'
import { isKeywordNear, keywordForms, labelHasKeyword, normalizeLabel } from './keywords.js'
import { createPrefilter, type PrefilterTerm } from './prefilter.js'
import type { Detection, TextBlock } from './types.js'

/** What a detector is built from. */
export interface DetectorConfig {
  managed: readonly Identifier[]
  custom?: readonly CustomIdentifier[]
  allowLists?: readonly AllowList[]
}

/** A compiled detector: text blocks in, detections out. Not shared between threads. */
export interface Detector {
  detect(block: TextBlock): Detection[]
  readonly managed: readonly Identifier[]
  readonly custom: readonly CustomIdentifier[]
}

interface Term {
  /** Managed identifiers for which this term is a keyword (whole word). */
  kw: number[]
  /** Managed identifiers for which this term is an anchor. */
  anchor: number[]
  /** Custom identifiers for which this term is a keyword. */
  cdi: number[]
}

interface LabelMatch {
  managed: number[]
  cdi: number[]
}

/** Hit positions as flat [start, end, start, end, …] lists, per identifier. */
type Hits = number[][]

const NO_HITS: number[] = []
const WINDOW_SLACK = 64

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 11
}

function addOnce(list: number[], i: number): void {
  if (list[list.length - 1] !== i) list.push(i)
}

/**
 * Compiles managed identifiers, custom identifiers and allow lists into one detector.
 * @example
 * const detector = compileDetector({ managed: selectManagedIdentifiers(managedIdentifiers, 'RECOMMENDED') })
 * detector.detect({ text: 'SSN: 536-22-8741' })
 */
export function compileDetector(config: DetectorConfig, options: { native?: boolean } = {}): Detector {
  const managed = config.managed
  const custom = config.custom ?? []
  const allowLists = config.allowLists ?? []

  // One term per literal and role: keyword forms (whole words), anchors, custom keywords.
  const termIndex = new Map<string, number>()
  const terms: PrefilterTerm[] = []
  const actions: Term[] = []
  const term = (text: string, isAnchor: boolean): Term => {
    const key = `${isAnchor ? 'a' : 'k'}:${text}`
    let t = termIndex.get(key)
    if (t === undefined) {
      t = terms.length
      termIndex.set(key, t)
      terms.push({ text, isAnchor })
      actions.push({ kw: [], anchor: [], cdi: [] })
    }
    return actions[t]!
  }
  managed.forEach((idf, i) => {
    if (idf.keywordRule !== 'none') for (const k of idf.keywords) for (const f of keywordForms(k)) addOnce(term(f, false).kw, i)
    for (const a of idf.anchors) addOnce(term(a.toLowerCase(), true).anchor, i)
  })
  custom.forEach((c, j) => {
    for (const k of c.keywords) for (const f of keywordForms(k)) addOnce(term(f, false).cdi, j)
  })
  const prefilter = terms.length > 0 ? createPrefilter(terms, options) : undefined

  const normalizedKeywords = managed.map((idf) => (idf.keywordRule === 'none' ? [] : idf.keywords.map(normalizeLabel)))
  const normalizedCdiKeywords = custom.map((c) => c.keywords.map(normalizeLabel))
  const labelCache = new Map<string, LabelMatch>()
  const matchLabel = (label: string): LabelMatch => {
    let hit = labelCache.get(label)
    if (hit) return hit
    const nl = normalizeLabel(label)
    hit = { managed: [], cdi: [] }
    normalizedKeywords.forEach((ks, i) => {
      if (ks.some((k) => labelHasKeyword(nl, k))) hit!.managed.push(i)
    })
    normalizedCdiKeywords.forEach((ks, j) => {
      if (ks.some((k) => labelHasKeyword(nl, k))) hit!.cdi.push(j)
    })
    if (labelCache.size > 10_000) labelCache.clear()
    labelCache.set(label, hit)
    return hit
  }
  // Label arrays are usually shared (one per CSV column, one per JSON path): cache by identity.
  const labelArrays = new Map<readonly string[], LabelMatch | null>()
  const matchLabels = (labels: readonly string[]): LabelMatch | undefined => {
    if (labels.length === 0) return undefined
    const cached = labelArrays.get(labels)
    if (cached !== undefined) return cached ?? undefined
    let result: LabelMatch | undefined
    for (const l of labels) {
      const m = matchLabel(l)
      if (m.managed.length + m.cdi.length === 0) continue
      result = result
        ? { managed: [...new Set([...result.managed, ...m.managed])], cdi: [...new Set([...result.cdi, ...m.cdi])] }
        : m
    }
    if (labelArrays.size > 50_000) labelArrays.clear()
    labelArrays.set(labels, result ?? null)
    return result
  }

  const allowed = (value: string): boolean => allowLists.some((a) => a.allows(value))

  // Country variants of one kind of identifier, for resolving matches of the very same text.
  const family = new Map(managed.map((idf) => [idf.id, identifierFamily(idf.id)]))
  const cues = new Map(managed.map((idf) => [idf.id, cueRegExp(idf.countries ?? [])]))
  const CUE_REACH = 80

  /** Where several countries' identifiers of one family matched the same span, keep those with a cue. */
  function resolveCountries(out: Detection[], block: TextBlock): Detection[] {
    const spans = new Map<string, number[]>()
    out.forEach((d, k) => {
      if (d.isCustom) return
      const key = `${d.start}:${d.end}:${family.get(d.id)}`
      const list = spans.get(key)
      if (list) list.push(k)
      else spans.set(key, [k])
    })
    const drop = new Set<number>()
    for (const list of spans.values()) {
      if (list.length < 2) continue
      const d0 = out[list[0]!]!
      let from = Math.max(0, d0.start - CUE_REACH)
      let to = Math.min(block.text.length, d0.end + CUE_REACH)
      const labels: string[] = [...(block.labels ?? [])]
      if (block.fields && d0.field >= 0) {
        from = Math.max(from, block.fields.starts[d0.field]!)
        to = Math.min(to, block.fields.ends[d0.field]!)
        labels.push(...block.fields.labels(d0.field))
      }
      const context = `${labels.map(normalizeLabel).join(' ')} ${block.text.slice(from, to)}`
      const cued = list.filter((k) => cues.get(out[k]!.id)?.test(context) ?? false)
      if (cued.length > 0) for (const k of list) if (!cued.includes(k)) drop.add(k)
    }
    return drop.size === 0 ? out : out.filter((_, k) => !drop.has(k))
  }

  function detect(block: TextBlock): Detection[] {
    const { text, fields } = block
    const n = text.length
    const ownStart = block.ownStart ?? 0
    const ownEnd = block.ownEnd ?? n
    const out: Detection[] = []

    // 1. One pass for every keyword and anchor.
    const kwHits: Hits = []
    const anchorHits: Hits = []
    const cdiHits: Hits = []
    if (prefilter) {
      const hits = prefilter.scan(text)
      for (let h = 0; h < hits.length; h += 3) {
        const start = hits[h]!
        const end = hits[h + 1]!
        const a = actions[hits[h + 2]!]!
        for (const i of a.anchor) (anchorHits[i] ??= []).push(start, end)
        for (const i of a.kw) (kwHits[i] ??= []).push(start, end)
        for (const j of a.cdi) (cdiHits[j] ??= []).push(start, end)
      }
    }

    // 2. Labels: the whole block's, and each field's.
    const blockLabels = block.labels ? matchLabels(block.labels) : undefined
    let fieldLabels: Array<LabelMatch | undefined> | undefined
    // Fields whose labels carry a keyword, per managed / custom identifier.
    const labelledFields: number[][] = []
    const labelledCdiFields: number[][] = []
    if (fields) {
      let last: readonly string[] | undefined
      let lastMatch: LabelMatch | undefined
      for (let f = 0; f < fields.count; f++) {
        const labels = fields.labels(f)
        if (labels !== last) {
          last = labels
          lastMatch = matchLabels(labels)
        }
        if (!lastMatch) continue
        ;(fieldLabels ??= [])[f] = lastMatch
        for (const i of lastMatch.managed) (labelledFields[i] ??= []).push(f)
        for (const j of lastMatch.cdi) (labelledCdiFields[j] ??= []).push(f)
      }
    }

    // Runs `re` over text[a, b) and hands each match to `take`.
    const run = (re: RegExp, a: number, b: number, take: (s: number, e: number) => void): void => {
      if (a === 0 && b === n) {
        re.lastIndex = 0
        let redone = -1
        for (let m = re.exec(text); m; m = re.exec(text)) {
          if (m[0].length === 0) {
            re.lastIndex++
            continue
          }
          const s = m.index
          const e = s + m[0].length
          if (fields) {
            // A match running past its field is searched again inside that field alone.
            const f = fieldAt(fields, s)
            if (f < 0) continue
            if (e > fields.ends[f]!) {
              if (f !== redone) {
                redone = f
                const at = re.lastIndex
                run(re, fields.starts[f]!, fields.ends[f]!, take)
                re.lastIndex = at
              }
              continue
            }
          }
          take(s, e)
        }
        return
      }
      const sub = text.slice(a, b)
      // A window cut inside a token hides the real neighbours from lookarounds: re-check there.
      // Field edges are real edges: the delimiters beyond them are not the value's neighbours.
      const clipped = (a > 0 && !isSpace(text.charCodeAt(a - 1)) && !isFieldEdge(a)) || (b < n && !isSpace(text.charCodeAt(b)) && !isFieldEdge(b))
      re.lastIndex = 0
      for (let m = re.exec(sub); m; m = re.exec(sub)) {
        if (m[0].length === 0) {
          re.lastIndex++
          continue
        }
        const s = a + m.index
        const e = s + m[0].length
        if (clipped && !matchesAt(re, s, e)) continue
        take(s, e)
      }
    }

    const isFieldEdge = (x: number): boolean => {
      if (!fields) return false
      const f = fieldAt(fields, x)
      if (f >= 0 && fields.starts[f] === x) return true
      const g = fieldAt(fields, x - 1)
      return g >= 0 && fields.ends[g] === x
    }

    // Re-runs `re` at s over the whole text, or over the field holding s.
    const matchesAt = (re: RegExp, s: number, e: number): boolean => {
      let sticky = stickyClones.get(re)
      // The same engine as the pattern: an RE2 custom pattern stays RE2 (its syntax, linear time).
      const Engine = re.constructor as RegExpConstructor
      if (!sticky) stickyClones.set(re, (sticky = new Engine(re.source, `${re.flags.replace('g', '')}y`)))
      const f = fields ? fieldAt(fields, s) : -1
      const lo = f >= 0 ? fields!.starts[f]! : 0
      sticky.lastIndex = s - lo
      const m = sticky.exec(f >= 0 ? text.slice(lo, fields!.ends[f]!) : text)
      return m !== null && s + m[0].length === e
    }

    // A window around [s, e) widened to whitespace (free text) or clipped to the field.
    const windowAround = (s: number, e: number, before: number, after: number): [number, number] => {
      let a = Math.max(0, s - before)
      let b = Math.min(n, e + after)
      if (fields) {
        const f = fieldAt(fields, s)
        if (f >= 0) return [Math.max(a, fields.starts[f]!), Math.min(b, fields.ends[f]!)]
        return [a, b]
      }
      for (let k = 0; a > 0 && k < WINDOW_SLACK && !isSpace(text.charCodeAt(a - 1)); k++) a--
      for (let k = 0; b < n && k < WINDOW_SLACK && !isSpace(text.charCodeAt(b)); k++) b++
      return [a, b]
    }

    // Runs `re` in the merged windows around hits.
    const runAround = (re: RegExp, hits: readonly number[], before: number, after: number, take: (s: number, e: number) => void): void => {
      let curA = -1
      let curB = -1
      for (let h = 0; h < hits.length; h += 2) {
        const [a, b] = windowAround(hits[h]!, hits[h + 1]!, before, after)
        if (curB >= 0 && a <= curB) {
          if (b > curB) curB = b
          continue
        }
        if (curB >= 0) run(re, curA, curB, take)
        curA = a
        curB = b
      }
      if (curB >= 0) run(re, curA, curB, take)
    }

    const fieldOf = (s: number, e: number): number => {
      if (!fields) return -1
      const f = fieldAt(fields, s)
      if (f < 0 || e > fields.ends[f]!) return -2
      return f
    }

    // 3. Managed identifiers.
    for (let i = 0; i < managed.length; i++) {
      const idf = managed[i]!
      const kws = kwHits[i] ?? NO_HITS
      const seen = new Set<number>()
      const labelled = (f: number): boolean =>
        (blockLabels?.managed.includes(i) ?? false) || (f >= 0 && (fieldLabels?.[f]?.managed.includes(i) ?? false))
      const near = (s: number, e: number, f: number): boolean => {
        for (let h = 0; h < kws.length; h += 2) {
          const ks = kws[h]!
          const ke = kws[h + 1]!
          if (f >= 0 && fieldAt(fields!, ks) !== f) continue
          if (isKeywordNear(ks, ke, s, e, idf.distance)) return true
        }
        return false
      }
      const accept = (s: number, e: number, mode: 'keyed' | 'unkeyed' | 'labelled'): void => {
        if (s < ownStart || s >= ownEnd || seen.has(s)) return
        const f = fieldOf(s, e)
        if (f === -2) return
        if (mode === 'keyed' && idf.keywordRule !== 'none') {
          const isNear = labelled(f) || near(s, e, f)
          if (idf.keywordRule === 'required' ? !isNear : isNear) return
        }
        const value = text.slice(s, e)
        for (const v of idf.validate) if (!v(value)) return
        for (const r of idf.reject) if (r(value)) return
        if (allowLists.length > 0 && allowed(value)) return
        seen.add(s)
        out.push({ id: idf.id, isCustom: false, start: s, end: e, field: f })
      }
      const reach = idf.distance + idf.maxLength
      if (idf.keywordRule === 'required') {
        if (blockLabels?.managed.includes(i)) run(idf.pattern, 0, n, (s, e) => accept(s, e, 'labelled'))
        else {
          if (kws.length > 0) runAround(idf.pattern, kws, reach, reach, (s, e) => accept(s, e, 'keyed'))
          if (fields) {
            for (const f of labelledFields[i] ?? NO_HITS) run(idf.pattern, fields.starts[f]!, fields.ends[f]!, (s, e) => accept(s, e, 'labelled'))
          }
        }
      }
      const unkeyed = idf.keywordRule === 'required' ? idf.unkeyedPattern : idf.pattern
      if (!unkeyed) continue
      const mode = idf.keywordRule === 'absent' ? 'keyed' : 'unkeyed'
      if (idf.anchors.length > 0) {
        const hits = anchorHits[i]
        if (hits) runAround(unkeyed, hits, idf.maxLength, idf.maxLength, (s, e) => accept(s, e, mode))
      } else if (idf.trigger) {
        const hits = triggerHits(idf.trigger)
        if (hits.length > 0) runAround(unkeyed, hits, idf.maxLength, idf.maxLength, (s, e) => accept(s, e, mode))
      } else {
        run(unkeyed, 0, n, (s, e) => accept(s, e, mode))
      }
    }

    // 4. Custom data identifiers: keywords precede the match within maximumMatchDistance.
    for (let j = 0; j < custom.length; j++) {
      const cdi = custom[j]!
      const seen = new Set<number>()
      const take = (s: number, e: number, needKeyword: boolean): void => {
        if (s < ownStart || s >= ownEnd || seen.has(s)) return
        const f = fieldOf(s, e)
        if (f === -2) return
        if (needKeyword) {
          const hits = cdiHits[j] ?? NO_HITS
          let ok = false
          for (let h = 0; h < hits.length && !ok; h += 2) {
            const ke = hits[h + 1]!
            if (ke <= s && e - ke <= cdi.maximumMatchDistance && (f < 0 || fieldAt(fields!, hits[h]!) === f)) ok = true
          }
          if (!ok) return
        }
        const value = text.slice(s, e)
        for (const w of cdi.ignoreWords) if (value.includes(w)) return
        if (allowLists.length > 0 && allowed(value)) return
        seen.add(s)
        out.push({ id: cdi.id, isCustom: true, start: s, end: e, field: f })
      }
      const re = cdi.re as unknown as RegExp
      if (cdi.keywords.length === 0 || blockLabels?.cdi.includes(j)) {
        run(re, 0, n, (s, e) => take(s, e, false))
        continue
      }
      const hits = cdiHits[j]
      if (hits) runAround(re, hits, 0, cdi.maximumMatchDistance, (s, e) => take(s, e, true))
      if (fields) {
        for (const f of labelledCdiFields[j] ?? NO_HITS) run(re, fields.starts[f]!, fields.ends[f]!, (s, e) => take(s, e, false))
      }
    }

    return resolveCountries(out, block).sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

    function triggerHits(trigger: RegExp): number[] {
      let hits = triggerCache.get(trigger)
      if (!hits) {
        hits = []
        trigger.lastIndex = 0
        for (let m = trigger.exec(text); m; m = trigger.exec(text)) {
          if (m[0].length === 0) trigger.lastIndex++
          else hits.push(m.index, m.index + m[0].length)
        }
        triggerCache.set(trigger, hits)
      }
      return hits
    }
  }
  const triggerCache = new Map<RegExp, number[]>()
  const stickyClones = new Map<RegExp, RegExp>()

  return {
    managed,
    custom,
    detect(block) {
      triggerCache.clear()
      return detect(block)
    },
  }
}
