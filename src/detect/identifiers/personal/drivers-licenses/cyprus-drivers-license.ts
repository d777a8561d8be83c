import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Cypriot driving licence (άδεια οδήγησης) numbers: twelve digits. */
export const cyprusDriversLicense = defineIdentifier({
  id: 'CYPRUS_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Cypriot driving licence number (12 digits); structure only.',
  countries: ['Cyprus'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])[0-9]{12}(?![0-9A-Za-z-])/g,
  keywords: [
    'άδεια οδήγησης',
  ],
  maxLength: 12,
  validate: [notAllSameDigit, notDigitSequence],
})
