// The prefilter: one pass over a text that reports every keyword and anchor occurrence at once.
// Keywords are whole words (they start at a word start and end at a word end; camelCase steps
// count as both); anchors may start anywhere. Case is folded for ASCII and Latin-1/Latin
// Extended-A letters. Every term that ends at a valid place is reported, including a keyword
// that is the prefix of a longer one ("passport" inside "passport number").
// The scan runs in native code (native/prefilter.cc) when the addon is built, else in JS.
import { createRequire } from 'node:module'
import { isWordChar } from './keywords.js'

/** A literal to find: lower-case text and whether it is a whole-word keyword or an anchor. */
export interface PrefilterTerm {
  text: string
  isAnchor: boolean
}

/** Finds all terms in a text. */
export interface Prefilter {
  /** Hits as flat triples [start, end, termIndex, …] in order of start. */
  scan(text: string): Int32Array
  readonly native: boolean
}

interface NativeAddon {
  compile(terms: string[], anchors: Uint8Array): unknown
  scan(handle: unknown, text: string, out: Int32Array): number
}

let addon: NativeAddon | null | undefined
function loadAddon(): NativeAddon | null {
  if (addon !== undefined) return addon
  if (process.env.TRAWL_NO_NATIVE === '1') return (addon = null)
  const require = createRequire(import.meta.url)
  for (const p of ['../../build/Release/trawl_prefilter.node', '../../../build/Release/trawl_prefilter.node']) {
    try {
      return (addon = require(p) as NativeAddon)
    } catch {
      // try the next layout (src/detect under tsx, dist/detect when built)
    }
  }
  return (addon = null)
}

/** Folds one UTF-16 code unit to lower case (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic). */
export function foldChar(c: number): number {
  if (c >= 65 && c <= 90) return c + 32
  if (c < 0xc0) return c
  if (c <= 0xde && c !== 0xd7) return c + 32
  if (c >= 0x100 && c <= 0x17f && (c & 1) === 0 && c !== 0x130 && c !== 0x138) return c + 1
  if (c >= 0x391 && c <= 0x3ab && c !== 0x3a2) return c + 32 // Greek capitals
  if (c === 0x386) return 0x3ac // Greek capitals with tonos
  if (c >= 0x388 && c <= 0x38a) return c + 37
  if (c === 0x38c) return 0x3cc
  if (c === 0x38e || c === 0x38f) return c + 63
  if (c >= 0x410 && c <= 0x42f) return c + 32 // Cyrillic А–Я
  if (c >= 0x400 && c <= 0x40f) return c + 80 // Cyrillic Ѐ–Џ
  return c
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90
}

/** The JS implementation: a dense trie over a compact alphabet. */
class JsPrefilter implements Prefilter {
  readonly native = false
  private readonly alpha = new Int16Array(65536).fill(-1)
  private readonly k: number
  private next: Int32Array
  private readonly term: Int32Array[]
  private readonly kwStartsWithWord: boolean[]

  constructor(private readonly terms: readonly PrefilterTerm[]) {
    let k = 0
    for (const t of terms) {
      for (let i = 0; i < t.text.length; i++) {
        const c = foldChar(t.text.charCodeAt(i))
        if (this.alpha[c] === -1) this.alpha[c] = k++
      }
    }
    // Upper-case forms map to the same symbol.
    for (let c = 0; c < 65536; c++) {
      const f = foldChar(c)
      if (f !== c && this.alpha[f]! >= 0) this.alpha[c] = this.alpha[f]!
    }
    this.k = Math.max(k, 1)
    this.next = new Int32Array(64 * this.k).fill(-1)
    this.term = [[] as unknown as Int32Array]
    const ends: number[][] = [[]]
    let nodes = 1
    terms.forEach((t, index) => {
      let s = 0
      for (let i = 0; i < t.text.length; i++) {
        const x = this.alpha[foldChar(t.text.charCodeAt(i))]!
        let nx = this.next[s * this.k + x]!
        if (nx < 0) {
          if ((nodes + 1) * this.k > this.next.length) {
            const grown = new Int32Array(this.next.length * 2).fill(-1)
            grown.set(this.next)
            this.next = grown
          }
          nx = nodes++
          ends.push([])
          this.next[s * this.k + x] = nx
        }
        s = nx
      }
      ends[s]!.push(index)
    })
    this.term = ends.map((e) => Int32Array.from(e))
    this.kwStartsWithWord = terms.map((t) => isWordChar(t.text.charCodeAt(0)))
  }

  scan(text: string): Int32Array {
    const out: number[] = []
    const n = text.length
    const { alpha, next, k, term, terms } = this
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      const x0 = alpha[c]!
      if (x0 < 0) continue
      const word = isWordChar(c)
      let wordStart = false
      if (word) {
        const p = i > 0 ? text.charCodeAt(i - 1) : 32
        wordStart = !isWordChar(p) || (isLower(p) && isUpper(c))
      }
      let s = next[x0]!
      let j = i + 1
      while (s >= 0) {
        const hits = term[s]!
        for (let h = 0; h < hits.length; h++) {
          const t = hits[h]!
          const spec = terms[t]!
          if (!spec.isAnchor) {
            if (this.kwStartsWithWord[t] && !wordStart) continue
            const last = text.charCodeAt(j - 1)
            if (j < n && isWordChar(last)) {
              const a = text.charCodeAt(j)
              if (isWordChar(a) && !(isLower(last) && isUpper(a))) continue
            }
          }
          out.push(i, j, t)
        }
        if (j >= n) break
        const x = alpha[text.charCodeAt(j)]!
        if (x < 0) break
        s = next[s * k + x]!
        j++
      }
    }
    return Int32Array.from(out)
  }
}

/** The native implementation (same semantics). */
class NativePrefilter implements Prefilter {
  readonly native = true
  private out = new Int32Array(3 * 4096)
  private readonly handle: unknown

  constructor(
    private readonly lib: NativeAddon,
    terms: readonly PrefilterTerm[],
  ) {
    this.handle = lib.compile(
      terms.map((t) => t.text),
      Uint8Array.from(terms.map((t) => (t.isAnchor ? 1 : 0))),
    )
  }

  scan(text: string): Int32Array {
    for (;;) {
      const count = this.lib.scan(this.handle, text, this.out)
      if (count * 3 <= this.out.length) return this.out.subarray(0, count * 3)
      this.out = new Int32Array(count * 3 + 3 * 1024)
    }
  }
}

/**
 * Builds the prefilter for a set of terms.
 * @example
 * createPrefilter([{ text: 'ssn', isAnchor: false }]).scan('SSN: 1') // Int32Array [0, 3, 0]
 */
export function createPrefilter(terms: readonly PrefilterTerm[], options: { native?: boolean } = {}): Prefilter {
  const lib = options.native === false ? null : loadAddon()
  return lib ? new NativePrefilter(lib, terms) : new JsPrefilter(terms)
}
