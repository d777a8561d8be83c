import { defineIdentifier } from '../../../identifier.js'
import { hasNitCheckDigit } from '../../../validators/latin-america-ids.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/** Colombian NIT of a company, `900.123.456-7`: nine digits starting with 8 or 9, a hyphen and the DIAN check digit. */
export const colombiaOrganizationNitNumber = defineIdentifier({
  id: 'COLOMBIA_ORGANIZATION_NIT_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Colombian NIT of a company; nine-digit base from 800 million and DIAN check digit.',
  countries: ['Colombia'],
  severity: ['Medium', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z]|[0-9][.,-])[89](?:[0-9]{2}\.[0-9]{3}\.[0-9]{3}|[0-9]{8})-[0-9](?![0-9A-Za-z]|[.,-][0-9])/g,
  keywords: ['nit', 'nit.', 'nit#', 'n.i.t.'],
  maxLength: 13,
  validate: [(m) => hasNitCheckDigit(m.replace(/[.-]/g, '')), (m) => notAllSameDigit(m.replace(/[.-]/g, '').slice(0, -1))],
  // 900.123.456-8 is the usual example.
  reject: [(m) => m.replace(/[.-]/g, '') === '9001234568'],
})
