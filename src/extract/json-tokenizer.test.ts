import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { JSON_EMPTY, JSON_MALFORMED, JSON_MORE, JSON_OK, JSON_TOO_DEEP, JsonTokenizer, LabelTrie } from './json-tokenizer.js'

interface Leaf {
  raw: string
  escaped: boolean
  labels: readonly string[]
  /** Keys from the root: member names and array indices. */
  path: Array<string | number>
  record: number
}

function leavesOf(t: JsonTokenizer, text: string): Leaf[] {
  const l = t.leaves
  return Array.from({ length: l.count }, (_, i) => {
    const path: Array<string | number> = []
    const key = l.leafKey(i)
    if (key !== undefined) path.push(key)
    for (let n = l.node(i); n >= 0 && l.parent(n) >= 0; n = l.parent(n)) path.push(l.nodeKey(n))
    return { raw: text.slice(l.start(i), l.end(i)), escaped: l.isEscaped(i), labels: l.labels(i), path: path.reverse(), record: l.record(i) }
  })
}

/** Tokenizes `text` whole as record 0. */
function tokenize(text: string, maxDepth = 256): { status: number; leaves: Leaf[] } {
  const t = new JsonTokenizer(maxDepth)
  const status = t.tokenize(text, 0, text.length, 0)
  return { status, leaves: leavesOf(t, text) }
}

const raws = (text: string): string[] => tokenize(text).leaves.map((l) => l.raw)
const statusOf = (text: string, maxDepth?: number): number => tokenize(text, maxDepth).status

