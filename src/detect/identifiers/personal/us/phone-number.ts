import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

// Area code and exchange: NXX (N = 2–9); the area code may sit in parentheses.
const nanp = '(?:\\([2-9][0-9]{2}\\)|[2-9][0-9]{2})[ .-]?[2-9][0-9]{2}[ .-]?[0-9]{4}'
// Not glued to letters or digits, not the tail of another number or of a foreign `+CC ` prefix.
const before = '(?<![0-9A-Za-z+]|[0-9][.-]|\\+[0-9]{1,3}[ .-]?)'
const after = '(?![0-9A-Za-z]|[.-][0-9])'

/**
 * True for a diallable NANP number (ATIS-0300051): no N11 service code as area code or exchange,
 * no N9X area code (reserved for expansion) nor 37X/96X (reserved), and not 555-0100–0199,
 * the range set aside for fiction.
 */
function isNanpNumber(match: string): boolean {
  const d = match.replace(/[^0-9]/g, '').slice(-10)
  const area = d.slice(0, 3)
  const exchange = d.slice(3, 6)
  if (area.slice(1) === '11' || area[1] === '9' || area.startsWith('37') || area.startsWith('96')) return false
  if (exchange.slice(1) === '11') return false
  return !(exchange === '555' && d.slice(6, 8) === '01')
}

/**
 * US and Canadian (NANP) phone numbers, toll-free included: with a keyword near, `212-555-0199`,
 * `(212) 555 0199` or `1-800-…`; with no keyword, only with the `+1` country code.
 */
export const phoneNumber = defineIdentifier({
  id: 'PHONE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'US/Canada NANP phone number; +1 needed when no keyword is near.',
  countries: ['Canada', 'US'],
  severity: ['Low', 'Medium', 'High'],
  pattern: new RegExp(`${before}(?:\\+?1[ .-]?)?${nanp}${after}`, 'g'),
  unkeyedPattern: new RegExp(`${before}\\+1[ .-]?${nanp}${after}`, 'g'),
  anchors: ['+1'],
  keywords: ['cell', 'contact', 'fax', 'fax number', 'mobile', 'phone', 'phone number', 'tel', 'telephone', 'telephone number'],
  maxLength: 17,
  validate: [
    isNanpNumber,
    (m) => notAllSameDigit(m.replace(/[^0-9]/g, '').slice(-10)),
  ],
})
