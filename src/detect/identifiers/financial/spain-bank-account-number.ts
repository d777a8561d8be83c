import { defineIdentifier } from '../../identifier.js'
import { ibanMaxLength, ibanOrBbanCheck, ibanPattern, ibanTrigger, isExampleAccount } from './iban.js'

/**
 * Spanish bank accounts: the 20-digit Código Cuenta Cliente (entity 4, office 4, DC 2, account
 * 10) next to a keyword, or the ES IBAN anywhere. Both control digits are checked in both forms.
 */
export const spainBankAccountNumber = defineIdentifier({
  id: 'SPAIN_BANK_ACCOUNT_NUMBER',
  category: 'FINANCIAL_INFORMATION',
  description: 'Spanish BBAN (CCC) with its two control digits near a keyword, or a Spanish IBAN (ISO 13616, MOD 97-10) without one.',
  countries: ['Spain'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z])[0-9]{20}(?![0-9A-Za-z])/g,
  keywords: [
    'account code', 'account number', 'accountno#', 'accountnumber#', 'bban', 'código cuenta', 'código cuenta bancaria',
    'cuenta cliente id', 'customer account id', 'customer account number', 'customer bank account id', 'iban',
    'número cuenta bancaria cliente', 'número cuenta cliente',
  ],
  unkeyedPattern: ibanPattern('ES'),
  trigger: ibanTrigger,
  maxLength: ibanMaxLength('ES'),
  validate: [ibanOrBbanCheck('ES')],
  reject: [isExampleAccount],
})
