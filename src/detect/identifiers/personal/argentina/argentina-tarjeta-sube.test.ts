import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { argentinaTarjetaSube } from './argentina-tarjeta-sube.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['tarjeta SUBE 6061 2635 4817 9206', ['6061 2635 4817 9206']],
  ['sube: 6061-3957-2816-4036', ['6061-3957-2816-4036']],
  ['Sistema Único de Boleto Electrónico 6061263548179206', ['6061263548179206']],
  ['SUBE 6061 2635 4817 9207', []], // fails Luhn
  ['SUBE 6062 2635 4817 9206', []], // not a SUBE prefix
  ['SUBE 6061 2635-4817 9206', []], // mixed separators
  ['viaje 6061 2635 4817 9206 pagado', []], // no keyword
  ['sube al colectivo y después de un largo recorrido 6061 2635 4817 9206', []], // keyword too far
  ['subes 6061 2635 4817 9206', []], // keyword only inside another word
]

describe(argentinaTarjetaSube.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(argentinaTarjetaSube, text).map((d) => d.match), expected))
  }
  it('counts a column named sube as the keyword', () => {
    assert.deepEqual(detectIn(argentinaTarjetaSube, '6061263548179206', { labels: ['tarjeta_sube'] }).map((d) => d.match), ['6061263548179206'])
  })
})
