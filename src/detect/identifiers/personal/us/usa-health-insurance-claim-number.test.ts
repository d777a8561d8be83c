import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { usaHealthInsuranceClaimNumber } from './usa-health-insurance-claim-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['HICN: 536-22-8741A', ['536-22-8741A']],
  ['hic number 536228741B1', ['536228741B1']],
  ['Health Insurance Claim Number 412 73 9046 D6', []], // the suffix is not glued to the number
  ['Health Insurance Claim Number 412 73 9046D6', ['412 73 9046D6']],
  ['hic# 412-73-9046-T', ['412-73-9046-T']],
  ['HICN: 666-22-8741A', []], // SSN area 666 is never issued
  ['HICN: 536-00-8741A', []], // SSN group 00
  ['HICN: 078-05-1120A', []], // the Woolworth wallet card SSN
  ['HICN: 536-22-8741Q', []], // Q is not a Beneficiary Identification Code
  ['HICN: 536-22-8741C', []], // C needs a digit after it
  ['HICN: 536-22-8741', []], // no suffix: an SSN, not a HICN
  ['claim 536-22-8741A filed', []], // no keyword
  ['hicn was mentioned here but the number is much further along: 536-22-8741A', []], // keyword too far
  ['chicno# 536-22-8741A', []], // keyword only inside another word
]

describe(usaHealthInsuranceClaimNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(usaHealthInsuranceClaimNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named hicn as the keyword', () => {
    assert.deepEqual(detectIn(usaHealthInsuranceClaimNumber, '536228741A', { labels: ['member_hicn'] }).map((d) => d.match), ['536228741A'])
  })
})
