import { defineIdentifier } from '../../../identifier.js'
import { hasCpfCheckDigits } from '../../../validators/brazil-ids.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/** Brazilian CPF numbers, `123.456.789-09`, `123456789-09` or eleven digits, with both mod-11 check digits. */
export const brazilCpfNumber = defineIdentifier({
  id: 'BRAZIL_CPF_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Brazilian CPF; two mod-11 check digits of the Receita Federal.',
  countries: ['Brazil'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z]|[0-9][./-])[0-9]{3}(?:\.[0-9]{3}\.[0-9]{3}-|[0-9]{6}-?)[0-9]{2}(?![0-9A-Za-z]|[./-][0-9])/g,
  keywords: ['cadastro de pessoa física', 'cadastro de pessoa fisica', 'cadastro de pessoas físicas', 'cadastro de pessoas fisicas', 'cadastro nacional da pessoa jurídica', 'cadastro nacional da pessoa juridica', 'cnpj', 'cpf'],
  maxLength: 14,
  validate: [(m) => hasCpfCheckDigits(m.replace(/[.-]/g, '')), notAllSameDigit],
  // 123.456.789-09 is the textbook example; 111.111.111-11 and the like pass the check digits.
  reject: [(m) => m.replace(/[.-]/g, '') === '12345678909'],
})
