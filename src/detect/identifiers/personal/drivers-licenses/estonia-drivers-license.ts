import { defineIdentifier } from '../../../identifier.js'
import { isBalticPersonalCode } from '../../../validators/drivers-license-personal-codes.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Estonian driving licence (juhiluba) numbers: two letters and six digits, or the holder's isikukood (eleven digits with its check digit). */
export const estoniaDriversLicense = defineIdentifier({
  id: 'ESTONIA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: "Estonian driving licence number (two letters, six digits) or the holder's personal code; check digit validated.",
  countries: ['Estonia'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])(?:[A-Z]{2}[0-9]{6}|[1-6][0-9]{10})(?![0-9A-Za-z-])/g,
  keywords: [
    'juhi litsentsi number',
    'juhiloa number',
    'juhiluba',
    'juhiluba number',
  ],
  maxLength: 11,
  validate: [(m) => m.length === 8 || isBalticPersonalCode(m), notAllSameDigit, notDigitSequence],
})
