// Corpus samples for the German personal identifiers.
import { icaoCheckDigit } from '../../../src/detect/validators/germany-document-number.js'
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

/** Letters of German document numbers: no vowels, B, D, Q or S. */
const DOC_LETTERS = 'CFGHJKLMNPRTVWXYZ'
const DOC_ALPHABET = `${DOC_LETTERS}0123456789`
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** Eight document characters with at least one digit, as authority codes carry. */
function docTail(rng: Rng): string {
  return `${rng.int(0, 9)}${rng.chars(7, DOC_ALPHABET)}`
}

function idCard(rng: Rng): string {
  const serial = rng.chars(1, 'LMNPRTVWXY') + docTail(rng)
  return serial + icaoCheckDigit(serial)
}

function passportSerial(rng: Rng): string {
  return rng.chars(1, 'CFGHJK') + docTail(rng)
}

function passport(rng: Rng): string {
  const serial = passportSerial(rng)
  return rng.pick([serial, serial + icaoCheckDigit(serial)])
}

function licenceCheck(nine: string): string {
  let sum = 0
  for (let i = 0; i < 9; i++) {
    const c = nine.charCodeAt(i)
    sum += (c <= 57 ? c - 48 : c - 55) * (9 - i)
  }
  return '0123456789X'[sum % 11]!
}

/** A card licence number: authority code, serial, check character, issue number. */
function licence(rng: Rng): string {
  const nine = `${rng.chars(1, LETTERS)}${rng.digits(3)}${rng.chars(5, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789')}`
  return nine + licenceCheck(nine) + rng.int(1, 9)
}

function mod1110(ten: string): number {
  let product = 10
  for (const c of ten) {
    let sum = (Number(c) + product) % 10
    if (sum === 0) sum = 10
    product = (sum * 2) % 11
  }
  const check = 11 - product
  return check === 10 ? 0 : check
}

/** A Steuer-ID: ten digits with exactly one digit twice or three times, then the check digit. */
function taxId(rng: Rng): string {
  const digits = '0123456789'.split('')
  for (let i = digits.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    ;[digits[i], digits[j]] = [digits[j]!, digits[i]!]
  }
  const repeats = rng.int(2, 3)
  const chosen = digits.slice(0, 10 - repeats + 1)
  const ten = [...chosen, ...Array<string>(repeats - 1).fill(chosen[1]!)]
  for (let i = ten.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    ;[ten[i], ten[j]] = [ten[j]!, ten[i]!]
  }
  const lead = ten.findIndex((d) => d !== '0')
  ;[ten[0], ten[lead]] = [ten[lead]!, ten[0]!]
  const body = ten.join('')
  return body + mod1110(body)
}

/**
 * A German number: +49, or a national number in an area (040, 069, 089, 0211, 0221, 0351, 0511)
 * or mobile form (11 digits after the 0) that the UK and French plans do not also accept.
 */
function phone(rng: Rng, national: boolean): string {
  const [area, sub] = rng.pick([
    () => [rng.pick(['40', '69', '89']), String(rng.int(2_000_000, 99_999_999))],
    () => [rng.pick(['211', '221', '351', '511']), String(rng.int(200_000, 9_999_999))],
    () => [rng.pick(['151', '152', '157', '160', '162', '170', '172', '176']), String(rng.int(20_000_000, 99_999_999))],
  ])() as [string, string]
  if (national) return rng.pick([`0${area} ${sub}`, `(0${area}) ${sub}`, `0${area}/${sub}`, `0${area} ${sub.slice(0, 4)} ${sub.slice(4)}`])
  // `(0)` and unspaced forms only with two-digit areas: behind `(0)` a three-digit area and a
  // seven-digit number read as a NANP number, and 13 unspaced digits can pass Luhn.
  if (area.length === 2) return rng.pick([`+49 ${area} ${sub}`, `+49 (0)${area} ${sub}`, `+49${area}${sub}`])
  return rng.pick([`+49 ${area} ${sub}`, `+49 ${area} ${sub.slice(0, 4)} ${sub.slice(4)}`])
}

