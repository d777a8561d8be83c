import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { colombiaIndividualNitNumber } from './colombia-individual-nit-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['NIT 52.817.394-3', ['52.817.394-3']],
  ['nit# 1017283946-9', ['1017283946-9']],
  ['N.I.T. 79438215-5', ['79438215-5']],
  ['NIT 52.817.394-4', []], // wrong check digit
  ['NIT 901346728-7', []], // a company NIT
  ['NIT 52817394', []], // no check digit
  ['NIT 11111111-6', []], // one repeated digit
  ['factura 52.817.394-3 pagada', []], // no keyword
  ['nit del contribuyente según el registro único tributario: 52.817.394-3', []], // keyword too far
  ['unit 52.817.394-3', []], // keyword only inside another word
]

describe(colombiaIndividualNitNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(colombiaIndividualNitNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named nit as the keyword', () => {
    assert.deepEqual(detectIn(colombiaIndividualNitNumber, '52817394-3', { labels: ['cliente_nit'] }).map((d) => d.match), ['52817394-3'])
  })
})
