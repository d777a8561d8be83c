import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { ukElectoralRollNumber } from './uk-electoral-roll-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['electoral roll number: KA1234', ['KA1234']],
  ['Electoral roll no. WDB57', ['WDB57']],
  ['electoral number NP8', ['NP8']],
  ['electoral roll number: KA0000', []], // elector numbers start at 1
  ['electoral roll number: KA12345', []], // five digits
  ['electoral roll number: KABC123', []], // four letters
  ['electoral roll number: ka1234', []], // lower case
  ['flight KA1234 landed', []], // no keyword
  ['electoral roll number noted above; the return flight was KA1234', []], // keyword too far
  ['preelectoral number KA1234', []], // keyword only inside another word
]

describe(ukElectoralRollNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(ukElectoralRollNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named electoral_roll_number as the keyword', () => {
    assert.deepEqual(detectIn(ukElectoralRollNumber, 'KA1234', { labels: ['electoral_roll_number'] }).map((d) => d.match), ['KA1234'])
  })
})
