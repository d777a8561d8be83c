// The check character of the Italian codice fiscale (DM 23/12/1976, annex): characters in odd
// positions are mapped through a fixed table, those in even positions to their ordinal.

// Odd-position values of 0–9 / A–Z (a digit counts as the letter of the same ordinal).
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]

function ordinal(code: number): number {
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 65 && code <= 90) return code - 65
  return -1
}

/**
 * The check character of the first 15 characters of a codice fiscale (upper case), or '' when
 * one of them is not an ASCII digit or letter.
 * @example
 * codiceFiscaleCheckChar('RSSMRA85T10A562') // 'S'
 */
export function codiceFiscaleCheckChar(first15: string): string {
  if (first15.length !== 15) return ''
  let sum = 0
  for (let i = 0; i < 15; i++) {
    const v = ordinal(first15.charCodeAt(i))
    if (v < 0) return ''
    sum += i % 2 === 0 ? ODD[v]! : v
  }
  return String.fromCharCode(65 + (sum % 26))
}

/**
 * True when a 16-character codice fiscale ends with its check character (case-insensitive).
 * @example
 * hasCodiceFiscaleCheckChar('RSSMRA85T10A562S') // true
 */
export function hasCodiceFiscaleCheckChar(value: string): boolean {
  const s = value.toUpperCase()
  return s.length === 16 && codiceFiscaleCheckChar(s.slice(0, 15)) === s[15]
}
