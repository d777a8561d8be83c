import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Danish driving licence (kørekort) numbers: eight digits. */
export const denmarkDriversLicense = defineIdentifier({
  id: 'DENMARK_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Danish driving licence number (8 digits); structure only.',
  countries: ['Denmark'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])[0-9]{8}(?![0-9A-Za-z-])/g,
  keywords: [
    'kørekort',
    'kørekortnummer',
  ],
  maxLength: 8,
  validate: [notAllSameDigit, notDigitSequence],
})
