// A JSON tokenizer that builds no values: it validates one JSON text (RFC 8259 structure) in a
// range of a larger string, or fed in consecutive pieces (a document too large to hold), and
// records where each string and number leaf lies in it, with the containers above it (parent
// links, array indices) and the object keys on its path (interned label arrays). Strings are
// crossed with indexOf (closing quote, next backslash); everything else is charCodeAt comparisons.
// A leaf's offsets are those of its raw text: a string's content between its quotes with escapes
// left as written (`a\"b`, `\u00e9` stay six and two characters), a number's literal as written.
// Strings are not checked for raw control characters (JSON.parse rejects them; reading such a
// string as a value loses nothing). Keys are the raw text between their quotes; only keys that
// hold a backslash are decoded.

/** tokenize() results. */
export const JSON_OK = 0
/** Only JSON whitespace in the range. */
export const JSON_EMPTY = 1
/** Not one well-formed JSON value (truncated, trailing garbage, bad literal…). */
export const JSON_MALFORMED = 2
/** Containers nested deeper than the tokenizer's maxDepth. */
export const JSON_TOO_DEEP = 3
/** feed() only: the piece ended before the text did; feed again from `resumeAt`. */
export const JSON_MORE = 4
export type JsonStatus = typeof JSON_OK | typeof JSON_EMPTY | typeof JSON_MALFORMED | typeof JSON_TOO_DEEP | typeof JSON_MORE

const NO_LABELS: readonly string[] = Object.freeze([])
/** Key paths a trie holds before it starts over (keys can be unbounded data). */
const MAX_SHARED_LABELS = 100_000
/** Children of a key path compared one by one before a hash table takes over. */
const MAX_LISTED_KEYS = 8

/** One interned key path: its label array (the keys from the root), its id and its children. */
export class LabelNode {
  readonly keys: string[] = []
  readonly kids: LabelNode[] = []
  /** Open-addressing table of child index + 1 by key hash, once there are many children. */
  slots: Int32Array | undefined
  /**
   * Guesses, as records of one shape repeat their key order: `first` is the child whose key came
   * first in this path's object last time, `next` the sibling whose key followed this one.
   */
  first: LabelNode | undefined
  next: LabelNode | undefined
  /** The last key of the path ('' at the root). */
  readonly key: string

  constructor(
    readonly labels: readonly string[],
    readonly id: number,
  ) {
    this.key = labels.length > 0 ? labels[labels.length - 1]! : ''
  }

  /** Index of the child under the key text[start, start + len), or -1. */
  find(text: string, start: number, len: number): number {
    const keys = this.keys
    const slots = this.slots
    if (slots === undefined) {
      for (let j = 0, n = keys.length; j < n; j++) if (sameKey(keys[j]!, text, start, len)) return j
      return -1
    }
    const mask = slots.length - 1
    for (let at = hashKey(text, start, len) & mask; ; at = (at + 1) & mask) {
      const j = slots[at]! - 1
      if (j < 0) return -1
      if (sameKey(keys[j]!, text, start, len)) return j
    }
  }

  add(key: string, kid: LabelNode): void {
    const j = this.keys.length
    this.keys.push(key)
    this.kids.push(kid)
    if (this.slots === undefined && j < MAX_LISTED_KEYS) return
    if (this.slots === undefined || 2 * (j + 1) > this.slots.length) {
      this.slots = new Int32Array(Math.max(32, this.slots ? this.slots.length * 2 : 0))
      for (let k = 0; k <= j; k++) this.place(k)
    } else this.place(j)
  }

  private place(j: number): void {
    const slots = this.slots!
    const key = this.keys[j]!
    const mask = slots.length - 1
    let at = hashKey(key, 0, key.length) & mask
    while (slots[at] !== 0) at = (at + 1) & mask
    slots[at] = j + 1
  }
}

/**
 * Interns key paths: one label array per distinct path, so leaves share them, each with an id
 * into `table`. The trie starts over (a new table) only when asked, between blocks of records,
 * once it holds MAX_SHARED_LABELS paths.
 */
export class LabelTrie {
  table: Array<readonly string[]> = [NO_LABELS]
  root = new LabelNode(NO_LABELS, 0)

