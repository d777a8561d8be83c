import { defineIdentifier } from '../../identifier.js'
import { notAllSameDigit } from '../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../validators/not-digit-sequence.js'

/**
 * US and Canadian bank account numbers: 9–17 digits with no spaces, next to a keyword. Banks set
 * their own account formats, so there is no checksum; one repeated digit and 123456789-style runs
 * are placeholders.
 */
export const bankAccountNumber = defineIdentifier({
  id: 'BANK_ACCOUNT_NUMBER',
  category: 'FINANCIAL_INFORMATION',
  description: 'US or Canadian bank account number, 9–17 digits near a keyword; repeated digits and digit runs are ruled out.',
  countries: ['Canada', 'US'],
  severity: ['High', 'High', 'High'],
  // Not a piece of a longer number: no digit, letter or "1.", "1,", "1-" directly around it.
  pattern: /(?<![0-9A-Za-z]|[0-9][.,-])[0-9]{9,17}(?![0-9A-Za-z]|[.,-][0-9])/g,
  keywords: [
    'bank account', 'bank acct', 'checking account', 'checking acct', 'deposit account', 'deposit acct',
    'savings account', 'savings acct', 'chequing account', 'chequing acct',
  ],
  maxLength: 17,
  validate: [notAllSameDigit, notDigitSequence],
})
