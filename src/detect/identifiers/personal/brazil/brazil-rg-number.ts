import { defineIdentifier } from '../../../identifier.js'
import { hasRgSpCheckDigit } from '../../../validators/brazil-ids.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * Brazilian RG numbers in the São Paulo form, `12.345.678-2`, `1.234.567-X` or `123456782`, with the
 * São Paulo mod-11 check character.
 */
export const brazilRgNumber = defineIdentifier({
  id: 'BRAZIL_RG_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Brazilian RG (São Paulo form); mod-11 check character, X for 10.',
  countries: ['Brazil'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z]|[0-9][./-])(?:[0-9]{1,2}\.[0-9]{3}\.[0-9]{3}-|[0-9]{8}-?)[0-9Xx](?![0-9A-Za-z]|[./-][0-9])/g,
  keywords: ['registro geral', 'rg'],
  maxLength: 12,
  validate: [(m) => hasRgSpCheckDigit(m.replace(/[.-]/g, '').padStart(9, '0')), notAllSameDigit],
})
