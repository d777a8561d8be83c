import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { colombiaOrganizationNitNumber } from './colombia-organization-nit-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['NIT 901.346.728-7', ['901.346.728-7']],
  ['nit: 830129475-1', ['830129475-1']],
  ['NIT 901.346.728-6', []], // wrong check digit
  ['NIT 52.817.394-3', []], // a person's NIT
  ['NIT 901346728', []], // no check digit
  ['NIT 900.123.456-8', []], // example value
  ['factura 901.346.728-7 pagada', []], // no keyword
  ['nit de la empresa proveedora según la factura: 901.346.728-7', []], // keyword too far
  ['unit 901.346.728-7', []], // keyword only inside another word
]

describe(colombiaOrganizationNitNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(colombiaOrganizationNitNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named nit as the keyword', () => {
    assert.deepEqual(detectIn(colombiaOrganizationNitNumber, '830129475-1', { labels: ['proveedor_nit'] }).map((d) => d.match), ['830129475-1'])
  })
})
