import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { finlandEuropeanHealthInsuranceNumber } from './finland-european-health-insurance-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['EHIC 240387-417T', ['240387-417T']],
  ['sairausvakuutuskortti 051199-2368', ['051199-2368']],
  ['health insurance card: 170612A581M', ['170612A581M']],
  ['EHIC 240387-417U', []], // check character fails
  ['EHIC 310287-417T', []], // 31 February
  ['EHIC 240387-001T', []], // individual number 001
  ['EHIC 240387/417T', []], // not a century sign
  ['EHIC 131052-308T', []], // the published example
  ['ref 240387-417T', []], // no keyword
  ['ehic details were sent separately; the value is 240387-417T', []], // keyword too far
  ['nonehic 240387-417T', []], // keyword only inside another word
]

describe(finlandEuropeanHealthInsuranceNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(finlandEuropeanHealthInsuranceNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named terveyskortti as the keyword', () => {
    assert.deepEqual(detectIn(finlandEuropeanHealthInsuranceNumber, '240387-417T', { labels: ['terveyskortti'] }).map((d) => d.match), ['240387-417T'])
  })
})
