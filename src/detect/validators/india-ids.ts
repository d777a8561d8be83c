// Checks of the Indian identity numbers: the Verhoeff check digit of Aadhaar and the holder
// type letter of a PAN. Shapes and keywords live with the identifiers.

const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]

function verhoeffState(digits: string, offset: number): number {
  let c = 0
  for (let i = digits.length - 1, k = offset; i >= 0; i--, k++) c = D[c]![P[k % 8]![digits.charCodeAt(i) - 48]!]!
  return c
}

/** True when a digit string ends with its Verhoeff check digit (the Aadhaar checksum). */
export function verhoeff(digits: string): boolean {
  return /^[0-9]+$/.test(digits) && verhoeffState(digits, 0) === 0
}

/** The Verhoeff check digit to append to a digit string. */
export function verhoeffCheckDigit(digits: string): number {
  return INV[verhoeffState(digits, 1)]!
}

/**
 * Holder types, the fourth letter of a PAN (Income Tax Department): Person, Company, HUF, Firm,
 * Association of persons, Trust, Body of individuals, Local authority, artificial Juridical
 * person, Government.
 */
export const PAN_HOLDER_TYPES = 'PCHFATBLJG'

/** True when a ten-character PAN has a known holder type and a serial other than 0000. */
export function isPanStructure(pan: string): boolean {
  return /^[A-Z]{3}[A-Z][A-Z][0-9]{4}[A-Z]$/.test(pan) && PAN_HOLDER_TYPES.includes(pan[3]!) && pan.slice(5, 9) !== '0000'
}