  /** Starts over when full; a table handed out before stays as it is. */
  trim(): void {
    if (this.table.length <= MAX_SHARED_LABELS) return
    this.table = [NO_LABELS]
    this.root = new LabelNode(NO_LABELS, 0)
  }

  /** The child of `node` under the key written raw (no escapes) as text[start, end). */
  childRaw(node: LabelNode, text: string, start: number, end: number): LabelNode {
    const j = node.find(text, start, end - start)
    return j >= 0 ? node.kids[j]! : this.add(node, text.slice(start, end))
  }

  /** The child of `node` under `key`. */
  child(node: LabelNode, key: string): LabelNode {
    const j = node.find(key, 0, key.length)
    return j >= 0 ? node.kids[j]! : this.add(node, key)
  }

  /** The node of the key path `labels` (keys from the root). */
  path(labels: readonly string[]): LabelNode {
    let node = this.root
    for (const key of labels) node = this.child(node, key)
    return node
  }

  private add(node: LabelNode, key: string): LabelNode {
    const labels = Object.freeze([...node.labels, key])
    const kid = new LabelNode(labels, this.table.length)
    this.table.push(labels)
    node.add(key, kid)
    return kid
  }
}

function hashKey(text: string, start: number, len: number): number {
  let h = len
  for (let k = 0; k < len; k++) h = Math.imul(h ^ text.charCodeAt(start + k), 0x01000193)
  return (h ^ (h >>> 15)) >>> 0
}

function sameKey(key: string, text: string, start: number, len: number): boolean {
  if (key.length !== len) return false
  for (let k = 0; k < len; k++) if (key.charCodeAt(k) !== text.charCodeAt(start + k)) return false
  return true
}

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a
  const b = new Int32Array(Math.max(need, a.length * 2))
  b.set(a)
  return b
}

/** Ints per leaf in JsonLeaves.data (start or ~start, end, node, slot). */
export const LEAF_INTS = 4
const LEAF = LEAF_INTS
/** Ints per container in JsonLeaves.nodes (parent, slot, key path id). */
const NODE = 3

/**
 * Leaves and containers recorded by a tokenizer, packed in typed arrays. Leaf i spans
 * text[start(i), end(i)) (data[4i] is ~start for a string holding an escape, see isEscaped) and
 * sits in container node(i) (-1: the record is this scalar). Its slot
 * is its array index (>= 0) or, for an object member, ~id of its key path in `table`. A
 * container has a parent (-1: a record's root), a slot the same way, and the id of its key path.
 * Runs tell the record of each leaf: leaves from runLeaf[r] on belong to record runRecord[r].
 */
export class JsonLeaves {
  count = 0
  data: Int32Array<ArrayBuffer>
  nodeCount = 0
  nodes: Int32Array<ArrayBuffer>
  runCount = 0
  runLeaf: number[] = []
  runRecord: number[] = []

  /** `table`: the label arrays slots and containers refer to; `leaves`, `nodes`: room to start with. */
  constructor(
    readonly table: ReadonlyArray<readonly string[]>,
    leaves = 1024,
    nodes = leaves >> 2,
  ) {
    this.data = new Int32Array(LEAF * Math.max(16, leaves))
    this.nodes = new Int32Array(NODE * Math.max(16, nodes))
  }

  start(i: number): number {
    const s = this.data[LEAF * i]!
    return s < 0 ? ~s : s
  }

  /** Whether leaf i is a string holding an escape (its raw text is not its value). */
  isEscaped(i: number): boolean {
    return this.data[LEAF * i]! < 0
  }

  end(i: number): number {
    return this.data[LEAF * i + 1]!
  }

  node(i: number): number {
    return this.data[LEAF * i + 2]!
  }

  /** Records a leaf; `start` is ~start for a string holding an escape. */
  addLeaf(start: number, end: number, node: number, slot: number): void {
    const at = LEAF * this.count
    let data = this.data
    if (at + LEAF > data.length) data = this.data = grow(data, at + LEAF)
    data[at] = start
    data[at + 1] = end
    data[at + 2] = node
    data[at + 3] = slot
    this.count++
  }

  addNode(parent: number, slot: number, labelId: number): number {
    const at = NODE * this.nodeCount
    let nodes = this.nodes
    if (at + NODE > nodes.length) nodes = this.nodes = grow(nodes, at + NODE)
    nodes[at] = parent
    nodes[at + 1] = slot
    nodes[at + 2] = labelId
    return this.nodeCount++
  }

