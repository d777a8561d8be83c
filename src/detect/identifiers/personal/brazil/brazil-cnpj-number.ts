import { defineIdentifier } from '../../../identifier.js'
import { hasCnpjCheckDigits } from '../../../validators/brazil-ids.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/** Brazilian CNPJ numbers, `12.345.678/0001-95` or fourteen digits, with both mod-11 check digits. */
export const brazilCnpjNumber = defineIdentifier({
  id: 'BRAZIL_CNPJ_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Brazilian CNPJ; establishment number and two mod-11 check digits.',
  countries: ['Brazil'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z]|[0-9][./-])[0-9]{2}(?:\.[0-9]{3}\.[0-9]{3}\/[0-9]{4}-|[0-9]{10})[0-9]{2}(?![0-9A-Za-z]|[./-][0-9])/g,
  keywords: ['cadastro de pessoa física', 'cadastro de pessoa fisica', 'cadastro de pessoas físicas', 'cadastro de pessoas fisicas', 'cadastro nacional da pessoa jurídica', 'cadastro nacional da pessoa juridica', 'cnpj', 'cpf'],
  maxLength: 18,
  validate: [
    (m) => {
      const d = m.replace(/[./-]/g, '')
      return d.slice(8, 12) !== '0000' && hasCnpjCheckDigits(d)
    },
    notAllSameDigit,
  ],
  // 12.345.678/0001-95 and 11.222.333/0001-81 are the usual examples.
  reject: [(m) => ['12345678000195', '11222333000181'].includes(m.replace(/[./-]/g, ''))],
})
