import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { compileAllowList } from './allow-list.js'
import { compileCustomIdentifier } from './custom.js'
import { compileDetector } from './engine.js'
import { defineIdentifier } from './identifier.js'
import { compileNaiveDetector } from './naive.js'
import type { TextBlock, TextFields } from './types.js'

const code = defineIdentifier({
  id: 'TEST_CODE',
  category: 'PERSONAL_INFORMATION',
  description: 'test',
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9])[0-9]{6}(?![0-9])/g,
  keywords: ['member id', 'mid'],
  maxLength: 6,
  reject: [(m) => m === '000000'],
})
const anchored = defineIdentifier({
  id: 'TEST_TOKEN',
  category: 'CREDENTIALS',
  description: 'test',
  severity: ['High', 'High', 'High'],
  pattern: /tok_[a-z0-9]{8}/g,
  anchors: ['tok_'],
  maxLength: 12,
})
const absent = defineIdentifier({
  id: 'TEST_CODE_NO_KEYWORD',
  category: 'PERSONAL_INFORMATION',
  description: 'test',
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9])[0-9]{6}(?![0-9])/g,
  keywords: ['member id', 'mid'],
  keywordRule: 'absent',
  maxLength: 6,
})
const trigger = /[A-Z]{2}[0-9]{2}/g
const famA = defineIdentifier({
  id: 'TEST_AA',
  category: 'FINANCIAL_INFORMATION',
  description: 'test',
  severity: ['High', 'High', 'High'],
  pattern: /AA[0-9]{6}/g,
  trigger,
  maxLength: 8,
})
const famB = defineIdentifier({ ...famA, id: 'TEST_BB', pattern: /BB[0-9]{6}/g })

function found(block: TextBlock, ids = [code, anchored, absent, famA, famB]): string[] {
  return compileDetector({ managed: ids }).detect(block).map((d) => `${d.id}:${block.text.slice(d.start, d.end)}`)
}

function csvFields(cells: string[][], header: string[]): { text: string; fields: TextFields } {
  const starts: number[] = []
  const ends: number[] = []
  const labels: string[][] = []
  let text = ''
  for (const row of cells) {
    row.forEach((v, c) => {
      starts.push(text.length)
      text += v
      ends.push(text.length)
      labels.push([header[c]!])
      text += '\n'
    })
  }
  return { text, fields: { count: starts.length, starts, ends, labels: (i) => labels[i]! } }
}