  parent(n: number): number {
    return this.nodes[NODE * n]!
  }

  /** Starts the leaves of `record`. */
  startRun(record: number): void {
    const r = this.runCount
    if (r > 0 && this.runLeaf[r - 1] === this.count) this.runRecord[r - 1] = record // the last record had no leaves
    else {
      this.runLeaf[r] = this.count
      this.runRecord[r] = record
      this.runCount = r + 1
    }
  }

  /** Forgets what was recorded after count, nodeCount and runCount were these. */
  rollback(count: number, nodeCount: number, runCount: number): void {
    this.count = count
    this.nodeCount = nodeCount
    this.runCount = runCount
  }

  /** The record leaf i belongs to. */
  record(i: number): number {
    const runLeaf = this.runLeaf
    let lo = 0
    let hi = this.runCount - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (runLeaf[mid]! <= i) lo = mid
      else hi = mid - 1
    }
    return this.runRecord[lo]!
  }

  /** The object keys on leaf i's path (one shared array per path). */
  labels(i: number): readonly string[] {
    const slot = this.data[LEAF * i + 3]!
    if (slot < 0) return this.table[~slot]!
    return this.table[this.nodes[NODE * this.data[LEAF * i + 2]! + 2]!]!
  }

  /** The key of leaf i in its container: an array index or a member name; undefined for a scalar record. */
  leafKey(i: number): string | number | undefined {
    if (this.data[LEAF * i + 2]! < 0) return undefined
    return this.keyOf(this.data[LEAF * i + 3]!)
  }

  /** The key container n sits under in its parent. */
  nodeKey(n: number): string | number {
    return this.keyOf(this.nodes[NODE * n + 1]!)
  }

  private keyOf(slot: number): string | number {
    if (slot >= 0) return slot
    const labels = this.table[~slot]!
    return labels[labels.length - 1]!
  }
}

/** What a string or key scan returns when the range ends before the string does. */
const RAN_OUT = -2

// Where a value read in pieces (feed) stands when its text runs out.
/** A value starts (its slot is set). */
const AT_VALUE = 0
/** Just inside `{` or `[`: the first member or the close. */
const AT_FIRST = 1
/** After `,` in an object: a key. */
const AT_KEY = 2
/** After a value: `,` or a close. */
const AT_AFTER = 3
/** Inside a string value cut into parts: its content goes on. */
const AT_STRING = 4
type Mode = typeof AT_VALUE | typeof AT_FIRST | typeof AT_KEY | typeof AT_AFTER | typeof AT_STRING

/**
 * Validates JSON texts and records their leaves into `leaves`: a whole text at a time
 * (tokenize), or one text fed in consecutive pieces (begin, then feed), pausing where a piece
 * ends inside a token.
 */
export class JsonTokenizer {
  readonly trie: LabelTrie
  leaves: JsonLeaves
  /** Where the last feed() that returned JSON_MORE stopped: the text from here on is fed again. */
  resumeAt = 0
  /** Cached position of the first backslash at or after `bsFrom` in `bsText` (its length: none). */
  private bsText = ''
  private bsFrom = 0
  private bsAt = -1
  /** Whether the string read last held an escape. */
  private escaped = false
  /** Key path of the member whose key was read last. */
  private keyPath: LabelNode
  // The stack of open containers (the innermost is kept in locals while tokenizing).
  private stackNode = new Int32Array(64)
  private stackNext = new Int32Array(64)
  private stackIsArray = new Uint8Array(64)
  private stackPath: LabelNode[] = []
  private stackMember: Array<LabelNode | undefined> = []
  // Between feeds: the innermost open container and where the text stopped (see run's locals).
  private depth = 0
  private node = -1
  private isArray = false
  private path: LabelNode
  private next = 0
  private member: LabelNode | undefined
  private slot = 0
  private slotPath: LabelNode
  private mode: Mode = AT_VALUE
  /** A string value longer than this that a piece ends inside is recorded in parts (feed). */
  private splitChars = Infinity

  constructor(
    readonly maxDepth: number,
    trie = new LabelTrie(),
  ) {
    this.trie = trie
    this.leaves = new JsonLeaves(trie.table)
    this.keyPath = this.path = this.slotPath = trie.root
    this.slot = ~trie.root.id
  }

