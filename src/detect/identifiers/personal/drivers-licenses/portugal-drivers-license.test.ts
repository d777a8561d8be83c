import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { portugalDriversLicense } from './portugal-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['carta de condução L-4081726 3', ['L-4081726 3']],
  ['carta de condução n.º AV-518204 7', ['AV-518204 7']],
  ['licença de condução P40817263', ['P40817263']],
  ['carta de condução L-1234567 8', []],
  ['carta de condução L-40817 3', []],
  ['encomenda L-4081726 3', []],
  ['carta de conduçãox L-4081726 3', []],
]

describe(portugalDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(portugalDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(portugalDriversLicense, 'L-4081726 3', { labels: ['carta_de_condução'] }).map((d) => d.match), ['L-4081726 3'])
  })
})
