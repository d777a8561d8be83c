// Control characters of Spanish identity and tax numbers: the DNI/NIE/NIF mod-23 letter, the CIF
// control digit or letter, and the Social Security (NAF) mod-97 pair. Shapes are checked by callers.

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE'
const CIF_LETTERS = 'JABCDEFGHI'

/** The DNI control letter of a number (Real Decreto 1553/2005: the remainder mod 23 indexes the table). */
export function spainControlLetter(n: number): string {
  return DNI_LETTERS[n % 23]!
}

/**
 * True when a compact DNI (`12345678Z`), NIE (`X1234567L`, X=0 Y=1 Z=2 prefix the number) or
 * K/L/M NIF (`K1234567L`, the seven digits alone) ends with its mod-23 control letter.
 * @example
 * hasSpainControlLetter('12345678Z') // true
 */
export function hasSpainControlLetter(compact: string): boolean {
  const s = compact.toUpperCase()
  let digits: string
  if (/^[0-9]{8}[A-Z]$/.test(s)) digits = s.slice(0, 8)
  else if (/^[XYZ][0-9]{7}[A-Z]$/.test(s)) digits = String('XYZ'.indexOf(s[0]!)) + s.slice(1, 8)
  else if (/^[KLM][0-9]{7}[A-Z]$/.test(s)) digits = s.slice(1, 8)
  else return false
  return spainControlLetter(Number(digits)) === s[8]
}

/** The CIF control digit (0–9) of the seven digits after the entity letter (Orden EHA/451/2008). */
export function cifControlDigit(sevenDigits: string): number {
  let sum = 0
  for (let i = 0; i < 7; i++) {
    const d = sevenDigits.charCodeAt(i) - 48
    if (i % 2 === 1) sum += d
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2
  }
  return (10 - (sum % 10)) % 10
}

/**
 * True when a compact CIF (`A58818501`) carries the right control: a digit for entity letters
 * A, B, E and H, a letter (J=0, A=1 … I=9) for N, P, Q, R, S and W, either for the others.
 * @example
 * hasCifControl('A58818501') // true
 */
export function hasCifControl(compact: string): boolean {
  const s = compact.toUpperCase()
  if (!/^[ABCDEFGHJNPQRSUVW][0-9]{7}[0-9A-J]$/.test(s)) return false
  const c = cifControlDigit(s.slice(1, 8))
  const last = s[8]!
  const isDigit = last >= '0' && last <= '9'
  if (isDigit && 'NPQRSW'.includes(s[0]!)) return false
  if (!isDigit && 'ABEH'.includes(s[0]!)) return false
  return isDigit ? Number(last) === c : CIF_LETTERS[c] === last
}

/**
 * The two check digits of a Social Security affiliation number (NAF): (province and number) mod
 * 97, where a number below 10,000,000 is added to province × 10,000,000 instead of being
 * concatenated to it (Tesorería General de la Seguridad Social).
 */
export function nafCheckDigits(province: number, number: number): string {
  const value = number < 10_000_000 ? number + province * 10_000_000 : province * 100_000_000 + number
  return String(value % 97).padStart(2, '0')
}

/**
 * True when a 12-digit NAF (province, eight digits, check pair) carries its check digits.
 * @example
 * hasNafCheckDigits('281234567840') // true
 */
export function hasNafCheckDigits(digits: string): boolean {
  if (!/^[0-9]{12}$/.test(digits)) return false
  return nafCheckDigits(Number(digits.slice(0, 2)), Number(digits.slice(2, 10))) === digits.slice(10)
}
