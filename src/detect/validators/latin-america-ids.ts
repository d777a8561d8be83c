// Check digits of the Argentine, Chilean, Colombian and Mexican identity and tax numbers, and
// the date inside Mexican CURP and RFC codes. Shapes and keywords live with the identifiers.

/** The AFIP mod-11 check digit of a CUIT/CUIL's first ten digits (weights 5,4,3,2,7,6,5,4,3,2); undefined when it would be 10 (never issued). */
export function cuitCheckDigit(ten: string): number | undefined {
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
  let sum = 0
  for (let i = 0; i < 10; i++) sum += (ten.charCodeAt(i) - 48) * weights[i]!
  const c = 11 - (sum % 11)
  if (c === 11) return 0
  return c === 10 ? undefined : c
}

/** True when eleven digits end with the AFIP CUIT/CUIL check digit. */
export function hasCuitCheckDigit(digits: string): boolean {
  return /^[0-9]{11}$/.test(digits) && cuitCheckDigit(digits.slice(0, 10)) === Number(digits[10])
}

/** The Chilean RUN/RUT verifier (mod 11, weights 2–7 from the right): `0`–`9` or `K`. */
export function rutVerifier(body: string): string {
  let sum = 0
  for (let i = body.length - 1, w = 2; i >= 0; i--, w = w === 7 ? 2 : w + 1) sum += (body.charCodeAt(i) - 48) * w
  const v = 11 - (sum % 11)
  return v === 11 ? '0' : v === 10 ? 'K' : String(v)
}

/** True when a RUN/RUT (digits then verifier, separators removed) carries its verifier. */
export function hasRutVerifier(value: string): boolean {
  const m = /^([0-9]{1,8})([0-9Kk])$/.exec(value)
  return m !== null && rutVerifier(m[1]!) === m[2]!.toUpperCase()
}

/** The DIAN check digit (dígito de verificación) of a Colombian NIT base, weights 3,7,13,…,71 from the right. */
export function nitCheckDigit(base: string): number {
  const weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71]
  let sum = 0
  for (let i = base.length - 1, k = 0; i >= 0; i--, k++) sum += (base.charCodeAt(i) - 48) * weights[k]!
  const r = sum % 11
  return r > 1 ? 11 - r : r
}

/** True when a NIT (base then check digit, separators removed) carries its DIAN check digit. */
export function hasNitCheckDigit(digits: string): boolean {
  return /^[0-9]{2,15}$/.test(digits) && nitCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1))
}

const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMN\u00d1OPQRSTUVWXYZ'

/** The RENAPO check digit of a CURP's first seventeen characters. */
export function curpCheckDigit(seventeen: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(seventeen[i]!) * (18 - i)
  return String((10 - (sum % 10)) % 10)
}

/** True when an 18-character CURP ends with its check digit. */
export function hasCurpCheckDigit(curp: string): boolean {
  return curp.length === 18 && curpCheckDigit(curp.slice(0, 17)) === curp[17]
}

const RFC_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ \u00d1'

/** The SAT homoclave check character of an RFC without it (11 characters for companies, 12 for people). */
export function rfcCheckDigit(withoutCheck: string): string {
  const padded = `   ${withoutCheck}`.slice(-12)
  let sum = 0
  for (let i = 0; i < 12; i++) sum += RFC_ALPHABET.indexOf(padded[i]!) * (13 - i)
  return RFC_ALPHABET[(11 - (sum % 11)) % 11]!
}

/** True when a 12- or 13-character RFC ends with its homoclave check character. */
export function hasRfcCheckDigit(rfc: string): boolean {
  return (rfc.length === 12 || rfc.length === 13) && rfcCheckDigit(rfc.slice(0, -1)) === rfc.slice(-1)
}

/** True when `YYMMDD` is a calendar date (either century; 29 February in years divisible by four). */
export function isYymmddDate(yymmdd: string): boolean {
  if (!/^[0-9]{6}$/.test(yymmdd)) return false
  const yy = Number(yymmdd.slice(0, 2))
  const mm = Number(yymmdd.slice(2, 4))
  const dd = Number(yymmdd.slice(4, 6))
  if (mm < 1 || mm > 12 || dd < 1) return false
  const days = [31, yy % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1]!
  return dd <= days
}
