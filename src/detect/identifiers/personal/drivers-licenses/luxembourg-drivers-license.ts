import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Luxembourg driving licence (Führerschäin / Fahrerlaubnis) numbers: six digits. */
export const luxembourgDriversLicense = defineIdentifier({
  id: 'LUXEMBOURG_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Luxembourg driving licence number (6 digits); structure only.',
  countries: ['Luxembourg'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])[0-9]{6}(?![0-9A-Za-z-])/g,
  keywords: [
    'fahrerlaubnis',
    'führerschäin',
  ],
  maxLength: 6,
  validate: [notAllSameDigit, notDigitSequence],
})
