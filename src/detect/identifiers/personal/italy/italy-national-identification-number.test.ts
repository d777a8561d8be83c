import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { italyNationalIdentificationNumber } from './italy-national-identification-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Codice fiscale: VRDGPP90C12L219Y', ['VRDGPP90C12L219Y']],
  ['codice fiscale bnclra72h55f205k', ['bnclra72h55f205k']], // lower case; day 55 = the 15th, a woman
  ['tessera sanitaria BNCLRA72H55F2LRQ', ['BNCLRA72H55F2LRQ']], // omocodia on the last two digits
  ['tax code FRRLCU01E41G273K', ['FRRLCU01E41G273K']],
  ['codice fiscale: VRDGPP90C12L219X', []], // wrong check character
  ['codice fiscale: BNCLRA72H55FL05J', []], // omocodia not from the rightmost digit
  ['codice fiscale: BNCLRA72B30F205F', []], // 30 February
  ['codice fiscale: BNCLRA72H35F205I', []], // day 35
  ['codice fiscale: BNCLRA72H55F000U', []], // place code 000
  ['codice fiscale: VrdGPP90C12L219Y', []], // mixed case
  ['codice fiscale: RSSMRA85T10A562S', []], // the textbook example
  ['order VRDGPP90C12L219Y shipped', []], // no keyword
  ['codice fiscale was mentioned here but far away: VRDGPP90C12L219Y', []], // keyword too far
  ['vehicle VRDGPP90C12L219Y', []], // "ehic" only inside another word
]

describe(italyNationalIdentificationNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(italyNationalIdentificationNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named codice_fiscale as the keyword', () => {
    assert.deepEqual(
      detectIn(italyNationalIdentificationNumber, 'VRDGPP90C12L219Y', { labels: ['codice_fiscale'] }).map((d) => d.match),
      ['VRDGPP90C12L219Y'],
    )
  })
})
