import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * Spanish numbering plan (CNMC, Plan nacional de numeración telefónica): nine digits, 6 and 7 for
 * mobiles, 8 and 9 for geographic and special-rate numbers.
 */
function isSpanishNumber(m: string): boolean {
  const digits = m.replace(/[^0-9]/g, '')
  const national = m.startsWith('+') ? digits.slice(2) : m.startsWith('0034') ? digits.slice(4) : digits
  return /^[6-9][0-9]{8}$/.test(national)
}

/** Spanish phone numbers; without a keyword only with the +34 country code. */
export const spainPhoneNumber = defineIdentifier({
  id: 'SPAIN_PHONE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Spanish phone number, nine digits starting 6–9; +34 numbers need no keyword.',
  countries: ['Spain'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z+)]|[0-9)][ .-])(?:(?:\+|00)34[ .-]?)?[6-9](?:[ .-]?[0-9]){8}(?![0-9A-Za-z]|[ .-][0-9])/g,
  unkeyedPattern: /(?<![0-9A-Za-z+])\+34[ .-]?[6-9](?:[ .-]?[0-9]){8}(?![0-9A-Za-z]|[ .-][0-9])/g,
  anchors: ['+34'],
  keywords: ['cell', 'contact', 'fax', 'fax number', 'mobile', 'phone', 'phone number', 'tel', 'telephone', 'telephone number'],
  maxLength: 22,
  validate: [isSpanishNumber, notAllSameDigit],
})
