/** ISO/IEC 7812-1 Luhn check over a string of digits (non-digits are not allowed). */
export function luhn(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return digits.length > 0 && sum % 10 === 0
}

/** The digit that makes `body` + digit pass the Luhn check. */
export function luhnCheckDigit(body: string): number {
  for (let d = 0; d < 9; d++) if (luhn(body + d)) return d
  return 9
}
