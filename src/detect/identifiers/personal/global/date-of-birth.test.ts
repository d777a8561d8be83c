import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { dateOfBirth } from './date-of-birth.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['DOB: 1987-11-05', ['1987-11-05']],
  ['"dob": "1987-11-05T00:00:00Z"', ['1987-11-05']],
  ['date of birth 11/05/1987', ['11/05/1987']],
  ['birth date 25/12/1987', ['25/12/1987']], // day first
  ['Geburtsdatum / birthday 05.11.1987', ['05.11.1987']],
  ['dob 05 11 1987', ['05 11 1987']],
  ['birthday: 5 November 1987', ['5 November 1987']],
  ['DOB 05-Nov-1987', ['05-Nov-1987']],
  ['bday November 5th, 1987', ['November 5th, 1987']],
  ['b-day: Sept 5 1987', ['Sept 5 1987']],
  ['DOB: 1987-02-30', []], // no 30 February
  ['DOB: 13/13/1987', []], // no month 13 either way
  ['DOB: 1899-12-31', []], // before 1900
  ['DOB: 2099-01-01', []], // in the future
  ['DOB: 1900-01-01', []], // placeholder default
  ['DOB: 1987-11/05', []], // mixed separators
  ['DOB: Novembr 5, 1987', []], // not a month name
  ['shipped 1987-11-05', []], // no keyword
  ['dob was recorded on the intake form, revised: 1987-11-05', []], // keyword too far
  ['adobe 1987-11-05', []], // keyword only inside another word
]

describe(dateOfBirth.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(dateOfBirth, text).map((d) => d.match), expected))
  }
  it('counts a column named birthDate as the keyword', () => {
    assert.deepEqual(detectIn(dateOfBirth, '1987-11-05', { labels: ['birthDate'] }).map((d) => d.match), ['1987-11-05'])
  })
})
