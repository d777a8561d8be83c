// Corpus samples for the Spanish personal identifiers.
import { cifControlDigit, nafCheckDigits, spainControlLetter } from '../../../src/detect/validators/spain-ids.js'
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const CONTROL = 'TRWAGMYFPDXBNJZSQVHLCKE'

function wrongLetter(rng: Rng, right: string): string {
  return CONTROL[(CONTROL.indexOf(right) + rng.int(1, 22)) % 23]!
}

function dniDigits(rng: Rng): string {
  return String(rng.int(1_000_000, 99_999_998)).padStart(8, '0')
}

function dni(rng: Rng): string {
  const d = dniDigits(rng)
  const letter = spainControlLetter(Number(d))
  return rng.pick([`${d}${letter}`, `${d}-${letter}`, `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5)}-${letter}`])
}

function nie(rng: Rng): string {
  const prefix = rng.pick(['X', 'Y', 'Z'])
  const d = String(rng.int(100_000, 9_999_998)).padStart(7, '0')
  const letter = spainControlLetter(Number(String('XYZ'.indexOf(prefix)) + d))
  return rng.pick([`${prefix}${d}${letter}`, `${prefix}-${d}-${letter}`])
}

function klmNif(rng: Rng): string {
  const d = String(rng.int(100_000, 9_999_998)).padStart(7, '0')
  return `${rng.pick(['K', 'L', 'M'])}${d}${spainControlLetter(Number(d))}`
}

function cif(rng: Rng): string {
  const letter = rng.pick([...'ABCDEFGHJNPQRSUVW'])
  const d = String(rng.int(1_000_000, 9_999_998))
  const c = cifControlDigit(d)
  const control = 'NPQRSW'.includes(letter) ? 'JABCDEFGHI'[c]! : String(c)
  return rng.pick([`${letter}${d}${control}`, `${letter}-${d}${control}`])
}

function naf(rng: Rng): string {
  const province = rng.int(1, 52)
  const n = rng.int(100_000, 99_999_998)
  const p = String(province).padStart(2, '0')
  const num = String(n).padStart(8, '0')
  const check = nafCheckDigits(province, n)
  // Separated forms: twelve bare digits next to "seguridad social" can also read as a French
  // 1988–2021 identity card number.
  return rng.pick([`${p}/${num}/${check}`, `${p} ${num} ${check}`])
}

function passport(rng: Rng): string {
  return rng.pick([() => `${rng.chars(3, LETTERS)}${rng.int(100_000, 999_999)}`, () => `${rng.chars(2, LETTERS)}${rng.int(100_000, 999_999)}`])()
}

/** A +34 number: a mobile (6 or 7) or a geographic number (9). */
function phone(rng: Rng): string {
  return rng.pick([
    () => `+34 6${rng.int(10, 99)} ${rng.int(100, 999)} ${rng.int(100, 999)}`,
    () => `+34 9${rng.int(1, 8)} ${rng.int(100, 999)} ${rng.int(10, 99)} ${rng.int(10, 99)}`,
    () => `+347${rng.int(10_000_000, 49_999_999)}`,
    () => `+34-6${rng.int(10, 99)}-${rng.int(100_000, 999_999)}`,
  ])()
}

