import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Maltese driving licence (liċenzja tas-sewqan) numbers, which are the holder's identity card number: six or seven digits and a letter (M, G, A, P, L, H, B, Z). */
export const maltaDriversLicense = defineIdentifier({
  id: 'MALTA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Maltese driving licence number (identity card number: digits and a series letter); structure only.',
  countries: ['Malta'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])[0-9]{6,7}[MGAPLHBZ](?![0-9A-Za-z-])/g,
  keywords: [
    'liċenzja tas-sewqan',
  ],
  maxLength: 8,
  validate: [notAllSameDigit, notDigitSequence],
})
