// Check characters of health identifiers: the GS1 mod-10 check digit of GTINs, the HIBC mod-43
// check character and the Finnish personal identity code (HETU) mod-31 check character.

/** True when the last digit of a GTIN (8, 12, 13 or 14 digits) is its GS1 mod-10 check digit. */
export function gs1CheckDigit(digits: string): boolean {
  if (!/^(?:[0-9]{8}|[0-9]{12,14})$/.test(digits)) return false
  let sum = 0
  // Weights 3, 1, 3, … counted leftwards from the digit next to the check digit (GS1 General Specifications §7.9).
  for (let i = digits.length - 2, w = 3; i >= 0; i--, w = 4 - w) sum += (digits.charCodeAt(i) - 48) * w
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(digits.length - 1) - 48
}

/** The HIBC character set in value order: 0–9, A–Z, `-`, `.`, space, `$`, `/`, `+`, `%` (ANSI/HIBC 2.6). */
export const HIBC_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%'

/** The HIBC mod-43 check character of `data` (the leading `+` included), or undefined for a character outside the set. */
export function hibcCheckCharacter(data: string): string | undefined {
  let sum = 0
  for (const c of data) {
    const v = HIBC_CHARSET.indexOf(c)
    if (v < 0) return undefined
    sum += v
  }
  return HIBC_CHARSET[sum % 43]
}

/** True when the last character of a HIBC data structure is the mod-43 check character of the rest. */
export function hibcMod43(value: string): boolean {
  return value.length > 1 && hibcCheckCharacter(value.slice(0, -1)) === value[value.length - 1]
}

/** The check characters of the Finnish personal identity code, indexed by the nine digits mod 31. */
export const HETU_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY'

const HETU_CENTURY: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
}

/**
 * True for a Finnish personal identity code `DDMMYYCZZZQ`: a real date, the century sign
 * (`+`, `-`/Y–U, A–F since 2023), individual number 002–899 and the mod-31 check character.
 * Numbers 900–999 are temporary or test codes (Digital and Population Data Services Agency).
 */
export function finnishHetu(value: string): boolean {
  const m = /^([0-9]{2})([0-9]{2})([0-9]{2})([-+A-FU-Y])([0-9]{3})([0-9A-Y])$/.exec(value)
  if (!m) return false
  const [, dd, mm, yy, sign, zzz, q] = m
  const year = HETU_CENTURY[sign!]! + Number(yy)
  const month = Number(mm)
  const day = Number(dd)
  if (month < 1 || month > 12 || day < 1) return false
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false
  const n = Number(zzz)
  if (n < 2 || n > 899) return false
  return HETU_CHECK[Number(`${dd}${mm}${yy}${zzz}`) % 31] === q
}
