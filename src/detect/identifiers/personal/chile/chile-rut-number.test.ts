import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { chileRutNumber } from './chile-rut-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['RUT: 15.283.746-1', ['15.283.746-1']],
  ['run 9472815-0', ['9472815-0']],
  ['Rol Único Tributario 21634075-2', ['21634075-2']],
  ['RUT 5.126.343-k', ['5.126.343-k']],
  ['RUT: 15.283.746-2', []], // wrong verifier
  ['RUT: 15.283746-1', []], // half-dotted
  ['RUT 152837461', []], // no hyphen before the verifier
  ['RUT 12.345.678-5', []], // example value
  ['RUT 11.111.111-1', []], // one repeated digit
  ['RUT 00000000-0', []], // all zero
  ['folio 15.283.746-1 emitido', []], // no keyword
  ['rut del contribuyente según la última declaración: 15.283.746-1', []], // keyword too far
  ['trust 15.283.746-1', []], // keyword only inside another word
]

describe(chileRutNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(chileRutNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named rut as the keyword', () => {
    assert.deepEqual(detectIn(chileRutNumber, '15283746-1', { labels: ['cliente_rut'] }).map((d) => d.match), ['15283746-1'])
  })
})
