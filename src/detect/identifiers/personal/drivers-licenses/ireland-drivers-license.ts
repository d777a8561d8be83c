import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Irish driving licence (ceadúnas tiomána) numbers: nine digits on the card licence, or six digits and four letters on the older paper licence. */
export const irelandDriversLicense = defineIdentifier({
  id: 'IRELAND_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Irish driving licence number (9 digits, or 6 digits and 4 letters); structure only.',
  countries: ['Ireland'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])(?:[0-9]{9}|[0-9]{6}[A-Z]{4})(?![0-9A-Za-z-])/g,
  keywords: [
    'ceadúnas tiomána',
  ],
  maxLength: 10,
  validate: [notAllSameDigit, notDigitSequence],
})
