// National check digits inside Basic Bank Account Numbers (BBANs): the French RIB key, the
// Italian CIN and the Spanish CCC control digits. Shapes (lengths, character classes) are checked
// by the callers; these functions only compute and compare the check characters.
import { codiceFiscaleCheckChar } from './italy-codice-fiscale.js'
import { mod97 } from './mod97.js'

// RIB letters stand for digits: A–I → 1–9, J–R → 1–9, S–Z → 2–9 (Comité français d'organisation
// et de normalisation bancaires, "Relevé d'identité bancaire").
function ribDigits(s: string): string {
  return s.replace(/[A-Z]/g, (c) => {
    const i = c.charCodeAt(0) - 65
    return String(i < 9 ? i + 1 : i < 18 ? i - 8 : i - 16)
  })
}

/**
 * The two-digit RIB key of the first 21 characters of a French BBAN (bank 5, branch 5, account
 * 11): 97 − (bank·89 + branch·15 + account·3) mod 97, i.e. the whole RIB is ≡ 0 mod 97.
 * @example
 * franceRibKey('300060000112345678901') // '89'
 */
export function franceRibKey(first21: string): string {
  return String(97 - mod97(ribDigits(first21) + '00')).padStart(2, '0')
}

/**
 * True when a 23-character French BBAN (`[0-9]{10}[0-9A-Z]{11}[0-9]{2}`) ends with its RIB key.
 * @example
 * isFranceRib('30006000011234567890189') // true
 */
export function isFranceRib(bban: string): boolean {
  return bban.length === 23 && franceRibKey(bban.slice(0, 21)) === bban.slice(21)
}

/**
 * The CIN (control letter) of an Italian BBAN over ABI (5) + CAB (5) + account (12): the
 * odd/even character tables of the codice fiscale, summed mod 26 (Banca d'Italia, CIN rules).
 * @example
 * italyCin('0542811101000000123456') // 'X'
 */
export function italyCin(abiCabAccount: string): string {
  if (abiCabAccount.length !== 22) return ''
  // The codice fiscale check sums 15 characters mod 26, so the CIN is the sum of two of them:
  // the first 15 characters, then the last 7 behind a '1' (worth 0 at an odd position) that keeps
  // their parity, padded with '1'/'0' (both worth 0 where they stand).
  const head = codiceFiscaleCheckChar(abiCabAccount.slice(0, 15))
  const tail = codiceFiscaleCheckChar(`1${abiCabAccount.slice(15)}1010101`)
  if (head === '' || tail === '') return ''
  return String.fromCharCode(65 + ((head.charCodeAt(0) + tail.charCodeAt(0) - 130) % 26))
}

/**
 * True when a 23-character Italian (or San Marino) BBAN starts with the CIN of the rest.
 * @example
 * isItalyBban('X0542811101000000123456') // true
 */
export function isItalyBban(bban: string): boolean {
  return bban.length === 23 && italyCin(bban.slice(1)) === bban[0]
}

const CCC_WEIGHTS = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

/** One CCC control digit over ten digits: 11 − Σ(weight·digit) mod 11, with 11 → 0 and 10 → 1. */
function cccDigit(ten: string): number {
  let sum = 0
  for (let i = 0; i < 10; i++) sum += CCC_WEIGHTS[i]! * (ten.charCodeAt(i) - 48)
  const d = 11 - (sum % 11)
  return d === 11 ? 0 : d === 10 ? 1 : d
}

/**
 * The two control digits (DC) of a Spanish Código Cuenta Cliente: the first over "00" + entity
 * (4) + office (4), the second over the 10-digit account (Consejo Superior Bancario, AEB norma).
 * @example
 * spainCccControl('21000418', '0200051332') // '45'
 */
export function spainCccControl(entityOffice: string, account: string): string {
  return `${cccDigit('00' + entityOffice)}${cccDigit(account)}`
}

/**
 * True when a 20-digit Spanish BBAN (entity 4, office 4, DC 2, account 10) carries its DC.
 * @example
 * isSpainCcc('21000418450200051332') // true
 */
export function isSpainCcc(bban: string): boolean {
  return /^[0-9]{20}$/.test(bban) && spainCccControl(bban.slice(0, 8), bban.slice(10)) === bban.slice(8, 10)
}
