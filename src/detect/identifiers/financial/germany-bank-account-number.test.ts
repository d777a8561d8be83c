import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { germanyBankAccountNumber } from './germany-bank-account-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Kontonummer: 810999995407324931', ['810999995407324931']],
  ['Bankleitzahl und Konto 810999995407324931', ['810999995407324931']],
  ['Überweisung an DE76810999995407324931', ['DE76810999995407324931']], // IBAN: no keyword needed
  ['Überweisung an DE76 8109 9999 5407 3249 31', ['DE76 8109 9999 5407 3249 31']],
  ['Kontonummer: 910999995407324931', []], // no Bankleitzahl starts with 9
  ['Kontonummer: 010999995407324931', []], // nor with 0
  ['Überweisung an DE20910999995407324931', []], // MOD 97-10 holds, Bankleitzahl does not
  ['Überweisung an DE77810999995407324931', []], // MOD 97-10 fails
  ['Kontonummer: 81099999540732493', []], // 17 digits
  ['Kontonummer: 222222222222222222', []], // one repeated digit
  ['IBAN DE89370400440532013000', []], // the registry example
  ['BBAN 370400440532013000', []],
  ['Beleg 810999995407324931', []], // no keyword
  ['Die Kontonummer steht auf der Rückseite der Karte: 810999995407324931', []], // keyword too far
  ['iban2 810999995407324931', []], // keyword only inside another word
]

describe(germanyBankAccountNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(germanyBankAccountNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named kontonummer as the keyword', () => {
    assert.deepEqual(detectIn(germanyBankAccountNumber, '810999995407324931', { labels: ['Kontonummer'] }).map((d) => d.match), [
      '810999995407324931',
    ])
  })
})
