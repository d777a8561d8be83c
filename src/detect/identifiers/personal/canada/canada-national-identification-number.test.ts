import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { canadaNationalIdentificationNumber } from './canada-national-identification-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['permanent resident card number PA0731942', ['PA0731942']],
  ['PR number: 3081-5527', ['3081-5527']], // UCI, 8 digits
  ['pr no. 74-2961-0385', ['74-2961-0385']], // UCI, 10 digits
  ['numéro carte résident permanent 7429610385', ['7429610385']],
  ['PR number: 74-29610385', []], // one dash in a ten-digit UCI
  ['PR number: PA0000000', []], // one repeated digit
  ['PR number: 1234-5678', []], // placeholder run
  ['PR number: PA073194', []], // too short
  ['PR number: pa0731942', []], // lower case
  ['ticket PA0731942 closed', []], // no keyword
  ['permanent resident card was mentioned here, but much further along: PA0731942', []], // keyword too far
  ['expr number PA0731942', []], // keyword only inside another word
]

describe(canadaNationalIdentificationNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(canadaNationalIdentificationNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named pr_number as the keyword', () => {
    assert.deepEqual(detectIn(canadaNationalIdentificationNumber, 'PA0731942', { labels: ['pr_number'] }).map((d) => d.match), ['PA0731942'])
  })
})
