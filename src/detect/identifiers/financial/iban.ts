// The IBAN formats of the countries Macie covers (ISO 13616 registry: length and BBAN structure),
// the pattern, validator and trigger every IBAN identifier shares. The identifiers themselves live
// in iban-countries.ts and in the five <country>-bank-account-number.ts files.
import type { MatchCheck } from '../../identifier.js'
import { ibanMod97, mod97 } from '../../validators/mod97.js'
import { isFranceRib, isItalyBban, isSpainCcc } from '../../validators/national-bban.js'
import { notAllSameDigit } from '../../validators/not-all-same-digit.js'

/** One country's IBAN: total length, BBAN structure and the BBAN's own check, if it has one. */
export interface IbanFormat {
  length: number
  /** SWIFT registry notation without `!`: `n` digits, `a` upper-case letters, `c` either. */
  bban: string
  /** National check digits inside the BBAN. */
  check?: (bban: string) => boolean
}

// ISO 7064 MOD 97-10 over the BBAN alone (national check digits at its end): BA, ME, MK, PT, RS,
// SI and TL, which is why their IBAN check digits never vary (BA39, ME25, MK07, PT50, …).
const isMod97One = (bban: string): boolean => mod97(bban) === 1
// RIB-style key (97 − n·100 mod 97) over an all-digit BBAN: Mauritania and Tunisia (MR13, TN59).
const isMod97Zero = (bban: string): boolean => mod97(bban) === 0

/**
 * German BBAN: the Bankleitzahl's first digit is its clearing area, 1–8 (Deutsche Bundesbank,
 * Bankleitzahlen-Richtlinie); the account number has no public universal check.
 */
function isGermanyBban(bban: string): boolean {
  return /^[1-8][0-9]{17}$/.test(bban)
}

/** IBAN formats by country code (SWIFT IBAN Registry; Senegal from the BCEAO's 28-character form). */
export const ibanFormats = {
  AD: { length: 24, bban: '8n12c' },
  AE: { length: 23, bban: '19n' },
  AL: { length: 28, bban: '8n16c' },
  BA: { length: 20, bban: '16n', check: isMod97One },
  BG: { length: 22, bban: '4a6n8c' },
  BR: { length: 29, bban: '23n1a1c' },
  CH: { length: 21, bban: '5n12c' },
  CR: { length: 22, bban: '18n' },
  CY: { length: 28, bban: '8n16c' },
  CZ: { length: 24, bban: '20n' },
  DE: { length: 22, bban: '18n', check: isGermanyBban },
  DK: { length: 18, bban: '14n' },
  DO: { length: 28, bban: '4c20n' },
  EE: { length: 20, bban: '16n' },
  EG: { length: 29, bban: '25n' },
  ES: { length: 24, bban: '20n', check: isSpainCcc },
  FI: { length: 18, bban: '14n' },
  FO: { length: 18, bban: '14n' },
  FR: { length: 27, bban: '10n11c2n', check: isFranceRib },
  GB: { length: 22, bban: '4a14n' },
  GE: { length: 22, bban: '2a16n' },
  GL: { length: 18, bban: '14n' },
  GR: { length: 27, bban: '7n16c' },
  HR: { length: 21, bban: '17n' },
  HU: { length: 28, bban: '24n' },
  IE: { length: 22, bban: '4a14n' },
  IS: { length: 26, bban: '22n' },
  IT: { length: 27, bban: '1a10n12c', check: isItalyBban },
  JO: { length: 30, bban: '4a4n18c' },
  LI: { length: 21, bban: '5n12c' },
  LT: { length: 20, bban: '16n' },
  MC: { length: 27, bban: '10n11c2n', check: isFranceRib },
  ME: { length: 22, bban: '18n', check: isMod97One },
  MK: { length: 19, bban: '3n10c2n', check: isMod97One },
  MR: { length: 27, bban: '23n', check: isMod97Zero },
  MT: { length: 31, bban: '4a5n18c' },
  MU: { length: 30, bban: '4a19n3a' },
  NL: { length: 18, bban: '4a10n' },
  PL: { length: 28, bban: '24n' },
  PT: { length: 25, bban: '21n', check: isMod97One },
  RS: { length: 22, bban: '18n', check: isMod97One },
  SE: { length: 24, bban: '20n' },
  SI: { length: 19, bban: '15n', check: isMod97One },
  SK: { length: 24, bban: '20n' },
  SM: { length: 27, bban: '1a10n12c', check: isItalyBban },
  SN: { length: 28, bban: '2c22n' },
  TL: { length: 23, bban: '19n', check: isMod97One },
  TN: { length: 24, bban: '20n', check: isMod97Zero },
  TR: { length: 26, bban: '5n1n16c' },
  UA: { length: 29, bban: '6n19c' },
  VG: { length: 24, bban: '4a16n' },
  XK: { length: 20, bban: '16n' },
} as const satisfies Record<string, IbanFormat>

/** A country code with an IBAN format here. */
export type IbanCountry = keyof typeof ibanFormats

const CLASSES: Record<string, string> = { n: '[0-9]', a: '[A-Z]', c: '[0-9A-Z]' }

/** Regex source of a BBAN structure: `4a14n` → `[A-Z]{4}[0-9]{14}`. */
export function bbanSource(structure: string): string {
  return structure.replace(/([0-9]+)([nac])/g, (_, n: string, c: string) => `${CLASSES[c]}{${n}}`)
}

