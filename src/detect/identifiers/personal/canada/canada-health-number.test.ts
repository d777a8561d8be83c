import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { canadaHealthNumber } from './canada-health-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['PHN: 4827 103 955', ['4827 103 955']], // Ontario
  ['PHN 6039-182-743-KZ', ['6039-182-743-KZ']], // Ontario with version code
  ['personal healthcare number 4827103955AB', ['4827103955AB']], // Ontario, plain
  ['MSP number 9473 816 209', ['9473 816 209']], // British Columbia
  ['canada healthcare number 9308172643', ['9308172643']], // British Columbia, plain
  ['soins de santé: TREM 6855 1214', ['TREM 6855 1214']], // Quebec, month 55 (May, women)
  ['PHN: 4827 103 956', []], // fails Luhn and is no BC number
  ['PHN: 9473 816 208', []], // fails the BC mod-11 check and Luhn
  ['PHN: 9473 816 209 AB', []], // a version code belongs to Ontario numbers, which need Luhn
  ['PHN: TREM 6813 1214', []], // Quebec, month 13
  ['PHN: TREM 6805 0014', []], // Quebec, day 00
  ['PHN: 0000 000 000', []], // one repeated digit
  ['PHN: 4827-103 955', []], // mixed separators
  ['ticket 4827 103 955 closed', []], // no keyword
  ['phn was mentioned here but the number is much further along: 4827 103 955', []], // keyword too far
  ['iphn 4827 103 955', []], // keyword only inside another word
]

describe(canadaHealthNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(canadaHealthNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named phn as the keyword', () => {
    assert.deepEqual(detectIn(canadaHealthNumber, '9473816209', { labels: ['patient_phn'] }).map((d) => d.match), ['9473816209'])
  })
})
