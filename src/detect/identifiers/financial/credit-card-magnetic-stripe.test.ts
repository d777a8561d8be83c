import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { creditCardMagneticStripe } from './credit-card-magnetic-stripe.js'

const T1 = '%B4929123456789015^VALUED/CUSTOMER^2705101000000000000?'
const T2 = ';4929123456789015=27051010000000000?'

const cases: Array<[text: string, expected: string[]]> = [
  [`swipe data: ${T1}`, [T1]],
  [`magstripe ${T2}`, [T2]],
  ['track 1: B7000123456789010^VALUED/CUSTOMER^3012701123', ['B7000123456789010^VALUED/CUSTOMER^3012701123']], // no sentinels
  ['track2=4929123456789015=2705101', ['4929123456789015=2705101']],
  ['swipe %B4929123456789016^VALUED/CUSTOMER^2705101000000000000?', []], // PAN fails Luhn
  ['swipe ;4929123456789015=27131010000000000?', []], // month 13
  ['swipe ;4929123456789015=27053010000000000?', []], // service code 3xx does not exist
  ['swipe ;4111111111111111=27051010000000000?', []], // issuer test number
  ['swipe ;4444444444444448=27051010000000000?', []], // one repeated digit
  ['swipe %B4929123456789015VALUED/CUSTOMER^2705101?', []], // no field separator
  [`reader log ${T2}`, []], // no keyword
  [`stripe payments are settled at the end of each day; ${T2}`, []], // keyword too far
  [`pinstripe ${T2}`, []], // keyword only inside another word
]

describe(creditCardMagneticStripe.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(creditCardMagneticStripe, text).map((d) => d.match), expected))
  }
  it('counts a column named track_data as the keyword', () => {
    assert.deepEqual(detectIn(creditCardMagneticStripe, T2, { labels: ['track_data'] }).map((d) => d.match), [T2])
  })
})
