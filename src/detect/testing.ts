// Test helpers for identifier tables: run one identifier through the real engine.
import { compileDetector } from './engine.js'
import type { Identifier } from './identifier.js'

/** A detection with its matched text, for assertions. */
export interface FoundValue {
  id: string
  match: string
  start: number
  end: number
}

/**
 * Runs one managed identifier over free text (or one labelled value) through the engine.
 * @example
 * detectIn(creditCardNumber, 'card number 4111 1111 1111 1111').map((d) => d.match)
 */
export function detectIn(identifier: Identifier, text: string, options: { labels?: readonly string[] } = {}): FoundValue[] {
  const detector = compileDetector({ managed: [identifier] })
  const block = options.labels ? { text, labels: options.labels } : { text }
  return detector.detect(block).map((d) => ({ id: d.id, match: text.slice(d.start, d.end), start: d.start, end: d.end }))
}
