import { defineIdentifier } from '../../../identifier.js'
import { luhn } from '../../../validators/luhn.js'

/**
 * National Provider Identifiers: ten digits starting with 1 or 2 whose last digit is a Luhn check
 * over the number prefixed with 80840, the US health-industry issuer (45 CFR 162.406, ISO 7812).
 */
export const usaNationalProviderIdentifier = defineIdentifier({
  id: 'USA_NATIONAL_PROVIDER_IDENTIFIER',
  category: 'PERSONAL_INFORMATION',
  description: 'US National Provider Identifier; Luhn check digit with the 80840 prefix.',
  countries: ['US'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9])[12][0-9]{9}(?![0-9])/g,
  keywords: ['hipaa', 'n.p.i', 'national provider', 'npi'],
  maxLength: 10,
  validate: [(m) => luhn(`80840${m}`)],
  // 1234567893 is the worked check-digit example in the CMS NPI documentation.
  reject: [(m) => m === '1234567893'],
})
