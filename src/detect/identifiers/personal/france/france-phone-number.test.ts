import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { francePhoneNumber } from './france-phone-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['tel: 04 72 18 39 60', ['04 72 18 39 60']],
  ['mobile 06.47.21.83.95', ['06.47.21.83.95']],
  ['fax 0472183960', ['0472183960']],
  ['phone 04-72-18-39-60', ['04-72-18-39-60']],
  ['+33 4 72 18 39 60', ['+33 4 72 18 39 60']], // no keyword needed with +33
  ['appelez le +33 (0)6 47 21 83 95', ['+33 (0)6 47 21 83 95']],
  ['+33647218395', ['+33647218395']],
  ['tel: 01 99 00 12 34', []], // ARCEP fiction block
  ['+33 6 39 98 45 12', []], // ARCEP fiction block (mobile)
  ['tel: 00 72 18 39 60', []], // 00 is the international prefix
  ['tel: 04 72 18 39.60', []], // mixed separators
  ['tel: 04 72 18 39 60 12', []], // digits inside a longer run
  ['tel: 06 66 66 66 66', []], // one repeated digit
  ['ref 04 72 18 39 60', []], // national form without keyword
  ['telephone du secrétariat joignable le matin : 04 72 18 39 60', []], // keyword too far
  ['hotel 04 72 18 39 60', []], // keyword only inside another word
]

describe(francePhoneNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(francePhoneNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named telephone as the keyword', () => {
    assert.deepEqual(detectIn(francePhoneNumber, '04 72 18 39 60', { labels: ['telephone'] }).map((d) => d.match), ['04 72 18 39 60'])
  })
})
