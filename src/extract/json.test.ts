import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { extractJson } from './json.js'
import { DEFAULT_LIMITS, ExtractError, type Location, type ObjectInfo, type TextSegment } from './types.js'

const fixture = (name: string): string => new URL(`../../test/fixtures/json/${name}`, import.meta.url).pathname

function info(name: string, blockChars = 1 << 20, maxJsonDepth = 256): ObjectInfo {
  return { key: name, size: 0, extension: name.slice(name.lastIndexOf('.') + 1), limits: { ...DEFAULT_LIMITS, maxJsonDepth, blockChars } }
}

async function collect(body: Readable, objectInfo: ObjectInfo): Promise<TextSegment[]> {
  const out: TextSegment[] = []
  for await (const s of extractJson(body, objectInfo)) out.push(s)
  return out
}

/** Reads a fixture in 6-byte chunks. */
const read = (name: string): Promise<TextSegment[]> => collect(createReadStream(fixture(name), { highWaterMark: 6 }), info(name))
const fromText = (name: string, text: string, blockChars?: number, maxJsonDepth?: number): Promise<TextSegment[]> =>
  collect(Readable.from([Buffer.from(text)]), info(name, blockChars, maxJsonDepth))

interface Leaf {
  value: string
  labels: readonly string[]
  location: Location
}

function leaves(segments: TextSegment[]): Leaf[] {
  return segments.flatMap((s) => {
    const f = s.fields
    if (!f) return []
    return Array.from({ length: f.count }, (_, i) => ({ value: s.text.slice(f.starts[i], f.ends[i]), labels: f.labels(i), location: f.location(i) }))
  })
}

const paths = (segments: TextSegment[]): string[] => leaves(segments).map((l) => (l.location as { jsonPath: string }).jsonPath)
const record = (recordIndex: number, jsonPath: string): Location => ({ kind: 'record', recordIndex, jsonPath })
const isReason = (reason: string) => (err: unknown) => err instanceof ExtractError && err.reason === reason

