import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/**
 * French driving licence numbers (NEPH, printed in field 5 since 2013): twelve digits, the year
 * and month of registration, the department and a six-digit serial (`130675012345`).
 */
export const franceDriversLicense = defineIdentifier({
  id: 'FRANCE_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'French driving licence number (NEPH, 12 digits); month of registration and department checked.',
  countries: ['France'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z])[0-9]{12}(?![0-9A-Za-z])/g,
  keywords: ['permis de conduire'],
  maxLength: 12,
  validate: [
    (m) => {
      const month = Number(m.slice(2, 4))
      return month >= 1 && month <= 12 && m.slice(4, 6) !== '00'
    },
    notAllSameDigit,
    notDigitSequence,
  ],
})
