import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Greek driving licence (άδεια οδήγησης) numbers: nine digits. */
export const greeceDriversLicense = defineIdentifier({
  id: 'GREECE_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Greek driving licence number (9 digits); structure only.',
  countries: ['Greece'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])[0-9]{9}(?![0-9A-Za-z-])/g,
  // Macie's list has "δεια οδήγησης", άδεια without its first letter, which never stands as a whole word; the full form is added.
  keywords: [
    'δεια οδήγησης',
    'adeia odigisis',
    'άδεια οδήγησης',
  ],
  maxLength: 9,
  validate: [notAllSameDigit, notDigitSequence],
})
