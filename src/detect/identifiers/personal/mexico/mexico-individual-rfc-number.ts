import { defineIdentifier } from '../../../identifier.js'
import { hasRfcCheckDigit, isYymmddDate } from '../../../validators/latin-america-ids.js'

/** Mexican RFC of a person, 13 characters (`PEGL850412K77`, `PEGL-850412-K77`): four letters, birth date, homoclave and SAT check character. */
export const mexicoIndividualRfcNumber = defineIdentifier({
  id: 'MEXICO_INDIVIDUAL_RFC_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Mexican RFC of a person; valid date and SAT homoclave check character.',
  countries: ['Mexico'],
  severity: ['High', 'High', 'High'],
  // ASCII only: names with Ñ are not matched.
  pattern: /(?<![0-9A-Za-z&])[A-Z&]{4}([- ]?)[0-9]{6}\1[A-Z0-9]{2}[0-9A](?![0-9A-Za-z&])/g,
  keywords: ['código del registro federal de contribuyentes', 'identificación de impuestos', 'identificacion de impuestos', 'impuesto al valor agregado', 'iva', 'iva#', 'i.v.a.', 'registro federal de contribuyentes', 'rfc', 'rfc#', 'r.f.c.'],
  maxLength: 15,
  validate: [(m) => isYymmddDate(m.replace(/[- ]/g, '').slice(4, 10)), (m) => hasRfcCheckDigit(m.replace(/[- ]/g, ''))],
  // SAT's generic RFCs for the general public and for foreigners (MACIE.md §2.2).
  reject: [(m) => ['XAXX010101000', 'XEXX010101000'].includes(m.replace(/[- ]/g, ''))],
})
