import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { ukNhsNumber } from './uk-nhs-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['NHS number: 485 777 3457', ['485 777 3457']],
  ['nhs no 485-777-3457', ['485-777-3457']],
  ['National Health Service 4857773457', ['4857773457']],
  ['NHS number: 485 777 3456', []], // fails mod 11
  ['NHS number: 401 023 2170', []], // check digit would be 10: never issued
  ['NHS number: 999 000 0018', []], // test range
  ['NHS number: 943 476 5919', []], // the published checksum example (9xx)
  ['NHS number: 512 345 6783', []], // 5xx is not issued
  ['NHS number: 485 777-3457', []], // mixed separators
  ['patient 485 777 3457 seen', []], // no keyword
  ['nhs patients are registered; the clinic code is 485 777 3457', []], // keyword too far
  ['nhsx 485 777 3457', []], // keyword only inside another word
]

describe(ukNhsNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(ukNhsNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named nhs_number as the keyword', () => {
    assert.deepEqual(detectIn(ukNhsNumber, '485 777 3457', { labels: ['nhs_number'] }).map((d) => d.match), ['485 777 3457'])
  })
})
