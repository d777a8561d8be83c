import { defineIdentifier } from '../../../identifier.js'

/**
 * Digit rule of the Steuer-ID (BZSt, since 2016): in the first ten digits exactly one digit
 * occurs twice or three times and every other digit at most once.
 */
function hasSteuerIdDigitPattern(digits: string): boolean {
  const counts = new Array<number>(10).fill(0)
  for (let i = 0; i < 10; i++) counts[Number(digits[i])]!++
  const repeated = counts.filter((c) => c > 1)
  return repeated.length === 1 && repeated[0]! <= 3
}

/** ISO/IEC 7064 MOD 11,10 check digit over the first ten digits. */
function hasMod1110CheckDigit(digits: string): boolean {
  let product = 10
  for (let i = 0; i < 10; i++) {
    let sum = (Number(digits[i]) + product) % 10
    if (sum === 0) sum = 10
    product = (sum * 2) % 11
  }
  const check = 11 - product
  return (check === 10 ? 0 : check) === Number(digits[10])
}

/** German tax identification numbers (steuerliche Identifikationsnummer): 11 digits, `36 574 261 809`. */
export const germanyTaxIdentificationNumber = defineIdentifier({
  id: 'GERMANY_TAX_IDENTIFICATION_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'German tax identification number (Steuer-ID, 11 digits); digit rule and ISO 7064 MOD 11,10 check.',
  countries: ['Germany'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[1-9][0-9]( ?)[0-9]{3}\1[0-9]{3}\1[0-9]{3}(?![0-9A-Za-z])/g,
  keywords: ['identifikationsnummer', 'steuer id', 'steueridentifikationsnummer', 'steuernummer', 'tax id', 'tax identification number', 'tax number'],
  maxLength: 14,
  validate: [
    (m) => {
      const d = m.replace(/ /g, '')
      return hasSteuerIdDigitPattern(d) && hasMod1110CheckDigit(d)
    },
  ],
  // Example numbers printed in public guides and in python-stdnum's documentation.
  reject: [(m) => ['36574261809', '86095742719', '12345678995'].includes(m.replace(/ /g, ''))],
})
