import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { hasSpainControlLetter } from '../../../validators/spain-ids.js'

/** Spanish DNI numbers, eight digits and the mod-23 control letter (`12345678Z`, `12.345.678-Z`). */
export const spainDniNumber = defineIdentifier({
  id: 'SPAIN_DNI_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Spanish DNI number; mod-23 control letter.',
  countries: ['Spain'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  // A lower-case letter only when glued to the digits ("12345678 y" is Spanish for "and").
  pattern: /(?<![0-9A-Za-z])(?:(?:[0-9]{8}|[0-9]{2}\.[0-9]{3}\.[0-9]{3})[ -]?[A-Z]|[0-9]{8}[a-z])(?![0-9A-Za-z])/g,
  keywords: ['dni', 'dni#', 'dninúmero#', 'documento nacional de identidad', 'identidad único', 'identidadúnico#', 'insurance number', 'national identification number', 'national identity', 'nationalid#', 'nationalidno#', 'número nacional identidad', 'personal identification number', 'personal identity no', 'unique identity number', 'uniqueid#'],
  maxLength: 12,
  validate: [(m) => hasSpainControlLetter(m.replace(/[ .-]/g, '')), notAllSameDigit],
  // 00000000T and 99999999R (one repeated digit) and 12345678Z are the usual examples.
  reject: [(m) => m.replace(/[ .-]/g, '').toUpperCase() === '12345678Z'],
})
