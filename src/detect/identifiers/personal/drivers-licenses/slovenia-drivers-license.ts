import { defineIdentifier } from '../../../identifier.js'
import { isSloveniaEmso } from '../../../validators/drivers-license-personal-codes.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Slovenian driving licence (vozniško dovoljenje) numbers: nine digits, or the holder's EMŠO (thirteen digits with its control digit). */
export const sloveniaDriversLicense = defineIdentifier({
  id: 'SLOVENIA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: "Slovenian driving licence number (9 digits) or the holder's EMŠO; EMŠO control digit validated.",
  countries: ['Slovenia'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])(?:[0-9]{9}|[0-9]{13})(?![0-9A-Za-z-])/g,
  keywords: [
    'vozniško dovoljenje',
  ],
  maxLength: 13,
  validate: [(m) => m.length === 9 || isSloveniaEmso(m), notAllSameDigit, notDigitSequence],
})
