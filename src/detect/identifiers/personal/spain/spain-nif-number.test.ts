import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { spainNifNumber } from './spain-nif-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['NIF: 40718235R', ['40718235R']],
  ['nif 73.016.452-P', ['73.016.452-P']],
  ['nif K4821390S', ['K4821390S']],
  ['NIF L-7301645-L', ['L-7301645-L']],
  ['nif m5912384g', ['m5912384g']],
  ['NIF K4821390T', []], // wrong control letter
  ['NIF 40718235S', []], // wrong control letter
  ['NIF 12345678Z', []], // example value
  ['NIF 00000000T', []], // one repeated digit
  ['pedido K4821390S enviado', []], // no keyword
  ['nif del titular según el expediente: K4821390S', []], // keyword too far
  ['Latin 40718235R', []], // "tin" only inside another word
]

describe(spainNifNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(spainNifNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named nif as the keyword', () => {
    assert.deepEqual(detectIn(spainNifNumber, '40718235R', { labels: ['nif'] }).map((d) => d.match), ['40718235R'])
  })
})
