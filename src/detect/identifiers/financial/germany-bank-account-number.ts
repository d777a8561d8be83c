import { defineIdentifier } from '../../identifier.js'
import { ibanMaxLength, ibanOrBbanCheck, ibanPattern, ibanTrigger, isExampleAccount } from './iban.js'

/**
 * German bank accounts: the 18-digit BBAN (Bankleitzahl 8 + account 10) next to a keyword, or the
 * DE IBAN anywhere. German account numbers have no public universal check: structure only.
 */
export const germanyBankAccountNumber = defineIdentifier({
  id: 'GERMANY_BANK_ACCOUNT_NUMBER',
  category: 'FINANCIAL_INFORMATION',
  description: 'German BBAN (Bankleitzahl + account number) near a keyword, or a German IBAN (ISO 13616, MOD 97-10) without one.',
  countries: ['Germany'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z])[0-9]{18}(?![0-9A-Za-z])/g,
  keywords: [
    'account code', 'account number', 'accountno#', 'accountnumber#', 'bankleitzahl', 'bban', 'customer account id',
    'customer account number', 'customer bank account id', 'geheimzahl', 'iban', 'kartennummer', 'kontonummer',
    'kreditkartennummer', 'sepa',
  ],
  unkeyedPattern: ibanPattern('DE'),
  trigger: ibanTrigger,
  maxLength: ibanMaxLength('DE'),
  validate: [ibanOrBbanCheck('DE')],
  reject: [isExampleAccount],
})
