import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { europeanHealthInsuranceCardNumber } from './european-health-insurance-card-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['EHIC 80276005470012345678', ['80276005470012345678']],
  ['carte européenne d\'assurance maladie 80250 01234 56789 01234', ['80250 01234 56789 01234']],
  ['Krankenversicherungskarte: 80040-12345-67890-12345', ['80040-12345-67890-12345']],
  ['EHIC 80999005470012345678', []], // 999 is no issuing country
  ['EHIC 81276005470012345678', []], // does not start with 80
  ['EHIC 80276 00547-00123 45678', []], // mixed separators
  ['EHIC 8027600547001234567', []], // 19 digits
  ['EHIC 80276000000000000000', []], // one repeated digit after the country
  ['order 80276005470012345678 shipped', []], // no keyword
  ['ehic details were sent separately; the value is 80276005470012345678', []], // keyword too far
  ['nonehic 80276005470012345678', []], // keyword only inside another word
]

describe(europeanHealthInsuranceCardNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(europeanHealthInsuranceCardNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named ehic as the keyword', () => {
    assert.deepEqual(detectIn(europeanHealthInsuranceCardNumber, '80752123450987654321', { labels: ['holder_ehic'] }).map((d) => d.match), ['80752123450987654321'])
  })
})