  /**
   * Starts recording into a new JsonLeaves with room for about `leaves` leaves (the trie may
   * start over first); what was recorded so far stays valid in the old one. Containers left open
   * by feed() are recorded again in the new one, so its leaves' paths reach the root.
   */
  renew(leaves = 0): JsonLeaves {
    const old = this.leaves
    const root = this.trie.root
    this.trie.trim()
    const room = Math.max(leaves, old.count + 16)
    this.leaves = new JsonLeaves(this.trie.table, room, Math.max(room >> 2, old.nodeCount + 16, this.depth + 16))
    this.carry(old, this.trie.root !== root)
    return this.leaves
  }

  /**
   * Reads text[from, to) as one JSON value (whitespace around it allowed), appending its leaves
   * to `leaves` as record `record`. On anything but JSON_OK nothing is appended.
   * @example
   * const t = new JsonTokenizer(256)
   * t.tokenize('{"a": ["x", 1]}', 0, 15, 0) // JSON_OK; t.leaves.count === 2
   */
  tokenize(text: string, from: number, to: number, record: number): JsonStatus {
    const leaves = this.leaves
    const count = leaves.count
    const nodeCount = leaves.nodeCount
    const runCount = leaves.runCount
    leaves.startRun(record)
    this.reset(Infinity)
    const status = this.run(text, from, to, true)
    if (status !== JSON_OK) leaves.rollback(count, nodeCount, runCount)
    return status
  }

  /**
   * Starts one JSON text (record 0) to be read in pieces by feed(); a string value longer than
   * `splitChars` that a piece ends inside is recorded as consecutive leaves at the same place.
   */
  begin(splitChars: number): void {
    this.reset(Math.max(1, splitChars))
  }

  /**
   * Reads on through text[from, to), the next piece of the text begun by begin() (`isFinal`: the
   * text ends at `to`), appending leaves with offsets into `text`. JSON_MORE: the piece ended
   * inside a token or between values; feed text[resumeAt, to) again with what follows. Anything
   * else ends the text (after JSON_MALFORMED or JSON_TOO_DEEP, leaves of earlier pieces stand).
   * @example
   * t.begin(1 << 20)
   * t.feed('{"a": "x', 0, 8, false) // JSON_MORE, resumeAt === 6
   * t.feed('"x", "b": 2}', 0, 12, true) // JSON_OK; leaves: x, 2
   */
  feed(text: string, from: number, to: number, isFinal: boolean): JsonStatus {
    if (this.leaves.runCount === 0) this.leaves.startRun(0)
    return this.run(text, from, to, isFinal)
  }

  private reset(splitChars: number): void {
    const root = this.trie.root
    this.depth = 0
    this.node = -1
    this.isArray = false
    this.path = this.slotPath = root
    this.next = 0
    this.member = undefined
    this.slot = ~root.id
    this.mode = AT_VALUE
    this.splitChars = splitChars
    this.resumeAt = 0
  }

  /** Records the open containers again in `leaves` after renew (and their key paths in a new trie). */
  private carry(old: JsonLeaves, isNewTrie: boolean): void {
    const depth = this.depth
    const oldTable = old.table
    const trie = this.trie
    const mapId = (id: number): number => (isNewTrie ? trie.path(oldTable[id]!).id : id)
    const mapSlot = (slot: number): number => (slot >= 0 ? slot : ~mapId(~slot))
    let parent = -1
    for (let d = 1; d <= depth; d++) {
      const n = d < depth ? this.stackNode[d]! : this.node
      const id = this.leaves.addNode(parent, mapSlot(old.nodes[NODE * n + 1]!), mapId(old.nodes[NODE * n + 2]!))
      if (d < depth) this.stackNode[d] = id
      else this.node = id
      parent = id
    }
    if (!isNewTrie) return
    const map = (n: LabelNode): LabelNode => trie.path(n.labels)
    for (let d = 0; d < depth; d++) {
      this.stackPath[d] = map(this.stackPath[d]!)
      const member = this.stackMember[d]
      if (member !== undefined) this.stackMember[d] = map(member)
    }
    this.path = map(this.path)
    this.slotPath = map(this.slotPath)
    if (this.member !== undefined) this.member = map(this.member)
    this.slot = mapSlot(this.slot)
  }

