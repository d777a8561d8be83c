import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { spainPassportNumber } from './spain-passport-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['pasaporte PAB482139', ['PAB482139']],
  ['passport no: AB4821390', ['AB4821390']],
  ['número pasaporte AB482139', ['AB482139']],
  ['pasaporte PAB000000', []], // one repeated digit
  ['pasaporte P4821390', []], // one letter
  ['pasaporte PAB48213', []], // five digits
  ['reserva PAB482139 confirmada', []], // no keyword
  ['pasaporte renovado en la comisaría el pasado mes: PAB482139', []], // keyword too far
  ['passports PAB482139', []], // keyword only inside another word
]

describe(spainPassportNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(spainPassportNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named passport_number as the keyword', () => {
    assert.deepEqual(detectIn(spainPassportNumber, 'PAB482139', { labels: ['passport_number'] }).map((d) => d.match), ['PAB482139'])
  })
})
