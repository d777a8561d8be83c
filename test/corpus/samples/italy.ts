// Corpus samples for the Italian personal identifiers.
import { codiceFiscaleCheckChar } from '../../../src/detect/validators/italy-codice-fiscale.js'
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const OMOCODIA = 'LMNPQRSTUV'

function otherLetter(rng: Rng, c: string): string {
  return LETTERS[(LETTERS.indexOf(c) + rng.int(1, 25)) % 26]!
}

/** The first 15 characters of a codice fiscale; `omocodic` digits (from the right) become letters. */
function codiceFiscaleBody(rng: Rng, day: number, omocodic = 0): string {
  const chars = [
    ...rng.chars(6, LETTERS),
    ...rng.digits(2),
    rng.pick([...'ABCDEHLMPRST']),
    ...String(rng.pick([day, day + 40])).padStart(2, '0'),
    rng.pick([...'ABCDEFGHILMZ']),
    ...String(rng.int(1, 999)).padStart(3, '0'),
  ]
  const positions = [14, 13, 12, 10, 9, 7, 6]
  for (const p of positions.slice(0, omocodic)) chars[p] = OMOCODIA[Number(chars[p])]!
  return chars.join('')
}

function codiceFiscale(rng: Rng): string {
  const body = codiceFiscaleBody(rng, rng.int(1, 28), rng.pick([0, 0, 0, 1, 2]))
  return body + codiceFiscaleCheckChar(body)
}

function passport(rng: Rng): string {
  return rng.chars(2, LETTERS) + rng.int(1_000_000, 9_999_999)
}

const PROVINCES = ['RM', 'MI', 'TO', 'NA', 'PA', 'GE', 'BO', 'FI', 'BA', 'VE', 'VR', 'PD', 'CA', 'TS', 'PG']

function driversLicense(rng: Rng): string {
  return rng.pick([
    () => rng.pick(PROVINCES) + rng.int(1_000_000, 9_999_999) + rng.chars(1, LETTERS),
    () => `U1${rng.int(1_000_000, 9_999_999)}${rng.chars(1, LETTERS)}`,
    () => `U1${rng.digits(3)}${rng.chars(1, 'BCDEFGHJKLMNPRSTUVWXYZ')}${rng.int(100, 999)}${rng.chars(1, LETTERS)}`,
  ])()
}

/** A +39 number: a mobile (3, then 8–9 digits) or a Rome or Milan landline. */
function phone(rng: Rng): string {
  return rng.pick([
    () => `+39 3${rng.int(20, 99)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`,
    () => `+393${rng.int(20, 99)}${rng.int(1_000_000, 9_999_999)}`,
    () => `+39 0${rng.pick(['6', '2'])} ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`,
    () => `+39-3${rng.int(20, 99)}-${rng.int(100_000, 999_999)}`,
  ])()
}

/** Italian samples. */
export const italySamples: readonly IdentifierSamples[] = [
  {
    id: 'ITALY_NATIONAL_IDENTIFICATION_NUMBER',
    positive: (rng) => {
      const value = codiceFiscale(rng)
      return { text: `${rng.pick(['Codice fiscale:', 'codice fiscale', 'Tessera sanitaria n.', 'tax code'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['codice_fiscale', 'CodiceFiscale', 'tax_code', 'tessera_sanitaria']), value: codiceFiscale(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const body = codiceFiscaleBody(rng, rng.int(1, 28))
          return `codice fiscale ${body}${otherLetter(rng, codiceFiscaleCheckChar(body))}`
        },
        () => {
          const body = codiceFiscaleBody(rng, rng.int(32, 40))
          return `codice fiscale ${body}${codiceFiscaleCheckChar(body)}`
        },
        () => `pratica ${codiceFiscale(rng)} archiviata`,
        () => 'codice fiscale RSSMRA85T10A562S',
      ])(),
  },
  {
    id: 'ITALY_PASSPORT_NUMBER',
    positive: (rng) => {
      const value = passport(rng)
      return { text: `${rng.pick(['Passaporto n.', 'passaporto numero', 'Repubblica Italiana passaporto'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['passaporto', 'numero_passaporto', 'PassaportoNumero']), value: passport(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `passaporto ${rng.chars(2, LETTERS)}0000000`,
        () => `passaporto ${rng.chars(2, LETTERS)}${rng.digits(5)}`,
        () => `pratica ${passport(rng)} archiviata`,
      ])(),
  },
  {
    id: 'ITALY_DRIVERS_LICENSE',
    positive: (rng) => {
      const value = driversLicense(rng)
      return { text: `${rng.pick(['Patente di guida n.', 'patente guida numero', 'patente di guida:'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['patente_di_guida', 'patente_guida', 'PatenteGuida']), value: driversLicense(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `patente di guida XX${rng.int(1_000_000, 9_999_999)}${rng.chars(1, LETTERS)}`,
        () => `patente di guida ${rng.pick(PROVINCES)}${rng.int(100_000, 999_999)}`,
        () => `pratica ${driversLicense(rng)} archiviata`,
      ])(),
  },
  {
    id: 'ITALY_PHONE_NUMBER',
    // The +39 form needs no keyword; a bare national number next to "phone" would also have the
    // shape of other countries' numbers.
    positive: (rng) => {
      const value = phone(rng)
      return { text: rng.pick([`Chiamare il ${value} dopo le 18`, `Recapito: ${value}`, `Per informazioni ${value}`]), value }
    },
    labelled: (rng) => ({ label: rng.pick(['phone', 'telephone_number', 'mobile', 'fax']), value: phone(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `Recapito: +39 2${rng.int(10, 99)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`,
        () => `ordine 3${rng.int(20, 99)}${rng.int(1_000_000, 9_999_999)} spedito`,
        () => `Recapito: +39 3${rng.int(20, 99)} ${rng.int(10, 99)}`,
      ])(),
  },
]
