import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { hasCuitCheckDigit } from '../../../validators/latin-america-ids.js'

/** Argentine CUIT of a company, `30-12345678-1` or eleven digits: prefix 30, 33 or 34 and the AFIP mod-11 check digit. */
export const argentinaOrganizationTaxIdentificationNumber = defineIdentifier({
  id: 'ARGENTINA_ORGANIZATION_TAX_IDENTIFICATION_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Argentine CUIT of a company; prefix 30, 33 or 34 and AFIP mod-11 check digit.',
  countries: ['Argentina'],
  severity: ['Medium', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z]|[0-9][.-])3[034]([- ]?)[0-9]{8}\1[0-9](?![0-9A-Za-z]|[.-][0-9])/g,
  keywords: ['argentina taxpayer id', 'clave única de identificación tributaria', 'cuil', 'c.u.i.l', 'cuit', 'c.u.i.t', 'número de identificación fiscal', 'número de contribuyente', 'unified labor identification code'],
  maxLength: 13,
  validate: [(m) => hasCuitCheckDigit(m.replace(/[- ]/g, '')), (m) => notAllSameDigit(m.replace(/[- ]/g, '').slice(2, 10))],
  // 30-12345678-1 is the usual example.
  reject: [(m) => m.replace(/[- ]/g, '') === '30123456781'],
})