/**
 * The one trigger all IBAN identifiers share: every IBAN starts with one of these country codes
 * and two check digits, at the start of a word. The engine finds these once per segment and runs
 * each country's pattern only around them.
 */
export const ibanTrigger = new RegExp(`(?<![0-9A-Za-z])(?:${Object.keys(ibanFormats).join('|')})[0-9]{2}`, 'g')

/** Longest printed form: the IBAN with a space after every fourth character. */
export function ibanMaxLength(country: IbanCountry): number {
  const { length } = ibanFormats[country]
  return length + Math.ceil(length / 4) - 1
}

/**
 * A country's IBAN, electronic (`GB29NWBK60161331926819`) or printed in groups of four
 * (`GB29 NWBK 6016 1331 9268 19`). The printed form's characters are checked by `ibanCheck`.
 */
export function ibanPattern(country: IbanCountry): RegExp {
  const { length, bban } = ibanFormats[country]
  const rest = length - 4
  const groups = `(?: [0-9A-Z]{4}){${Math.floor(rest / 4)}}${rest % 4 > 0 ? ` [0-9A-Z]{${rest % 4}}` : ''}`
  return new RegExp(`(?<![0-9A-Za-z])${country}[0-9]{2}(?:${bbanSource(bban)}|${groups})(?![0-9A-Za-z])`, 'g')
}

/**
 * A check that a match is a valid IBAN of the country: exact length and BBAN structure, check
 * digits 02–98 that satisfy ISO 7064 MOD 97-10, the BBAN's national check where it has one, and
 * not every digit the same.
 */
export function ibanCheck(country: IbanCountry): MatchCheck {
  const format: IbanFormat = ibanFormats[country]
  const shape = new RegExp(`^${country}[0-9]{2}${bbanSource(format.bban)}$`)
  return (m) => {
    const s = m.replace(/ /g, '')
    if (!shape.test(s)) return false
    const digits = s.slice(2, 4)
    if (digits < '02' || digits > '98' || !ibanMod97(s)) return false
    const bban = s.slice(4)
    return notAllSameDigit(bban) && (format.check?.(bban) ?? true)
  }
}

/**
 * A check for a country's bank account in either form: an IBAN (`ibanCheck`), or the bare BBAN
 * with its structure, its national check where it has one, and not every digit the same.
 */
export function ibanOrBbanCheck(country: IbanCountry): MatchCheck {
  const format: IbanFormat = ibanFormats[country]
  const isIban = ibanCheck(country)
  const shape = new RegExp(`^${bbanSource(format.bban)}$`)
  return (m) => {
    if (/^[A-Z]{2}[0-9]{2}/.test(m)) return isIban(m)
    return shape.test(m) && notAllSameDigit(m) && (format.check?.(m) ?? true)
  }
}

/**
 * The two ISO 13616 check digits of a country code and BBAN: 98 − (BBAN + code + "00") mod 97.
 * @example
 * ibanCheckDigits('GB', 'NWBK60161331926819') // '29'
 */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(bban + country + '00')).padStart(2, '0')
}

// The example IBAN of each country in the SWIFT IBAN Registry and the ECBS/ISO 13616 examples.
const EXAMPLES = new Set([
  'AD1200012030200359100100', 'AE070331234567890123456', 'AL47212110090000000235698741',
  'BA391290079401028494', 'BG80BNBG96611020345678', 'BR1800360305000010009795493C1',
  'CH9300762011623852957', 'CR05015202001026284066', 'CY17002001280000001200527600',
  'CZ6508000000192000145399', 'DE89370400440532013000', 'DK5000400440116243',
  'DO28BAGR00000001212453611324', 'EE382200221020145685', 'EG380019000500000000263180002',
  'ES9121000418450200051332', 'FI2112345600000785', 'FO6264600001631634',
  'FR1420041010050500013M02606', 'FR7630006000011234567890189', 'GB29NWBK60161331926819',
  'GB82WEST12345698765432', 'GE29NB0000000101904917', 'GL8964710001000206',
  'GR1601101250000000012300695', 'HR1210010051863000160', 'HU42117730161111101800000000',
  'IE29AIBK93115212345678', 'IS140159260076545510730339', 'IT60X0542811101000000123456',
  'JO94CBJO0010000000000131000302', 'LI21088100002324013AA', 'LT121000011101001000',
  'MC5811222000010123456789030', 'ME25505000012345678951', 'MK07250120000058984',
  'MR1300020001010000123456753', 'MT84MALT011000012345MTLCAST001S', 'MU17BOMM0101101030300200000MUR',
  'NL91ABNA0417164300', 'PL61109010140000071219812874', 'PT50000201231234567890154',
  'RS35260005601001611379', 'SE4550000000058398257466', 'SI56263300012039086',
  'SK3112000000198742637541', 'SM86U0322509800000000270100', 'SN08SN0100152000048500003035',
  'TL380080012345678910157', 'TN5910006035183598478831', 'TR330006100519786457841326',
  'UA213223130000026007233566001', 'VG96VPVG0000012345678901', 'XK051212012345678906',
])

const EXAMPLE_BBANS = new Set([...EXAMPLES].map((iban) => iban.slice(4)))

/** True for a documented example IBAN (electronic or printed) or the BBAN inside one. */
export function isExampleAccount(m: string): boolean {
  const s = m.replace(/ /g, '')
  return EXAMPLES.has(s) || EXAMPLE_BBANS.has(s)
}
