import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { indiaAadhaarNumber } from './india-aadhaar-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Aadhaar: 5273 6184 9053', ['5273 6184 9053']],
  ['aadhar no 8391-7264-0512', ['8391-7264-0512']],
  ['UIDAI 462819375608', ['462819375608']],
  ['Aadhaar: 5273 6184 9054', []], // fails Verhoeff
  ['Aadhaar: 1273 6184 9053', []], // first digit 0 or 1 is never issued
  ['Aadhaar: 5273 6184-9053', []], // mixed separators
  ['Aadhaar: 2222 2222 2222', []], // one repeated digit
  ['invoice 5273 6184 9053 paid', []], // no keyword
  ['aadhaar details were submitted with the form, reference 5273 6184 9053', []], // keyword too far
  ['xaadhaar 5273 6184 9053', []], // keyword only inside another word
]

describe(indiaAadhaarNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(indiaAadhaarNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named aadhaar_no as the keyword', () => {
    assert.deepEqual(detectIn(indiaAadhaarNumber, '527361849053', { labels: ['aadhaar_no'] }).map((d) => d.match), ['527361849053'])
  })
})
