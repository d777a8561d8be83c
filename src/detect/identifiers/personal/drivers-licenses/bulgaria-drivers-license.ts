import { defineIdentifier } from '../../../identifier.js'
import { isBulgariaEgn } from '../../../validators/drivers-license-personal-codes.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Bulgarian driving licence numbers: the nine-digit licence number, or the holder's EGN (ten digits with its check digit) printed beside it. */
export const bulgariaDriversLicense = defineIdentifier({
  id: 'BULGARIA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: "Bulgarian driving licence number (9 digits) or the holder's EGN; EGN check digit validated.",
  countries: ['Bulgaria'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])(?:[0-9]{9}|[0-9]{10})(?![0-9A-Za-z-])/g,
  keywords: [
    'превозно средство',
    'свидетелство за управление на моторно',
    'свидетелство за управление на мпс',
    'сумпс',
    'шофьорска книжка',
  ],
  maxLength: 10,
  validate: [(m) => m.length === 9 || isBulgariaEgn(m), notAllSameDigit, notDigitSequence],
})
