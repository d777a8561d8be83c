import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { irelandDriversLicense } from './ireland-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['ceadúnas tiomána 408172639', ['408172639']],
  ['ceadúnas tiomána 408172MKLT', ['408172MKLT']],
  ['ceadúnas tiomána 123456789', []],
  ['ceadúnas tiomána 40817263', []],
  ['uimhir 408172639', []],
  ['ceadúnas tiománaí 408172639', []],
]

describe(irelandDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(irelandDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(irelandDriversLicense, '408172639', { labels: ['ceadúnas_tiomána'] }).map((d) => d.match), ['408172639'])
  })
})
