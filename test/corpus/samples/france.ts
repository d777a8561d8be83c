// Corpus samples for the French personal and health identifiers.
import { luhn } from '../../../src/detect/validators/luhn.js'
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'
const pad = (n: number, width: number): string => String(n).padStart(width, '0')

function nirKey(thirteen: string): string {
  const body = thirteen.replace(/^(.{5})2A/, '$119').replace(/^(.{5})2B/, '$118')
  return pad(97 - Number(BigInt(body) % 97n), 2)
}

/** The first 13 characters of a NIR: sex, year, month, department (or 2A/2B), commune, order. */
function nirBody(rng: Rng): string {
  const department = rng.pick([pad(rng.pick([rng.int(1, 19), rng.int(21, 95)]), 2), '2A', '2B'])
  return `${rng.int(1, 2)}${rng.digits(2)}${pad(rng.int(1, 12), 2)}${department}${pad(rng.int(1, 999), 3)}${pad(rng.int(1, 999), 3)}`
}

function nir(rng: Rng, spaced: boolean): string {
  const b = nirBody(rng)
  const s = b + nirKey(b)
  return spaced ? `${s[0]} ${s.slice(1, 3)} ${s.slice(3, 5)} ${s.slice(5, 7)} ${s.slice(7, 10)} ${s.slice(10, 13)} ${s.slice(13)}` : s
}

/** An identity card number issued 1988–2021 (YYMM, department and office, serial). */
function oldCard(rng: Rng): string {
  const year = rng.pick([rng.int(88, 99), rng.int(0, 21)])
  return `${pad(year, 2)}${pad(rng.int(1, 12), 2)}${pad(rng.pick([rng.int(1, 19), rng.int(21, 95)]), 2)}${rng.int(0, 9)}${pad(rng.int(1, 99_999), 5)}`
}

/** A 2021 identity card number: nine capitals and digits, at least one of each. */
function newCard(rng: Rng): string {
  return rng.chars(2, LETTERS) + rng.digits(1) + rng.chars(5, ALNUM) + rng.digits(1)
}

/** Changes the last digit when a digit string would pass Luhn (a card number to other identifiers). */
function failLuhn(digits: string): string {
  return luhn(digits) ? digits.slice(0, -1) + ((Number(digits.at(-1)) + 1) % 10) : digits
}

function passport(rng: Rng): string {
  return `${rng.digits(2)}${rng.chars(2, LETTERS)}${pad(rng.int(1, 99_999), 5)}`
}

function drivingLicence(rng: Rng): string {
  return `${rng.digits(2)}${pad(rng.int(1, 12), 2)}${pad(rng.int(1, 95), 2)}${pad(rng.int(1, 999_999), 6)}`
}

/** A numéro fiscal: 13 digits starting 0–3, the last three the first ten mod 511. */
function taxNumber(rng: Rng): string {
  const ten = `${rng.int(0, 3)}${rng.int(1, 9)}${rng.digits(8)}`
  return ten + pad(Number(ten) % 511, 3)
}

/**
 * A French number with a keyword: pairs separated by spaces, dots or dashes, or +33. Numbers
 * starting 01 and 0800 are left out of the national form, where the UK plan reads them too.
 */
function phone(rng: Rng, national: boolean): string {
  const first = rng.pick(['2', '3', '4', '5', '6', '7', '9'])
  const pairs = [rng.int(10, 99), rng.int(10, 99), rng.int(10, 99), rng.int(10, 99)].map(String)
  if (national) {
    const sep = rng.pick([' ', '.', '-'])
    return `0${first}${sep}${pairs.join(sep)}`
  }
  return rng.pick([`+33 ${first} ${pairs.join(' ')}`, `+33 (0)${first} ${pairs.join(' ')}`, `+33${first}${pairs.join('')}`])
}

