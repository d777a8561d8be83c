import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { greeceDriversLicense } from './greece-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['άδεια οδήγησης 503817264', ['503817264']],
  ['adeia odigisis: 730194825', ['730194825']],
  ['άδεια οδήγησης 123456789', []],
  ['άδεια οδήγησης 50381726', []],
  ['αριθμός 503817264', []],
  ['adeia odigisisx 503817264', []],
]

describe(greeceDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(greeceDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(greeceDriversLicense, '503817264', { labels: ['adeia_odigisis'] }).map((d) => d.match), ['503817264'])
  })
})
