import { defineIdentifier } from '../../identifier.js'
import { luhn } from '../../validators/luhn.js'
import { notAllSameDigit } from '../../validators/not-all-same-digit.js'
import { cardBrand, isTestCardNumber } from '../../validators/payment-card.js'

const digitsOf = (m: string): string => m.replace(/[ -]/g, '')

/*
 * Where a card number may stand: 13–19 digits in one run, or grouped by spaces or dashes as cards
 * are printed (4-4-4-4, 4-4-4-1…4, 4-4-4-4-3, Amex/Diners 4-6-5 and 4-6-4). It may not continue a
 * dashed digit sequence, sit inside an IBAN printed in groups of four (`DE89 3704 0044 …`), or
 * be a piece of magnetic stripe data (`%B<PAN>^`, `;<PAN>=<YYMM>…`: CREDIT_CARD_MAGNETIC_STRIPE's).
 */
const pattern =
  /(?<![0-9A-Za-z^]|[0-9][-=]|[A-Z]{2}[0-9]{2}(?: [0-9A-Z]{4})* )(?:[0-9]{13,19}|[0-9]{4}[ -][0-9]{4}[ -][0-9]{4}[ -][0-9]{1,4}(?:[ -][0-9]{3})?|[0-9]{4}[ -][0-9]{6}[ -][0-9]{4,5})(?![0-9A-Za-z]|[-=][0-9])/g

// One kind of separator, Luhn, a brand's issuer prefix and length.
const validate = [
  (m: string) => !(m.includes(' ') && m.includes('-')),
  (m: string) => {
    const pan = digitsOf(m)
    return luhn(pan) && cardBrand(pan) !== undefined
  },
  notAllSameDigit,
]

// Issuer and gateway test numbers are never reported.
const reject = [(m: string) => isTestCardNumber(digitsOf(m))]

/** Payment card numbers of the major brands near a keyword; Luhn and issuer prefix + length checked. */
export const creditCardNumber = defineIdentifier({
  id: 'CREDIT_CARD_NUMBER',
  category: 'FINANCIAL_INFORMATION',
  description: 'Payment card number (Amex, Dankort, Diners, Discover, Electron, JCB, Mastercard, UnionPay, Visa) near a keyword; Luhn, issuer prefix and length.',
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern,
  keywords: [
    'account number', 'american express', 'amex', 'bank card', 'c card', 'card', 'cc #', 'ccn', 'check card', 'cred card',
    'credit', 'credit card', 'credit cards', 'credit no', 'credit num', 'dankort', 'debit', 'debit card', 'debit no',
    'debit num', 'diners club', 'discover', 'electron', 'japanese card bureau', 'jcb', 'mastercard', 'mc', 'pan',
    'payment account number', 'payment card number', 'pcn', 'pmnt #', 'pmnt card', 'pmnt no', 'pmnt number',
    'union pay', 'visa',
  ],
  maxLength: 23,
  validate,
  reject,
})
