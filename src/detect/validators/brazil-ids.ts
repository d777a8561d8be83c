// Check digits of Brazilian identity and tax numbers: CPF and CNPJ (Receita Federal, two mod-11
// digits each) and the São Paulo RG (one mod-11 digit, X for 10). Shapes are checked by callers.

function mod11Digit(digits: string, weights: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 48) * weights[i]!
  const r = sum % 11
  return r < 2 ? 0 : 11 - r
}

const CPF_1 = [10, 9, 8, 7, 6, 5, 4, 3, 2]
const CPF_2 = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]
const CNPJ_1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
const CNPJ_2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]

/**
 * The two CPF check digits of the first nine digits.
 * @example
 * cpfCheckDigits('123456789') // '09'
 */
export function cpfCheckDigits(first9: string): string {
  const d1 = mod11Digit(first9, CPF_1)
  return `${d1}${mod11Digit(first9 + d1, CPF_2)}`
}

/** True when eleven digits end with their CPF check digits. */
export function hasCpfCheckDigits(digits: string): boolean {
  return /^[0-9]{11}$/.test(digits) && cpfCheckDigits(digits.slice(0, 9)) === digits.slice(9)
}

/**
 * The two CNPJ check digits of the first twelve digits.
 * @example
 * cnpjCheckDigits('112223330001') // '81'
 */
export function cnpjCheckDigits(first12: string): string {
  const d1 = mod11Digit(first12, CNPJ_1)
  return `${d1}${mod11Digit(first12 + d1, CNPJ_2)}`
}

/** True when fourteen digits end with their CNPJ check digits. */
export function hasCnpjCheckDigits(digits: string): boolean {
  return /^[0-9]{14}$/.test(digits) && cnpjCheckDigits(digits.slice(0, 12)) === digits.slice(12)
}

/**
 * The São Paulo RG check character of eight digits: weights 2–9 from the left, 11 minus the
 * remainder mod 11, `X` for 10 and `0` for 11.
 * @example
 * rgSpCheckDigit('31203131') // '2'
 */
export function rgSpCheckDigit(first8: string): string {
  let sum = 0
  for (let i = 0; i < 8; i++) sum += (first8.charCodeAt(i) - 48) * (i + 2)
  const c = 11 - (sum % 11)
  return c === 10 ? 'X' : c === 11 ? '0' : String(c)
}

/** True when nine characters (eight digits and a digit or X) carry the São Paulo RG check. */
export function hasRgSpCheckDigit(value: string): boolean {
  const s = value.toUpperCase()
  return /^[0-9]{8}[0-9X]$/.test(s) && rgSpCheckDigit(s.slice(0, 8)) === s[8]
}
