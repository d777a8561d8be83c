import { defineIdentifier } from '../../../identifier.js'
import { luhn } from '../../../validators/luhn.js'

/** Argentine SUBE transport cards: sixteen digits starting 6061, in groups of four or not, with the Luhn check. */
export const argentinaTarjetaSube = defineIdentifier({
  id: 'ARGENTINA_TARJETA_SUBE',
  category: 'PERSONAL_INFORMATION',
  description: 'Argentine SUBE card number; 6061 prefix and Luhn check.',
  countries: ['Argentina'],
  severity: ['Medium', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z]|[0-9][ -])6061([ -]?)[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?![0-9A-Za-z]|[ -][0-9])/g,
  keywords: ['sistema único de boleto electrónico', 'sube'],
  maxLength: 19,
  validate: [(m) => luhn(m.replace(/[ -]/g, ''))],
  reject: [(m) => /^6061(0{12}|1{12}|9{12})$/.test(m.replace(/[ -]/g, ''))],
})
