// A small seeded PRNG (mulberry32) so corpora are reproducible from a seed.

/** A seeded random source. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T
  /** A string of `n` digits (leading zeros allowed). */
  digits(n: number): string
  /** A string of `n` characters drawn from `alphabet`. */
  chars(n: number, alphabet: string): string
}

/** Creates a seeded random source. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    digits: (n) => Array.from({ length: n }, () => String(int(0, 9))).join(''),
    chars: (n, alphabet) => Array.from({ length: n }, () => alphabet[int(0, alphabet.length - 1)]).join(''),
  }
}
