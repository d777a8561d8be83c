import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { indiaDriversLicense } from './india-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['driving licence MH14 20170382914', ['MH14 20170382914']],
  ["driver's license KA-05-2012-0049163", ['KA-05-2012-0049163']],
  ['Driving License DL0420190137285', ['DL0420190137285']],
  ['driving licence ZZ14 20170382914', []], // no such state code
  ['driving licence MH00 20170382914', []], // RTO 00
  ['driving licence MH14 18170382914', []], // year before 1950
  ['driving licence MH14 20170000000', []], // serial zero
  ['vehicle MH14 20170382914 serviced', []], // no keyword
  ['driving licence was verified at the counter, ref MH14 20170382914', []], // keyword too far
]

describe(indiaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(indiaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named driving_licence as the keyword', () => {
    assert.deepEqual(detectIn(indiaDriversLicense, 'MH1420170382914', { labels: ['driving_licence'] }).map((d) => d.match), ['MH1420170382914'])
  })
})
