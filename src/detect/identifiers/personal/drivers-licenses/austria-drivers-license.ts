import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Austrian driving licence (Führerschein) numbers: eight digits, as printed in field 5 of the card licence. */
export const austriaDriversLicense = defineIdentifier({
  id: 'AUSTRIA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Austrian driving licence number (8 digits); structure only.',
  countries: ['Austria'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])[0-9]{8}(?![0-9A-Za-z-])/g,
  keywords: [
    'führerschein',
    'fuhrerschein',
    'führerschein republik österreich',
    'fuhrerschein republik osterreich',
  ],
  maxLength: 8,
  validate: [notAllSameDigit, notDigitSequence],
})
