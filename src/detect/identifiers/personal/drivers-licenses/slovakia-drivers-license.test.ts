import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { slovakiaDriversLicense } from './slovakia-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['vodičský preukaz E4081726', ['E4081726']],
  ['číslo vodičského preukazu S5192048', ['S5192048']],
  ['vodičský preukaz E1234567', []],
  ['vodičský preukaz E408172', []],
  ['objednávka E4081726', []],
  ['vodičský preukazy E4081726', []],
]

describe(slovakiaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(slovakiaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(slovakiaDriversLicense, 'E4081726', { labels: ['vodičský_preukaz'] }).map((d) => d.match), ['E4081726'])
  })
})
