import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Dutch driving licence (rijbewijs) numbers: ten digits, as printed in field 5 of the card licence. */
export const netherlandsDriversLicense = defineIdentifier({
  id: 'NETHERLANDS_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Dutch driving licence number (10 digits); structure only.',
  countries: ['Netherlands'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])[0-9]{10}(?![0-9A-Za-z-])/g,
  keywords: [
    'permis de conduire',
    'rijbewijs',
    'rijbewijsnummer',
  ],
  maxLength: 10,
  validate: [notAllSameDigit, notDigitSequence],
})
