import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { hasSpainControlLetter } from '../../../validators/spain-ids.js'

/** Spanish foreigner numbers (NIE): X, Y or Z, seven digits and the mod-23 letter (`X1234567L`). */
export const spainNieNumber = defineIdentifier({
  id: 'SPAIN_NIE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Spanish NIE; mod-23 control letter with X=0, Y=1, Z=2.',
  countries: ['Spain'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])(?:[XYZ][ -]?[0-9]{7}[ -]?[A-Z]|[xyz][0-9]{7}[a-z])(?![0-9A-Za-z])/g,
  keywords: ['cif', 'cif número', 'cifnúmero#', 'nie', 'nif', 'número de contribuyente', 'número de identidad de extranjero', 'número de identificación fiscal', 'número de impuesto corporativo', 'personal tax number', 'tax id', 'tax identification number', 'tax number', 'tin', 'tin#'],
  maxLength: 11,
  validate: [(m) => hasSpainControlLetter(m.replace(/[ -]/g, '')), notAllSameDigit],
  // X1234567L is the usual example.
  reject: [(m) => m.replace(/[ -]/g, '').toUpperCase() === 'X1234567L'],
})
