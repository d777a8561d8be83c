// The VIN check digit of 49 CFR 565.15 (North America): letters transliterate to 1–9 (I, O, Q
// never occur), the 17 positions are weighted, and the sum mod 11 is position 9 (10 written X).

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'
const LETTER_VALUES = '12345678123457923456789'
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

/**
 * True when position 9 of a 17-character VIN is its 49 CFR 565.15 check digit.
 * @example
 * vinCheckDigit('1M8GDM9AXKP042788') // true
 */
export function vinCheckDigit(vin: string): boolean {
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const c = vin[i]!
    const letter = LETTERS.indexOf(c)
    sum += (letter < 0 ? Number(c) : Number(LETTER_VALUES[letter])) * WEIGHTS[i]!
  }
  const check = sum % 11
  return vin[8] === (check === 10 ? 'X' : String(check))
}
