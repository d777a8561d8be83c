import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createRng } from '../../../../test/corpus/rng.js'
import { syntheticIban } from '../../../../test/corpus/samples/financial.js'
import { detectIn } from '../../testing.js'
import { ibanFormats, ibanTrigger, isExampleAccount } from './iban.js'
import { ibanCountries, ibanCountryIdentifiers } from './iban-countries.js'

const found = (idf: (typeof ibanCountryIdentifiers)[number], text: string, labels?: readonly string[]): string[] =>
  detectIn(idf, text, labels ? { labels } : {}).map((d) => d.match)

/** The same IBAN with its check digits moved by one (still 02–98). */
const otherCheckDigits = (iban: string): string => {
  const c = Number(iban.slice(2, 4))
  return iban.slice(0, 2) + String(c >= 97 ? c - 1 : c + 1).padStart(2, '0') + iban.slice(4)
}

describe('IBAN countries', () => {
  it('covers 47 countries, each once, with Macie-style IDs', () => {
    assert.equal(ibanCountryIdentifiers.length, 47)
    assert.equal(new Set(ibanCountryIdentifiers.map((i) => i.id)).size, 47)
    assert.equal(new Set(ibanCountries.map(([, , code]) => code)).size, 47)
    for (const idf of ibanCountryIdentifiers) assert.match(idf.id, /^[A-Z_]+_BANK_ACCOUNT_NUMBER$/)
  })

  it('shares one trigger object, which every IBAN starts with', () => {
    for (const idf of ibanCountryIdentifiers) assert.equal(idf.trigger, ibanTrigger)
  })

  const rng = createRng(13616)
  for (const [idf, [, country, code]] of ibanCountryIdentifiers.map((i, k) => [i, ibanCountries[k]!] as const)) {
    describe(`${idf.id} (${code})`, () => {
      const iban = syntheticIban(rng, code)
      const printed = iban.replace(/(.{4})(?=.)/g, '$1 ')
      const other = syntheticIban(rng, 'GB')

      it('is High/High/High, for its country, with no keyword', () => {
        assert.deepEqual(idf.severity, ['High', 'High', 'High'])
        assert.deepEqual(idf.countries, [country])
        assert.equal(idf.keywordRule, 'none')
        assert.equal(idf.maxLength, printed.length)
        assert.equal(iban.length, ibanFormats[code].length)
      })
      it(`finds ${iban} and its printed form`, () => {
        assert.deepEqual(found(idf, `Pay to ${iban} today.`), [iban])
        assert.deepEqual(found(idf, `Pay to ${printed}.`), [printed])
        assert.deepEqual(found(idf, iban, ['payee']), [iban])
      })
      it('misses a failing check, a wrong length and a glued match', () => {
        assert.deepEqual(found(idf, `Pay to ${otherCheckDigits(iban)} today.`), [])
        assert.deepEqual(found(idf, `Pay to ${iban.slice(0, -1)} today.`), [])
        assert.deepEqual(found(idf, `Pay to ${iban}0 today.`), [])
        assert.deepEqual(found(idf, `Pay to X${iban} today.`), [])
        assert.deepEqual(found(idf, `Pay to ${printed.slice(0, -1)} today.`), [])
      })
      it("misses another country's IBAN", () => {
        assert.deepEqual(found(idf, `Pay to ${other} today.`), [])
      })
    })
  }

  it('never reports the registry examples', () => {
    const examples = ['AL47212110090000000235698741', 'NL91ABNA0417164300', 'MU17BOMM0101101030300200000MUR', 'SN08SN0100152000048500003035']
    for (const example of examples) {
      assert.equal(isExampleAccount(example), true)
      for (const idf of ibanCountryIdentifiers) assert.deepEqual(found(idf, `IBAN ${example}`), [])
    }
  })
})