describe('extractJson (.json)', () => {
  it('yields string and number leaves with key labels and JSONPaths', async () => {
    assert.deepEqual(leaves(await read('nested-record.json')), [
      { value: 'alpha', labels: ['access', 'key'], location: record(0, '$.access.key[0]') },
      { value: 'beta', labels: ['access', 'key'], location: record(0, '$.access.key[1]') },
      { value: '536-22-8741', labels: ['access', 'key'], location: record(0, '$.access.key[2]') },
      { value: 'Ana', labels: ['user', 'first name'], location: record(0, "$.user['first name']") },
      { value: '219-09-9999', labels: ['user', 'ssn'], location: record(0, '$.user.ssn') },
      { value: '41', labels: ['user', 'age'], location: record(0, '$.user.age') },
      { value: 'quote in name', labels: ["it's"], location: record(0, "$['it\\'s']") },
    ])
  })

  it('shares one label array between leaves with the same keys', async () => {
    const [s] = await fromText('people.json', '[{"ssn": "1"}, {"ssn": "2"}]')
    assert.equal(s!.fields!.labels(0), s!.fields!.labels(1))
  })

  it('keeps number literals as written', async () => {
    assert.deepEqual(
      leaves(await read('long-number-literal.json')).map((l) => l.value),
      ['5555555555554444333', '12345', '1.5e3'],
    )
  })

  it('reads a scalar document as one leaf at $', async () => {
    assert.deepEqual(leaves(await read('top-level-string.json')), [{ value: '536-22-8741', labels: [], location: record(0, '$') }])
  })

  it('ignores brackets and escaped quotes inside strings when checking depth', async () => {
    const found = leaves(await collect(createReadStream(fixture('brackets-inside-strings.json')), info('x.json', 1 << 20, 1)))
    // A string holding an escape comes decoded in a segment after the raw one.
    assert.deepEqual(found.map((l) => l.value), ['536-22-8741', '[[[[ {{{{ " ]]]] '])
  })

  it('reads a malformed document as free text from line 1', async () => {
    const segments = await read('malformed-document.json')
    assert.deepEqual(segments, [
      { text: '{"ssn": "536-22-8741",\n  "name": "Ana" oops\n}\n', ownStart: 0, ownEnd: 46, origin: { line: 1, column: 1 } },
    ])
  })

  it('fails with JSON_NESTING_LEVEL_OVER_LIMIT beyond maxJsonDepth, before parsing', async () => {
    const nest = (depth: number): string => '{"a":'.repeat(depth - 1) + '["536-22-8741"]' + '}'.repeat(depth - 1)
    const found = leaves(await fromText('deep.json', nest(256)))
    assert.equal(found.length, 1)
    assert.equal(found[0]!.labels.length, 255)
    await assert.rejects(fromText('deep.json', nest(257)), isReason('JSON_NESTING_LEVEL_OVER_LIMIT'))
    await assert.rejects(fromText('deep.json', '['.repeat(100_000)), isReason('JSON_NESTING_LEVEL_OVER_LIMIT'))
  })

  it('fails with FILE_EXCEEDS_SIZE_LIMIT for a .json over 256 MiB', async () => {
    const big = { ...info('big.json'), size: 257 * 1024 * 1024 }
    await assert.rejects(collect(Readable.from([]), big), isReason('FILE_EXCEEDS_SIZE_LIMIT'))
  })

  it('truncates long names from their start and long paths to their end', async () => {
    const longName = 'n'.repeat(200) + 'END' + 'm'.repeat(97)
    const [p1] = paths(await fromText('long.json', JSON.stringify({ [longName]: 'v' })))
    assert.equal(p1, `$['...${longName.slice(-237)}']`)
    const deep = { level_one: { level_two: { [`k${'x'.repeat(120)}`]: { [`j${'y'.repeat(100)}`]: { leaf: ['v'] } } } } }
    const [p2] = paths(await fromText('deep.json', JSON.stringify(deep)))
    assert.equal(p2, `$..level_two.k${'x'.repeat(120)}.j${'y'.repeat(100)}.leaf[0]`)
    assert.ok(p2!.length <= 250)
  })

  it('batches leaves into segments of about blockChars and locates them across segments', async () => {
    const doc = { people: Array.from({ length: 2000 }, (_, i) => ({ name: `person ${i}`, id: `ID-${100000 + i}` })) }
    const segments = await fromText('people.json', JSON.stringify(doc), 1000)
    assert.ok(segments.length > 30)
    for (const s of segments.slice(0, -1)) assert.ok(s.text.length >= 1000 && s.text.length < 1100)
    const found = leaves(segments)
    assert.equal(found.length, 4000)
    assert.deepEqual(found[3999], { value: 'ID-101999', labels: ['people', 'id'], location: record(0, '$.people[1999].id') })
  })
  it('yields the raw document as segment text, cut between leaves when long', async () => {
    const doc = JSON.stringify({ people: Array.from({ length: 300 }, (_, i) => ({ name: `person ${i}`, n: i })) }, null, 1)
    const segments = await fromText('people.json', doc, 1000)
    assert.ok(segments.length > 5)
    assert.equal(segments.map((s) => s.text).join(''), doc)
    const found = leaves(segments)
    assert.equal(found.length, 600)
    assert.deepEqual(found[599], { value: '299', labels: ['people', 'n'], location: record(0, '$.people[299].n') })
  })

  it('gives strings holding escapes decoded, in a segment after the raw one', async () => {
    const text = String.raw`{"a": "x\ny", "b": "plain", "c": {"d": "caf\u00e9 \"q\" \/ \\"}, "e": 7}`
    const segments = await fromText('x.json', text)
    assert.equal(segments.length, 2)
    assert.equal(segments[0]!.text, text)
    assert.equal(segments[1]!.text, 'x\ny\ncafé "q" / \\')
    assert.deepEqual(leaves(segments), [
      { value: 'plain', labels: ['b'], location: record(0, '$.b') },
      { value: '7', labels: ['e'], location: record(0, '$.e') },
      { value: 'x\ny', labels: ['a'], location: record(0, '$.a') },
      { value: 'café "q" / \\', labels: ['c', 'd'], location: record(0, '$.c.d') },
    ])
  })
})

