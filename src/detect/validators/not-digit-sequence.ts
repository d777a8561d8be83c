/**
 * True unless the digits of the value are one ascending or descending run (`1234567`,
 * `98765`, `0123456789`): placeholders typed into licence and ID fields, not issued numbers.
 */
export function notDigitSequence(value: string): boolean {
  const digits = value.replace(/[^0-9]/g, '')
  if (digits.length < 3) return true
  return !'01234567890123456789'.includes(digits) && !'98765432109876543210'.includes(digits)
}