  /**
   * Reads from `from` in the state left in the fields (a whole value from its start, for
   * tokenize); on JSON_MORE saves the state and where it stopped.
   */
  private run(text: string, from: number, to: number, isFinal: boolean): JsonStatus {
    if (text !== this.bsText) {
      this.bsText = text
      this.bsFrom = 0
      this.bsAt = -1
    }
    const leaves = this.leaves
    const maxDepth = this.maxDepth
    let depth = this.depth
    // The innermost open container: its node, whether it is an array, its key path, its next
    // array index, and the key path of its member read last (undefined before the first).
    let node = this.node
    let isArray = this.isArray
    let path = this.path
    let next = this.next
    let member = this.member
    // Where the value read next goes: its slot (array index or ~key path id) and key path.
    let slot = this.slot
    let slotPath = this.slotPath
    let mode = this.mode
    let p = mode === AT_STRING ? from : skipSpace(text, from, to)
    let c = 0
    let isClosed = false
    scan: for (;;) {
      if (mode === AT_VALUE) {
        // A value starts at p.
        if (p >= to) {
          if (!isFinal) break scan
          return depth === 0 ? JSON_EMPTY : JSON_MALFORMED
        }
        c = text.charCodeAt(p)
        if (c === 34) {
          const e = this.stringEnd(text, p + 1, to)
          if (e < 0) {
            if (e !== RAN_OUT || isFinal) return JSON_MALFORMED
            if (to - p <= this.splitChars) break scan
            const cut = this.stringCut(text, p + 1, to)
            if (cut < 0) return JSON_MALFORMED
            if (cut > p + 1) leaves.addLeaf(this.escaped ? ~(p + 1) : p + 1, cut, node, slot)
            p = cut
            mode = AT_STRING
            break scan
          }
          if (e > p + 1) leaves.addLeaf(this.escaped ? ~(p + 1) : p + 1, e, node, slot)
          p = e + 1
        } else if (c === 123 || c === 91) {
          if (depth >= maxDepth) return JSON_TOO_DEEP
          const id = leaves.addNode(node, slot, slotPath.id)
          if (depth === this.stackNode.length) this.growStack()
          this.stackNode[depth] = node
          this.stackNext[depth] = next
          this.stackIsArray[depth] = isArray ? 1 : 0
          this.stackPath[depth] = path
          this.stackMember[depth] = member
          depth++
          node = id
          isArray = c === 91
          path = slotPath
          next = 0
          member = undefined
          p++
          mode = AT_FIRST
          continue
        } else if (c === 45 || (c >= 48 && c <= 57)) {
          const e = numberEnd(text, p, to)
          if ((e < 0 || e === to) && !isFinal && numberCharsEnd(text, p, to) === to) break scan
          if (e < 0) return JSON_MALFORMED
          leaves.addLeaf(p, e, node, slot)
          p = e
        } else if (c === 116 || c === 110) {
          if (p + 4 > to) {
            if (!isFinal) break scan
            return JSON_MALFORMED
          }
          if (!text.startsWith(c === 116 ? 'true' : 'null', p)) return JSON_MALFORMED
          p += 4
        } else if (c === 102) {
          if (p + 5 > to) {
            if (!isFinal) break scan
            return JSON_MALFORMED
          }
          if (!text.startsWith('false', p)) return JSON_MALFORMED
          p += 5
        } else {
          return JSON_MALFORMED
        }
        mode = AT_AFTER
      } else if (mode === AT_FIRST) {
        p = skipSpace(text, p, to)
        if (p >= to) {
          if (!isFinal) break scan
          return JSON_MALFORMED
        }
        c = text.charCodeAt(p)
        if (c === (isArray ? 93 : 125)) {
          p++
          isClosed = true
          mode = AT_AFTER
        } else if (isArray) {
          slot = next++
          slotPath = path
          mode = AT_VALUE
          continue
        } else {
          const k = this.key(text, p, to, path, member)
          if (k < 0) {
            if (k !== RAN_OUT || isFinal) return JSON_MALFORMED
            break scan
          }
          p = k
          slotPath = member = this.keyPath
          slot = ~member.id
          mode = AT_VALUE
          continue
        }
      } else if (mode === AT_KEY) {
        const k = this.key(text, p, to, path, member)
        if (k < 0) {
          if (k !== RAN_OUT || isFinal) return JSON_MALFORMED
          break scan
        }
        p = k
        slotPath = member = this.keyPath
        slot = ~member.id
        mode = AT_VALUE
        continue
      } else if (mode === AT_STRING) {
        // The content of a string cut at an earlier piece's end goes on at p.
        const e = this.stringEnd(text, p, to)
        if (e < 0) {
          if (e !== RAN_OUT || isFinal) return JSON_MALFORMED
          if (to - p <= this.splitChars) break scan
          const cut = this.stringCut(text, p, to)
          if (cut < 0) return JSON_MALFORMED
          if (cut > p) leaves.addLeaf(this.escaped ? ~p : p, cut, node, slot)
          p = cut
          break scan
        }
        if (e > p) leaves.addLeaf(this.escaped ? ~p : p, e, node, slot)
        p = e + 1
        mode = AT_AFTER
      }
      // After a value (or after an empty container, when isClosed): a separator or a close.
      for (;;) {
        if (isClosed) {
          depth--
          node = this.stackNode[depth]!
          next = this.stackNext[depth]!
          isArray = this.stackIsArray[depth] === 1
          path = this.stackPath[depth]!
          member = this.stackMember[depth]
          isClosed = false
        }
        p = skipSpace(text, p, to)
        if (depth === 0) {
          if (p < to) return JSON_MALFORMED
          if (isFinal) return JSON_OK
          break scan
        }
        if (p >= to) {
          if (!isFinal) break scan
          return JSON_MALFORMED
        }
        c = text.charCodeAt(p)
        if (c === 44) {
          p = skipSpace(text, p + 1, to)
          if (isArray) {
            slot = next++
            slotPath = path
            mode = AT_VALUE
          } else {
            const k = this.key(text, p, to, path, member)
            if (k < 0) {
              if (k !== RAN_OUT || isFinal) return JSON_MALFORMED
              mode = AT_KEY
              break scan
            }
            p = k
            slotPath = member = this.keyPath
            slot = ~member.id
            mode = AT_VALUE
          }
          break
        }
        if (c !== (isArray ? 93 : 125)) return JSON_MALFORMED
        p++
        isClosed = true
      }
    }
    // The piece ended: keep the state for the next one.
    this.depth = depth
    this.node = node
    this.isArray = isArray
    this.path = path
    this.next = next
    this.member = member
    this.slot = slot
    this.slotPath = slotPath
    this.mode = mode
    this.resumeAt = p
    return JSON_MORE
  }

