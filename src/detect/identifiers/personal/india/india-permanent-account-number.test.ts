import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { indiaPermanentAccountNumber } from './india-permanent-account-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['PAN card: BKRPS4721M', ['BKRPS4721M']],
  ['permanent account number DXTCK8390Q', ['DXTCK8390Q']],
  ['e-PAN GHNFT5062R', ['GHNFT5062R']],
  ['PAN number BKRDS4721M', []], // D is not a holder type
  ['PAN number BKRPS0000M', []], // serial 0000
  ['PAN number AAAPL1234C', []], // example value
  ['PAN number ABCPE1234F', []], // example value
  ['ref BKRPS4721M filed', []], // no keyword
  ['pan card details were attached to the return, ref BKRPS4721M', []], // keyword too far
  ['span number BKRPS4721M', []], // keyword only inside another word
]

describe(indiaPermanentAccountNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(indiaPermanentAccountNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named pan_number as the keyword', () => {
    assert.deepEqual(detectIn(indiaPermanentAccountNumber, 'BKRPS4721M', { labels: ['pan_number'] }).map((d) => d.match), ['BKRPS4721M'])
  })
})
