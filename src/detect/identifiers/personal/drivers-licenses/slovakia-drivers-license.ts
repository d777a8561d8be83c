import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Slovak driving licence (vodičský preukaz) numbers: a letter and seven digits. */
export const slovakiaDriversLicense = defineIdentifier({
  id: 'SLOVAKIA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Slovak driving licence number (a letter and seven digits); structure only.',
  countries: ['Slovakia'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])[A-Z][0-9]{7}(?![0-9A-Za-z-])/g,
  keywords: [
    'číslo licencie',
    'číslo vodičského preukazu',
    'ovládače lic.',
    'povolenia vodičov',
    'povolenie jazdu',
    'povolenie na jazdu',
    'povolenie vodiča',
    'vodičský preukaz',
  ],
  maxLength: 8,
  validate: [notAllSameDigit, notDigitSequence],
})