  /**
   * Reads `"key" :` at p (whitespace after) in an object at `path` whose member read last is
   * `member`; sets keyPath; returns where the value starts, -1 (malformed) or RAN_OUT.
   */
  private key(text: string, p: number, to: number, path: LabelNode, member: LabelNode | undefined): number {
    if (p >= to) return RAN_OUT
    if (text.charCodeAt(p) !== 34) return -1
    const e = this.stringEnd(text, p + 1, to)
    if (e < 0) return e
    const guess = member === undefined ? path.first : member.next
    let kid: LabelNode
    if (this.escaped) kid = this.trie.child(path, decodeKey(text, p, e))
    else if (guess !== undefined && sameKey(guess.key, text, p + 1, e - p - 1)) kid = guess
    else kid = this.trie.childRaw(path, text, p + 1, e)
    if (kid !== guess) {
      if (member === undefined) path.first = kid
      else member.next = kid
    }
    this.keyPath = kid
    p = skipSpace(text, e + 1, to)
    if (p >= to) return RAN_OUT
    if (text.charCodeAt(p) !== 58) return -1
    return skipSpace(text, p + 1, to)
  }

  /**
   * Index of the quote closing a string whose content starts at s; -1 for a bad escape, RAN_OUT
   * when `to` comes first; sets `escaped`.
   */
  private stringEnd(text: string, s: number, to: number): number {
    let q = text.indexOf('"', s)
    if (q < 0 || q >= to) return RAN_OUT
    let b = this.bsAt
    if (b < s || s < this.bsFrom) {
      b = text.indexOf('\\', s)
      if (b < 0) b = text.length
      this.bsFrom = s
      this.bsAt = b
    }
    if (b > q) {
      this.escaped = false
      return q
    }
    this.escaped = true
    for (;;) {
      // A backslash at b < q inside the string.
      const c = text.charCodeAt(b + 1)
      let after: number
      if (c === 117) {
        after = b + 6
        if (after > to) return RAN_OUT
        if (!isHex(text.charCodeAt(b + 2)) || !isHex(text.charCodeAt(b + 3)) || !isHex(text.charCodeAt(b + 4)) || !isHex(text.charCodeAt(b + 5))) return -1
      } else if (c === 34 || c === 92 || c === 47 || c === 98 || c === 102 || c === 110 || c === 114 || c === 116) {
        after = b + 2
      } else {
        return -1
      }
      b = text.indexOf('\\', after)
      if (b < 0) b = text.length
      this.bsFrom = after
      this.bsAt = b
      if (q < after) {
        q = text.indexOf('"', after)
        if (q < 0 || q >= to) return RAN_OUT
      }
      if (b > q) return q
    }
  }

