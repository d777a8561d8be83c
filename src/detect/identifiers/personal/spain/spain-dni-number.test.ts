import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { spainDniNumber } from './spain-dni-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['DNI: 48213907L', ['48213907L']],
  ['dni 73.016.452-P', ['73.016.452-P']],
  ['documento nacional de identidad 05912384-G', ['05912384-G']],
  ['DNI 40718235 R', ['40718235 R']],
  ['DNI 48213907l', ['48213907l']],
  ['DNI 48213907 l', []], // a lone lower-case letter is a word, not a control letter
  ['DNI: 48213907A', []], // wrong control letter
  ['DNI: 73.016452-P', []], // half-dotted
  ['DNI: 00000000T', []], // example value
  ['DNI: 99999999R', []], // example value
  ['DNI: 12345678Z', []], // example value
  ['pedido 48213907L enviado', []], // no keyword
  ['dni del titular según el contrato firmado: 48213907L', []], // keyword too far
  ['adni 48213907L', []], // keyword only inside another word
]

describe(spainDniNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(spainDniNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named dni as the keyword', () => {
    assert.deepEqual(detectIn(spainDniNumber, '48213907L', { labels: ['dni'] }).map((d) => d.match), ['48213907L'])
  })
})
