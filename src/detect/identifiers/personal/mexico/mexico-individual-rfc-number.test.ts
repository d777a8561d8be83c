import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { mexicoIndividualRfcNumber } from './mexico-individual-rfc-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['RFC: PEGL850412K77', ['PEGL850412K77']],
  ['r.f.c. MAHR-920715-QTA', ['MAHR-920715-QTA']],
  ['registro federal de contribuyentes MAHR 920715 QTA', ['MAHR 920715 QTA']],
  ['RFC: PEGL850412K78', []], // wrong check character
  ['RFC: PEGL850230K76', []], // no 30 February
  ['RFC: PEGL-850412 K77', []], // mixed separators
  ['RFC XAXX010101000', []], // generic RFC, general public
  ['RFC XEXX010101000', []], // generic RFC, foreigners
  ['RFC PEGL850412HJCRRS04', []], // a CURP
  ['folio PEGL850412K77 emitido', []], // no keyword
  ['rfc del contribuyente según la constancia de situación fiscal: PEGL850412K77', []], // keyword too far
  ['privado PEGL850412K77', []], // keyword only inside another word
]

describe(mexicoIndividualRfcNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(mexicoIndividualRfcNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named rfc as the keyword', () => {
    assert.deepEqual(detectIn(mexicoIndividualRfcNumber, 'PEGL850412K77', { labels: ['cliente_rfc'] }).map((d) => d.match), ['PEGL850412K77'])
  })
})
