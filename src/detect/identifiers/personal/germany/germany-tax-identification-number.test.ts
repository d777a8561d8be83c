import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { germanyTaxIdentificationNumber } from './germany-tax-identification-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Steuer-ID: 47 036 892 816', ['47 036 892 816']],
  ['Steueridentifikationsnummer 47036892816', ['47036892816']],
  ['tax id 65929970489', ['65929970489']], // one digit three times (2016 rule)
  ['Steuer-ID: 47 036 892 817', []], // wrong check digit
  ['Steuer-ID: 07036892816', []], // leading zero
  ['Steuer-ID: 47036892242', []], // two digits repeated
  ['Steuer-ID: 36 574 261 809', []], // documented example
  ['Steuer-ID: 47 036892 816', []], // mixed spacing
  ['Rechnung 47036892816 bezahlt', []], // no keyword
  ['Steuer-ID bitte nachreichen; die Rechnungsnummer ist 47036892816', []], // keyword too far
  ['Steuernummern 47036892816', []], // keyword only inside another word
]

describe(germanyTaxIdentificationNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(germanyTaxIdentificationNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named steuer_id as the keyword', () => {
    assert.deepEqual(detectIn(germanyTaxIdentificationNumber, '47036892816', { labels: ['steuer_id'] }).map((d) => d.match), ['47036892816'])
  })
})
