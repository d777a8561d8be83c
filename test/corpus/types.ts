// How each identifier contributes to the labelled corpus: synthetic positives with the context
// that makes them reportable, and hard negatives that must not be reported.
import type { Rng } from './rng.js'

/** A planted value: `text` contains `value` exactly once; `value` is what must be reported. */
export interface Positive {
  text: string
  value: string
}

/** Structured form of a positive: the value sits in a CSV column / JSON key named `label`. */
export interface LabelledPositive {
  label: string
  value: string
}

/** Samples for one managed identifier. */
export interface IdentifierSamples {
  id: string
  /** A fresh valid value in free text with its keyword (or none when none is needed). */
  positive(rng: Rng): Positive
  /** A fresh valid value and a column name / JSON key that carries one of its keywords. */
  labelled(rng: Rng): LabelledPositive
  /**
   * Free text that must yield no detection of this identifier (nor of any other): failing
   * checksum, keyword missing or too far, documented example value, wrong structure.
   */
  negative(rng: Rng): string
}
