import { defineIdentifier } from '../../../identifier.js'
import { franceNir } from '../../../validators/france-nir.js'

/**
 * French health insurance numbers: the NIR printed on the carte Vitale, `1 93 07 62 381 147 05`
 * (sex, year, month, department or 2A/2B, commune, order number, key), spaces optional.
 */
export const franceHealthInsuranceNumber = defineIdentifier({
  id: 'FRANCE_HEALTH_INSURANCE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'French health insurance number (NIR on the carte Vitale); INSEE structure and mod-97 key.',
  countries: ['France'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z])[12] ?[0-9]{2} ?[0-9]{2} ?(?:[0-9]{2}|2[AB]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}(?![0-9A-Za-z])/g,
  keywords: ["carte d'assuré social", 'carte vitale', 'insurance card'],
  maxLength: 21,
  validate: [franceNir],
  // The worked example of the French Wikipedia article on the NIR.
  reject: [(m) => m.replace(/ /g, '') === '255081416802538'],
})
