import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/**
 * US passport book and card numbers: nine digits (books issued before 2021) or one letter and
 * eight digits (Next Generation books; passport cards start with C).
 */
export const usaPassportNumber = defineIdentifier({
  id: 'USA_PASSPORT_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'US passport book or card number: nine digits, or a letter and eight digits.',
  countries: ['US'],
  severity: ['Medium', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[A-Z0-9][0-9]{8}(?![0-9A-Za-z])/g,
  keywords: ['passport', 'travel document'],
  maxLength: 9,
  validate: [notAllSameDigit, notDigitSequence],
})
