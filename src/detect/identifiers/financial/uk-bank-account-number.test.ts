import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { ukBankAccountNumber } from './uk-bank-account-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Sort code and account: 99-00-01 41297503', ['99-00-01 41297503']],
  ['account number 99-00-0141297503', ['99-00-0141297503']],
  ['account number 990001 41297503', ['990001 41297503']],
  ['BBAN TRWL99000141297503', ['TRWL99000141297503']],
  ['pay GB35TRWL99000141297503', ['GB35TRWL99000141297503']], // IBAN: no keyword needed
  ['pay GB35 TRWL 9900 0141 2975 03', ['GB35 TRWL 9900 0141 2975 03']],
  ['pay GB36TRWL99000141297503', []], // MOD 97-10 fails
  ['pay GB35TRW199000141297503', []], // bank code must be letters
  ['sort code 99-00-01 00000000', []], // account all zeros
  ['sort code 00-00-00 41297503', []], // sort code all zeros
  ['sort code 99-00-01 4129750', []], // 7-digit account
  ['sort code 99-00-01 41297503-2', []], // part of a longer dashed number
  ['sort code 60-16-13 31926819', []], // Macie's example
  ['IBAN GB29NWBK60161331926819', []], // the registry example
  ['ref 99-00-01 41297503', []], // no keyword
  ['the sort code is on the letter we sent you: 99-00-01 41297503', []], // keyword too far
  ['resort code 99-00-01 41297503', []], // keyword only inside another word
]

describe(ukBankAccountNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(ukBankAccountNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named sort_code as the keyword', () => {
    assert.deepEqual(detectIn(ukBankAccountNumber, '99-00-01 41297503', { labels: ['sort_code'] }).map((d) => d.match), ['99-00-01 41297503'])
  })
})
