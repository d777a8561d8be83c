// UK telephone numbers from the National Telephone Numbering Plan (Ofcom): with a keyword the
// national form (0 + 9 or 10 digits) or +44; with none only +44. Ofcom's drama ranges are rejected.
import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * Ofcom, "Telephone numbers for use in TV and radio drama": 1,000-number blocks (the national
 * significant number, without the leading 0) that are never allocated.
 */
const dramaPrefixes = [
  '1134960', '1144960', '1154960', '1164960', '1174960', '1184960', '1214960', '1314960', '1414960', '1514960',
  '1614960', '1914980', '1632960', '2079460', '2890180', '2896496', '2920180', '3069990', '7700900', '8081570',
]

/** The national significant number: digits after +44 (and an optional `(0)`) or after the trunk 0. */
function nationalSignificantNumber(m: string): string {
  if (m.startsWith('+44')) return m.slice(3).replace('(0)', '').replace(/[^0-9]/g, '')
  return m.replace(/[^0-9]/g, '').slice(1)
}

/**
 * Number ranges and lengths of the plan: 01 geographic (9 or 10 digits), 02 geographic in use
 * (020, 023, 024, 028, 029), 03 non-geographic in use (030, 033, 034, 037), 07 mobile, personal
 * and paging, 0800 (9 or 10), 0808, 084 and 087.
 */
function isPlanNumber(nsn: string): boolean {
  switch (nsn[0]) {
    case '1':
      return nsn[1] !== '0' && (nsn.length === 9 || nsn.length === 10)
    case '2':
      return /^2[03489]/.test(nsn) && nsn.length === 10
    case '3':
      return /^3[0347]/.test(nsn) && nsn.length === 10
    case '7':
      return nsn.length === 10
    case '8':
      if (nsn.startsWith('800')) return nsn.length === 9 || nsn.length === 10
      return /^8(?:08|4|7)/.test(nsn) && nsn.length === 10
    default:
      return false
  }
}

/** UK phone numbers: `020 7946 1234`, `(01632) 123456`, `+44 7700 123456`, `+44 (0)161 496 1234`. */
export const ukPhoneNumber = defineIdentifier({
  id: 'UK_PHONE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'UK phone number; national form with a keyword, +44 form without; Ofcom ranges and drama numbers checked.',
  countries: ['UK'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z+])(?<![0-9][ -])(?:\(0[1-9][0-9]{1,4}\) ?[0-9](?:[ -]?[0-9]){3,8}|0[1-9](?:[ -]?[0-9]){6,9})(?![0-9A-Za-z]|[ -][0-9])/g,
  unkeyedPattern: /(?<![0-9A-Za-z+])\+44[ -]?(?:\(0\)[ -]?)?[1-9](?:[ -]?[0-9]){8,9}(?![0-9A-Za-z]|[ -][0-9])/g,
  anchors: ['+44'],
  keywords: ['cell', 'contact', 'fax', 'fax number', 'mobile', 'phone', 'phone number', 'tel', 'telephone', 'telephone number'],
  maxLength: 28,
  validate: [(m) => {
    const nsn = nationalSignificantNumber(m)
    return isPlanNumber(nsn) && notAllSameDigit(nsn)
  }],
  reject: [(m) => {
    const nsn = nationalSignificantNumber(m)
    return dramaPrefixes.some((p) => nsn.startsWith(p))
  }],
})