  /**
   * Where to cut the content of a string that goes on past `to` (it starts at s): at `to`, but
   * never inside an escape or a surrogate pair; -1 for a bad escape. Sets `escaped` for the part
   * before the cut.
   */
  private stringCut(text: string, s: number, to: number): number {
    const first = text.indexOf('\\', s)
    let cut = to
    for (let b = first; b >= 0 && b < to; ) {
      if (b + 1 >= to) {
        cut = b
        break
      }
      const c = text.charCodeAt(b + 1)
      let after: number
      if (c === 117) {
        after = b + 6
        if (after > to) {
          cut = b
          break
        }
        if (!isHex(text.charCodeAt(b + 2)) || !isHex(text.charCodeAt(b + 3)) || !isHex(text.charCodeAt(b + 4)) || !isHex(text.charCodeAt(b + 5))) return -1
      } else if (c === 34 || c === 92 || c === 47 || c === 98 || c === 102 || c === 110 || c === 114 || c === 116) {
        after = b + 2
      } else {
        return -1
      }
      b = text.indexOf('\\', after)
    }
    if (cut === to) {
      const last = text.charCodeAt(cut - 1)
      if (last >= 0xd800 && last <= 0xdbff && cut - 1 > s) cut--
    }
    this.escaped = first >= 0 && first < cut
    return cut
  }

  private growStack(): void {
    const n = this.stackNode.length * 2
    this.stackNode = grow(this.stackNode, n)
    this.stackNext = grow(this.stackNext, n)
    const isArray = new Uint8Array(n)
    isArray.set(this.stackIsArray)
    this.stackIsArray = isArray
  }
}

/** The key written as text[p, e] (quotes included), decoded; its raw content when it does not decode. */
function decodeKey(text: string, p: number, e: number): string {
  try {
    return JSON.parse(text.slice(p, e + 1)) as string
  } catch {
    return text.slice(p + 1, e) // a raw control character inside
  }
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
}

function skipSpace(text: string, p: number, to: number): number {
  while (p < to) {
    const c = text.charCodeAt(p)
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break
    p++
  }
  return p
}

/** End of the run of characters a number literal can hold (`-+.eE` and digits) from p. */
function numberCharsEnd(text: string, p: number, to: number): number {
  while (p < to) {
    const c = text.charCodeAt(p)
    if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69)) break
    p++
  }
  return p
}

/** End of the number literal at p (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`), or -1. */
function numberEnd(text: string, p: number, to: number): number {
  let i = p
  if (text.charCodeAt(i) === 45) i++
  if (i >= to) return -1
  let c = text.charCodeAt(i)
  if (c === 48) i++
  else if (c >= 49 && c <= 57) {
    i++
    while (i < to && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++
  } else return -1
  if (i < to && text.charCodeAt(i) === 46) {
    const d = ++i
    while (i < to && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++
    if (i === d) return -1
  }
  if (i < to && ((c = text.charCodeAt(i)) === 101 || c === 69)) {
    i++
    if (i < to && ((c = text.charCodeAt(i)) === 43 || c === 45)) i++
    const d = i
    while (i < to && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++
    if (i === d) return -1
  }
  return i
}
