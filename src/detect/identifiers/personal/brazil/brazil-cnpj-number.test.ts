import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { brazilCnpjNumber } from './brazil-cnpj-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['CNPJ: 45.091.237/0001-63', ['45.091.237/0001-63']],
  ['cnpj 07384512000229', ['07384512000229']],
  ['cadastro nacional da pessoa jurídica 45.091.237/0001-63', ['45.091.237/0001-63']],
  ['CNPJ: 45.091.237/0001-64', []], // wrong second check digit
  ['CNPJ: 45.091.237/0001-73', []], // wrong first check digit
  ['CNPJ: 45.091.237/0000-00', []], // establishment 0000
  ['CNPJ: 11.111.111/1111-11', []], // one repeated digit
  ['CNPJ: 12.345.678/0001-95', []], // example value
  ['CNPJ: 45.091.237-0001-63', []], // dash for the slash
  ['pedido 45.091.237/0001-63 enviado', []], // no keyword
  ['cnpj da empresa conforme a nota fiscal emitida: 45.091.237/0001-63', []], // keyword too far
  ['xcnpj 45.091.237/0001-63', []], // keyword only inside another word
]

describe(brazilCnpjNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(brazilCnpjNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named cnpj as the keyword', () => {
    assert.deepEqual(detectIn(brazilCnpjNumber, '45.091.237/0001-63', { labels: ['fornecedor_cnpj'] }).map((d) => d.match), ['45.091.237/0001-63'])
  })
})
