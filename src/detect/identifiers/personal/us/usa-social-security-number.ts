import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * US Social Security numbers, `123-45-6789`, `123 45 6789` or `123456789`. The SSA never issues
 * area 000, 666 or 900–999, group 00 or serial 0000 (SSA, "Social Security Number Randomization").
 */
export const usaSocialSecurityNumber = defineIdentifier({
  id: 'USA_SOCIAL_SECURITY_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'US Social Security number; area, group and serial rules of the SSA.',
  countries: ['US'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9-])[0-9]{3}([- ]?)[0-9]{2}\1[0-9]{4}(?![0-9-])/g,
  keywords: ['social security', 'social security no', 'social security no.', 'social security number', 'socialsecurityno#', 'ssn', 'ssn#', 'ssns'],
  maxLength: 11,
  validate: [
    (m) => {
      const d = m.replace(/[- ]/g, '')
      const area = Number(d.slice(0, 3))
      return area !== 0 && area !== 666 && area < 900 && d.slice(3, 5) !== '00' && d.slice(5) !== '0000'
    },
    notAllSameDigit,
  ],
  // 078-05-1120 was printed on sample cards in wallets (Woolworth, 1938) and 219-09-9999 in an SSA ad.
  reject: [(m) => ['078051120', '219099999', '123456789'].includes(m.replace(/[- ]/g, ''))],
})
