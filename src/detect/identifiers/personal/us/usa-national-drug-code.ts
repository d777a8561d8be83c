import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * National Drug Codes (21 CFR 207.33): labeler-product-package in the 10-digit configurations
 * 4-4-2, 5-3-2 and 5-4-1 (dashed), and the 11-digit 5-4-2 billing form, dashed or plain.
 */
export const usaNationalDrugCode = defineIdentifier({
  id: 'USA_NATIONAL_DRUG_CODE',
  category: 'PERSONAL_INFORMATION',
  description: 'US National Drug Code in a 10-digit dashed or the 11-digit 5-4-2 configuration.',
  countries: ['US'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9-])(?:[0-9]{4}-[0-9]{4}-[0-9]{2}|[0-9]{5}-[0-9]{3}-[0-9]{2}|[0-9]{5}-[0-9]{4}-[0-9]{1,2}|[0-9]{11})(?![0-9-])/g,
  keywords: ['national drug code', 'ndc'],
  maxLength: 13,
  // The labeler code is assigned by the FDA and is never all zeros.
  validate: [(m) => !/^0+$/.test(m.length === 11 ? m.slice(0, 5) : m.split('-')[0]!), notAllSameDigit],
})
