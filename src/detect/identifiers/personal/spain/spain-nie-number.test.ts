import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { spainNieNumber } from './spain-nie-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['NIE: X4821390S', ['X4821390S']],
  ['nie Y-7301645-X', ['Y-7301645-X']],
  ['número de identidad de extranjero Z5912384D', ['Z5912384D']],
  ['nie x4821390s', ['x4821390s']],
  ['NIE: X4821390T', []], // wrong control letter
  ['NIE: Y4821390S', []], // Y counts as 1: the letter changes
  ['NIE: X0000000T', []], // one repeated digit
  ['NIE: X1234567L', []], // example value
  ['pedido X4821390S enviado', []], // no keyword
  ['nie del titular según el expediente: X4821390S', []], // keyword too far
  ['Latin X4821390S', []], // "tin" only inside another word
]

describe(spainNieNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(spainNieNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named nie as the keyword', () => {
    assert.deepEqual(detectIn(spainNieNumber, 'X4821390S', { labels: ['cliente_nie'] }).map((d) => d.match), ['X4821390S'])
  })
})
