// Placeholder while the fast engine is written: delegates to the naive detector.
import type { Identifier } from './identifier.js'
import { compileNaiveDetector } from './naive.js'
import type { Detection, TextBlock } from './types.js'

/** What a detector is built from. */
export interface DetectorConfig {
  managed: readonly Identifier[]
}

/** A compiled detector: text blocks in, detections out. */
export interface Detector {
  detect(block: TextBlock): Detection[]
}

/** Compiles identifiers into a detector. */
export function compileDetector(config: DetectorConfig): Detector {
  return compileNaiveDetector(config.managed)
}
