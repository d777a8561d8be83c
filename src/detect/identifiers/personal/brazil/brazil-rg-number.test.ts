import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { brazilRgNumber } from './brazil-rg-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['RG: 28.419.057-3', ['28.419.057-3']],
  ['rg 45.871.236-X', ['45.871.236-X']], // remainder 10
  ['registro geral 284190573', ['284190573']],
  ['RG 6.712.398-3 SSP/SP', ['6.712.398-3']], // seven digits
  ['RG: 28.419.057-4', []], // wrong check digit
  ['RG: 12.345.678-9', []], // wrong check digit
  ['RG: 11.111.111-1', []], // one repeated digit
  ['RG: 28.419057-3', []], // half-dotted
  ['protocolo 28.419.057-3', []], // no keyword
  ['rg do titular conforme o contrato assinado: 28.419.057-3', []], // keyword too far
  ['org 28.419.057-3', []], // keyword only inside another word
]

describe(brazilRgNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(brazilRgNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named rg as the keyword', () => {
    assert.deepEqual(detectIn(brazilRgNumber, '28.419.057-3', { labels: ['rg'] }).map((d) => d.match), ['28.419.057-3'])
  })
})
