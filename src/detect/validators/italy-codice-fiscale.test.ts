import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { codiceFiscaleCheckChar, hasCodiceFiscaleCheckChar } from './italy-codice-fiscale.js'

const cases: Array<[string, boolean]> = [
  ['RSSMRA85T10A562S', true],
  ['rssmra85t10a562s', true],
  ['RSSMRA85T10A562T', false],
  ['MRTMTT25D09F205Z', true],
  ['MRTMTT25D09F2LRU', false], // omocodic digits change the check character
  ['RSSMRA85T10A562', false],
  ['RSSMRA85T10A56_S', false],
]

describe('hasCodiceFiscaleCheckChar', () => {
  for (const [v, ok] of cases) it(`${v} → ${ok}`, () => assert.equal(hasCodiceFiscaleCheckChar(v), ok))
  it('gives an omocodic variant its own check character', () => assert.equal(codiceFiscaleCheckChar('RSSMRA85T10A56N'), 'H'))
})
