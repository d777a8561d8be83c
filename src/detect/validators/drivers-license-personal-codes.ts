// Check digits of the European personal codes that driving licences print in field 4d or use as
// the licence number: each function takes the bare digits (separators removed by the caller).
import { luhn } from './luhn.js'

const digitsOf = (s: string): number[] => [...s].map((c) => c.charCodeAt(0) - 48)

function weighted(s: string, weights: readonly number[]): number {
  const d = digitsOf(s)
  return weights.reduce((sum, w, i) => sum + w * d[i]!, 0)
}

function isDay(dd: number, mm: number): boolean {
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31
}

/** Estonian and Lithuanian personal code check digit (two rounds of weights, mod 11). */
export function balticCheckDigit(ten: string): number {
  const first = weighted(ten, [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11
  if (first < 10) return first
  const second = weighted(ten, [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11
  return second < 10 ? second : 0
}

/** Estonian isikukood / Lithuanian asmens kodas: GYYMMDDSSSC, G 1–6, a real month and day. */
export function isBalticPersonalCode(code: string): boolean {
  if (!/^[1-6][0-9]{10}$/.test(code)) return false
  if (!isDay(Number(code.slice(5, 7)), Number(code.slice(3, 5)))) return false
  return balticCheckDigit(code.slice(0, 10)) === Number(code[10])
}

/** Latvian personas kods check digit (1101 − Σ dᵢwᵢ) mod 11; 10 never occurs in issued codes. */
export function latviaCheckDigit(ten: string): number {
  return (((1101 - weighted(ten, [1, 6, 3, 7, 9, 10, 5, 8, 4, 2])) % 11) + 11) % 11
}

/** Latvian personas kods of the dated form DDMMYYCNNNX (C = century 0–2). */
export function isLatviaPersonalCode(code: string): boolean {
  if (!/^[0-9]{6}[0-2][0-9]{4}$/.test(code)) return false
  if (!isDay(Number(code.slice(0, 2)), Number(code.slice(2, 4)))) return false
  return latviaCheckDigit(code.slice(0, 10)) === Number(code[10])
}

/** Romanian CNP control digit: weights 279146358279, sum mod 11, 10 written 1. */
export function romaniaCnpCheckDigit(twelve: string): number {
  const r = weighted(twelve, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11
  return r === 10 ? 1 : r
}

/** Romanian CNP: SYYMMDDJJNNNC, S 1–9, county 01–52, a real month and day. */
export function isRomaniaCnp(code: string): boolean {
  if (!/^[1-9][0-9]{12}$/.test(code)) return false
  const county = Number(code.slice(7, 9))
  if (county < 1 || county > 52 || !isDay(Number(code.slice(5, 7)), Number(code.slice(3, 5)))) return false
  return romaniaCnpCheckDigit(code.slice(0, 12)) === Number(code[12])
}

/** Bulgarian EGN check digit: weights 2 4 8 5 10 9 7 3 6, sum mod 11, 10 written 0. */
export function bulgariaEgnCheckDigit(nine: string): number {
  const r = weighted(nine, [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11
  return r === 10 ? 0 : r
}

/** Bulgarian EGN: YYMMDDNNNC, month +20 for the 1800s and +40 for the 2000s. */
export function isBulgariaEgn(code: string): boolean {
  if (!/^[0-9]{10}$/.test(code)) return false
  const mm = Number(code.slice(2, 4)) % 20
  if (!isDay(Number(code.slice(4, 6)), mm) || Number(code.slice(2, 4)) > 52) return false
  return bulgariaEgnCheckDigit(code.slice(0, 9)) === Number(code[9])
}

/** ISO/IEC 7064 MOD 11,10 check digit, as the Croatian OIB uses. */
export function mod1110CheckDigit(ten: string): number {
  let product = 10
  for (const d of digitsOf(ten)) {
    let sum = (d + product) % 10
    if (sum === 0) sum = 10
    product = (sum * 2) % 11
  }
  const check = 11 - product
  return check === 10 ? 0 : check
}

/** Croatian OIB: eleven digits, the last an ISO 7064 MOD 11,10 check digit. */
export function isCroatiaOib(code: string): boolean {
  return /^[0-9]{11}$/.test(code) && mod1110CheckDigit(code.slice(0, 10)) === Number(code[10])
}

/** Slovenian EMŠO control digit (weights 7 6 5 4 3 2 twice, 11 − r mod 11); undefined when 10. */
export function sloveniaEmsoCheckDigit(twelve: string): number | undefined {
  const r = weighted(twelve, [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11
  const k = r === 0 ? 0 : 11 - r
  return k === 10 ? undefined : k
}

/** Slovenian EMŠO: DDMMYYYRRBBBK with a real day and month. */
export function isSloveniaEmso(code: string): boolean {
  if (!/^[0-9]{13}$/.test(code)) return false
  if (!isDay(Number(code.slice(0, 2)), Number(code.slice(2, 4)))) return false
  return sloveniaEmsoCheckDigit(code.slice(0, 12)) === Number(code[12])
}

/** Characters of the Finnish HETU check character, indexed by the number mod 31. */
export const HETU_CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY'

/** Finnish HETU: DDMMYY, century sign, individual number 002–899, check character (mod 31). */
export function isFinlandHetu(code: string): boolean {
  const m = /^([0-9]{6})[-+A-FU-Y]([0-9]{3})([0-9A-Y])$/.exec(code)
  if (!m) return false
  const n = Number(m[2])
  if (n < 2 || n > 899 || !isDay(Number(code.slice(0, 2)), Number(code.slice(2, 4)))) return false
  return HETU_CHECK_CHARACTERS[Number(m[1]! + m[2]!) % 31] === m[3]
}

/**
 * Swedish personnummer or samordningsnummer (day + 60): YYMMDD-NNNC, YYMMDD+NNNC, or the
 * twelve-digit YYYYMMDDNNNC; Luhn over the ten digits from YYMMDD.
 */
export function isSwedenPersonnummer(code: string): boolean {
  const digits = code.replace(/[-+]/g, '')
  const ten = digits.length === 12 ? digits.slice(2) : digits
  if (!/^[0-9]{10}$/.test(ten)) return false
  const dd = Number(ten.slice(4, 6))
  if (!isDay(dd > 60 ? dd - 60 : dd, Number(ten.slice(2, 4)))) return false
  return luhn(ten)
}
