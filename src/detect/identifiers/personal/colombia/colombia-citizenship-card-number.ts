import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/**
 * Colombian cédula de ciudadanía numbers, plain or dotted: six to eight digits (issued until
 * 2003) or ten digits starting with 1 (Registraduría Nacional, issued since). No check digit.
 */
export const colombiaCitizenshipCardNumber = defineIdentifier({
  id: 'COLOMBIA_CITIZENSHIP_CARD_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Colombian cédula de ciudadanía; six to eight digits, or ten starting with 1.',
  countries: ['Colombia'],
  severity: ['High', 'High', 'High'],
  // Not followed by `-digit`: that is a NIT with its check digit.
  pattern: /(?<![0-9A-Za-z]|[0-9][.,-])(?:[0-9]{1,3}(?:\.[0-9]{3}){1,3}|[0-9]{6,10})(?![0-9A-Za-z]|[.,-][0-9])/g,
  keywords: ['cédula de ciudadanía', 'documento de identificación'],
  maxLength: 13,
  validate: [
    (m) => {
      const d = m.replace(/\./g, '')
      return (d.length >= 6 && d.length <= 8 && d[0] !== '0') || (d.length === 10 && d[0] === '1')
    },
    notAllSameDigit,
  ],
  reject: [(m) => !notDigitSequence(m)],
})
