import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Belgian driving licence (rijbewijs / permis de conduire) numbers: ten digits, as printed in field 5 of the card licence. */
export const belgiumDriversLicense = defineIdentifier({
  id: 'BELGIUM_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Belgian driving licence number (10 digits); structure only.',
  countries: ['Belgium'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])[0-9]{10}(?![0-9A-Za-z-])/g,
  keywords: [
    'fuehrerschein',
    'fuehrerschein- nr',
    'fuehrerscheinnummer',
    'fuhrerschein',
    'führerschein',
    'fuhrerschein- nr',
    'führerschein- nr',
    'fuhrerscheinnummer',
    'führerscheinnummer',
    'numéro permis conduire',
    'permis de conduire',
    'rijbewijs',
    'rijbewijsnummer',
  ],
  maxLength: 10,
  validate: [notAllSameDigit, notDigitSequence],
})
