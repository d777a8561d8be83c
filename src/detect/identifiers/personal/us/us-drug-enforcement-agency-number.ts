import { defineIdentifier } from '../../../identifier.js'

/**
 * True when the seventh digit equals the last digit of d1 + d3 + d5 + 2 × (d2 + d4 + d6),
 * the DEA registration check digit (21 CFR 1301; DEA Diversion Control Division).
 */
function hasDeaCheckDigit(match: string): boolean {
  const d = match.slice(2).split('').map(Number)
  if (d.length !== 7) return false
  const sum = d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!)
  return sum % 10 === d[6]
}

/**
 * DEA registration numbers: a registrant-type letter (A–M, P–U or X), the first letter of the
 * registrant's surname (or 9 for a business), six digits and a check digit.
 */
export const usDrugEnforcementAgencyNumber = defineIdentifier({
  id: 'US_DRUG_ENFORCEMENT_AGENCY_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'US DEA registration number; registrant type letter and the DEA check digit.',
  countries: ['US'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z])[A-HJ-MP-UX][A-Z9][0-9]{7}(?![0-9A-Za-z])/g,
  keywords: ['dea number', 'dea registration'],
  maxLength: 9,
  validate: [hasDeaCheckDigit],
  // AB1234563 is the check-digit example quoted in DEA and pharmacy training material.
  reject: [(m) => m === 'AB1234563' || /^..(\d)\1{6}$/.test(m)],
})
