import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { bankAccountNumber } from './bank-account-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Checking account: 000183629471', ['000183629471']],
  ['savings acct 918273645', ['918273645']], // 9 digits
  ['bank account no. 10293847561029384', ['10293847561029384']], // 17 digits
  ['Chequing account 4839201746', ['4839201746']],
  ['bank account: 91827364', []], // 8 digits
  ['bank account: 918273645019283746', []], // 18 digits
  ['bank account: 9182 7364 5019', []], // no spaces
  ['bank account: 1234.567890123', []], // a decimal
  ['bank account: 555-918273645', []], // part of a dashed number
  ['bank account: 999999999', []], // one repeated digit
  ['bank account: 123456789', []], // a digit run
  ['bank account: X918273645', []],
  ['invoice 000183629471', []], // no keyword
  ['bank account details were updated yesterday: 000183629471', []], // keyword too far
  ['cbank account 000183629471', []], // keyword only inside another word
]

describe(bankAccountNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(bankAccountNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named bank_account as the keyword', () => {
    assert.deepEqual(detectIn(bankAccountNumber, '000183629471', { labels: ['bank_account'] }).map((d) => d.match), ['000183629471'])
  })
})
