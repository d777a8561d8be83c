import { defineIdentifier } from '../../../identifier.js'
import { verhoeff } from '../../../validators/india-ids.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Indian Aadhaar numbers, twelve digits (`5273 6184 9053`), first digit 2–9, with the Verhoeff check digit (UIDAI). */
export const indiaAadhaarNumber = defineIdentifier({
  id: 'INDIA_AADHAAR_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Indian Aadhaar number; first digit 2–9 and Verhoeff check digit.',
  countries: ['India'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z]|[0-9][ -])[2-9][0-9]{3}([ -]?)[0-9]{4}\1[0-9]{4}(?![0-9A-Za-z]|[ -][0-9])/g,
  keywords: ['aadhaar', 'aadhar', 'adhaar', 'uidai'],
  maxLength: 14,
  validate: [(m) => verhoeff(m.replace(/[ -]/g, '')), notAllSameDigit],
  reject: [(m) => !notDigitSequence(m)],
})