describe('extractJson (.jsonl, .ndjson)', () => {
  it('reads one record per line; a malformed line becomes free text at its line', async () => {
    const segments = await read('records-with-malformed-line.jsonl')
    assert.deepEqual(leaves(segments), [
      { value: 'Ana', labels: ['name'], location: record(0, '$.name') },
      { value: '536-22-8741', labels: ['ssn'], location: record(0, '$.ssn') },
      { value: 'Cy', labels: ['name'], location: record(3, '$.name') },
      { value: '1', labels: ['ids'], location: record(3, '$.ids[0]') },
      { value: '219-09-9999', labels: ['ids'], location: record(3, '$.ids[1]') },
    ])
    assert.deepEqual(
      segments.filter((s) => !s.fields),
      [{ text: '{"name": "Bo", broken', ownStart: 0, ownEnd: 21, origin: { line: 2, column: 1 } }],
    )
  })

  it('reads .ndjson the same way, arrays included', async () => {
    assert.deepEqual(paths(await read('records.ndjson')), ['$.ssn', '$[0]', '$[1]'])
    assert.deepEqual(leaves(await read('records.ndjson')).map((l) => (l.location as { recordIndex: number }).recordIndex), [0, 1, 1])
  })

  it('groups consecutive malformed lines into one free-text segment', async () => {
    const text = 'not json\nstill not\n{"a": "x"}\nagain not\n'
    const segments = await fromText('x.jsonl', text)
    assert.deepEqual(
      segments.filter((s) => !s.fields).map((s) => [s.text, s.origin]),
      [
        ['not json\nstill not', { line: 1, column: 1 }],
        ['again not', { line: 4, column: 1 }],
      ],
    )
  })

  it('reads a line that spans many chunks', async () => {
    const long = JSON.stringify({ blob: 'z'.repeat(300_000), ssn: '536-22-8741' })
    const bytes = Buffer.from(`{"a": "b"}\n${long}\n{"c": "d"}`)
    const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000))
    const found = leaves(await collect(Readable.from(chunks), info('x.jsonl')))
    assert.deepEqual(found.map((l) => [l.value.length, l.location]), [
      [1, record(0, '$.a')],
      [300_000, record(1, '$.blob')],
      [11, record(1, '$.ssn')],
      [1, record(2, '$.c')],
    ])
  })

  it('fails with JSON_NESTING_LEVEL_OVER_LIMIT when one line is too deep', async () => {
    await assert.rejects(fromText('x.jsonl', '{"a": 1}\n' + '['.repeat(300) + ']'.repeat(300) + '\n'), isReason('JSON_NESTING_LEVEL_OVER_LIMIT'))
  })

  it('batches records and keeps each leaf’s record index across segments', async () => {
    const lines = Array.from({ length: 1500 }, (_, i) => JSON.stringify({ n: i, tags: [`t${i}`] }))
    const segments = await fromText('x.jsonl', lines.join('\r\n'), 500)
    assert.ok(segments.length > 20)
    const found = leaves(segments)
    assert.equal(found.length, 3000)
    assert.deepEqual(found[2999], { value: 't1499', labels: ['tags'], location: record(1499, '$.tags[0]') })
    assert.deepEqual(found[1000], { value: '500', labels: ['n'], location: record(500, '$.n') })
  })

  it('yields blocks of whole raw lines', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => (i % 50 === 7 ? '' : JSON.stringify({ id: `r${i}`, v: [i, { w: `w${i}` }] })))
    const text = lines.join('\n') + '\n'
    const segments = await fromText('x.jsonl', text, 2000)
    assert.ok(segments.length > 5)
    assert.equal(segments.map((s) => s.text).join(''), text)
    for (const s of segments) assert.ok(s.text.endsWith('\n'))
    for (const s of segments.slice(0, -1)) assert.ok(s.text.length >= 2000 && s.text.length < 2100)
    const found = leaves(segments)
    assert.equal(found.length, 3 * 392)
    assert.deepEqual(found.at(-1), { value: 'w399', labels: ['v', 'w'], location: record(399, '$.v[1].w') })
    assert.deepEqual(found.at(-2), { value: '399', labels: ['v'], location: record(399, '$.v[0]') })
  })

  it('cuts a line longer than blockChars between its leaves, in segments of its own', async () => {
    const long = JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => `item-${i}`) })
    const text = `{"a": "b"}\n${long}\n{"c": "d"}\n`
    const segments = await fromText('x.jsonl', text, 1000)
    assert.equal(segments.map((s) => s.text).join(''), text)
    assert.equal(segments[0]!.text, '{"a": "b"}\n')
    assert.ok(segments.length > 4)
    const found = leaves(segments)
    assert.equal(found.length, 502)
    assert.deepEqual(found[1], { value: 'item-0', labels: ['items'], location: record(1, '$.items[0]') })
    assert.deepEqual(found[500], { value: 'item-499', labels: ['items'], location: record(1, '$.items[499]') })
    assert.deepEqual(found[501], { value: 'd', labels: ['c'], location: record(2, '$.c') })
  })
})
