import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { spainTaxIdentificationNumber } from './spain-tax-identification-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['CIF: B48213904', ['B48213904']],
  ['cif B-48213904', ['B-48213904']],
  ['CIF P7301645C', ['P7301645C']], // P takes a letter
  ['tax id G5912384D', ['G5912384D']], // G takes either
  ['tax id G59123844', ['G59123844']],
  ['CIF P73016453', []], // P never takes a digit
  ['CIF B4821390D', []], // B never takes a letter
  ['CIF B48213905', []], // wrong control digit
  ['CIF K48213904', []], // K is a personal NIF, not an entity letter
  ['CIF B00000000', []], // one repeated digit
  ['CIF A58818501', []], // example value
  ['pedido B48213904 enviado', []], // no keyword
  ['cif de la empresa según la factura emitida: B48213904', []], // keyword too far
  ['specific B48213904', []], // "cif" only inside another word
]

describe(spainTaxIdentificationNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(spainTaxIdentificationNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named tax_id as the keyword', () => {
    assert.deepEqual(detectIn(spainTaxIdentificationNumber, 'B48213904', { labels: ['supplier_tax_id'] }).map((d) => d.match), ['B48213904'])
  })
})
