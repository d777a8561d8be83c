import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { usaNationalDrugCode } from './usa-national-drug-code.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['NDC 0781-5183-92', ['0781-5183-92']], // 4-4-2
  ['ndc: 50242-041-21', ['50242-041-21']], // 5-3-2
  ['National Drug Code 68180-0513-1', ['68180-0513-1']], // 5-4-1
  ['NDC 00781-5183-92', ['00781-5183-92']], // 11-digit 5-4-2
  ['NDC 00781518392', ['00781518392']], // 11-digit plain
  ['NDC 0000-5183-92', []], // labeler all zeros
  ['NDC 00000518392', []], // labeler all zeros, plain
  ['NDC 11111-1111-11', []], // one repeated digit
  ['NDC 0781518392', []], // 10 digits without dashes: configuration unknown
  ['NDC 0781-5183-921', []], // package code too long
  ['lot 0781-5183-92 expired', []], // no keyword
  ['ndc was mentioned here but the code is much further along: 0781-5183-92', []], // keyword too far
  ['indc 0781-5183-92', []], // keyword only inside another word
]

describe(usaNationalDrugCode.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(usaNationalDrugCode, text).map((d) => d.match), expected))
  }
  it('counts a column named ndc as the keyword', () => {
    assert.deepEqual(detectIn(usaNationalDrugCode, '50242-041-21', { labels: ['drug_ndc'] }).map((d) => d.match), ['50242-041-21'])
  })
})
