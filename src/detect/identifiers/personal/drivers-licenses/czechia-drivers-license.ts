import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Czech driving licence (řidičský průkaz) numbers: two letters and six digits, optionally spaced (`EB 123456`). */
export const czechiaDriversLicense = defineIdentifier({
  id: 'CZECHIA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Czech driving licence number (two letters, six digits); structure only.',
  countries: ['Czech Republic'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])[A-Z]{2} ?[0-9]{6}(?![0-9A-Za-z-])/g,
  keywords: [
    'číslo licence',
    'císlo licence řidiče',
    'číslo řidičského průkazu',
    'ovladače lic.',
    'povolení k jízdě',
    'povolení řidiče',
    'řidiči povolení',
    'řidičský prúkaz',
    'řidičský průkaz',
  ],
  maxLength: 9,
  validate: [notAllSameDigit, notDigitSequence],
})
