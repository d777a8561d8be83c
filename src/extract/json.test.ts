import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createReadStream, readdirSync, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { promisify } from 'node:util'
import { extractJson, MAX_JSON_TOKEN_CHARS } from './json.js'
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

  it('fails with FILE_EXCEEDS_SIZE_LIMIT for a .json over 20 GiB', async () => {
    const big = { ...info('big.json'), size: 20 * 1024 ** 3 + 1 }
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

/** Info that streams every non-empty .json (maxBufferedBytes 0). */
function streaming(name: string, blockChars: number, maxJsonDepth = 256, maxBufferedBytes = 0): ObjectInfo {
  return { ...info(name, blockChars, maxJsonDepth), limits: { ...info(name, blockChars, maxJsonDepth).limits, maxBufferedBytes } }
}

/** `bytes` in chunks of 1 to 7 bytes. */
function smallChunks(bytes: Buffer, seed: number): Buffer[] {
  const out: Buffer[] = []
  for (let at = 0, k = seed; at < bytes.length; k++) {
    const size = 1 + ((k * 5) % 7)
    out.push(bytes.subarray(at, at + size))
    at += size
  }
  return out
}

/** Leaves in a canonical order (a streamed document gives escaped strings per window, not per piece). */
const sorted = (segments: TextSegment[]): string[] => leaves(segments).map((l) => JSON.stringify(l)).sort()

/** A pseudo-random JSON value: nested objects and arrays, odd keys, escapes, numbers, literals. */
function generated(seed: number): unknown {
  let state = seed
  const rand = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return (state >>> 8) % n
  }
  const keys = ['ssn', 'name', 'first name', "it's", 'a"b', 'tab\\there', 'é', 'x'.repeat(20), '']
  const strings = ['536-22-8741', 'jane.doe@example.com', 'line\nbreak', 'caf\u00e9 😀', 'quote " and \\ slash /', '', '4111 1111 1111 1111']
  const value = (depth: number): unknown => {
    const k = rand(depth > 5 ? 4 : 7)
    if (k === 0) return strings[rand(strings.length)]
    if (k === 1) return [0, -1.5e3, 1234567890123456, 0.25][rand(4)]
    if (k === 2) return [true, false, null][rand(3)]
    if (k === 3) return `v${rand(1000)}`
    if (k === 4) return Array.from({ length: rand(5) }, () => value(depth + 1))
    return Object.fromEntries(Array.from({ length: rand(5) }, () => [keys[rand(keys.length)]! + (rand(3) === 0 ? rand(9) : ''), value(depth + 1)]))
  }
  return { records: Array.from({ length: 5 + rand(20) }, () => value(1)) }
}

describe('extractJson (.json over maxBufferedBytes, streamed)', () => {
  const fixtures = readdirSync(new URL('../../test/fixtures/json/', import.meta.url)).filter((n) => n.endsWith('.json'))
  const documents: Array<[string, Buffer]> = [
    ...fixtures.map((n): [string, Buffer] => [n, readFileSync(fixture(n))]),
    ...Array.from({ length: 12 }, (_, i): [string, Buffer] => [`generated-${i}.json`, Buffer.from(JSON.stringify(generated(i + 1), null, i % 3))]),
    ['scalar-number.json', Buffer.from(' -0.25e+10 ')],
    ['empty.json', Buffer.from(' \n ')],
  ]

  it('gives the labels and locations of a whole read, in chunks of 1 to 7 bytes and windows of any size', async () => {
    for (const [name, bytes] of documents) {
      for (const blockChars of [32, 100, 1 << 20]) {
        const whole = await collect(Readable.from([bytes]), info(name, blockChars))
        for (const seed of [0, 3]) {
          const streamed = collect(Readable.from(smallChunks(bytes, seed)), streaming(name, blockChars))
          if (whole.some((s) => !s.fields)) {
            // Malformed: free text when found in the first window, else UNABLE_TO_PARSE_FILE.
            if (bytes.length < blockChars) assert.deepEqual(await streamed, whole, name)
            else await assert.rejects(streamed, isReason('UNABLE_TO_PARSE_FILE'))
          } else assert.deepEqual(sorted(await streamed), sorted(whole), `${name}, blocks of ${blockChars}`)
        }
      }
    }
  })

  it('cuts the raw document between leaves into blocks of about blockChars', async () => {
    const doc = JSON.stringify({ people: Array.from({ length: 300 }, (_, i) => ({ name: `person ${i}`, n: i })) }, null, 1)
    const segments = await collect(Readable.from(smallChunks(Buffer.from(doc), 1)), streaming('people.json', 1000))
    assert.equal(segments.map((s) => s.text).join(''), doc)
    assert.ok(segments.length > 5)
    for (const s of segments.slice(0, -1)) assert.ok(s.text.length >= 900 && s.text.length < 2100, `${s.text.length}`)
    assert.deepEqual(leaves(segments).at(-1), { value: '299', labels: ['people', 'n'], location: record(0, '$.people[299].n') })
  })

  it('decodes strings holding escapes, whatever window or chunk an escape is cut by', async () => {
    const values = ['x\ny', 'café "q" / \\', '😀 536-22-8741', '\t\u0001']
    const doc = JSON.stringify({ list: Array.from({ length: 40 }, (_, i) => ({ [`k\\${i % 2}`]: values[i % 4], plain: `p${i}` })) })
    for (const blockChars of [7, 16, 64]) {
      const found = leaves(await collect(Readable.from(smallChunks(Buffer.from(doc), blockChars)), streaming('x.json', blockChars)))
      const escaped = found.filter((l) => !l.value.startsWith('p'))
      assert.equal(new Set(found.map((l) => (l.location as { jsonPath: string }).jsonPath)).size, 80)
      // Strings longer than a block come in parts; joined they are the value.
      for (let i = 0; i < 40; i++) {
        const at = record(0, `$.list[${i}]['k\\\\${i % 2}']`)
        assert.equal(escaped.filter((l) => (l.location as { jsonPath: string }).jsonPath === (at as { jsonPath: string }).jsonPath).map((l) => l.value).join(''), values[i % 4])
      }
      assert.deepEqual(found.find((l) => l.value === 'p39'), { value: 'p39', labels: ['list', 'plain'], location: record(0, '$.list[39].plain') })
    }
  })

  it('gives a string longer than a block in parts, each at the value’s path', async () => {
    const value = '536-22-8741 '.repeat(500)
    const doc = JSON.stringify({ notes: [value], after: 'x' })
    const found = leaves(await collect(Readable.from([Buffer.from(doc)]), streaming('x.json', 1000)))
    assert.deepEqual(found.at(-1), { value: 'x', labels: ['after'], location: record(0, '$.after') })
    assert.ok(found.length > 3)
    assert.deepEqual(new Set(found.slice(0, -1).map((l) => JSON.stringify([l.labels, l.location]))), new Set([JSON.stringify([['notes'], record(0, '$.notes[0]')])]))
    assert.equal(found.slice(0, -1).map((l) => l.value).join(''), value)
  })

  it('streams when info.size or the bytes read go over maxBufferedBytes, and only then', async () => {
    const doc = Buffer.from(JSON.stringify({ blob: 'z'.repeat(5000) }))
    const chunks = Array.from({ length: 10 }, (_, i) => doc.subarray(i * 1000, (i + 1) * 1000))
    const parts = async (objectInfo: ObjectInfo): Promise<number> => leaves(await collect(Readable.from(chunks), objectInfo)).length
    assert.equal(await parts(streaming('x.json', 1000, 256, 64 * 1024)), 1)
    assert.ok((await parts(streaming('x.json', 1000, 256, 4096))) > 1)
    assert.ok((await parts({ ...streaming('x.json', 1000, 256, 64 * 1024), size: 100_000 })) > 1)
  })

  it('fails with JSON_NESTING_LEVEL_OVER_LIMIT beyond maxJsonDepth, open containers carried across windows', async () => {
    const nest = (depth: number): string => '{"a":'.repeat(depth - 1) + '["536-22-8741"]' + '}'.repeat(depth - 1)
    const found = leaves(await collect(Readable.from(smallChunks(Buffer.from(nest(256)), 0)), streaming('deep.json', 16)))
    assert.equal(found[0]!.labels.length, 255)
    assert.deepEqual(found, leaves(await fromText('deep.json', nest(256))))
    await assert.rejects(collect(Readable.from([Buffer.from(nest(257))]), streaming('deep.json', 16)), isReason('JSON_NESTING_LEVEL_OVER_LIMIT'))
    await assert.rejects(collect(Readable.from([Buffer.from('['.repeat(100_000))]), streaming('deep.json', 1000)), isReason('JSON_NESTING_LEVEL_OVER_LIMIT'))
  })

  it('reads a document malformed from its first window as free text from line 1', async () => {
    const text = 'ssn: 536-22-8741\n'.repeat(200)
    const segments = await collect(Readable.from(smallChunks(Buffer.from(text), 0)), streaming('notes.json', 1000))
    assert.deepEqual(segments, await fromText('notes.json', text, 1000))
    assert.equal(segments[0]!.origin?.line, 1)
  })

  it('yields what comes before malformed JSON found later, then fails with UNABLE_TO_PARSE_FILE', async () => {
    for (const tail of [', oops]', ', {"a": 1]', ', "unterminated', ', [[tru', ', {"a": 1} 7]']) {
      const text = '[' + Array.from({ length: 200 }, (_, i) => JSON.stringify({ ssn: '536-22-8741', n: i })).join(', ') + tail
      const out: TextSegment[] = []
      await assert.rejects(async () => {
        for await (const s of extractJson(Readable.from(smallChunks(Buffer.from(text), 0)), streaming('x.json', 500))) out.push(s)
      }, isReason('UNABLE_TO_PARSE_FILE'))
      const found = leaves(out)
      assert.ok(found.length >= 300, tail)
      assert.deepEqual(found[0], { value: '536-22-8741', labels: ['ssn'], location: record(0, '$[0].ssn') })
    }
  })

  it(`fails with FILE_EXCEEDS_SIZE_LIMIT for a key over ${MAX_JSON_TOKEN_CHARS} characters`, async () => {
    const doc = Buffer.from(`{"${'k'.repeat(MAX_JSON_TOKEN_CHARS + (1 << 21))}": 1}`)
    await assert.rejects(collect(Readable.from([doc]), streaming('x.json', 1 << 20)), isReason('FILE_EXCEEDS_SIZE_LIMIT'))
  })

  it('reads a 300 MiB document in bounded memory', { timeout: 120_000 }, async () => {
    // A child process, so that its peak resident set is the scan's alone.
    const script = `
      import { Readable } from 'node:stream'
      import { extractJson } from ${JSON.stringify(new URL('./json.ts', import.meta.url).href)}
      import { DEFAULT_LIMITS } from ${JSON.stringify(new URL('./types.ts', import.meta.url).href)}
      const rec = (i) => JSON.stringify({ id: i, name: 'person ' + i, ssn: '536-22-8741', esc: 'caf\\u00e9\\n', tags: ['a', [1, { deep: 'x' }]] }) + ','
      const piece = Buffer.from(Array.from({ length: 600 }, (_, i) => rec(i)).join(''))
      const count = Math.ceil(300 * 2 ** 20 / piece.length)
      async function* body() {
        yield Buffer.from('{"records": [')
        for (let k = 0; k < count; k++) yield piece
        yield Buffer.from('{"last": "219-09-9999"}]}')
      }
      let fields = 0
      let last
      const limits = { ...DEFAULT_LIMITS, maxBufferedBytes: 64 * 1024 }
      for await (const s of extractJson(Readable.from(body()), { key: 'big.json', size: 0, extension: 'json', limits })) {
        const f = s.fields
        fields += f.count
        if (s.text.includes('219-09-9999')) last = f.location(f.count - 1)
      }
      console.log(JSON.stringify({ fields, expected: count * 600 * 7 + 1, last, records: count * 600, maxRssMiB: process.resourceUsage().maxRSS / 1024 }))
    `
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { maxBuffer: 1 << 20 })
    const result = JSON.parse(stdout) as { fields: number; expected: number; last: Location; records: number; maxRssMiB: number }
    assert.equal(result.fields, result.expected)
    assert.deepEqual(result.last, record(0, `$.records[${result.records}].last`))
    assert.ok(result.maxRssMiB < 256, `peak RSS ${result.maxRssMiB} MiB`)
  })
})
