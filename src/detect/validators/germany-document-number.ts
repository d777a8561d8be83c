/**
 * ICAO 9303 check digit of a machine-readable-zone field: digits keep their value, A–Z count
 * 10–35, `<` counts 0; weights 7, 3, 1 repeat; the digit is the sum mod 10. Returns -1 for a
 * character outside that alphabet. Used for German Personalausweis and Reisepass serials.
 */
export function icaoCheckDigit(field: string): number {
  const weights = [7, 3, 1]
  let sum = 0
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i)
    let v: number
    if (c >= 48 && c <= 57) v = c - 48
    else if (c >= 65 && c <= 90) v = c - 55
    else if (c === 60) v = 0
    else return -1
    sum += v * weights[i % 3]!
  }
  return sum % 10
}

/** True when the last character of `value` is the ICAO 9303 check digit of the characters before it. */
export function hasIcaoCheckDigit(value: string): boolean {
  if (value.length < 2) return false
  const check = icaoCheckDigit(value.slice(0, -1))
  return check >= 0 && String(check) === value[value.length - 1]
}
