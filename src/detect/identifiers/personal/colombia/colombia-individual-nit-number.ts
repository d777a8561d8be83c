import { defineIdentifier } from '../../../identifier.js'
import { hasNitCheckDigit } from '../../../validators/latin-america-ids.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * Colombian NIT of a person, `52.817.394-3`: the cédula number (six to eight digits, or ten
 * starting with 1), a hyphen and the DIAN check digit.
 */
export const colombiaIndividualNitNumber = defineIdentifier({
  id: 'COLOMBIA_INDIVIDUAL_NIT_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Colombian NIT of a person; cédula number and DIAN check digit.',
  countries: ['Colombia'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z]|[0-9][.,-])(?:[0-9]{1,3}(?:\.[0-9]{3}){1,3}|[0-9]{6,10})-[0-9](?![0-9A-Za-z]|[.,-][0-9])/g,
  keywords: ['nit', 'nit.', 'nit#', 'n.i.t.'],
  maxLength: 15,
  validate: [
    (m) => {
      const d = m.replace(/[.-]/g, '')
      const base = d.slice(0, -1)
      return ((base.length >= 6 && base.length <= 8 && base[0] !== '0') || (base.length === 10 && base[0] === '1')) && hasNitCheckDigit(d)
    },
    (m) => notAllSameDigit(m.replace(/[.-]/g, '').slice(0, -1)),
  ],
})
