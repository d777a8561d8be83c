import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { argentinaDniNumber } from './argentina-dni-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['DNI: 41736289', ['41736289']],
  ['d.n.i. 28.461.903', ['28.461.903']],
  ['Documento Nacional de Identidad 7.492.615', ['7.492.615']],
  ['DNI 9837462', ['9837462']],
  ['DNI 812345', []], // below 1.000.000
  ['DNI 28.461903', []], // half-dotted
  ['DNI 99.999.999', []], // example value
  ['DNI 99999999', []], // example value
  ['DNI 00.000.000', []], // all zero
  ['DNI 12345678', []], // placeholder
  ['DNI 48213907-L', []], // a Spanish DNI with its letter
  ['pedido 41736289 enviado', []], // no keyword
  ['dni del titular según el contrato firmado: 41736289', []], // keyword too far
  ['adni 41736289', []], // keyword only inside another word
]

describe(argentinaDniNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(argentinaDniNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named dni as the keyword', () => {
    assert.deepEqual(detectIn(argentinaDniNumber, '41736289', { labels: ['titular_dni'] }).map((d) => d.match), ['41736289'])
  })
})
