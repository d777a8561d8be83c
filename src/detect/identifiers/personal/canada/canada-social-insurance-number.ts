import { defineIdentifier } from '../../../identifier.js'
import { luhn } from '../../../validators/luhn.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * Canadian Social Insurance Numbers, `123 456 789`, `123-456-789` or plain, with the Luhn check
 * digit (Employment and Social Development Canada). Numbers starting with 0 are not assigned
 * and 8 is the business-number series.
 */
export const canadaSocialInsuranceNumber = defineIdentifier({
  id: 'CANADA_SOCIAL_INSURANCE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Canadian Social Insurance Number; Luhn check, first digit not 0 or 8.',
  countries: ['Canada'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9-])[1-79][0-9]{2}(?:-[0-9]{3}-| [0-9]{3} |[0-9]{3})[0-9]{3}(?![0-9-])/g,
  keywords: ['canadian id', "numéro d'assurance sociale", 'sin', 'social insurance number'],
  maxLength: 11,
  validate: [(m) => luhn(m.replace(/[- ]/g, '')), notAllSameDigit],
  // 123 456 782 is the placeholder used in forms and software documentation; it passes Luhn.
  reject: [(m) => m.replace(/[- ]/g, '') === '123456782'],
})
