import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { ukNationalInsuranceNumber } from './uk-national-insurance-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['NINO: JH 48 27 35 B', ['JH 48 27 35 B']],
  ['national insurance number JH482735B', ['JH482735B']],
  ['NI insurance no. CE-71-90-26-D', ['CE-71-90-26-D']],
  ['nino PR305718 A', ['PR305718 A']],
  ['NINO: DA482735B', []], // first letter D is never used
  ['NINO: JO482735B', []], // second letter O is never used
  ['NINO: GB482735B', []], // prefix GB is not allocated
  ['NINO: TN482735B', []], // TN marks temporary numbers
  ['NINO: JH482735E', []], // suffix past D
  ['NINO: JH000000A', []], // one repeated digit
  ['NINO: AB123456C', []], // the guidance example
  ['NINO: JH 48 2735 B', []], // mixed separators
  ['NINO: JH4827351B', []], // seven digits
  ['member JH482735B joined', []], // no keyword
  ['nino is written on the letter, the reference is JH482735B', []], // keyword too far
  ['benin JH482735B', []], // keyword only inside another word
]

describe(ukNationalInsuranceNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(ukNationalInsuranceNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named nino as the keyword', () => {
    assert.deepEqual(detectIn(ukNationalInsuranceNumber, 'JH482735B', { labels: ['employee_nino'] }).map((d) => d.match), ['JH482735B'])
  })
})
