// Corpus samples for the Argentine, Chilean, Colombian and Mexican personal identifiers.
import { luhnCheckDigit } from '../../../src/detect/validators/luhn.js'
import { cuitCheckDigit, curpCheckDigit, nitCheckDigit, rfcCheckDigit, rutVerifier } from '../../../src/detect/validators/latin-america-ids.js'
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const CONSONANTS = 'BCDFGHJKLMNPQRSTVWXYZ'
const STATES = ['AS', 'BC', 'CH', 'DF', 'GT', 'JC', 'MC', 'MN', 'NL', 'OC', 'PL', 'QT', 'SP', 'VZ', 'YN', 'NE']
const RFC_CHECKS = '0123456789A'

function dotted(d: string): string {
  return d.replace(/\B(?=(?:[0-9]{3})+$)/g, '.')
}

function dniDigits(rng: Rng): string {
  return String(rng.int(10_000_000, 95_999_998))
}

function dni(rng: Rng): string {
  const d = dniDigits(rng)
  return rng.pick([d, dotted(d)])
}

function cuit(rng: Rng, prefixes: readonly string[]): string {
  for (;;) {
    const ten = `${rng.pick(prefixes)}${dniDigits(rng)}`
    const c = cuitCheckDigit(ten)
    if (c === undefined) continue
    return rng.pick([`${ten.slice(0, 2)}-${ten.slice(2)}-${c}`, `${ten}${c}`])
  }
}

function wrongCuit(rng: Rng, prefixes: readonly string[]): string {
  for (;;) {
    const ten = `${rng.pick(prefixes)}${dniDigits(rng)}`
    const c = cuitCheckDigit(ten)
    if (c === undefined) continue
    return `${ten.slice(0, 2)}-${ten.slice(2)}-${(c + rng.int(1, 9)) % 10}`
  }
}

function sube(rng: Rng): string {
  const body = `6061${rng.digits(11)}`
  const v = `${body}${luhnCheckDigit(body)}`
  const sep = rng.pick([' ', '-', ''])
  return [v.slice(0, 4), v.slice(4, 8), v.slice(8, 12), v.slice(12)].join(sep)
}

function rut(rng: Rng): string {
  const body = String(rng.pick([rng.int(5_000_000, 26_999_999), rng.int(60_000_000, 99_999_999)]))
  return `${rng.pick([body, dotted(body)])}-${rutVerifier(body)}`
}

function cedula(rng: Rng): string {
  return String(rng.pick([rng.int(10_000_000, 99_999_999), rng.int(1_000_000_000, 1_199_999_999)]))
}

function nit(base: string, rng: Rng): string {
  return `${rng.pick([base, dotted(base)])}-${nitCheckDigit(base)}`
}

function yymmdd(rng: Rng, from: number, to: number): string {
  const year = rng.int(from, to)
  return `${String(year % 100).padStart(2, '0')}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`
}

function curpBody(rng: Rng): string {
  const year = rng.int(1950, 2015)
  const date = `${String(year % 100).padStart(2, '0')}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`
  const differentiator = year < 2000 ? rng.digits(1) : rng.chars(1, LETTERS)
  return `${rng.chars(1, LETTERS)}${rng.chars(1, 'AEIOU')}${rng.chars(2, LETTERS)}${date}${rng.pick(['H', 'M'])}${rng.pick(STATES)}${rng.chars(3, CONSONANTS)}${differentiator}`
}

function curp(rng: Rng): string {
  const body = curpBody(rng)
  return `${body}${curpCheckDigit(body)}`
}

function rfcBody(rng: Rng, letters: number): string {
  return `${rng.chars(letters, LETTERS)}${yymmdd(rng, 1950, 2020)}${rng.chars(2, `${LETTERS}123456789`)}`
}

function rfc(rng: Rng, letters: number): string {
  const body = rfcBody(rng, letters)
  const v = `${body}${rfcCheckDigit(body)}`
  if (v === 'XAXX010101000' || v === 'XEXX010101000') return rfc(rng, letters)
  return rng.pick([v, `${v.slice(0, letters)}-${v.slice(letters, letters + 6)}-${v.slice(letters + 6)}`])
}

function wrongRfc(rng: Rng, letters: number): string {
  const body = rfcBody(rng, letters)
  const right = RFC_CHECKS.indexOf(rfcCheckDigit(body))
  return `${body}${RFC_CHECKS[(right + rng.int(1, 10)) % 11]}`
}

