import { defineIdentifier } from '../../../identifier.js'
import { usaSocialSecurityNumber } from './usa-social-security-number.js'

/**
 * True when the suffix is a Beneficiary Identification Code: a lone A, B, D, E, M, T or W, or one
 * of A, B, C, D, E, F, J, K, M, T, W followed by a letter or digit (CMS, SSA BIC table).
 */
function hasBicSuffix(match: string): boolean {
  const bic = /([A-Z][0-9A-Z]?)$/.exec(match.replace(/-/g, '').slice(9))?.[1] ?? ''
  return bic.length === 1 ? 'ABDEMTW'.includes(bic) : 'ABCDEFJKMTW'.includes(bic[0] ?? '')
}

/** True when the nine leading digits pass every rule of a US Social Security number. */
function hasValidSsn(match: string): boolean {
  const ssn = match.replace(/[- ]/g, '').slice(0, 9)
  return usaSocialSecurityNumber.validate.every((f) => f(ssn)) && !usaSocialSecurityNumber.reject.some((f) => f(ssn))
}

/**
 * Medicare Health Insurance Claim Numbers: the account holder's SSN (`123-45-6789`, spaced or
 * plain) followed by a one- or two-character Beneficiary Identification Code (`A`, `B1`, `D6`…).
 */
export const usaHealthInsuranceClaimNumber = defineIdentifier({
  id: 'USA_HEALTH_INSURANCE_CLAIM_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'US Medicare HICN: a valid SSN followed by a Beneficiary Identification Code.',
  countries: ['US'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z-])[0-9]{3}(?:-[0-9]{2}-| [0-9]{2} |[0-9]{2})[0-9]{4}-?[A-Z][0-9A-Z]?(?![0-9A-Za-z-])/g,
  keywords: ['health insurance claim number', 'hic no', 'hic no.', 'hic number', 'hic#', 'hicn', 'hicn#.', 'hicno#'],
  maxLength: 14,
  validate: [hasValidSsn, hasBicSuffix],
})
