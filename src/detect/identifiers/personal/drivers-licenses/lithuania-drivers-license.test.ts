import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { lithuaniaDriversLicense } from './lithuania-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['vairuotojo pažymėjimas 40718263', ['40718263']],
  ['vairuotojo pažymėjimas 38802241456', ['38802241456']],
  ['vairuotojo pažymėjimas 38802241457', []],
  ['vairuotojo pažymėjimas 12345678', []],
  ['užsakymas 40718263', []],
  ['vairuotojo pažymėjimasx 40718263', []],
]

describe(lithuaniaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(lithuaniaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(lithuaniaDriversLicense, '49509160630', { labels: ['vairuotojo_pažymėjimas'] }).map((d) => d.match), ['49509160630'])
  })
})