describe('JsonTokenizer', () => {
  it('records string and number leaves with key labels and paths; skips empty strings, booleans and null', () => {
    const { status, leaves } = tokenize('{"user": {"name": "Ana", "age": 41, "tags": ["a", "", true, null, false, 7]}, "ok": "yes"}')
    assert.equal(status, JSON_OK)
    assert.deepEqual(
      leaves.map((l) => [l.raw, l.labels, l.path]),
      [
        ['Ana', ['user', 'name'], ['user', 'name']],
        ['41', ['user', 'age'], ['user', 'age']],
        ['a', ['user', 'tags'], ['user', 'tags', 0]],
        ['7', ['user', 'tags'], ['user', 'tags', 5]],
        ['yes', ['ok'], ['ok']],
      ],
    )
  })

  it('leaves escapes as written and marks the strings holding them', () => {
    const text = String.raw`["a\"b", "tab\there", "\\", "\/", "plain", "\b\f\n\r"]`
    const { status, leaves } = tokenize(text)
    assert.equal(status, JSON_OK)
    assert.deepEqual(
      leaves.map((l) => [l.raw, l.escaped]),
      [
        [String.raw`a\"b`, true],
        [String.raw`tab\there`, true],
        [String.raw`\\`, true],
        [String.raw`\/`, true],
        ['plain', false],
        [String.raw`\b\f\n\r`, true],
      ],
    )
  })

  it('reads unicode escapes (lone surrogates included) and rejects bad ones', () => {
    assert.deepEqual(raws(String.raw`["caf\u00e9", "\uD83D\uDE00", "\ud800", "\u00E9x"]`), [String.raw`caf\u00e9`, String.raw`\uD83D\uDE00`, String.raw`\ud800`, String.raw`\u00E9x`])
    for (const bad of [String.raw`["\u00g9"]`, String.raw`["\u00e"]`, String.raw`["\u"]`, String.raw`["\x41"]`, String.raw`["\'"]`, '["\\'])
      assert.equal(statusOf(bad), JSON_MALFORMED, bad)
  })

  it('finds the closing quote after escaped quotes and backslashes', () => {
    assert.deepEqual(raws(String.raw`{"a": "x\\", "b": "\\\"y\\\"", "c": "[{\"}]"}`), [String.raw`x\\`, String.raw`\\\"y\\\"`, String.raw`[{\"}]`])
  })

  it('decodes keys holding a backslash, and only those', () => {
    const { leaves } = tokenize(String.raw`{"first\u0020name": "Ana", "it\"s": "x", "plain\\key": "y", "raw key": "z"}`)
    assert.deepEqual(
      leaves.map((l) => l.labels),
      [['first name'], ['it"s'], ['plain\\key'], ['raw key']],
    )
  })

  it('walks nested arrays and objects', () => {
    const { leaves } = tokenize('[[1, [2, {"k": [3, {"m": "4"}]}]], {}, [], [[]], {"e": {}}, "5"]')
    assert.deepEqual(
      leaves.map((l) => [l.raw, l.path, l.labels]),
      [
        ['1', [0, 0], []],
        ['2', [0, 1, 0], []],
        ['3', [0, 1, 1, 'k', 0], ['k']],
        ['4', [0, 1, 1, 'k', 1, 'm'], ['k', 'm']],
        ['5', [5], []],
      ],
    )
  })

  it('reads a scalar document as one leaf without a key', () => {
    assert.deepEqual(tokenize(' "536-22-8741" ').leaves, [{ raw: '536-22-8741', escaped: false, labels: [], path: [], record: 0 }])
    assert.deepEqual(raws('-12.5e+3'), ['-12.5e+3'])
    assert.deepEqual(raws('true'), [])
  })

  it('keeps number literals as written, exponents included, and rejects malformed ones', () => {
    assert.deepEqual(raws('[0, -0, 1.5e3, 2E-7, -0.25e+10, 5555555555554444333, 10e0]'), ['0', '-0', '1.5e3', '2E-7', '-0.25e+10', '5555555555554444333', '10e0'])
    for (const bad of ['[01]', '[1.]', '[.5]', '[1e]', '[1e+]', '[-]', '[+1]', '[1.e5]', '[0x10]', '[NaN]', '[Infinity]', '[-a]', '[1 2]'])
      assert.equal(statusOf(bad), JSON_MALFORMED, bad)
  })

  it('allows JSON whitespace between every token and nothing else', () => {
    const text = ' \t\r\n{ \n"a" \t: \r\n[ 1 ,\t"x" , { "b" : null } ] ,\n"c":true } \n'
    assert.equal(statusOf(text), JSON_OK)
    assert.deepEqual(raws(text), ['1', 'x'])
    assert.equal(statusOf('{"a":\u00a01}'), JSON_MALFORMED)
    assert.equal(statusOf('\u00a0[1]'), JSON_MALFORMED)
    assert.equal(statusOf(' \t\r\n '), JSON_EMPTY)
    assert.equal(statusOf(''), JSON_EMPTY)
  })

  it('rejects truncated input', () => {
    const whole = '{"a": [1, "two", {"b": 3.5e1}], "c": true}'
    for (let cut = 1; cut < whole.length; cut++) assert.equal(statusOf(whole.slice(0, cut)), JSON_MALFORMED, whole.slice(0, cut))
    for (const bad of ['"abc', '{"a"', '{"a":', '[tru', 'nul', '{"a" 1}', '{a: 1}', '[1,]', '{"a": 1,}', '[,1]', '{,}'])
      assert.equal(statusOf(bad), JSON_MALFORMED, bad)
  })

  it('rejects trailing garbage and mismatched brackets', () => {
    for (const bad of ['{"a": 1} x', '[1] [2]', '"a" "b"', '1 2', '[1}', '{"a": 1]', '[1]]', 'true false', 'nullx', '[1]\u00a0'])
      assert.equal(statusOf(bad), JSON_MALFORMED, bad)
  })

  it('fails with JSON_TOO_DEEP beyond maxDepth, whatever follows', () => {
    const nest = (depth: number): string => '['.repeat(depth) + '"x"' + ']'.repeat(depth)
    assert.equal(statusOf(nest(3), 3), JSON_OK)
    assert.equal(statusOf(nest(4), 3), JSON_TOO_DEEP)
    assert.equal(statusOf('{"a": {"b": {"c": {}}}}', 3), JSON_TOO_DEEP)
    assert.equal(statusOf('['.repeat(100_000), 256), JSON_TOO_DEEP)
    assert.equal(statusOf(nest(1000), 1000), JSON_OK)
  })

  it('reads a range of a larger text and appends records; a failed record leaves nothing behind', () => {
    const text = 'xx{"a": "1"}yy["2"]zz{"b": "3"'
    const t = new JsonTokenizer(256)
    assert.equal(t.tokenize(text, 2, 12, 5), JSON_OK)
    assert.equal(t.tokenize(text, 14, 19, 6), JSON_OK)
    assert.equal(t.tokenize(text, 21, text.length, 7), JSON_MALFORMED)
    assert.equal(t.tokenize(text, 0, 12, 8), JSON_MALFORMED)
    assert.equal(t.tokenize(text, 12, 12, 9), JSON_EMPTY)
    assert.equal(t.tokenize('{"c": "4"}', 0, 10, 10), JSON_OK)
    assert.deepEqual(leavesOf(t, text).slice(0, 2).map((l) => [l.raw, l.path, l.record]), [
      ['1', ['a'], 5],
      ['2', [0], 6],
    ])
    assert.equal(t.leaves.count, 3)
    assert.equal(t.leaves.record(2), 10)
    assert.deepEqual(t.leaves.labels(2), ['c'])
  })

  it('does not run past the end of its range', () => {
    const text = '["ab"]["cd"]'
    const t = new JsonTokenizer(256)
    assert.equal(t.tokenize(text, 0, 4, 0), JSON_MALFORMED) // `["ab`: the quote after it is out of range
    assert.equal(t.tokenize(text, 0, 6, 0), JSON_OK)
    assert.equal(t.tokenize('[12345]', 0, 3, 0), JSON_MALFORMED)
  })

  it('shares one label array per key path, across records and key orders', () => {
    const t = new JsonTokenizer(256)
    const lines = ['{"a": "1", "b": {"c": "2"}}', '{"b": {"c": "3"}, "a": "4"}', '{"a": "5", "d": "6", "b": {"c": "7"}}']
    lines.forEach((line, r) => assert.equal(t.tokenize(line, 0, line.length, r), JSON_OK))
    const l = t.leaves
    const labels = Array.from({ length: l.count }, (_, i) => l.labels(i))
    assert.deepEqual(labels, [['a'], ['b', 'c'], ['b', 'c'], ['a'], ['a'], ['d'], ['b', 'c']])
    assert.equal(labels[0], labels[3])
    assert.equal(labels[1], labels[2])
    assert.equal(labels[2], labels[6])
  })

  it('tells many keys of one object apart', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `key${i % 7}_${i}`)
    const text = '{' + keys.map((k, i) => `"${k}": ${i}`).join(', ') + '}'
    const t = new JsonTokenizer(256, new LabelTrie())
    for (let r = 0; r < 2; r++) assert.equal(t.tokenize(text, 0, text.length, r), JSON_OK)
    const found = leavesOf(t, text)
    assert.deepEqual(
      found.map((l) => l.labels[0]),
      [...keys, ...keys],
    )
    assert.equal(found[0]!.labels, found[300]!.labels)
  })

  it('starts a new leaf store on renew; the old one stays readable', () => {
    const t = new JsonTokenizer(256)
    assert.equal(t.tokenize('{"a": "1"}', 0, 10, 0), JSON_OK)
    const before = t.leaves
    const after = t.renew()
    assert.equal(t.tokenize('{"b": "2"}', 0, 10, 1), JSON_OK)
    assert.deepEqual([before.count, before.labels(0), before.record(0)], [1, ['a'], 0])
    assert.deepEqual([after.count, after.labels(0), after.record(0)], [1, ['b'], 1])
  })
})

