import { defineIdentifier } from '../../identifier.js'
import { notAllSameDigit } from '../../validators/not-all-same-digit.js'
import { ibanMaxLength, ibanOrBbanCheck, ibanPattern, ibanTrigger, isExampleAccount } from './iban.js'

const isIbanOrBban = ibanOrBbanCheck('GB')

// The domestic forms of the registry examples GB29NWBK60161331926819 and GB82WEST12345698765432.
const DOMESTIC_EXAMPLES = new Set(['60161331926819', '12345698765432'])

/** Sort code and account number as written at home: `60-16-13 31926819`, `601613 31926819`. */
function isDomestic(m: string): boolean {
  return /^[0-9]{2}-/.test(m) || /^[0-9]{6} /.test(m)
}

/**
 * UK bank accounts: the BBAN (bank code 4 letters, sort code 6, account 8) or the domestic sort
 * code + account number next to a keyword, or the GB IBAN anywhere. UK account numbers are checked
 * by per-sort-code modulus tables (Vocalink), not by one public rule: structure only.
 */
export const ukBankAccountNumber = defineIdentifier({
  id: 'UK_BANK_ACCOUNT_NUMBER',
  category: 'FINANCIAL_INFORMATION',
  description: 'UK BBAN or sort code + account number near a keyword, or a UK IBAN (ISO 13616, MOD 97-10) without one.',
  countries: ['UK'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z-])(?:[A-Z]{4}[0-9]{14}|[0-9]{2}-[0-9]{2}-[0-9]{2} ?[0-9]{8}|[0-9]{6} [0-9]{8})(?![0-9A-Za-z]|-[0-9])/g,
  // Macie's UK list, plus 'sort code': the label the domestic form is printed under.
  keywords: [
    'account code', 'account number', 'accountno#', 'accountnumber#', 'bban', 'customer account id',
    'customer account number', 'customer bank account id', 'iban', 'sepa', 'sort code',
  ],
  unkeyedPattern: ibanPattern('GB'),
  trigger: ibanTrigger,
  maxLength: ibanMaxLength('GB'),
  validate: [(m) => (isDomestic(m) ? notAllSameDigit(m.slice(0, -8)) && notAllSameDigit(m.slice(-8)) : isIbanOrBban(m))],
  reject: [isExampleAccount, (m) => DOMESTIC_EXAMPLES.has(m.replace(/[- ]/g, ''))],
})
