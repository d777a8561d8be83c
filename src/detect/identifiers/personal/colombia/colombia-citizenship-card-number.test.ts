import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { colombiaCitizenshipCardNumber } from './colombia-citizenship-card-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['cédula de ciudadanía 52.817.394', ['52.817.394']],
  ['Cédula de Ciudadanía: 1017283946', ['1017283946']],
  ['documento de identificación 79438215', ['79438215']],
  ['cédula de ciudadanía 1.017.283.946', ['1.017.283.946']],
  ['cédula de ciudadanía 2017283946', []], // ten digits not starting with 1
  ['cédula de ciudadanía 52.817394', []], // half-dotted
  ['cédula de ciudadanía 52817394-3', []], // a NIT with its check digit
  ['cédula de ciudadanía 11111111', []], // one repeated digit
  ['cédula de ciudadanía 12345678', []], // placeholder
  ['factura 52817394 pagada', []], // no keyword
  ['cédula de ciudadanía del titular según el formulario: 52817394', []], // keyword too far
]

describe(colombiaCitizenshipCardNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(colombiaCitizenshipCardNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named cedula_de_ciudadania as the keyword', () => {
    assert.deepEqual(detectIn(colombiaCitizenshipCardNumber, '52817394', { labels: ['cédula_de_ciudadanía'] }).map((d) => d.match), ['52817394'])
  })
})
