import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * Italian numbering plan (AGCOM, Piano nazionale di numerazione): mobiles are 3 and 8–9 more
 * digits, geographic numbers 0 and 5–10 more digits; the trunk 0 stays after +39.
 */
function isItalianNumber(m: string): boolean {
  const digits = m.replace(/[^0-9]/g, '')
  const national = m.startsWith('+') ? digits.slice(2) : m.startsWith('0039') ? digits.slice(4) : digits
  return /^3[1-9][0-9]{7,8}$/.test(national) || /^0[1-9][0-9]{4,9}$/.test(national)
}

/** Italian phone numbers; without a keyword only with the +39 country code. */
export const italyPhoneNumber = defineIdentifier({
  id: 'ITALY_PHONE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Italian mobile or landline number; +39 numbers need no keyword.',
  countries: ['Italy'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z+)]|[0-9)][ .-])(?:(?:\+|00)39[ .-]?)?[03][0-9](?:[ .-]?[0-9]){4,9}(?![0-9A-Za-z]|[ .-][0-9])/g,
  unkeyedPattern: /(?<![0-9A-Za-z+])\+39[ .-]?[03][0-9](?:[ .-]?[0-9]){4,9}(?![0-9A-Za-z]|[ .-][0-9])/g,
  anchors: ['+39'],
  keywords: ['cell', 'contact', 'fax', 'fax number', 'mobile', 'phone', 'phone number', 'tel', 'telephone', 'telephone number'],
  maxLength: 26,
  validate: [isItalianNumber, notAllSameDigit],
  // A date such as 03.12.2024 or 03-12-2024 has the shape of a geographic number.
  reject: [(m) => /^[0-9]{2}([.-])[0-9]{2}\1[0-9]{2,4}$/.test(m)],
})
