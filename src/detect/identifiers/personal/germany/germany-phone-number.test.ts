import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { germanyPhoneNumber } from './germany-phone-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Tel: 040 5678 9012', ['040 5678 9012']],
  ['phone (0221) 987654', ['(0221) 987654']],
  ['fax 089/12345678', ['089/12345678']],
  ['Tel. 0351 / 4567 89-12', ['0351 / 4567 89-12']],
  ['mobile 0151 23456789', ['0151 23456789']],
  ['+49 151 23456789', ['+49 151 23456789']], // no keyword needed with +49
  ['Zentrale +49 (0)40 5678 9012', ['+49 (0)40 5678 9012']],
  ['+49405678901', ['+49405678901']],
  ['Tel: 030 23125 456', []], // Bundesnetzagentur drama block (Berlin)
  ['+49 176 04069012', []], // Bundesnetzagentur drama block (mobile)
  ['Tel: 0900 1234567', []], // premium rate
  ['mobile 0158 1234', []], // too short for a mobile number
  ['Tel: 0140 5678 9012', []], // 014 is not a personal number
  ['Tel: 0405678901234', []], // too long
  ['Termin 05/12/2023 Tel', []], // a date
  ['Ref 040 5678 9012', []], // national form without keyword
  ['Telefon der Praxis steht auf der Rückseite: 040 5678 9012', []], // keyword too far
  ['Hotel 040 5678 9012', []], // keyword only inside another word
]

describe(germanyPhoneNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(germanyPhoneNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named phone as the keyword', () => {
    assert.deepEqual(detectIn(germanyPhoneNumber, '040 5678 9012', { labels: ['phone'] }).map((d) => d.match), ['040 5678 9012'])
  })
})
