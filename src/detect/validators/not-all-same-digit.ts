/** True unless every digit of the value is the same one (000-00-0000, 99999999). */
export function notAllSameDigit(value: string): boolean {
  const digits = value.replace(/[^0-9]/g, '')
  return digits.length === 0 || !/^(\d)\1*$/.test(digits)
}
