import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { maltaDriversLicense } from './malta-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['liċenzja tas-sewqan 0481726M', ['0481726M']],
  ['liċenzja tas-sewqan 481726G', ['481726G']],
  ['liċenzja tas-sewqan 0481726Q', []],
  ['liċenzja tas-sewqan 1234567M', []],
  ['ordni 0481726M', []],
  ['liċenzja tas-sewqanx 0481726M', []],
]

describe(maltaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(maltaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(maltaDriversLicense, '0481726M', { labels: ['liċenzja_tas-sewqan'] }).map((d) => d.match), ['0481726M'])
  })
})
