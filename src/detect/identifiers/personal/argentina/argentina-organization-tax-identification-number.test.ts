import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { argentinaOrganizationTaxIdentificationNumber } from './argentina-organization-tax-identification-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['CUIT: 30-52817394-9', ['30-52817394-9']],
  ['c.u.i.t 33619284378', ['33619284378']],
  ['número de contribuyente 34-41736289-6', ['34-41736289-6']],
  ['CUIT: 30-52817394-8', []], // wrong check digit
  ['CUIT 20-41736289-5', []], // a person's prefix
  ['CUIT 30-12345678-1', []], // example value
  ['factura 30-52817394-9 pagada', []], // no keyword
  ['cuit de la empresa proveedora según la factura: 30-52817394-9', []], // keyword too far
  ['cuitas 30-52817394-9', []], // keyword only inside another word
]

describe(argentinaOrganizationTaxIdentificationNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(argentinaOrganizationTaxIdentificationNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named cuit as the keyword', () => {
    assert.deepEqual(detectIn(argentinaOrganizationTaxIdentificationNumber, '30528173949', { labels: ['proveedor_cuit'] }).map((d) => d.match), ['30528173949'])
  })
})
