import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { argentinaIndividualTaxIdentificationNumber } from './argentina-individual-tax-identification-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['CUIL: 20-41736289-5', ['20-41736289-5']],
  ['cuit 27528173948', ['27528173948']],
  ['C.U.I.L 23 61928437 2', ['23 61928437 2']],
  ['CUIL: 20-41736289-4', []], // wrong check digit
  ['CUIL: 20-41736289 5', []], // mixed separators
  ['CUIT 30-52817394-9', []], // a company prefix
  ['CUIL 20-12345678-6', []], // example value
  ['legajo 20-41736289-5 archivado', []], // no keyword
  ['cuil del empleado según el recibo de sueldo: 20-41736289-5', []], // keyword too far
  ['xcuil 20-41736289-5', []], // keyword only inside another word
]

describe(argentinaIndividualTaxIdentificationNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(argentinaIndividualTaxIdentificationNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named cuil as the keyword', () => {
    assert.deepEqual(detectIn(argentinaIndividualTaxIdentificationNumber, '20417362895', { labels: ['empleado_cuil'] }).map((d) => d.match), ['20417362895'])
  })
})
