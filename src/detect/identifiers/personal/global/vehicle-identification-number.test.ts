import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { vehicleIdentificationNumber } from './vehicle-identification-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['VIN: 3VW2K7AJ6LM402817', ['3VW2K7AJ6LM402817']],
  ['vehicle identification number 1FTFW1E50NP731946', ['1FTFW1E50NP731946']],
  ['Fahrgestellnummer ZFA31200009731452', ['ZFA31200009731452']], // outside North America: structure only
  ['numéro d\'identification du véhicule: 2C4RC1BG3MR580273', ['2C4RC1BG3MR580273']],
  ['VIN: 3VW2K7AJ5LM402817', []], // wrong check digit
  ['VIN: 1M8GDM9AXKP042788'.replace('X', '9'), []], // wrong check digit (X expected)
  ['VIN: 3VW2K7AJ6LM4O2817', []], // O is never used
  ['VIN: 3VW2K7AJ6LM40281', []], // 16 characters
  ['VIN: 12345678901234567', []], // digits only: no manufacturer code
  ['VIN: 1M8GDM9AXKP042788', []], // the textbook check-digit example
  ['VIN: AAAAAAAAAAAAAAAAA', []], // one repeated character
  ['part 3VW2K7AJ6LM402817', []], // no keyword
  ['the vin is printed on the dashboard plate and on the door, 3VW2K7AJ6LM402817', []], // keyword too far
  ['covina 3VW2K7AJ6LM402817', []], // keyword only inside another word
]

describe(vehicleIdentificationNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(vehicleIdentificationNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named vehicle_vin as the keyword', () => {
    assert.deepEqual(detectIn(vehicleIdentificationNumber, '3VW2K7AJ6LM402817', { labels: ['vehicle_vin'] }).map((d) => d.match), ['3VW2K7AJ6LM402817'])
  })
})