/** Argentine, Chilean, Colombian and Mexican samples. */
export const latinAmericaSamples: readonly IdentifierSamples[] = [
  {
    id: 'ARGENTINA_DNI_NUMBER',
    positive: (rng) => {
      const value = dni(rng)
      return { text: `${rng.pick(['DNI:', 'DNI', 'D.N.I.', 'Documento Nacional de Identidad'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['dni', 'titular_dni', 'DNI']), value: dni(rng) }),
    negative: (rng) => rng.pick(['DNI 99.999.999', 'DNI 99999999', 'DNI 00.000.000', `DNI ${rng.int(1_000, 99_999)}`]),
  },
  {
    id: 'ARGENTINA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER',
    positive: (rng) => {
      const value = cuit(rng, ['20', '23', '24', '27'])
      return { text: `${rng.pick(['CUIL:', 'CUIL', 'C.U.I.L', 'cuit del titular'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['cuil', 'empleado_cuil', 'CUIL']), value: cuit(rng, ['20', '23', '27']) }),
    negative: (rng) => rng.pick([() => `CUIL ${wrongCuit(rng, ['20', '27'])}`, () => 'CUIL 20-12345678-6'])(),
  },
  {
    id: 'ARGENTINA_ORGANIZATION_TAX_IDENTIFICATION_NUMBER',
    positive: (rng) => {
      const value = cuit(rng, ['30', '33', '34'])
      return { text: `${rng.pick(['CUIT:', 'CUIT de la empresa', 'C.U.I.T'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['cuit', 'proveedor_cuit', 'CUIT']), value: cuit(rng, ['30', '33']) }),
    negative: (rng) => rng.pick([() => `CUIT ${wrongCuit(rng, ['30', '33'])}`, () => 'CUIT 30-12345678-1'])(),
  },
  {
    id: 'ARGENTINA_TARJETA_SUBE',
    positive: (rng) => {
      const value = sube(rng)
      return { text: `${rng.pick(['SUBE:', 'tarjeta SUBE', 'Sistema Único de Boleto Electrónico'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['sube', 'tarjeta_sube', 'SUBE']), value: sube(rng) }),
    negative: (rng) => {
      const v = sube(rng).replace(/[ -]/g, '')
      return `SUBE ${v.slice(0, 15)}${(Number(v[15]) + rng.int(1, 9)) % 10}`
    },
  },
  {
    id: 'CHILE_RUT_NUMBER',
    positive: (rng) => {
      const value = rut(rng)
      return { text: `${rng.pick(['RUT:', 'RUT', 'R.U.T.', 'RUN', 'Rol Único Tributario'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['rut', 'cliente_rut', 'RUN']), value: rut(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const body = String(rng.int(5_000_000, 26_999_999))
          const right = '0123456789K'.indexOf(rutVerifier(body))
          return `RUT ${dotted(body)}-${'0123456789K'[(right + rng.int(1, 10)) % 11]}`
        },
        () => 'RUT 00.000.000-0',
        () => 'RUT 11.111.111-1',
      ])(),
  },
  {
    id: 'COLOMBIA_CITIZENSHIP_CARD_NUMBER',
    positive: (rng) => {
      const value = rng.pick([(c: string) => c, dotted])(cedula(rng))
      return { text: `${rng.pick(['cédula de ciudadanía', 'Cédula de Ciudadanía No.', 'documento de identificación'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['cédula_de_ciudadanía', 'documento_de_identificación']), value: cedula(rng) }),
    negative: (rng) => rng.pick(['cédula de ciudadanía 11.111.111', `cédula de ciudadanía ${rng.int(1_000, 99_999)}`, `cédula de ciudadanía 2${rng.digits(9)}`]),
  },
  {
    id: 'COLOMBIA_INDIVIDUAL_NIT_NUMBER',
    positive: (rng) => {
      const value = nit(cedula(rng), rng)
      return { text: `${rng.pick(['NIT', 'NIT:', 'nit#', 'N.I.T.'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['nit', 'cliente_nit', 'NIT']), value: nit(cedula(rng), rng) }),
    negative: (rng) => {
      const base = cedula(rng)
      return `NIT ${dotted(base)}-${(nitCheckDigit(base) + rng.int(1, 9)) % 10}`
    },
  },
  {
    id: 'COLOMBIA_ORGANIZATION_NIT_NUMBER',
    positive: (rng) => {
      const value = nit(String(rng.int(800_000_000, 999_999_999)), rng)
      return { text: `${rng.pick(['NIT', 'NIT:', 'nit de la empresa', 'N.I.T.'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['nit', 'proveedor_nit', 'NIT']), value: nit(String(rng.int(800_000_000, 999_999_999)), rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const base = String(rng.int(800_000_000, 999_999_999))
          return `NIT ${dotted(base)}-${(nitCheckDigit(base) + rng.int(1, 9)) % 10}`
        },
        () => 'NIT 900.123.456-8',
      ])(),
  },
  {
    id: 'MEXICO_CURP_NUMBER',
    positive: (rng) => {
      const value = curp(rng)
      return { text: `${rng.pick(['CURP:', 'CURP', 'Clave Única de Registro de Población'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['curp', 'empleado_curp', 'CURP']), value: curp(rng) }),
    negative: (rng) => {
      const body = curpBody(rng)
      return `CURP ${body}${(Number(curpCheckDigit(body)) + rng.int(1, 9)) % 10}`
    },
  },
  {
    id: 'MEXICO_INDIVIDUAL_RFC_NUMBER',
    positive: (rng) => {
      const value = rfc(rng, 4)
      return { text: `${rng.pick(['RFC:', 'RFC', 'R.F.C.', 'Registro Federal de Contribuyentes'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['rfc', 'cliente_rfc', 'RFC']), value: rfc(rng, 4) }),
    negative: (rng) => rng.pick([() => `RFC ${wrongRfc(rng, 4)}`, () => 'RFC XAXX010101000', () => 'RFC XEXX010101000'])(),
  },
  {
    id: 'MEXICO_ORGANIZATION_RFC_NUMBER',
    positive: (rng) => {
      const value = rfc(rng, 3)
      return { text: `${rng.pick(['RFC:', 'RFC de la empresa', 'rfc#'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['rfc', 'proveedor_rfc', 'RFC']), value: rfc(rng, 3) }),
    negative: (rng) => `RFC ${wrongRfc(rng, 3)}`,
  },
]
