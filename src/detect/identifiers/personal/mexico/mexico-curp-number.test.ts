import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { mexicoCurpNumber } from './mexico-curp-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['CURP: PEGL850412HJCRRS04', ['PEGL850412HJCRRS04']],
  ['clave única de registro de población MAHR920715MDFRRN00', ['MAHR920715MDFRRN00']],
  ['curp LOSA030918HNLPNLA5', ['LOSA030918HNLPNLA5']],
  ['CURP: PEGL850412HJCRRS05', []], // wrong check digit
  ['CURP: PEGL850432HJCRRS04', []], // no 32nd day
  ['CURP: PEGL850412HZZRRS04', []], // no such state
  ['CURP: BADD110313HCMLNS09', []], // the RENAPO guide's example fails its check digit
  ['folio PEGL850412HJCRRS04 emitido', []], // no keyword
  ['curp del solicitante según el acta de nacimiento: PEGL850412HJCRRS04', []], // keyword too far
  ['scurp PEGL850412HJCRRS04', []], // keyword only inside another word
]

describe(mexicoCurpNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(mexicoCurpNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named curp as the keyword', () => {
    assert.deepEqual(detectIn(mexicoCurpNumber, 'PEGL850412HJCRRS04', { labels: ['empleado_curp'] }).map((d) => d.match), ['PEGL850412HJCRRS04'])
  })
})
