import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { usaMedicareBeneficiaryIdentifier } from './usa-medicare-beneficiary-identifier.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['MBI: 3KD7-F92-XN48', ['3KD7-F92-XN48']],
  ['medicare beneficiary 7TW2HA6PC05', ['7TW2HA6PC05']],
  ['MBI: 1EG4-TE5-MK73', []], // the CMS specimen
  ['MBI: 1EG4TE5MK73', []], // the CMS specimen, no dashes
  ['MBI: 0KD7-F92-XN48', []], // first character 0
  ['MBI: 3SD7-F92-XN48', []], // S is excluded
  ['MBI: 3KD7-F92-XO48', []], // O is excluded
  ['MBI: 3KD7-FB2-XN48', []], // position 6 cannot be B
  ['MBI: 3KD7F92-XN48', []], // one dash only
  ['MBI: 3kd7-f92-xn48', []], // lower case
  ['member 3KD7-F92-XN48 enrolled', []], // no keyword
  ['mbi was mentioned here but the number is much further along: 3KD7-F92-XN48', []], // keyword too far
  ['gumbi 3KD7-F92-XN48', []], // keyword only inside another word
]

describe(usaMedicareBeneficiaryIdentifier.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(usaMedicareBeneficiaryIdentifier, text).map((d) => d.match), expected))
  }
  it('counts a column named mbi as the keyword', () => {
    assert.deepEqual(detectIn(usaMedicareBeneficiaryIdentifier, '7TW2HA6PC05', { labels: ['patient_mbi'] }).map((d) => d.match), ['7TW2HA6PC05'])
  })
})
