import { defineIdentifier } from '../../identifier.js'
import { ibanMaxLength, ibanOrBbanCheck, ibanPattern, ibanTrigger, isExampleAccount } from './iban.js'

/**
 * French bank accounts: the 23-character RIB/BBAN (bank 5, branch 5, account 11, key 2) next to a
 * keyword, or the FR IBAN anywhere. The RIB key is checked in both forms.
 */
export const franceBankAccountNumber = defineIdentifier({
  id: 'FRANCE_BANK_ACCOUNT_NUMBER',
  category: 'FINANCIAL_INFORMATION',
  description: 'French BBAN (RIB) with its RIB key near a keyword, or a French IBAN (ISO 13616, MOD 97-10) without one.',
  countries: ['France'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z])[0-9]{10}[0-9A-Z]{11}[0-9]{2}(?![0-9A-Za-z])/g,
  keywords: [
    'account code', 'account number', 'accountno#', 'accountnumber#', 'bban', 'code bancaire', 'compte bancaire',
    'customer account id', 'customer account number', 'customer bank account id', 'iban', 'numéro de compte',
  ],
  unkeyedPattern: ibanPattern('FR'),
  trigger: ibanTrigger,
  maxLength: ibanMaxLength('FR'),
  validate: [ibanOrBbanCheck('FR')],
  reject: [isExampleAccount],
})
