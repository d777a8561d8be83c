import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { hasCifControl } from '../../../validators/spain-ids.js'

/**
 * Spanish organisation tax numbers (CIF, now the NIF of legal entities): entity letter, seven
 * digits and a control digit or letter (`B12345674`, `B-12345674`, `P1234567D`).
 */
export const spainTaxIdentificationNumber = defineIdentifier({
  id: 'SPAIN_TAX_IDENTIFICATION_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Spanish CIF of an organisation; entity letter and CIF control character.',
  countries: ['Spain'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[ABCDEFGHJNPQRSUVW][ -]?[0-9]{7}[0-9A-J](?![0-9A-Za-z])/g,
  keywords: ['cif', 'cif número', 'cifnúmero#', 'nie', 'nif', 'número de contribuyente', 'número de identidad de extranjero', 'número de identificación fiscal', 'número de impuesto corporativo', 'personal tax number', 'tax id', 'tax identification number', 'tax number', 'tin', 'tin#'],
  maxLength: 10,
  validate: [(m) => hasCifControl(m.replace(/[ -]/g, '')), (m) => notAllSameDigit(m.slice(1))],
  // A58818501 and B12345674 are the examples found in most CIF documentation and code.
  reject: [(m) => ['A58818501', 'B12345674'].includes(m.replace(/[ -]/g, ''))],
})
