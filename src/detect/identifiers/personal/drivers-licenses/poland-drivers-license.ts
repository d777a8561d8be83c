import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Polish driving licence (prawo jazdy) numbers: five digits, two digits (the year) and four digits, separated by slashes (`01234/19/0207`). */
export const polandDriversLicense = defineIdentifier({
  id: 'POLAND_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Polish driving licence number (5/2/4 digits with slashes); structure only.',
  countries: ['Poland'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z/-])[0-9]{5}\/[0-9]{2}\/[0-9]{4}(?![0-9A-Za-z/-])/g,
  keywords: [
    'numer licencyjny',
    'prawo jazdy',
    'zezwolenie na prowadzenie',
  ],
  maxLength: 13,
  validate: [notAllSameDigit, notDigitSequence],
})
