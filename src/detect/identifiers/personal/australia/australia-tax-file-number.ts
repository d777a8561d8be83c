import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

const WEIGHTS_9 = [1, 4, 3, 7, 5, 8, 6, 9, 10]
const WEIGHTS_8 = [10, 7, 8, 4, 6, 3, 5, 1]

/** The ATO's TFN check: the weighted digit sum is a multiple of 11 (9-digit and older 8-digit TFNs). */
export function tfnChecksum(value: string): boolean {
  const d = value.replace(/[ -]/g, '')
  const weights = d.length === 9 ? WEIGHTS_9 : d.length === 8 ? WEIGHTS_8 : undefined
  if (!weights) return false
  let sum = 0
  for (let i = 0; i < d.length; i++) sum += Number(d[i]) * weights[i]!
  return sum % 11 === 0
}

/**
 * Australian tax file numbers: 9 digits (`123 456 782`) or the older 8-digit form, with the
 * Australian Taxation Office's weighted mod-11 check digit.
 */
export const australiaTaxFileNumber = defineIdentifier({
  id: 'AUSTRALIA_TAX_FILE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Australian tax file number (TFN), 8 or 9 digits with the ATO mod-11 check.',
  countries: ['Australia'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9-])(?:[0-9]{3}([ -]?)[0-9]{3}\1[0-9]{3}|[0-9]{8})(?![0-9-])/g,
  keywords: ['tax file number', 'tfn'],
  maxLength: 11,
  validate: [tfnChecksum, notAllSameDigit],
  // 123 456 782 is the ATO's published example TFN.
  reject: [(m) => m.replace(/[ -]/g, '') === '123456782'],
})
