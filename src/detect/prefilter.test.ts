import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createPrefilter, type PrefilterTerm } from './prefilter.js'

const terms: PrefilterTerm[] = [
  { text: 'ssn', isAnchor: false },
  { text: 'passport', isAnchor: false },
  { text: 'passport number', isAnchor: false },
  { text: 'número', isAnchor: false },
  { text: 'ţara', isAnchor: false },
  { text: 'сумпс', isAnchor: false },
  { text: 'άδεια', isAnchor: false },
  { text: 'ĉu', isAnchor: true },
  { text: 'dl#', isAnchor: false },
  { text: '#ref', isAnchor: false },
  { text: '-----begin', isAnchor: true },
  { text: '@', isAnchor: true },
  { text: 'eyj', isAnchor: true },
]

function hits(text: string, native?: boolean, set: PrefilterTerm[] = terms): string[] {
  const out = createPrefilter(set, native === undefined ? {} : { native }).scan(text)
  const list: string[] = []
  for (let i = 0; i < out.length; i += 3) list.push(`${set[out[i + 2]!]!.text}@${out[i]}:${text.slice(out[i]!, out[i + 1]!)}`)
  return list
}

const cases: Array<[string, string[]]> = [
  ['SSN: 1', ['ssn@0:SSN']],
  ['lessn ssnx xssn', []], // not whole words
  ['customerSSN and ssnValue', ['ssn@8:SSN', 'ssn@16:ssn']], // camelCase steps
  ['customer_ssn', ['ssn@9:ssn']],
  ['Passport Number 12', ['passport@0:Passport', 'passport number@0:Passport Number']],
  ['NÚMERO 5', ['número@0:NÚMERO']],
  ['dl#123', ['dl#@0:dl#']],
  ['СУМПС 12', ['сумпс@0:СУМПС']],
  ['ΆΔΕΙΑ 3', ['άδεια@0:ΆΔΕΙΑ']],
  ['x#ref', ['#ref@1:#ref']],
  ['a-----BEGIN x', ['-----begin@1:-----BEGIN']],
  ['john@host token=eyJhbG', ['@@4:@', 'eyj@16:eyJ']],
]

describe('prefilter', () => {
  for (const [text, expected] of cases) {
    it(text, () => {
      assert.deepEqual(hits(text, false), expected)
      assert.deepEqual(hits(text), expected)
    })
  }
  it('native and JS agree on random text', () => {
    const alphabet = ['ssn', 'SSN', 'passport', ' ', 'number', 'x', '_', '-', '@', 'eyJ', '#ref', 'dl#', 'Número', '\n', 'aB', '9', 'Ţara', '€', 'ĈU', 'é', '×']
    let seed = 7
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n)
    for (let round = 0; round < 400; round++) {
      const text = Array.from({ length: 10 + rand(60) }, () => alphabet[rand(alphabet.length)]).join('')
      assert.deepEqual(hits(text), hits(text, false), text)
      const asciiAnchors = terms.filter((t) => t.text !== 'ĉu')
      assert.deepEqual(hits(text, undefined, asciiAnchors), hits(text, false, asciiAnchors), text)
    }
  })
  it('uses the native addon when it is built (always in CI)', () => {
    if (process.env.CI === 'true') assert.equal(createPrefilter(terms).native, true)
    assert.equal(createPrefilter(terms, { native: false }).native, false)
  })
})