describe('engine', () => {
  it('needs a keyword within 30 characters, before or after', () => {
    assert.deepEqual(found({ text: 'member id: 123456' }, [code]), ['TEST_CODE:123456'])
    assert.deepEqual(found({ text: '123456 is the MID' }, [code]), ['TEST_CODE:123456'])
    assert.deepEqual(found({ text: `member id ${'x'.repeat(31)} 123456` }, [code]), [])
    assert.deepEqual(found({ text: `member id ${'x'.repeat(19)} 123456` }, [code]), ['TEST_CODE:123456'])
  })
  it('accepts the no-space, underscore and hyphen forms of a keyword', () => {
    for (const k of ['memberid', 'member_id', 'member-id', 'MEMBER ID']) {
      assert.deepEqual(found({ text: `${k}=123456` }, [code]), ['TEST_CODE:123456'], k)
    }
  })
  it('ignores a keyword inside another word', () => {
    assert.deepEqual(found({ text: 'humid 123456' }, [code]), [])
    assert.deepEqual(found({ text: 'midnight 123456' }, [code]), [])
    assert.deepEqual(found({ text: 'customerMid 123456' }, [code]), ['TEST_CODE:123456'])
  })
  it('applies reject rules', () => {
    assert.deepEqual(found({ text: 'mid 000000' }, [code]), [])
  })
  it('reports keyword-less matches only for the absent rule', () => {
    assert.deepEqual(found({ text: 'ref 123456' }, [code, absent]), ['TEST_CODE_NO_KEYWORD:123456'])
    assert.deepEqual(found({ text: 'mid 123456' }, [code, absent]), ['TEST_CODE:123456'])
  })
  it('runs anchored identifiers around their anchor only, in any case', () => {
    assert.deepEqual(found({ text: 'x tok_abcdef12 y' }, [anchored]), ['TEST_TOKEN:tok_abcdef12'])
    assert.deepEqual(found({ text: 'x TOK_abcdef12 y' }, [anchored]), [])
  })
  it('runs a trigger family from one shared pass', () => {
    assert.deepEqual(found({ text: 'AA123456 and BB654321' }, [famA, famB]), ['TEST_AA:AA123456', 'TEST_BB:BB654321'])
  })
  it('reports only matches that start in the own range', () => {
    const text = 'mid 111111 mid 222222 mid 333333'
    assert.deepEqual(found({ text, ownStart: 11, ownEnd: 21 }, [code]), ['TEST_CODE:222222'])
  })
  it('counts a column name as the keyword and keeps keywords inside their cell', () => {
    const { text, fields } = csvFields([['123456', 'mid'], ['654321', 'x']], ['member_id', 'note'])
    assert.deepEqual(found({ text, fields }, [code]), ['TEST_CODE:123456', 'TEST_CODE:654321'])
    const other = csvFields([['mid', '123456']], ['a', 'b'])
    assert.deepEqual(found({ text: other.text, fields: other.fields }, [code]), [])
    const same = csvFields([['mid 123456', 'x']], ['a', 'b'])
    assert.deepEqual(found({ text: same.text, fields: same.fields }, [code]), ['TEST_CODE:123456'])
  })
  it('never reports a match spanning two fields', () => {
    const { text, fields } = csvFields([['123', '456']], ['mid', 'mid'])
    assert.deepEqual(found({ text, fields }, [defineIdentifier({ ...code, pattern: /[0-9]{3}\n[0-9]{3}/g })]), [])
  })
  it('counts block labels (a JSON path) as the keyword', () => {
    assert.deepEqual(found({ text: '123456', labels: ['customer', 'memberId'] }, [code]), ['TEST_CODE:123456'])
  })
  it('drops allow-listed text', () => {
    const detector = compileDetector({ managed: [code], allowLists: [compileAllowList({ regex: '1234[0-9]{2}' }), compileAllowList({ words: ['999999'] })] })
    const text = 'mid 123456 mid 123457 mid 999999 mid 555555'
    assert.deepEqual(detector.detect({ text }).map((d) => text.slice(d.start, d.end)), ['555555'])
  })
  it('finds what the naive detector finds', () => {
    const text = [
      'member id 123456, mid=654321 and 111111',
      'ref 222222 tok_abcdefgh AA123456 BB000001',
      `mid ${'y'.repeat(40)} 333333 humid 444444`,
    ].join('\n')
    const ids = [code, anchored, absent, famA, famB]
    const fast = compileDetector({ managed: ids }).detect({ text })
    const naive = compileNaiveDetector(ids).detect({ text })
    assert.deepEqual(fast, naive)
    assert.ok(fast.length >= 6)
  })
})

describe('country cues', () => {
  const make = (id: string, country: string) =>
    defineIdentifier({ ...code, id, countries: [country], keywords: ['passport'] })
  const ids = [make('USA_PASSPORT_NUMBER', 'US'), make('UK_PASSPORT_NUMBER', 'UK')]
  it('keeps only the country a nearby cue names', () => {
    assert.deepEqual(found({ text: 'British passport 123456' }, ids), ['UK_PASSPORT_NUMBER:123456'])
    assert.deepEqual(found({ text: 'US passport 123456' }, ids), ['USA_PASSPORT_NUMBER:123456'])
  })
  it('reports every country without a cue, as Macie does', () => {
    assert.deepEqual(found({ text: 'passport 123456' }, ids), ['UK_PASSPORT_NUMBER:123456', 'USA_PASSPORT_NUMBER:123456'])
  })
  it('reads cues in column names', () => {
    const { text, fields } = csvFields([['123456']], ['uk_passport'])
    assert.deepEqual(found({ text, fields }, ids), ['UK_PASSPORT_NUMBER:123456'])
  })
})

