import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Canadian passport numbers: two upper-case letters and six digits (`AB123456`). */
export const canadaPassportNumber = defineIdentifier({
  id: 'CANADA_PASSPORT_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Canadian passport number: two letters and six digits.',
  countries: ['Canada'],
  severity: ['Medium', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[A-Z]{2}[0-9]{6}(?![0-9A-Za-z])/g,
  keywords: ['passeport', 'passeport#', 'passport', 'passport#', 'passportno', 'passportno#'],
  maxLength: 8,
  validate: [notAllSameDigit, notDigitSequence],
})
