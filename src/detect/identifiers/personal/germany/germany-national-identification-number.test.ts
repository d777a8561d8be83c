import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { germanyNationalIdentificationNumber } from './germany-national-identification-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Ausweisnummer: M7KR93FX20', ['M7KR93FX20']],
  ['Personalausweis T4GH81Z0C2', ['T4GH81Z0C2']],
  ['ID number L0K215RM93', ['L0K215RM93']],
  ['Ausweisnummer: M7KR93FX21', []], // wrong check digit
  ['Ausweisnummer: C7KR93FX20', []], // C starts passport numbers
  ['Ausweisnummer: M7KO93FX20', []], // O is not in the alphabet
  ['Ausweisnummer: M7KR93FX2', []], // check digit missing
  ['Ausweisnummer: L01X00T471', []], // specimen card
  ['Ausweisnummer: T220001293', []], // specimen card (2001)
  ['Ausweisnummer: MNPRTVWXY2', []], // letters only
  ['Paket M7KR93FX20 zugestellt', []], // no keyword
  ['Personalausweis liegt vor, die Sendungsnummer lautet M7KR93FX20', []], // keyword too far
  ['Personalausweise M7KR93FX20', []], // keyword only inside another word
]

describe(germanyNationalIdentificationNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(germanyNationalIdentificationNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named ausweisnummer as the keyword', () => {
    assert.deepEqual(detectIn(germanyNationalIdentificationNumber, 'M7KR93FX20', { labels: ['ausweisnummer'] }).map((d) => d.match), ['M7KR93FX20'])
  })
})
