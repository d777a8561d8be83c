import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/** Italian passport numbers: two letters and seven digits (`YA1234567`). */
export const italyPassportNumber = defineIdentifier({
  id: 'ITALY_PASSPORT_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Italian passport number; two letters and seven digits.',
  countries: ['Italy'],
  severity: ['Medium', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[A-Z]{2}[0-9]{7}(?![0-9A-Za-z])/g,
  keywords: ['italian passport number', 'numéro passeport', 'numéro passeport italien', 'passaporto', 'passaporto italiana', 'passaporto numero', 'passport number', 'repubblica italiana passaporto'],
  maxLength: 9,
  validate: [notAllSameDigit],
})
