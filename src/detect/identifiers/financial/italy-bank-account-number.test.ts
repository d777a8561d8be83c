import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { italyBankAccountNumber } from './italy-bank-account-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Conto bancario: A9999909606100000063185', ['A9999909606100000063185']],
  ['numero di conto A9999909606100000063185', ['A9999909606100000063185']],
  ['bonifico a IT73A9999909606100000063185', ['IT73A9999909606100000063185']], // IBAN: no keyword needed
  ['bonifico a IT73 A999 9909 6061 0000 0063 185', ['IT73 A999 9909 6061 0000 0063 185']],
  ['Conto bancario: B9999909606100000063185', []], // wrong CIN
  ['bonifico a IT77B9999909606100000063185', []], // MOD 97-10 holds, CIN does not
  ['bonifico a IT74A9999909606100000063185', []], // MOD 97-10 fails
  ['Conto bancario: a9999909606100000063185', []], // CIN is upper case
  ['Conto bancario: A999990960610000006318', []], // one character short
  ['IBAN IT60X0542811101000000123456', []], // the registry example
  ['BBAN X0542811101000000123456', []],
  ['riferimento A9999909606100000063185', []], // no keyword
  ['il numero di conto è riportato in fondo alla pagina A9999909606100000063185', []], // keyword too far
  ['xbban A9999909606100000063185', []], // keyword only inside another word
]

describe(italyBankAccountNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(italyBankAccountNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named conto_bancario as the keyword', () => {
    assert.deepEqual(detectIn(italyBankAccountNumber, 'A9999909606100000063185', { labels: ['conto_bancario'] }).map((d) => d.match), [
      'A9999909606100000063185',
    ])
  })
})
