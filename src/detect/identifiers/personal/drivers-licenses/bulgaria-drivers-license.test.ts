import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { bulgariaDriversLicense } from './bulgaria-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['шофьорска книжка 284016357', ['284016357']],
  ['сумпс, ЕГН 7504126359', ['7504126359']],
  ['шофьорска книжка 7504126358', []],
  ['шофьорска книжка 7513126359', []],
  ['шофьорска книжка 123456789', []],
  ['номер 284016357', []],
  ['шофьорска книжкаX 284016357', []],
]

describe(bulgariaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(bulgariaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(bulgariaDriversLicense, '0442031745', { labels: ['сумпс'] }).map((d) => d.match), ['0442031745'])
  })
})
