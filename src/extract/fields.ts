// Builds field segments for record and cell formats (Parquet, Avro, XLSX): values joined by
// newlines into one block, each a field with its labels and location, a block at a time.
import type { LocatedFields, Location, TextSegment } from './types.js'

/**
 * Collects values into field segments of about `blockChars` characters.
 * @example
 * const batch = new FieldBatch(1 << 20)
 * batch.add('536-22-8741', ['ssn'], { kind: 'record', recordIndex: 0, jsonPath: '$.ssn' })
 * const segment = batch.take()
 */
export class FieldBatch {
  private texts: string[] = []
  private labelSets: Array<readonly string[]> = []
  private locations: Location[] = []
  private chars = 0

  constructor(readonly blockChars: number) {}

  /** Values collected and not taken yet. */
  get size(): number {
    return this.texts.length
  }

  /** True when the batch has reached its block size and should be taken. */
  get isFull(): boolean {
    return this.chars >= this.blockChars
  }

  /** Adds one value; empty values are skipped. */
  add(text: string, labels: readonly string[], location: Location): void {
    if (text.length === 0) return
    this.texts.push(text)
    this.labelSets.push(labels)
    this.locations.push(location)
    this.chars += text.length + 1
  }

  /** The collected values as one segment (undefined when there are none); the batch empties. */
  take(): TextSegment | undefined {
    const n = this.texts.length
    if (n === 0) return undefined
    const starts = new Uint32Array(n)
    const ends = new Uint32Array(n)
    let at = 0
    for (let i = 0; i < n; i++) {
      starts[i] = at
      at += this.texts[i]!.length
      ends[i] = at
      at++
    }
    const labelSets = this.labelSets
    const locations = this.locations
    const fields: LocatedFields = { count: n, starts, ends, labels: (i) => labelSets[i]!, location: (i) => locations[i]! }
    const text = this.texts.join('\n')
    this.texts = []
    this.labelSets = []
    this.locations = []
    this.chars = 0
    return { text, fields }
  }
}
