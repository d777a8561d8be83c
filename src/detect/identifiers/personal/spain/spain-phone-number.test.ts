import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { spainPhoneNumber } from './spain-phone-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['phone 654 821 937', ['654 821 937']],
  ['tel: 91 482 13 90', ['91 482 13 90']],
  ['mobile 654821937', ['654821937']],
  ['fax 0034 914821390', ['0034 914821390']],
  ['llamar al +34 654 82 19 37 por la tarde', ['+34 654 82 19 37']], // country code: no keyword needed
  ['+34914821390', ['+34914821390']],
  ['phone 554 821 937', []], // 5 does not start a Spanish number
  ['phone 654 821 93', []], // eight digits
  ['phone 654 821 937 12', []], // part of a longer number
  ['phone 666 666 666', []], // one repeated digit
  ['phone +55 (27) 95579-3239', []], // the tail of a number with an area code
  ['pedido 654 821 937', []], // no keyword, no country code
  ['telephone lines were busy all morning, ticket 654 821 937', []], // keyword too far
  ['hotel 654 821 937', []], // "tel" only inside another word
]

describe(spainPhoneNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(spainPhoneNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named phone as the keyword', () => {
    assert.deepEqual(detectIn(spainPhoneNumber, '654 821 937', { labels: ['contact_phone'] }).map((d) => d.match), ['654 821 937'])
  })
})
