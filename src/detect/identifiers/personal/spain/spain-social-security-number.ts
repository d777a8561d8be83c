import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { hasNafCheckDigits } from '../../../validators/spain-ids.js'

/**
 * Spanish Social Security affiliation numbers (NAF): province 01–53 or 66, eight digits and two
 * mod-97 check digits (`28/12345678/40`, `28 12345678 40`, `281234567840`).
 */
export const spainSocialSecurityNumber = defineIdentifier({
  id: 'SPAIN_SOCIAL_SECURITY_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Spanish Social Security number (NAF); province code and mod-97 check digits.',
  countries: ['Spain'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z/-])[0-9]{2}(?:[0-9]{10}|\/[0-9]{8}\/[0-9]{2}|-[0-9]{8}-[0-9]{2}| [0-9]{8} [0-9]{2})(?![0-9A-Za-z]|[/-][0-9])/g,
  keywords: ['número de la seguridad social', 'social security no.', 'social security number', 'socialsecurityno#', 'ssn', 'ssn#'],
  maxLength: 14,
  validate: [
    (m) => {
      const d = m.replace(/[^0-9]/g, '')
      const province = Number(d.slice(0, 2))
      return ((province >= 1 && province <= 53) || province === 66) && d.slice(2, 10) !== '00000000' && hasNafCheckDigits(d)
    },
    notAllSameDigit,
  ],
  // 28/12345678/40 is the example of most NAF documentation.
  reject: [(m) => m.replace(/[^0-9]/g, '') === '281234567840'],
})
