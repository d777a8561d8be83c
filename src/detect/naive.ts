// The obvious detector: every identifier's pattern over the whole text, one after another, then
// keywords, validators and allow lists. It defines the semantics the fast engine must reproduce
// and is the baseline the benchmark compares against. Not used for scanning.
import { fieldAt } from './fields.js'
import type { Identifier } from './identifier.js'
import { escapeRegExp, isKeywordNear, isWholeWord, keywordForms, labelHasKeyword, normalizeLabel } from './keywords.js'
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

/** Compiles identifiers into the naive detector. */
export function compileNaiveDetector(identifiers: readonly Identifier[]): NaiveDetector {
  const compiled = identifiers.map((idf) => ({
    idf,
    kw: keywordRegExp(idf.keywords),
    normalizedKeywords: idf.keywords.map(normalizeLabel),
  }))
  return {
    detect(block) {
      const { text, fields } = block
      const ownStart = block.ownStart ?? 0
      const ownEnd = block.ownEnd ?? text.length
      const fieldOf = (pos: number): number => {
        if (!fields) return -1
        const f = fieldAt(fields, pos)
        return f >= 0 ? f : -2
      }
      const out: Detection[] = []
      for (const { idf, kw, normalizedKeywords } of compiled) {
        const hasKeyword = (labels: readonly string[]): boolean =>
          labels.some((l) => {
            const nl = normalizeLabel(l)
            return normalizedKeywords.some((k) => labelHasKeyword(nl, k))
          })
        const blockLabelled = hasKeyword(block.labels ?? [])
        const kws = kw ? findAll(kw, text, 0, text.length).filter((k) => isWholeWord(text, k.start, k.end)) : []
        const seen = new Set<number>()
        const accept = (m: Span, keyed: boolean): void => {
          if (m.start < ownStart || m.start >= ownEnd || seen.has(m.start)) return
          const f = fieldOf(m.start)
          if (f === -2 || (f >= 0 && m.end > fields!.ends[f]!)) return
          const value = text.slice(m.start, m.end)
          if (!idf.validate.every((v) => v(value)) || idf.reject.some((r) => r(value))) return
          if (keyed && idf.keywordRule !== 'none') {
            const labelled = blockLabelled || (f >= 0 && hasKeyword(fields!.labels(f)))
            const near = labelled || kws.some((k) => (f < 0 || fieldOf(k.start) === f) && isKeywordNear(k.start, k.end, m.start, m.end, idf.distance))
            if (idf.keywordRule === 'required' ? !near : near) return
          }
          seen.add(m.start)
          out.push({ id: idf.id, isCustom: false, start: m.start, end: m.end, field: f })
        }
        for (const m of findAll(idf.pattern, text, 0, text.length)) accept(m, true)
        if (idf.unkeyedPattern) for (const m of findAll(idf.unkeyedPattern, text, 0, text.length)) accept(m, false)
      }
      return out.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))
    },
  }
}
