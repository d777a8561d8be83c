import { defineIdentifier } from '../../../identifier.js'

// CMS letters: A–Z without S, L, O, I, B and Z.
const a = '[AC-HJKMNP-RT-Y]'
const an = '[0-9AC-HJKMNP-RT-Y]'

/**
 * Medicare Beneficiary Identifiers (CMS, "Understanding the MBI"): 11 characters
 * `C A AN N A AN N A A N N` (C = 1–9), printed with or without dashes as `1EG4-TE5-MK73`.
 */
export const usaMedicareBeneficiaryIdentifier = defineIdentifier({
  id: 'USA_MEDICARE_BENEFICIARY_IDENTIFIER',
  category: 'PERSONAL_INFORMATION',
  description: 'US Medicare Beneficiary Identifier in the CMS 11-character format.',
  countries: ['US'],
  severity: ['High', 'High', 'High'],
  pattern: new RegExp(`(?<![0-9A-Za-z-])[1-9]${a}${an}[0-9]-?${a}${an}[0-9]-?${a}${a}[0-9]{2}(?![0-9A-Za-z-])`, 'g'),
  keywords: ['mbi', 'medicare beneficiary'],
  maxLength: 13,
  // Dashes come in pairs (4-3-4) or not at all.
  validate: [(m) => m.length === 11 || m.length === 13],
  // The specimen MBI printed in CMS's format guide and on the sample card.
  reject: [(m) => m.replace(/-/g, '') === '1EG4TE5MK73'],
})
