/**
 * ISO 13616 / ISO 7064 MOD 97-10 check of an IBAN (spaces ignored): move the first four
 * characters to the end, letters to numbers (A=10 … Z=35), the remainder mod 97 must be 1.
 */
export function ibanMod97(iban: string): boolean {
  const s = iban.replace(/ /g, '').toUpperCase()
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(s)) return false
  return mod97(s.slice(4) + s.slice(0, 4)) === 1
}

/** Remainder mod 97 of an alphanumeric string read as a number with A=10 … Z=35. */
export function mod97(s: string): number {
  let rem = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97
    else if (c >= 97 && c <= 122) rem = (rem * 100 + (c - 87)) % 97
    else return -1
  }
  return rem
}
