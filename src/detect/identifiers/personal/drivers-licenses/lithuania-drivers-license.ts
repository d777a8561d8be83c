import { defineIdentifier } from '../../../identifier.js'
import { isBalticPersonalCode } from '../../../validators/drivers-license-personal-codes.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Lithuanian driving licence (vairuotojo pažymėjimas) numbers: eight digits, or the holder's asmens kodas (eleven digits with its check digit). */
export const lithuaniaDriversLicense = defineIdentifier({
  id: 'LITHUANIA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: "Lithuanian driving licence number (8 digits) or the holder's personal code; check digit validated.",
  countries: ['Lithuania'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])(?:[0-9]{8}|[1-6][0-9]{10})(?![0-9A-Za-z-])/g,
  keywords: [
    'vairuotojo pažymėjimas',
  ],
  maxLength: 11,
  validate: [(m) => m.length === 8 || isBalticPersonalCode(m), notAllSameDigit, notDigitSequence],
})
