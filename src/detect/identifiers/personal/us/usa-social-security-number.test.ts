import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { usaSocialSecurityNumber } from './usa-social-security-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['SSN: 536-22-8741', ['536-22-8741']],
  ['social security number 536 22 8741', ['536 22 8741']],
  ['ssn=536228741', ['536228741']],
  ['SSN: 666-22-8741', []], // area 666 is never issued
  ['SSN: 936-22-8741', []], // area 900–999 is never issued
  ['SSN: 536-00-8741', []], // group 00
  ['SSN: 536-22-0000', []], // serial 0000
  ['SSN: 078-05-1120', []], // the Woolworth wallet card
  ['SSN: 536-22 8741', []], // mixed separators
  ['order 536-22-8741 shipped', []], // no keyword
  ['ssn was mentioned here but the number is much further along: 536-22-8741', []], // keyword too far
  ['lessn 536-22-8741', []], // keyword only inside another word
]

describe(usaSocialSecurityNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(usaSocialSecurityNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named ssn as the keyword', () => {
    assert.deepEqual(detectIn(usaSocialSecurityNumber, '536-22-8741', { labels: ['customer_ssn'] }).map((d) => d.match), ['536-22-8741'])
  })
})
