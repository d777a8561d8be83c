import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { polandDriversLicense } from './poland-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['prawo jazdy 04817/19/0207', ['04817/19/0207']],
  ['numer licencyjny 51920/08/1864', ['51920/08/1864']],
  ['prawo jazdy 048170190207', []],
  ['prawo jazdy 04817/19/020', []],
  ['prawo jazdy 11111/11/1111', []],
  ['zamówienie 04817/19/0207', []],
  ['prawo jazdyx 04817/19/0207', []],
]

describe(polandDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(polandDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(polandDriversLicense, '04817/19/0207', { labels: ['prawo_jazdy'] }).map((d) => d.match), ['04817/19/0207'])
  })
})
