import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/** Brazilian postal codes (CEP), `12345-678`, `12.345-678` or eight digits; Correios ranges start at 01000-000. */
export const brazilCepCode = defineIdentifier({
  id: 'BRAZIL_CEP_CODE',
  category: 'PERSONAL_INFORMATION',
  description: 'Brazilian CEP postal code; Correios range.',
  countries: ['Brazil'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z]|[0-9][./-])(?:[0-9]{5}-?|[0-9]{2}\.[0-9]{3}-)[0-9]{3}(?![0-9A-Za-z]|[./-][0-9])/g,
  keywords: ['cep', 'código de endereçamento postal', 'codigo de endereçamento postal', 'código postal', 'codigo postal'],
  maxLength: 10,
  validate: [(m) => Number(m.replace(/[.-]/g, '')) >= 1_000_000, notAllSameDigit],
  reject: [(m) => m.replace(/[.-]/g, '') === '12345678'],
})
