// The obvious detector: every identifier's pattern over the whole text, one after another, then
// keywords, validators and allow lists. It defines the semantics the fast engine must reproduce
// and is the baseline the benchmark compares against. Not used for scanning.
import type { Identifier } from './identifier.js'
import { escapeRegExp, isWholeWord, keywordForms, labelHasKeyword, normalizeLabel } from './keywords.js'
import type { Detection, TextBlock } from './types.js'

interface Span {
  start: number
  end: number
}

/** A compiled set of managed identifiers run the slow, obvious way. */
export interface NaiveDetector {
  detect(block: TextBlock): Detection[]
}

/** Builds the keyword regex of one identifier (all forms, longest first). */
export function keywordRegExp(keywords: readonly string[]): RegExp | undefined {
  const forms = [...new Set(keywords.flatMap(keywordForms))].sort((a, b) => b.length - a.length)
  if (forms.length === 0) return undefined
  return new RegExp(forms.map(escapeRegExp).join('|'), 'gi')
}

function findAll(re: RegExp, text: string, from: number, to: number): Span[] {
  const out: Span[] = []
  const sub = from === 0 && to === text.length ? text : text.slice(from, to)
  re.lastIndex = 0
  for (let m = re.exec(sub); m; m = re.exec(sub)) {
    if (m[0].length === 0) {
      re.lastIndex++
      continue
    }
    out.push({ start: from + m.index, end: from + m.index + m[0].length })
  }
  return out
}

/** True when a keyword span is within `distance` characters of the match (either side). */
export function isNear(kw: Span, m: Span, distance: number): boolean {
  if (kw.end <= m.start) return m.start - kw.end <= distance
  if (kw.start >= m.end) return kw.start - m.end <= distance
  return true
}

/** Compiles identifiers into the naive detector. */
export function compileNaiveDetector(identifiers: readonly Identifier[]): NaiveDetector {
  const compiled = identifiers.map((idf) => ({
    idf,
    kw: keywordRegExp(idf.keywords),
    normalizedKeywords: idf.keywords.map(normalizeLabel),
  }))
  return {
    detect(block) {
      const { text } = block
      const ownStart = block.ownStart ?? 0
      const ownEnd = block.ownEnd ?? text.length
      const ranges: Array<{ start: number; end: number; field: number; labels: readonly string[] }> = []
      if (block.fields) {
        for (let i = 0; i < block.fields.count; i++) {
          ranges.push({ start: block.fields.starts[i]!, end: block.fields.ends[i]!, field: i, labels: block.fields.labels(i) })
        }
      } else {
        ranges.push({ start: 0, end: text.length, field: -1, labels: block.labels ?? [] })
      }
      const out: Detection[] = []
      for (const { idf, kw, normalizedKeywords } of compiled) {
        for (const range of ranges) {
          const seen = new Set<number>()
          const labelled = range.labels.some((l) => {
            const nl = normalizeLabel(l)
            return normalizedKeywords.some((k) => labelHasKeyword(nl, k))
          })
          const kws = kw ? findAll(kw, text, range.start, range.end).filter((s) => isWholeWord(text, s.start, s.end)) : []
          const accept = (m: Span, keyed: boolean): void => {
            if (m.start < ownStart || m.start >= ownEnd) return
            if (seen.has(m.start * 65536 + (m.end - m.start))) return
            const value = text.slice(m.start, m.end)
            if (!idf.validate.every((f) => f(value)) || idf.reject.some((f) => f(value))) return
            if (keyed && idf.keywordRule !== 'none') {
              const near = labelled || kws.some((k) => isNear(k, m, idf.distance))
              if (idf.keywordRule === 'required' ? !near : near) return
            }
            seen.add(m.start * 65536 + (m.end - m.start))
            out.push({ id: idf.id, isCustom: false, start: m.start, end: m.end, field: range.field })
          }
          for (const m of findAll(idf.pattern, text, range.start, range.end)) accept(m, true)
          if (idf.unkeyedPattern) for (const m of findAll(idf.unkeyedPattern, text, range.start, range.end)) accept(m, false)
        }
      }
      return out.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))
    },
  }
}
