import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Portuguese driving licence (carta de condução) numbers: the district letters, a hyphen, six or seven digits, a space and a check digit (`L-1234567 8`), or the same without separators. */
export const portugalDriversLicense = defineIdentifier({
  id: 'PORTUGAL_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Portuguese driving licence number (district letters, 6–7 digits, check digit); structure only.',
  countries: ['Portugal'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])(?:[A-Z]{1,2}-[0-9]{6,7} [0-9]|[A-Z]{1,2}[0-9]{7,8})(?![0-9A-Za-z-])/g,
  keywords: [
    'carta de condução',
    'carteira de habilitação',
    'carteira de motorist',
    'carteira habilitação',
    'carteira motorist',
    'licença condução',
    'licença de condução',
    'número de licença',
    'número licença',
    'permissão condução',
    'permissão de condução',
  ],
  maxLength: 12,
  validate: [notAllSameDigit, notDigitSequence],
})
