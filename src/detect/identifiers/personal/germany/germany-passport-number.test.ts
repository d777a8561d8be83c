import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { germanyPassportNumber } from './germany-passport-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Reisepass: F3HJ72K9L', ['F3HJ72K9L']],
  ['Reisepassnummer F3HJ72K9L5', ['F3HJ72K9L5']], // with check digit
  ['passport G8N4RT2VW6D', ['G8N4RT2VW6D']], // MRZ: check digit and nationality
  ['Reisepass: F3HJ72K9L4', []], // wrong check digit
  ['Reisepass: L3HJ72K9L', []], // L starts identity card numbers
  ['Reisepass: F3HA72K9L', []], // A is not in the alphabet
  ['Reisepass: FGHJKLMNP', []], // letters only
  ['Reisepass: C01X0006H', []], // specimen passport
  ['Reisepass: C01X0006H1D', []], // specimen passport, MRZ form
  ['Reisepass: f3hj72k9l', []], // lower case
  ['Kunde F3HJ72K9L angelegt', []], // no keyword
  ['Reisepass abgelaufen, neuer Antrag gestellt; Vorgang F3HJ72K9L', []], // keyword too far
  ['Reisepasses F3HJ72K9L', []], // keyword only inside another word
]

describe(germanyPassportNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(germanyPassportNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named reisepassnummer as the keyword', () => {
    assert.deepEqual(detectIn(germanyPassportNumber, 'F3HJ72K9L', { labels: ['reisepassnummer'] }).map((d) => d.match), ['F3HJ72K9L'])
  })
})
