import { defineIdentifier } from '../../../identifier.js'
import { luhn } from '../../../validators/luhn.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * True for a British Columbia PHN: 9, eight digits and a check digit, the remainder of the sum
 * of each digit × (2, 4, 8, 5, 10, 9, 7, 3) mod 11, subtracted from 11 (BC Ministry of Health,
 * Client Registry conformance standard).
 */
function isBcPhn(digits: string): boolean {
  if (!/^9[0-9]{9}$/.test(digits)) return false
  const weights = [2, 4, 8, 5, 10, 9, 7, 3]
  let sum = 0
  for (let i = 0; i < 8; i++) sum += (Number(digits[i + 1]) * weights[i]!) % 11
  return (11 - (sum % 11)) % 11 === Number(digits[9])
}

/**
 * True for a Quebec RAMQ number whose digits start with a birth date YYMMDD (50 added to the
 * month for women) — four letters from the holder's names come first.
 */
function isRamq(value: string): boolean {
  const digits = value.replace(/[^0-9]/g, '')
  const month = Number(digits.slice(2, 4)) % 50
  const day = Number(digits.slice(4, 6))
  return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

/** True for a number in one of the provincial formats that passes its check. */
function isHealthNumber(match: string): boolean {
  if (/^[A-Z]{4}/.test(match)) return isRamq(match)
  const digits = match.replace(/[^0-9]/g, '')
  const hasVersion = /[A-Z]$/.test(match)
  return luhn(digits) || (!hasVersion && isBcPhn(digits))
}

/**
 * Canadian provincial health card numbers: Ontario (10 digits, Luhn, optional two-letter version
 * code, `1234-567-897-AB`), British Columbia PHN (10 digits starting with 9, mod-11 check) and
 * Quebec RAMQ (four letters and eight digits, `ABCD 1234 5678`).
 */
export const canadaHealthNumber = defineIdentifier({
  id: 'CANADA_HEALTH_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Canadian health card number: Ontario (Luhn), BC PHN (mod 11) or Quebec RAMQ.',
  countries: ['Canada'],
  severity: ['High', 'High', 'High'],
  pattern:
    /(?<![0-9A-Za-z-])(?:[0-9]{4}(?:-[0-9]{3}-| [0-9]{3} |[0-9]{3})[0-9]{3}(?:[ -]?[A-Z]{2})?|[A-Z]{4}(?:-[0-9]{4}-| [0-9]{4} |[0-9]{4})[0-9]{4})(?![0-9A-Za-z-])/g,
  keywords: ['canada healthcare number', 'msp number', 'personal healthcare number', 'phn', 'soins de santé'],
  maxLength: 15,
  validate: [isHealthNumber, notAllSameDigit],
})
