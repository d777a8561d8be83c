import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/** True when the ITIN's fourth and fifth digits fall in a range the IRS assigns. */
function hasItinGroup(match: string): boolean {
  const group = Number(match.replace(/[- ]/g, '').slice(3, 5))
  return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94
}

/**
 * US Individual Taxpayer Identification Numbers, `9xx-7x-xxxx` with dashes, spaces or none.
 * The IRS issues them with a leading 9 and a middle group in 50–65, 70–88, 90–92 or 94–99.
 */
export const usaIndividualTaxIdentificationNumber = defineIdentifier({
  id: 'USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'US ITIN; leading 9 and the middle-group ranges the IRS assigns.',
  countries: ['US'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9-])9[0-9]{2}(?:-[5-9][0-9]-| [5-9][0-9] |[5-9][0-9])[0-9]{4}(?![0-9-])/g,
  keywords: ['i.t.i.n.', 'individual taxpayer identification number', 'itin'],
  maxLength: 11,
  validate: [hasItinGroup, notAllSameDigit],
})
