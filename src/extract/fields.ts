// Builds field segments for record and cell formats (Parquet, Avro, XLSX): values joined by
// newlines into one block, each a field with its labels and location, a block at a time.
import { jsonPath, type PathKey } from './json-path.js'
import type { LocatedFields, Location, TextSegment } from './types.js'

/** Children a path node caches; past it (huge arrays, free-form map keys) nodes are not kept. */
const MAX_CHILDREN = 4096

/**
 * A path from a record's root, shared by every record that has it: its labels (the key names on
 * it) and its JSONPath are built once, the path only when a location is asked for.
 */
export class PathNode {
  private children?: Map<PathKey, PathNode>
  private rendered?: string

  constructor(
    readonly parent: PathNode | undefined,
    readonly key: PathKey | undefined,
    readonly labels: readonly string[],
  ) {}

  /** The root of a record. */
  static root(): PathNode {
    return new PathNode(undefined, undefined, [])
  }

  /** The path one key further. */
  child(key: PathKey): PathNode {
    let node = this.children?.get(key)
    if (node) return node
    node = new PathNode(this, key, typeof key === 'string' ? [...this.labels, key] : this.labels)
    this.children ??= new Map()
    if (this.children.size < MAX_CHILDREN) this.children.set(key, node)
    return node
  }

  /** Macie's JSONPath of this node. */
  get jsonPath(): string {
    if (this.rendered === undefined) {
      const keys: PathKey[] = []
      if (this.key !== undefined) keys.push(this.key)
      for (let n = this.parent; n?.key !== undefined; n = n.parent) keys.push(n.key)
      this.rendered = jsonPath(keys.reverse())
    }
    return this.rendered
  }
}

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
  /** A Location, or the PathNode of a record value (its location built when asked for). */
  private locations: Array<Location | PathNode> = []
  private recordIndexes: number[] = []
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
    this.recordIndexes.push(-1)
    this.chars += text.length + 1
  }

  /** Adds one value of a record at `path`; its labels and location come from the path. */
  addRecordValue(text: string, path: PathNode, recordIndex: number): void {
    if (text.length === 0) return
    this.texts.push(text)
    this.labelSets.push(path.labels)
    this.locations.push(path)
    this.recordIndexes.push(recordIndex)
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
    const recordIndexes = this.recordIndexes
    const location = (i: number): Location => {
      const l = locations[i]!
      return l instanceof PathNode ? { kind: 'record', recordIndex: recordIndexes[i]!, jsonPath: l.jsonPath } : l
    }
    const fields: LocatedFields = { count: n, starts, ends, labels: (i) => labelSets[i]!, location }
    const text = this.texts.join('\n')
    this.texts = []
    this.labelSets = []
    this.locations = []
    this.recordIndexes = []
    this.chars = 0
    return { text, fields }
  }
}
