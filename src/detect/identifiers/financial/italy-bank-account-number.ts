import { defineIdentifier } from '../../identifier.js'
import { ibanMaxLength, ibanOrBbanCheck, ibanPattern, ibanTrigger, isExampleAccount } from './iban.js'

/**
 * Italian bank accounts: the 23-character BBAN (CIN letter, ABI 5, CAB 5, account 12) next to a
 * keyword, or the IT IBAN anywhere. The CIN is checked in both forms.
 */
export const italyBankAccountNumber = defineIdentifier({
  id: 'ITALY_BANK_ACCOUNT_NUMBER',
  category: 'FINANCIAL_INFORMATION',
  description: 'Italian BBAN with its CIN control letter near a keyword, or an Italian IBAN (ISO 13616, MOD 97-10) without one.',
  countries: ['Italy'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z])[A-Z][0-9]{10}[0-9A-Z]{12}(?![0-9A-Za-z])/g,
  keywords: [
    'account code', 'account number', 'accountno#', 'accountnumber#', 'bban', 'codice bancario', 'conto bancario',
    'customer account id', 'customer account number', 'customer bank account id', 'iban', 'numero di conto',
  ],
  unkeyedPattern: ibanPattern('IT'),
  trigger: ibanTrigger,
  maxLength: ibanMaxLength('IT'),
  validate: [ibanOrBbanCheck('IT')],
  reject: [isExampleAccount],
})
