import { defineIdentifier } from '../../../identifier.js'
import { isRomaniaCnp } from '../../../validators/drivers-license-personal-codes.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Romanian driving licence (permis de conducere) numbers: a letter and eight digits, or the holder's CNP (thirteen digits with its control digit). */
export const romaniaDriversLicense = defineIdentifier({
  id: 'ROMANIA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: "Romanian driving licence number (a letter and eight digits) or the holder's CNP; CNP control digit validated.",
  countries: ['Romania'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])(?:[A-Z][0-9]{8}|[1-9][0-9]{12})(?![0-9A-Za-z-])/g,
  keywords: [
    'numărul permisului de conducere',
    'permis de conducere',
  ],
  maxLength: 13,
  validate: [(m) => m.length === 9 || isRomaniaCnp(m), notAllSameDigit, notDigitSequence],
})
