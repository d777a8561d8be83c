import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { spainBankAccountNumber } from './spain-bank-account-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Código cuenta: 99990001483020098341', ['99990001483020098341']],
  ['número cuenta cliente 99990001483020098341', ['99990001483020098341']],
  ['transferencia a ES2199990001483020098341', ['ES2199990001483020098341']], // IBAN: no keyword needed
  ['transferencia a ES21 9999 0001 4830 2009 8341', ['ES21 9999 0001 4830 2009 8341']],
  ['Código cuenta: 99990001003020098341', []], // wrong control digits
  ['Código cuenta: 99990001493020098341', []], // second control digit wrong
  ['transferencia a ES8799990001003020098341', []], // MOD 97-10 holds, control digits do not
  ['transferencia a ES2299990001483020098341', []], // MOD 97-10 fails
  ['Código cuenta: 9999 0001 48 3020098341', []], // with spaces
  ['IBAN ES9121000418450200051332', []], // the registry example
  ['BBAN 21000418450200051332', []],
  ['pedido 99990001483020098341', []], // no keyword
  ['el código cuenta aparece en el extracto mensual: 99990001483020098341', []], // keyword too far
  ['bbans 99990001483020098341', []], // keyword only inside another word
]

describe(spainBankAccountNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(spainBankAccountNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named codigo_cuenta as the keyword', () => {
    assert.deepEqual(detectIn(spainBankAccountNumber, '99990001483020098341', { labels: ['código_cuenta'] }).map((d) => d.match), [
      '99990001483020098341',
    ])
  })
})
