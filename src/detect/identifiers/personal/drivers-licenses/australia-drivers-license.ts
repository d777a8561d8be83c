import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Australian driver licence numbers as the states issue them: 6–10 digits (NSW, VIC, QLD, WA, ACT, NT) or a letter and five digits (SA, TAS). */
export const australiaDriversLicense = defineIdentifier({
  id: 'AUSTRALIA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Australian driver licence number (6–10 digits, or a letter and five digits); structure only.',
  countries: ['Australia'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])(?:[0-9]{6,10}|[A-Z][0-9]{5})(?![0-9A-Za-z-])/g,
  keywords: [
    'dl#',
    'dl:',
    'dlno#',
    'driver licence',
    'driver license',
    'driver permit',
    'drivers lic.',
    'drivers licence',
    "driver's licence",
    'drivers license',
    "driver's license",
    'drivers permit',
    "driver's permit",
    'drivers permit number',
    'driving licence',
    'driving license',
    'driving permit',
  ],
  maxLength: 10,
  validate: [notAllSameDigit, notDigitSequence],
})