/** Spanish samples. */
export const spainSamples: readonly IdentifierSamples[] = [
  {
    id: 'SPAIN_DNI_NUMBER',
    positive: (rng) => {
      const value = dni(rng)
      return { text: `${rng.pick(['DNI:', 'DNI', 'dni#', 'Documento Nacional de Identidad'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['dni', 'cliente_dni', 'DNI']), value: dni(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const d = dniDigits(rng)
          return `DNI ${d}${wrongLetter(rng, spainControlLetter(Number(d)))}`
        },
        () => 'DNI 00000000T',
        () => 'DNI 99999999R',
        () => `pedido ${dni(rng)} enviado`,
      ])(),
  },
  {
    id: 'SPAIN_NIE_NUMBER',
    positive: (rng) => {
      const value = nie(rng)
      return { text: `${rng.pick(['NIE:', 'NIE', 'Número de identidad de extranjero'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['nie', 'cliente_nie', 'NIE']), value: nie(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const d = String(rng.int(100_000, 9_999_998)).padStart(7, '0')
          return `NIE X${d}${wrongLetter(rng, spainControlLetter(Number(d)))}`
        },
        () => 'NIE X0000000T',
        () => `pedido ${nie(rng)} enviado`,
      ])(),
  },
  {
    id: 'SPAIN_NIF_NUMBER',
    positive: (rng) => {
      const value = rng.pick([klmNif, dni])(rng)
      return { text: `${rng.pick(['NIF:', 'NIF', 'Número de identificación fiscal'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['nif', 'titular_nif', 'NIF']), value: klmNif(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const d = String(rng.int(100_000, 9_999_998)).padStart(7, '0')
          return `NIF K${d}${wrongLetter(rng, spainControlLetter(Number(d)))}`
        },
        () => 'NIF 12345678Z',
        () => `pedido ${klmNif(rng)} enviado`,
      ])(),
  },
  {
    id: 'SPAIN_TAX_IDENTIFICATION_NUMBER',
    positive: (rng) => {
      const value = cif(rng)
      return { text: `${rng.pick(['CIF:', 'CIF', 'cif número', 'Tax ID'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['cif', 'empresa_cif', 'CIF']), value: cif(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const d = String(rng.int(1_000_000, 9_999_998))
          return `CIF B${d}${(cifControlDigit(d) + rng.int(1, 9)) % 10}`
        },
        () => 'CIF A58818501',
        () => `pedido ${cif(rng)} enviado`,
      ])(),
  },
  {
    id: 'SPAIN_SOCIAL_SECURITY_NUMBER',
    positive: (rng) => {
      const value = naf(rng)
      return { text: `${rng.pick(['Número de la Seguridad Social:', 'número de la seguridad social', 'SSN#'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['ssn', 'empleado_ssn', 'social_security_number']), value: naf(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const province = rng.int(1, 52)
          const n = rng.int(10_000_000, 99_999_998)
          const check = (Number(nafCheckDigits(province, n)) + rng.int(1, 96)) % 97
          return `número de la seguridad social ${String(province).padStart(2, '0')}/${n}/${String(check).padStart(2, '0')}`
        },
        () => 'número de la seguridad social 28/12345678/40',
        () => `expediente ${naf(rng).replace(/[ /]/g, '/')} archivado`,
      ])(),
  },
  {
    id: 'SPAIN_PASSPORT_NUMBER',
    positive: (rng) => {
      const value = passport(rng)
      return { text: `${rng.pick(['Pasaporte:', 'número pasaporte', 'España pasaporte'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['pasaporte', 'numero_pasaporte', 'Pasaporte']), value: passport(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `pasaporte ${rng.chars(3, LETTERS)}000000`,
        () => `pasaporte ${rng.chars(1, LETTERS)}${rng.int(10_000, 99_999)}`,
        () => `reserva ${passport(rng)} confirmada`,
      ])(),
  },
  {
    id: 'SPAIN_DRIVERS_LICENSE',
    positive: (rng) => {
      const value = rng.pick([dni, nie])(rng)
      return { text: `${rng.pick(['Permiso de conducción:', 'carnet de conducir', 'licencia de manejo'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['permiso_de_conducir', 'carnet_de_conducir', 'licencia_de_manejo']), value: dni(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const d = dniDigits(rng)
          return `permiso de conducción ${d}${wrongLetter(rng, spainControlLetter(Number(d)))}`
        },
        () => 'permiso de conducción 12345678Z',
        () => `pedido ${nie(rng)} enviado`,
      ])(),
  },
  {
    id: 'SPAIN_PHONE_NUMBER',
    // The +34 form needs no keyword; a bare national number next to "phone" would also have the
    // shape of other countries' numbers.
    positive: (rng) => {
      const value = phone(rng)
      return { text: rng.pick([`Llamar al ${value} por la tarde`, `Contacto: ${value}`, `Atención al cliente ${value}`]), value }
    },
    labelled: (rng) => ({ label: rng.pick(['phone', 'telephone_number', 'mobile', 'fax']), value: phone(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `Llamar al +34 5${rng.int(10, 99)} ${rng.int(100, 999)} ${rng.int(100, 999)}`,
        () => `pedido 6${rng.int(10_000_000, 99_999_999)} enviado`,
        () => `Llamar al +34 6${rng.int(10, 99)} ${rng.int(100, 999)}`,
      ])(),
  },
]
