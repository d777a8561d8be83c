import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

// HMRC National Insurance Manual NIM39110: prefixes BG, GB, KN, NK, NT, TN and ZZ are never allocated.
const unallocatedPrefixes = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'])

/**
 * UK National Insurance numbers, `AB123456C` or `AB 12 34 56 C`: two prefix letters (first not
 * D, F, I, Q, U, V; second not D, F, I, O, Q, U, V), six digits, suffix A–D.
 */
export const ukNationalInsuranceNumber = defineIdentifier({
  id: 'UK_NATIONAL_INSURANCE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'UK National Insurance number (NINO); HMRC prefix letter and allocation rules.',
  countries: ['UK'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]([ -]?)[0-9]{2}\1[0-9]{2}\1[0-9]{2}[ -]?[A-D](?![0-9A-Za-z])/g,
  keywords: ['insurance no.', 'insurance number', 'insurance#', 'national insurance number', 'nationalinsurance#', 'nationalinsurancenumber', 'nin', 'nino'],
  maxLength: 14,
  validate: [(m) => !unallocatedPrefixes.has(m.slice(0, 2)), notAllSameDigit],
  // 123456 is the digit run of the examples in HMRC and GOV.UK guidance (QQ 12 34 56 C, AB 12 34 56 C).
  reject: [(m) => !notDigitSequence(m)],
})
