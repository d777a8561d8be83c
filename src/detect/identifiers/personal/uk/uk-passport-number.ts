import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/**
 * UK passport numbers: nine digits, as HM Passport Office prints them and as they appear in
 * the machine-readable zone. The number carries no check digit of its own.
 */
export const ukPassportNumber = defineIdentifier({
  id: 'UK_PASSPORT_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'UK passport number, nine digits; placeholder runs rejected.',
  countries: ['UK'],
  severity: ['Medium', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[0-9]{9}(?![0-9A-Za-z])/g,
  keywords: ['passeport #', 'passeport n °', 'passeport non', 'passeportn °', 'passport #', 'passport no', 'passport number', 'passport#', 'passportid'],
  maxLength: 9,
  validate: [notAllSameDigit, notDigitSequence],
})
