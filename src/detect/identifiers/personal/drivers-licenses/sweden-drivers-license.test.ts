import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { swedenDriversLicense } from './sweden-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['körkortsnummer 850709-2388', ['850709-2388']],
  ['körkort 19910315-4671', ['19910315-4671']],
  ['körkort nummer 8507092388', ['8507092388']],
  ['körkort 850709-2387', []],
  ['körkort 851309-2388', []],
  ['beställning 850709-2388', []],
  ['körkorts 850709-2388', []],
]

describe(swedenDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(swedenDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(swedenDriversLicense, '910315-4671', { labels: ['körkortsnummer'] }).map((d) => d.match), ['910315-4671'])
  })
})