/**
 * Feeds `text` to a tokenizer in pieces of the given sizes (cycled), each window being the text
 * the last feed paused at plus the next piece, reading each window's leaves before the next
 * (renew). Returns the last status and the leaves, with raw text taken from their window.
 */
function feedAll(text: string, sizes: readonly number[], maxDepth = 256, splitChars = Infinity, trie?: LabelTrie): { status: number; leaves: Leaf[] } {
  const t = new JsonTokenizer(maxDepth, trie)
  t.begin(splitChars)
  const found: Leaf[] = []
  let rest = ''
  for (let at = 0, k = 0; ; k++) {
    const size = sizes[k % sizes.length]!
    const window = rest + text.slice(at, at + size)
    at += size
    const isFinal = at >= text.length
    t.renew()
    const status = t.feed(window, 0, window.length, isFinal)
    found.push(...leavesOf(t, window))
    if (status !== JSON_MORE) return { status, leaves: found }
    assert.ok(!isFinal, 'a final piece ends the text')
    rest = window.slice(t.resumeAt)
  }
}

const documents = [
  '{"user": {"name": "Ana", "age": 41, "tags": ["a", "", true, null, false, 7]}, "ok": "yes"}',
  String.raw` { "a\"b" : [ "x\\", "\u00e9\uD83D\uDE00", -12.5e+3, 0, [ [ ] , { } ], { "k" : { "m" : [ 1 , "2" ] } } ] , "t\u0020k": "\/" } `,
  '[[1, [2, {"k": [3, {"m": "4"}]}]], {}, [], [[]], {"e": {}}, "5"]',
  ' "536-22-8741" ',
  '-0.25e+10',
  '[true, false, null, 1e5, "last"]',
]

