import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { usDrugEnforcementAgencyNumber } from './us-drug-enforcement-agency-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['DEA number: BJ4720911', ['BJ4720911']],
  ['dea registration FM3058179', ['FM3058179']],
  ['DEA_NUMBER MS9182647', ['MS9182647']],
  ['DEA number: BJ4720912', []], // fails the check digit
  ['DEA number: AB1234563', []], // the textbook example
  ['DEA number: AA0000000', []], // one repeated digit
  ['DEA number: ZJ4720911', []], // Z is no registrant type
  ['DEA number: bj4720911', []], // lower case
  ['prescriber BJ4720911 signed', []], // no keyword
  ['dea number was mentioned here but the value is much further on: BJ4720911', []], // keyword too far
  ['idea number BJ4720911', []], // keyword only inside another word
]

describe(usDrugEnforcementAgencyNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(usDrugEnforcementAgencyNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named dea_registration as the keyword', () => {
    assert.deepEqual(detectIn(usDrugEnforcementAgencyNumber, 'BJ4720911', { labels: ['dea_registration'] }).map((d) => d.match), ['BJ4720911'])
  })
})