/** French samples. */
export const franceSamples: readonly IdentifierSamples[] = [
  {
    id: 'FRANCE_NATIONAL_IDENTIFICATION_NUMBER',
    positive: (rng) => {
      const [value, keyword] = rng.pick([
        () => [oldCard(rng), rng.pick(['CNI n°', 'carte nationale d’identité'])],
        () => [newCard(rng), rng.pick(['CNI', 'carte nationale d’identité'])],
        () => [nir(rng, rng.next() < 0.5), rng.pick(['INSEE', 'numéro de sécurité sociale', 'French social security number'])],
      ])()
      return { text: `${keyword} ${value}`, value: value! }
    },
    labelled: (rng) => ({ label: rng.pick(['cni', 'numero_insee', 'national_id_number']), value: rng.pick([oldCard, newCard])(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const b = nirBody(rng)
          return `INSEE ${b}${pad((Number(nirKey(b)) % 97) + 1, 2)}`
        },
        () => `CNI ${rng.digits(2)}${rng.int(13, 19)}${oldCard(rng).slice(4)}`,
        () => `CNI ${rng.chars(9, 'BCDFGHJKLMNPRSTVWXZ')}`,
        () => 'INSEE 2 55 08 14 168 025 38',
        () => `dossier ${oldCard(rng)} clos`,
      ])(),
  },
  {
    id: 'FRANCE_HEALTH_INSURANCE_NUMBER',
    positive: (rng) => {
      const value = nir(rng, rng.next() < 0.6)
      return { text: `${rng.pick(['carte Vitale :', 'Carte vitale n°', 'insurance card'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['carte_vitale', 'numero_carte_vitale', 'insurance_card']), value: nir(rng, false) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const b = nirBody(rng)
          return `carte vitale ${b}${pad((Number(nirKey(b)) % 97) + 1, 2)}`
        },
        () => {
          const b = nirBody(rng)
          const bad = `${b.slice(0, 3)}${rng.int(13, 19)}${b.slice(5)}`
          return `carte vitale ${bad}${nirKey(bad)}`
        },
        () => 'carte vitale 2 55 08 14 168 025 38',
        () => `dossier ${nir(rng, true)} clos`,
      ])(),
  },
  {
    id: 'FRANCE_PASSPORT_NUMBER',
    positive: (rng) => {
      const value = passport(rng)
      return { text: `${rng.pick(['passeport', 'Numéro de passeport :', 'passeport n °'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['passeport', 'numero_passeport', 'NumeroDePasseport']), value: passport(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `passeport ${rng.digits(2)}${rng.chars(2, LETTERS)}00000`,
        () => `passeport ${rng.digits(2)}${rng.chars(1, LETTERS)}${rng.digits(5)}`,
        () => `vol ${passport(rng)} annulé`,
      ])(),
  },
  {
    id: 'FRANCE_DRIVERS_LICENSE',
    positive: (rng) => {
      const value = drivingLicence(rng)
      return { text: `${rng.pick(['permis de conduire', 'Permis de conduire n°', 'numéro du permis de conduire :'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['permis_de_conduire', 'PermisDeConduire', 'numero_permis_de_conduire']), value: drivingLicence(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `permis de conduire ${rng.digits(2)}${rng.int(13, 99)}${rng.digits(8)}`,
        () => `permis de conduire ${rng.digits(2)}${pad(rng.int(1, 12), 2)}00${rng.digits(6)}`,
        () => `dossier ${drivingLicence(rng)} clos`,
      ])(),
  },
  {
    id: 'FRANCE_TAX_IDENTIFICATION_NUMBER',
    positive: (rng) => {
      const v = taxNumber(rng)
      return rng.pick([
        () => ({ text: `${rng.pick(['tax number', 'TIN', 'tax id'])} ${v}`, value: v }),
        () => {
          const value = `${v.slice(0, 2)} ${v.slice(2, 4)} ${v.slice(4, 7)} ${v.slice(7, 10)} ${v.slice(10)}`
          return { text: `numéro d'identification fiscal : ${value}`, value }
        },
      ])()
    },
    labelled: (rng) => ({ label: rng.pick(['tax_id', 'tin', 'TaxNumber']), value: taxNumber(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const v = taxNumber(rng)
          return `numéro d'identification fiscal ${v.slice(0, 10)}${pad((Number(v.slice(10)) + rng.int(1, 9)) % 511, 3)}`
        },
        () => "numéro d'identification fiscal 30 23 217 600 053",
        () => `numéro d'identification fiscal ${failLuhn(`${rng.int(4, 9)}${taxNumber(rng).slice(1)}`)}`,
        () => `dossier ${failLuhn(taxNumber(rng))} clos`,
      ])(),
  },
  {
    id: 'FRANCE_PHONE_NUMBER',
    positive: (rng) => {
      // A national number has other countries' shapes too: a French cue says whose it is.
      const national = rng.next() < 0.4
      const value = phone(rng, national)
      return { text: `${national ? 'Numéro en France, ' : ''}${rng.pick(['Tel :', 'mobile', 'fax', 'contact'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['telephone', 'phone_number', 'mobile']), value: phone(rng, false) }),
    negative: (rng) =>
      rng.pick([
        () => `+33 1 99 00 ${rng.int(10, 99)} ${rng.int(10, 99)}`,
        () => `+33 6 39 98 ${rng.int(10, 99)} ${rng.int(10, 99)}`,
        () => `ref ${phone(rng, true)}`,
      ])(),
  },
]
