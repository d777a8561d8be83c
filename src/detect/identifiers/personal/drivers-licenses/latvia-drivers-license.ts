import { defineIdentifier } from '../../../identifier.js'
import { isLatviaPersonalCode } from '../../../validators/drivers-license-personal-codes.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Latvian driving licence (vadītāja apliecība) numbers: two letters and six digits, or the holder's personas kods (DDMMYY-CNNNX with its check digit). */
export const latviaDriversLicense = defineIdentifier({
  id: 'LATVIA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: "Latvian driving licence number (two letters, six digits) or the holder's personal code; check digit validated.",
  countries: ['Latvia'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])(?:[A-Z]{2}[0-9]{6}|[0-9]{6}-?[0-2][0-9]{4})(?![0-9A-Za-z-])/g,
  keywords: [
    'autovadītāja apliecība',
    'licences numurs',
    'vadītāja apliecība',
    'vadītāja apliecības numurs',
    'vadītāja atļauja',
    'vadītāja licences numurs',
    'vadītāji lic.',
  ],
  maxLength: 12,
  validate: [(m) => m.length === 8 || isLatviaPersonalCode(m.replace('-', '')), notAllSameDigit, notDigitSequence],
})
