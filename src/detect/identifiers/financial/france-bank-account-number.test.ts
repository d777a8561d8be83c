import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { franceBankAccountNumber } from './france-bank-account-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Numéro de compte : 99001000010001027654363', ['99001000010001027654363']],
  ['BBAN 990010000112345B6789088', ['990010000112345B6789088']], // a letter in the account
  ['virement vers FR7699001000010001027654363', ['FR7699001000010001027654363']], // IBAN: no keyword needed
  ['virement vers FR76 9900 1000 0100 0102 7654 363', ['FR76 9900 1000 0100 0102 7654 363']],
  ['Numéro de compte : 99001000010001027654364', []], // wrong RIB key
  ['virement vers FR4999001000010001027654364', []], // MOD 97-10 holds, RIB key does not
  ['virement vers FR7799001000010001027654363', []], // MOD 97-10 fails
  ['virement vers FR76 9900 1000 0100 0102 7654 36', []], // one character short
  ['compte bancaire 99001 00001 00010276543 63', []], // BBAN with spaces
  ['BBAN 30006000011234567890189', []], // the registry example
  ['IBAN FR1420041010050500013M02606', []],
  ['relevé 99001000010001027654363', []], // no keyword
  ['numéro de compte indiqué sur le relevé du mois : 99001000010001027654363', []], // keyword too far
  ['subban 99001000010001027654363', []], // keyword only inside another word
]

describe(franceBankAccountNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(franceBankAccountNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named compte_bancaire as the keyword', () => {
    assert.deepEqual(detectIn(franceBankAccountNumber, '99001000010001027654363', { labels: ['compte_bancaire'] }).map((d) => d.match), [
      '99001000010001027654363',
    ])
  })
})
