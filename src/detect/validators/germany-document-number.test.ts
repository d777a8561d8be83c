import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { hasIcaoCheckDigit, icaoCheckDigit } from './germany-document-number.js'

const cases: Array<[string, boolean]> = [
  ['L01X00T471', true], // Personalausweis specimen (Mustermann, 2010)
  ['C01X0006H1', true], // Reisepass specimen (Mustermann)
  ['T220001293', true], // Personalausweis specimen (2001 design)
  ['L01X00T472', false],
  ['L01X00T47a', false],
  ['1', false],
]

describe('hasIcaoCheckDigit', () => {
  for (const [v, ok] of cases) it(`${v} → ${ok}`, () => assert.equal(hasIcaoCheckDigit(v), ok))
  it('reads < as 0 and rejects other characters', () => {
    assert.equal(icaoCheckDigit('L01X00T47<'), icaoCheckDigit('L01X00T470'))
    assert.equal(icaoCheckDigit('L01X-00T47'), -1)
  })
})
