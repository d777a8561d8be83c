import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { hasCuitCheckDigit } from '../../../validators/latin-america-ids.js'

/** Argentine CUIL/CUIT of a person, `20-12345678-6` or eleven digits: prefix 20, 23–27, the DNI and the AFIP mod-11 check digit. */
export const argentinaIndividualTaxIdentificationNumber = defineIdentifier({
  id: 'ARGENTINA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Argentine CUIL/CUIT of a person; individual prefix and AFIP mod-11 check digit.',
  countries: ['Argentina'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z]|[0-9][.-])2[03-7]([- ]?)[0-9]{8}\1[0-9](?![0-9A-Za-z]|[.-][0-9])/g,
  keywords: ['argentina taxpayer id', 'clave única de identificación tributaria', 'cuil', 'c.u.i.l', 'cuit', 'c.u.i.t', 'número de identificación fiscal', 'número de contribuyente', 'unified labor identification code'],
  maxLength: 13,
  validate: [(m) => hasCuitCheckDigit(m.replace(/[- ]/g, '')), (m) => notAllSameDigit(m.replace(/[- ]/g, '').slice(2, 10))],
  // 20-12345678-6 is the usual example.
  reject: [(m) => m.replace(/[- ]/g, '') === '20123456786'],
})