describe('custom data identifiers', () => {
  const detect = (input: Parameters<typeof compileCustomIdentifier>[0], block: TextBlock): string[] =>
    compileDetector({ managed: [], custom: [compileCustomIdentifier(input)] })
      .detect(block)
      .map((d) => block.text.slice(d.start, d.end))

  it('matches without keywords anywhere', () => {
    assert.deepEqual(detect({ name: 'emp', regex: 'EMP-[0-9]{4}' }, { text: 'a EMP-1234 b EMP-9876' }), ['EMP-1234', 'EMP-9876'])
  })
  it('needs a keyword before the match, within maximumMatchDistance of its end', () => {
    const cdi = { name: 'emp', regex: 'EMP-[0-9]{4}', keywords: ['employee'], maximumMatchDistance: 15 }
    assert.deepEqual(detect(cdi, { text: 'Employee: EMP-1234' }), ['EMP-1234'])
    assert.deepEqual(detect(cdi, { text: 'EMP-1234 employee' }), [])
    assert.deepEqual(detect(cdi, { text: 'employee number is EMP-1234' }), [])
  })
  it('counts a column name as the keyword', () => {
    const { text, fields } = csvFields([['EMP-1234']], ['employee'])
    assert.deepEqual(detect({ name: 'emp', regex: 'EMP-[0-9]{4}', keywords: ['employee'] }, { text, fields }), ['EMP-1234'])
  })
  it('re-checks a match in a window cut inside a token with RE2 too (inline flags, linear time)', () => {
    const cdi = { name: 'emp', regex: '(?i)emp-[0-9]{4}', keywords: ['employee'] }
    assert.deepEqual(detect(cdi, { text: `employee:EMP-1234${'x'.repeat(200)}` }), ['EMP-1234'])
    assert.deepEqual(detect(cdi, { text: `employee:emp-5678-${'x'.repeat(200)}` }), ['emp-5678'])
  })
  it('drops matches containing an ignore word (case-sensitive)', () => {
    const cdi = { name: 'emp', regex: 'EMP-[0-9]{4}', ignoreWords: ['0000'] }
    assert.deepEqual(detect(cdi, { text: 'EMP-0000 EMP-1234' }), ['EMP-1234'])
  })
  it('runs in linear time on a pattern that stalls a backtracking engine', () => {
    const text = `${'a'.repeat(50_000)}!`
    const started = Date.now()
    assert.deepEqual(detect({ name: 'evil', regex: '(a+)+$' }, { text }), [])
    assert.ok(Date.now() - started < 5_000)
  })
  it('rejects what Macie rejects, with a reason', () => {
    const bad: Array<[Partial<Parameters<typeof compileCustomIdentifier>[0]>, RegExp]> = [
      [{ regex: 'a'.repeat(513) }, /maximum is 512/],
      [{ regex: '(?=a)b' }, /look-ahead/],
      [{ regex: '(a)\\1' }, /backreference/],
      [{ regex: '[0-9]{100,1000}' }, /bounded repeat/],
      [{ regex: 'a.*.*b' }, /wildcards/],
      [{ regex: '([' }, /does not compile/],
      [{ regex: 'x', maximumMatchDistance: 301 }, /maximumMatchDistance/],
      [{ regex: 'x', keywords: ['ab'] }, /keywords/],
      [{ regex: 'x', ignoreWords: ['abc'] }, /ignoreWords/],
      [{ regex: 'x', severityLevels: [{ occurrencesThreshold: 10, severity: 'LOW' }, { occurrencesThreshold: 5, severity: 'HIGH' }] }, /increase/],
    ]
    for (const [input, message] of bad) {
      assert.throws(() => compileCustomIdentifier({ name: 'n', regex: 'x', ...input }), message, JSON.stringify(input))
    }
    assert.doesNotThrow(() => compileCustomIdentifier({ name: 'n', regex: '(?i)emp-[0-9]{100,}' }))
  })
})
