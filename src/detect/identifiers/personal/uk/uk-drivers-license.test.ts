import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { ukDriversLicense } from './uk-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['driving licence: HARRI804157JD9KT', ['HARRI804157JD9KT']],
  ["driver's license LI999862090A99PK 12", ['LI999862090A99PK']], // short surname, woman born in December (62), one initial
  ['DL: WOODS702292AB9XY', ['WOODS702292AB9XY']], // 29 February 1972
  ['driving licence: WOODS702293AB9XY', []], // 29 February 1973 does not exist
  ['driving licence: HARRI813157JD9KT', []], // month 13
  ['driving licence: HARRI804007JD9KT', []], // day 00
  ['driving licence: HARRI864317JD9KT', []], // 31 June
  ['driving licence: HA9RI804157JD9KT', []], // padding 9 inside the surname
  ['driving licence: MORGA753116SM9IJ', []], // the published example
  ['driving licence: harri804157jd9kt', []], // lower case
  ['ref HARRI804157JD9KT', []], // no keyword
  ['driving licence checked at the desk, then ticket HARRI804157JD9KT', []], // keyword too far
  ['redl: HARRI804157JD9KT', []], // keyword only inside another word
]

describe(ukDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(ukDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named driving_licence as the keyword', () => {
    assert.deepEqual(detectIn(ukDriversLicense, 'HARRI804157JD9KT', { labels: ['driving_licence'] }).map((d) => d.match), ['HARRI804157JD9KT'])
  })
})