/** German samples. */
export const germanySamples: readonly IdentifierSamples[] = [
  {
    id: 'GERMANY_NATIONAL_IDENTIFICATION_NUMBER',
    positive: (rng) => {
      const value = idCard(rng)
      return { text: `${rng.pick(['Ausweisnummer:', 'Personalausweis', 'Personalausweis-Nr.'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['ausweisnummer', 'personalausweis', 'personal_id']), value: idCard(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const v = idCard(rng)
          return `Ausweisnummer ${v.slice(0, 9)}${(Number(v[9]) + rng.int(1, 9)) % 10}`
        },
        () => `Ausweisnummer ${rng.chars(1, 'LMNPRTVWXY')}${docTail(rng)}`,
        () => 'Ausweisnummer L01X00T471',
        () => `Sendung ${idCard(rng)} zugestellt`,
      ])(),
  },
  {
    id: 'GERMANY_PASSPORT_NUMBER',
    positive: (rng) => {
      const value = passport(rng)
      return { text: `${rng.pick(['Reisepass:', 'Reisepassnummer', 'Reisepass-Nr.'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['reisepassnummer', 'reisepass', 'ReisepassNummer']), value: passport(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const s = passportSerial(rng)
          return `Reisepass ${s}${(icaoCheckDigit(s) + rng.int(1, 9)) % 10}`
        },
        () => `Reisepass ${rng.chars(9, DOC_LETTERS)}`,
        () => 'Reisepass C01X0006H',
        () => `Vorgang ${passport(rng)} angelegt`,
      ])(),
  },
  {
    id: 'GERMANY_DRIVERS_LICENSE',
    positive: (rng) => {
      const value = licence(rng)
      return { text: `${rng.pick(['Führerscheinnummer:', 'Führerschein', 'Fuehrerschein-Nr.'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['fuehrerscheinnummer', 'fuehrerschein', 'Führerscheinnummer']), value: licence(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const v = licence(rng)
          const wrong = '0123456789X'[('0123456789X'.indexOf(v[9]!) + rng.int(1, 10)) % 11]!
          return `Führerscheinnummer ${v.slice(0, 9)}${wrong}${v[10]}`
        },
        () => `Führerscheinnummer ${licence(rng).slice(0, 10)}0`,
        () => 'Führerscheinnummer B072RRE2I55',
        () => `Auftrag ${licence(rng)} erledigt`,
      ])(),
  },
  {
    id: 'GERMANY_TAX_IDENTIFICATION_NUMBER',
    positive: (rng) => {
      const v = taxId(rng)
      const value = rng.pick([v, `${v.slice(0, 2)} ${v.slice(2, 5)} ${v.slice(5, 8)} ${v.slice(8)}`])
      return { text: `${rng.pick(['Steuer-ID:', 'Steueridentifikationsnummer', 'Identifikationsnummer'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['steuer_id', 'steueridentifikationsnummer', 'SteuerId']), value: taxId(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const v = taxId(rng)
          return `Steuer-ID ${v.slice(0, 10)}${(Number(v[10]) + rng.int(1, 9)) % 10}`
        },
        () => 'Steuer-ID 36 574 261 809',
        () => `Steuer-ID 0${taxId(rng).slice(1)}`,
        () => `Rechnung ${taxId(rng)} beglichen`,
      ])(),
  },
  {
    id: 'GERMANY_PHONE_NUMBER',
    positive: (rng) => {
      // A national number has other countries' shapes too: a German cue says whose it is.
      const national = rng.next() < 0.4
      const value = phone(rng, national)
      return { text: `${national ? 'Festnetz Deutschland, ' : ''}${rng.pick(['Tel.', 'Tel:', 'mobile', 'Fax', 'phone'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['phone', 'telephone_number', 'mobile']), value: phone(rng, false) }),
    negative: (rng) =>
      rng.pick([
        () => `+49 30 23125${rng.digits(3)}`,
        () => `+49 176 040690${rng.digits(2)}`,
        () => `+49 900 ${rng.digits(7)}`,
        () => `Ref ${phone(rng, true)}`,
      ])(),
  },
]
