import { defineIdentifier } from '../../../identifier.js'
import { hasRfcCheckDigit, isYymmddDate } from '../../../validators/latin-america-ids.js'

/** Mexican RFC of a company, 12 characters (`TME960305N20`): three letters, incorporation date, homoclave and SAT check character. */
export const mexicoOrganizationRfcNumber = defineIdentifier({
  id: 'MEXICO_ORGANIZATION_RFC_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Mexican RFC of a company; valid date and SAT homoclave check character.',
  countries: ['Mexico'],
  severity: ['Medium', 'Medium', 'High'],
  // ASCII only: names with Ñ are not matched.
  pattern: /(?<![0-9A-Za-z&])[A-Z&]{3}([- ]?)[0-9]{6}\1[A-Z0-9]{2}[0-9A](?![0-9A-Za-z&])/g,
  keywords: ['código del registro federal de contribuyentes', 'identificación de impuestos', 'identificacion de impuestos', 'impuesto al valor agregado', 'iva', 'iva#', 'i.v.a.', 'registro federal de contribuyentes', 'rfc', 'rfc#', 'r.f.c.'],
  maxLength: 14,
  validate: [(m) => isYymmddDate(m.replace(/[- ]/g, '').slice(3, 9)), (m) => hasRfcCheckDigit(m.replace(/[- ]/g, ''))],
  // SAT's generic RFCs are 13 characters; all-zero values fail the date.
  reject: [(m) => /^[A-Z&]{3}0{6}/.test(m.replace(/[- ]/g, ''))],
})
