import { defineIdentifier } from '../../identifier.js'
import { notAllSameDigit } from '../../validators/not-all-same-digit.js'

/**
 * Card verification codes (CVV2, CVC2, CID): 3 or 4 digits standing alone near a keyword. A short
 * number is easy to find by accident, so the pattern is strict about what surrounds it: not part
 * of a longer number, amount, date, time, range or list of digit groups.
 */
export const creditCardSecurityCode = defineIdentifier({
  id: 'CREDIT_CARD_SECURITY_CODE',
  category: 'FINANCIAL_INFORMATION',
  description: 'Payment card verification code (CVV2/CVC2/CID), 3 or 4 digits standing alone near a keyword.',
  severity: ['Medium', 'High', 'High'],
  // Before it: no word character or amount sign, nor a number and a separator (`12 345`,
  // `10:30`; `cvv2 123` stays in). After it: no word character, nor a separator and a digit.
  pattern: /(?<![0-9A-Za-z.,/$+%])(?<!(?:^|[^0-9A-Za-z])[0-9]+[ .,:/-])[0-9]{3,4}(?![0-9A-Za-z/%]|[ .,:/-][0-9])/g,
  keywords: [
    'card id', 'card identification code', 'card identification number', 'card security code', 'card validation code',
    'card validation number', 'card verification data', 'card verification value', 'cvc', 'cvc2', 'cvv', 'cvv2',
    'elo verification code',
  ],
  maxLength: 4,
  validate: [notAllSameDigit],
  // Placeholders typed into forms and docs.
  reject: [(m) => m === '123' || m === '1234'],
})
