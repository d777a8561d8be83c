import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { cyprusDriversLicense } from './cyprus-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['άδεια οδήγησης 830516274901', ['830516274901']],
  ['άδεια οδήγησης 123456789012', []],
  ['άδεια οδήγησης 83051627490', []],
  ['αριθμός 830516274901', []],
  ['αάδεια οδήγησης 830516274901', []],
]

describe(cyprusDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(cyprusDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(cyprusDriversLicense, '830516274901', { labels: ['άδεια_οδήγησης'] }).map((d) => d.match), ['830516274901'])
  })
})