describe('JsonTokenizer.feed', () => {
  it('reads a text cut anywhere as tokenize reads it whole', () => {
    for (const text of documents) {
      const whole = tokenize(text)
      assert.equal(whole.status, JSON_OK)
      for (let cut = 0; cut <= text.length; cut++) assert.deepEqual(feedAll(text, [cut, text.length]), whole, `${text} cut at ${cut}`)
      for (const size of [1, 2, 3, 5, 7]) assert.deepEqual(feedAll(text, [size]), whole, `${text} in pieces of ${size}`)
      assert.deepEqual(feedAll(text, [1, 7, 2, 4]), whole)
    }
  })

  it('says where to resume: at the start of the token the piece ended inside', () => {
    const t = new JsonTokenizer(256)
    t.begin(Infinity)
    assert.equal(t.feed('{"ab": 12', 0, 9, false), JSON_MORE)
    assert.equal(t.resumeAt, 7) // the number may go on
    assert.equal(t.feed('123, "c', 0, 7, false), JSON_MORE) // the window starts with what was left: `12`
    assert.equal(t.resumeAt, 5) // the key is incomplete
    assert.deepEqual(leavesOf(t, '123, "c'), [{ raw: '123', escaped: false, labels: ['ab'], path: ['ab'], record: 0 }])
    assert.equal(t.feed('"cd": tru', 0, 9, false), JSON_MORE)
    assert.equal(t.resumeAt, 6)
    assert.equal(t.feed('true}  ', 0, 7, false), JSON_MORE)
    assert.equal(t.resumeAt, 7)
    assert.equal(t.feed(' ', 0, 1, true), JSON_OK)
  })

  it('ends with the statuses tokenize gives, once the final piece is fed', () => {
    const end = (text: string, maxDepth?: number): number => feedAll(text, [3], maxDepth).status
    for (const bad of ['{"a": 1} x', '[1,]', '{"a" 1}', '"abc', '[tru', '{"a":', '[1.]', String.raw`["\x41"]`, '[-]', '[1e+]', '[1}', 'nul'])
      assert.equal(end(bad), JSON_MALFORMED, bad)
    assert.equal(end(' \t\r\n '), JSON_EMPTY)
    assert.equal(end(''), JSON_EMPTY)
    assert.equal(end('[[["x"]]]', 3), JSON_OK)
    assert.equal(end('[[[["x"]]]]', 3), JSON_TOO_DEEP)
  })

  it('cuts a string longer than splitChars into parts at its path, never inside an escape or a surrogate pair', () => {
    const value = String.raw`abcdefgh\u00e9ij\\kl\"mn😀op`.repeat(5)
    const text = `{"k": ["${value}", "short"]}`
    for (const size of [1, 4, 9, 16]) {
      const { status, leaves } = feedAll(text, [size], 256, 8)
      assert.equal(status, JSON_OK)
      const parts = leaves.filter((l) => l.path[1] === 0)
      assert.ok(parts.length > 2, `pieces of ${size}`)
      assert.equal(parts.map((l) => l.raw).join(''), value)
      for (const part of parts) {
        assert.doesNotThrow(() => JSON.parse(`"${part.raw}"`), part.raw) // each part decodes on its own
        assert.equal(part.escaped, part.raw.includes('\\'))
        assert.ok(!/[\ud800-\udbff]$/.test(part.raw), 'no lone high surrogate at a cut')
        assert.deepEqual([part.labels, part.path], [['k'], ['k', 0]])
      }
      assert.deepEqual(leaves.at(-1), { raw: 'short', escaped: false, labels: ['k'], path: ['k', 1], record: 0 })
    }
    assert.equal(feedAll(String.raw`["abcdefgh\q"]`, [3], 256, 4).status, JSON_MALFORMED)
  })

  it('keeps the paths of open containers when the trie starts over between pieces', () => {
    const keys = Array.from({ length: 120_000 }, (_, i) => `"k${i}": ${i}`).join(', ')
    const text = `{"outer": [{"inner": {${keys}, "ssn": "536-22-8741"}}, "tail"]}`
    const trie = new LabelTrie()
    const { status, leaves } = feedAll(text, [50_000], 256, Infinity, trie)
    assert.equal(status, JSON_OK)
    assert.ok(trie.table.length < 120_000, 'the trie started over')
    assert.equal(leaves.length, 120_002)
    assert.deepEqual(leaves.at(-2), { raw: '536-22-8741', escaped: false, labels: ['outer', 'inner', 'ssn'], path: ['outer', 0, 'inner', 'ssn'], record: 0 })
    assert.deepEqual(leaves.at(-1), { raw: 'tail', escaped: false, labels: ['outer'], path: ['outer', 1], record: 0 })
    assert.deepEqual(leaves[100_500]!.labels, ['outer', 'inner', 'k100500'])
  })
})
