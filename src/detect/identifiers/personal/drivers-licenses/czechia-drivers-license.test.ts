import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { czechiaDriversLicense } from './czechia-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['řidičský průkaz EB 503917', ['EB 503917']],
  ['číslo řidičského průkazu ED718204', ['ED718204']],
  ['řidičský průkaz EB 123456', []],
  ['řidičský průkaz EB50391', []],
  ['řidičský průkaz eb503917', []],
  ['objednávka EB503917', []],
  ['neřidičský průkaz EB503917', []],
]

describe(czechiaDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(czechiaDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named after the licence as the keyword', () => {
    assert.deepEqual(detectIn(czechiaDriversLicense, 'EA481027', { labels: ['řidičský_průkaz'] }).map((d) => d.match), ['EA481027'])
  })
})
