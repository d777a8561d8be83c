import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { brazilCpfNumber } from './brazil-cpf-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['CPF: 714.602.380-01', ['714.602.380-01']],
  ['cpf 31847602193', ['31847602193']],
  ['cadastro de pessoas físicas 318476021-93', ['318476021-93']],
  ['CPF: 714.602.380-02', []], // wrong second check digit
  ['CPF: 714.602.380-11', []], // wrong first check digit
  ['CPF: 111.111.111-11', []], // one repeated digit
  ['CPF: 123.456.789-09', []], // example value
  ['CPF: 714.602380-01', []], // half-dotted
  ['CPF: 1714.602.380-01', []], // part of a longer number
  ['pedido 714.602.380-01 enviado', []], // no keyword
  ['cpf do titular conforme o contrato assinado: 714.602.380-01', []], // keyword too far
  ['xcpf 714.602.380-01', []], // keyword only inside another word
]

describe(brazilCpfNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(brazilCpfNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named cpf as the keyword', () => {
    assert.deepEqual(detectIn(brazilCpfNumber, '714.602.380-01', { labels: ['cliente_cpf'] }).map((d) => d.match), ['714.602.380-01'])
  })
})
