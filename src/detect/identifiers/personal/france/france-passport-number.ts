import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/** French passport numbers: two digits, two capital letters, five digits (`19AB45872`). */
export const francePassportNumber = defineIdentifier({
  id: 'FRANCE_PASSPORT_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'French passport number: two digits, two letters, five digits.',
  countries: ['France'],
  severity: ['Medium', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[0-9]{2}[A-Z]{2}[0-9]{5}(?![0-9A-Za-z])/g,
  keywords: ['numéro de passeport', 'passeport', 'passeport #', 'passeport n °', 'passeport non'],
  maxLength: 9,
  validate: [notAllSameDigit, (m) => m.slice(4) !== '00000'],
})
