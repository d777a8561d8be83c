import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/** Spanish passport numbers: three letters and six digits (`PAB123456`), or two letters and six or seven digits. */
export const spainPassportNumber = defineIdentifier({
  id: 'SPAIN_PASSPORT_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Spanish passport number; two or three letters and six or seven digits.',
  countries: ['Spain'],
  severity: ['Medium', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])(?:[A-Z]{3}[0-9]{6}|[A-Z]{2}[0-9]{6,7})(?![0-9A-Za-z])/g,
  keywords: ['españa pasaporte', 'libreta pasaporte', 'número pasaporte', 'pasaporte', 'passport', 'passport book', 'passport no', 'passport number', 'spain passport'],
  maxLength: 9,
  validate: [notAllSameDigit],
})
