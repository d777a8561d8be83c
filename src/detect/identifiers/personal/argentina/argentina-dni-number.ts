import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Argentine DNI numbers, seven or eight digits, bare or dotted (`12.345.678`); RENAPER issues from 1.000.000. */
export const argentinaDniNumber = defineIdentifier({
  id: 'ARGENTINA_DNI_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Argentine DNI number; seven or eight digits, plain or dotted.',
  countries: ['Argentina'],
  severity: ['High', 'High', 'High'],
  // Not followed by a hyphen and letter or digit: `12.345.678-Z` is a Spanish DNI, `…-5` a Chilean RUT.
  pattern: /(?<![0-9A-Za-z]|[0-9][.,-])(?:[0-9]{1,2}\.[0-9]{3}\.[0-9]{3}|[0-9]{7,8})(?![0-9A-Za-z]|[.,-][0-9A-Za-z])/g,
  keywords: ['dni', 'dni#', 'd.n.i.', 'documento nacional de identidad'],
  maxLength: 10,
  validate: [(m) => Number(m.replace(/\./g, '')) >= 1_000_000, notAllSameDigit],
  // 99.999.999 and 00.000.000 are the printed examples (MACIE.md §2.2); 12.345.678 a placeholder.
  reject: [(m) => !notDigitSequence(m)],
})
