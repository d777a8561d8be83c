import { defineIdentifier } from '../../identifier.js'
import { creditCardNumber } from './credit-card-number.js'

/** Payment card numbers with no card keyword nearby: the same shapes and checks as CREDIT_CARD_NUMBER. */
export const creditCardNumberNoKeyword = defineIdentifier({
  id: 'CREDIT_CARD_NUMBER_(NO_KEYWORD)',
  category: 'FINANCIAL_INFORMATION',
  description: 'Payment card number with no card keyword within 30 characters; Luhn, issuer prefix and length.',
  severity: ['High', 'High', 'High'],
  // Its own RegExp object: the engine keeps lastIndex state per pattern.
  pattern: new RegExp(creditCardNumber.pattern),
  keywords: creditCardNumber.keywords,
  keywordRule: 'absent',
  maxLength: creditCardNumber.maxLength,
  validate: creditCardNumber.validate,
  reject: creditCardNumber.reject,
})
