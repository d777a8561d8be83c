import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { italyPassportNumber } from './italy-passport-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['passaporto YB4719203', ['YB4719203']],
  ['Passport number: AA7308152', ['AA7308152']],
  ['passaporto YB0000000', []], // one repeated digit
  ['passaporto YB47192031', []], // eight digits
  ['passaporto Y4719203', []], // one letter
  ['booking YB4719203 confirmed', []], // no keyword
  ['passaporto rilasciato dalla questura, protocollo YB4719203', []], // keyword too far
  ['passaportoYB4719203x', []], // value glued to letters
]

describe(italyPassportNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(italyPassportNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named numero_passaporto as the keyword', () => {
    assert.deepEqual(detectIn(italyPassportNumber, 'YB4719203', { labels: ['numero_passaporto'] }).map((d) => d.match), ['YB4719203'])
  })
})
