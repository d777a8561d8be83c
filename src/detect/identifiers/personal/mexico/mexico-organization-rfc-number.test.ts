import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { mexicoOrganizationRfcNumber } from './mexico-organization-rfc-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['RFC: TME960305N20', ['TME960305N20']],
  ['RFC# ACM-010723-3P3', ['ACM-010723-3P3']],
  ['RFC: TME960305N21', []], // wrong check character
  ['RFC: TME961305N24', []], // no 13th month
  ['RFC PEGL850412K77', []], // a person's RFC
  ['RFC XEXX010101000', []], // generic RFC
  ['folio TME960305N20 emitido', []], // no keyword
  ['rfc de la empresa proveedora según la factura electrónica: TME960305N20', []], // keyword too far
  ['privado TME960305N20', []], // keyword only inside another word
]

describe(mexicoOrganizationRfcNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(mexicoOrganizationRfcNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named rfc as the keyword', () => {
    assert.deepEqual(detectIn(mexicoOrganizationRfcNumber, 'TME960305N20', { labels: ['proveedor_rfc'] }).map((d) => d.match), ['TME960305N20'])
  })
})
