import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * HMRC UTR check: the first digit equals `21987654321`[(Σ digit × weight) mod 11] over the
 * other nine digits with weights 6, 7, 8, 9, 10, 5, 4, 3, 2 (the rule in HMRC's own services'
 * UTR validators and in python-stdnum; 1955839661 is the published valid example).
 */
function utrCheckDigit(digits: string): boolean {
  const weights = [6, 7, 8, 9, 10, 5, 4, 3, 2]
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(digits[i + 1]) * weights[i]!
  return '21987654321'[sum % 11] === digits[0]
}

/**
 * UK Unique Taxpayer References: ten digits, often written 5+5 and sometimes with HMRC's `K`
 * before or after (`12345 67890K`).
 */
export const ukTaxIdentificationNumber = defineIdentifier({
  id: 'UK_TAX_IDENTIFICATION_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'UK Unique Taxpayer Reference (UTR), ten digits; HMRC check digit.',
  countries: ['UK'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z])[Kk]?[0-9]{5} ?[0-9]{5}[Kk]?(?![0-9A-Za-z])/g,
  keywords: [
    'paye', 'tax id', 'tax id no.', 'tax id number', 'tax identification', 'tax identification#', 'tax no.', 'tax number',
    'tax reference', 'tax#', 'taxid#', 'temporary reference number', 'tin', 'trn', 'unique tax reference',
    'unique taxpayer reference', 'utr',
  ],
  maxLength: 13,
  validate: [(m) => utrCheckDigit(m.replace(/[^0-9]/g, '')), notAllSameDigit],
  // 1955839661 is the example in python-stdnum's documentation of the check.
  reject: [(m) => m.replace(/[^0-9]/g, '') === '1955839661'],
})
