import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { hungaryDriversLicense } from './hungary-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['jogosítvány száma CA418207', ['CA418207']],
  ['vezetői engedély PB739150', ['PB739150']],
  ['jogosítvány CA123456', []],
  ['jogosítvány CA41820', []],
  ['rendelés CA418207', []],
  ['jogosítványos CA418207', []],
]

describe(hungaryDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(hungaryDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(hungaryDriversLicense, 'CA418207', { labels: ['jogosítvány'] }).map((d) => d.match), ['CA418207'])
  })
})
