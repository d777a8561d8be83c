import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { brazilCepCode } from './brazil-cep-code.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['CEP: 04538-132', ['04538-132']],
  ['cep 30140071', ['30140071']],
  ['código postal 13.083-970', ['13.083-970']],
  ['CEP: 00912-000', []], // below 01000-000
  ['CEP: 55555-555', []], // one repeated digit
  ['CEP: 12345-678', []], // example value
  ['CEP: 04538-1320', []], // part of a longer number
  ['pedido 04538-132 enviado', []], // no keyword
  ['cep do endereço de entrega informado no cadastro: 04538-132', []], // keyword too far
  ['except 04538-132', []], // keyword only inside another word
]

describe(brazilCepCode.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(brazilCepCode, text).map((d) => d.match), expected))
  }
  it('counts a column named cep as the keyword', () => {
    assert.deepEqual(detectIn(brazilCepCode, '04538-132', { labels: ['endereco_cep'] }).map((d) => d.match), ['04538-132'])
  })
})
