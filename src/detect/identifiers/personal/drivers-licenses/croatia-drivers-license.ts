import { defineIdentifier } from '../../../identifier.js'
import { isCroatiaOib } from '../../../validators/drivers-license-personal-codes.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Croatian driving licence (vozačka dozvola) numbers: the eight-digit licence number, or the holder's OIB (eleven digits, ISO 7064 MOD 11,10 check digit). */
export const croatiaDriversLicense = defineIdentifier({
  id: 'CROATIA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: "Croatian driving licence number (8 digits) or the holder's OIB; OIB check digit validated.",
  countries: ['Croatia'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])(?:[0-9]{8}|[0-9]{11})(?![0-9A-Za-z-])/g,
  keywords: [
    'vozačka dozvola',
  ],
  maxLength: 11,
  validate: [(m) => m.length === 8 || isCroatiaOib(m), notAllSameDigit, notDigitSequence],
})
