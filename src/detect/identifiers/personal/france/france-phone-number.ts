// French telephone numbers (ARCEP numbering plan): ten digits starting 0[1-9], written in pairs;
// with a keyword the national form or +33, with none only +33. ARCEP's fiction blocks are rejected.
import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * ARCEP decision 2018-0881, article 2.5.12: 01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49
 * and 06 39 98 (10,000 numbers each) are kept for films and fiction (without the trunk 0).
 */
const fictionPrefixes = ['19900', '26191', '35301', '46571', '53649', '63998']

/** The nine-digit national significant number: after +33 (and an optional `(0)`) or the trunk 0. */
function nationalSignificantNumber(m: string): string {
  if (m.startsWith('+33')) return m.slice(3).replace('(0)', '').replace(/[^0-9]/g, '')
  return m.replace(/[^0-9]/g, '').slice(1)
}

/** French phone numbers: `01 42 68 53 00`, `06.12.34.56.78`, `+33 6 12 34 56 78`, `+33 (0)1 42 68 53 00`. */
export const francePhoneNumber = defineIdentifier({
  id: 'FRANCE_PHONE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'French phone number; national form with a keyword, +33 form without; ARCEP fiction blocks rejected.',
  countries: ['France'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z+])(?<![0-9][ .-])0[1-9]([ .-]?)[0-9]{2}\1[0-9]{2}\1[0-9]{2}\1[0-9]{2}(?![0-9A-Za-z]|[ .-][0-9])/g,
  unkeyedPattern: /(?<![0-9A-Za-z+])\+33[ .-]?(?:\(0\)[ .-]?)?[1-9]([ .-]?)[0-9]{2}\1[0-9]{2}\1[0-9]{2}\1[0-9]{2}(?![0-9A-Za-z]|[ .-][0-9])/g,
  anchors: ['+33'],
  keywords: ['cell', 'contact', 'fax', 'fax number', 'mobile', 'phone', 'phone number', 'tel', 'telephone', 'telephone number'],
  maxLength: 22,
  validate: [(m) => {
    const nsn = nationalSignificantNumber(m)
    return nsn.length === 9 && notAllSameDigit(nsn)
  }],
  reject: [(m) => {
    const nsn = nationalSignificantNumber(m)
    return fictionPrefixes.some((p) => nsn.startsWith(p))
  }],
})
