// German telephone numbers (Bundesnetzagentur numbering plan): 0 + area code + subscriber number
// with a keyword, +49 without one. The Bundesnetzagentur's drama numbers are rejected.
import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * Bundesnetzagentur, Mitteilung 148/2021 ("Rufnummern für Film- und Fernsehproduktionen"):
 * Berlin, Frankfurt, Hamburg, Cologne and Munich blocks and two mobile blocks, without the 0.
 */
const dramaPrefixes = ['3023125', '6990009', '4066969', '2214710', '8999998', '17139200', '176040690']

/** The national significant number: after +49 (and an optional `(0)`) or after the trunk 0. */
function nationalSignificantNumber(m: string): string {
  if (m.startsWith('+49')) return m.slice(3).replace('(0)', '').replace(/[^0-9]/g, '')
  return m.replace(/[^0-9]/g, '').slice(1)
}

/**
 * Ranges and lengths of the plan: mobile 015x, 0160/0162/0163 and 017x (10–11 digits after
 * the 0), freephone 0800 (10), personal 0700 (11), geographic 02–09 (7–11). Carrier selection,
 * premium rate (0900) and service codes (010–014, 018, 019, 0137, 0180) are not personal numbers.
 */
function isPlanNumber(nsn: string): boolean {
  if (nsn[0] === '1') return /^1(?:5[0-9]|6[023]|7[0-9])/.test(nsn) && nsn.length >= 10 && nsn.length <= 11
  if (nsn.startsWith('800')) return nsn.length === 10
  if (nsn.startsWith('700')) return nsn.length === 11
  if (nsn.startsWith('900')) return false
  return nsn.length >= 7 && nsn.length <= 11
}

/** German phone numbers: `040 5678 9012`, `(0221) 987654`, `089/12345678`, `+49 151 23456789`. */
export const germanyPhoneNumber = defineIdentifier({
  id: 'GERMANY_PHONE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'German phone number; national form with a keyword, +49 form without; numbering plan and drama numbers checked.',
  countries: ['Germany'],
  severity: ['Low', 'Medium', 'High'],
  pattern:
    /(?<![0-9A-Za-z+])(?<![0-9][ -])(?:\(0[1-9][0-9]{1,4}\) ?|0[1-9][0-9]{1,4}(?: ?\/ ?| - |[ -])?)[0-9](?:[ -]?[0-9]){3,9}(?![0-9A-Za-z/]|[ -][0-9])/g,
  unkeyedPattern:
    /(?<![0-9A-Za-z+])\+49[ -]?(?:\(0\)[ -]?)?[1-9][0-9]{1,4}(?: ?\/ ?| - |[ -])?[0-9](?:[ -]?[0-9]){3,9}(?![0-9A-Za-z/]|[ -][0-9])/g,
  anchors: ['+49'],
  keywords: ['cell', 'contact', 'fax', 'fax number', 'mobile', 'phone', 'phone number', 'tel', 'telephone', 'telephone number'],
  maxLength: 36,
  validate: [(m) => {
    const nsn = nationalSignificantNumber(m)
    return isPlanNumber(nsn) && notAllSameDigit(nsn)
  }],
  reject: [(m) => {
    const nsn = nationalSignificantNumber(m)
    return dramaPrefixes.some((p) => nsn.startsWith(p))
  }],
})
