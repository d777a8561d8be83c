// Corpus samples for the medical device and European health insurance identifiers.
import { HETU_CHECK, hibcCheckCharacter } from '../../../src/detect/validators/health-ids.js'
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

const UPPER = 'ABCDEFGHJKLMNPRSTUVWXYZ'
const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'
const pad = (n: number, width: number): string => String(n).padStart(width, '0')

function gs1Check(body: string): number {
  let sum = 0
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += Number(body[i]) * w
  return (10 - (sum % 10)) % 10
}

/** A GTIN-14 with a valid check digit; `wrong` shifts the check digit. */
function gtin(rng: Rng, wrong = false): string {
  const body = `${rng.int(0, 1)}${rng.int(1, 8)}${rng.digits(11)}`
  return body + ((gs1Check(body) + (wrong ? rng.int(1, 9) : 0)) % 10)
}

const gs1Date = (rng: Rng): string => `${pad(rng.int(24, 35), 2)}${pad(rng.int(1, 12), 2)}${pad(rng.int(1, 28), 2)}`

function gs1Udi(rng: Rng, wrong = false): string {
  const g = gtin(rng, wrong)
  return rng.pick([
    () => `(01)${g}(17)${gs1Date(rng)}(10)${rng.chars(rng.int(4, 8), ALNUM)}`,
    () => `(01)${g}(11)${gs1Date(rng)}(21)${rng.chars(rng.int(5, 10), ALNUM)}`,
    () => `(01) ${g} (17) ${gs1Date(rng)}`,
    () => `01${g}17${gs1Date(rng)}10${rng.chars(rng.int(4, 8), ALNUM)}`,
  ])()
}

/** A HIBC primary (or primary/secondary) structure whose check character is a letter or digit. */
function hibcUdi(rng: Rng, wrong = false): string {
  for (;;) {
    const primary = `+${rng.chars(1, UPPER)}${rng.digits(3)}${rng.chars(rng.int(4, 10), ALNUM)}${rng.int(0, 9)}`
    const data = rng.int(0, 1) === 0 ? primary : `${primary}/$$${pad(rng.int(1, 12), 2)}${pad(rng.int(25, 35), 2)}${rng.chars(rng.int(4, 8), ALNUM)}`
    const check = hibcCheckCharacter(data)!
    if (!/[0-9A-Z]/.test(check) || data.startsWith('+A123')) continue
    if (!wrong) return data + check
    const other = ALNUM[(ALNUM.indexOf(check) + rng.int(1, ALNUM.length - 1)) % ALNUM.length]!
    if (other !== check) return data + other
  }
}

function isbtUdi(rng: Rng): string {
  const fin = `${rng.chars(1, 'BCDEFGHJKLMN')}${rng.digits(4)}`
  const ppic = `=/${fin}${rng.chars(6, ALNUM)}${rng.pick(['T', 'S', 'V'])}${rng.digits(4)}`
  return rng.pick([ppic, `${ppic}=,${pad(rng.int(1, 999), 6)}`])
}

function udi(rng: Rng): string {
  return rng.pick([gs1Udi, hibcUdi, isbtUdi])(rng)
}

const EHIC_COUNTRIES = ['040', '056', '203', '208', '246', '250', '276', '380', '528', '616', '724', '752', '756']

function ehic(rng: Rng, country = rng.pick(EHIC_COUNTRIES)): string {
  const v = `80${country}${rng.int(10000, 99999)}${rng.digits(10)}`
  return rng.pick([v, `${v.slice(0, 5)} ${v.slice(5, 10)} ${v.slice(10, 15)} ${v.slice(15)}`])
}

const HETU_SIGNS: ReadonlyArray<[sign: string, century: number]> = [['-', 1900], ['A', 2000], ['Y', 1900], ['B', 2000]]

/** A synthetic Finnish personal identity code; `wrong` shifts the check character. */
function hetu(rng: Rng, wrong = false): string {
  const [sign, century] = rng.pick(HETU_SIGNS)
  const yy = century === 2000 ? rng.int(0, 23) : rng.int(30, 99)
  const body = `${pad(rng.int(1, 28), 2)}${pad(rng.int(1, 12), 2)}${pad(yy, 2)}`
  const zzz = pad(rng.int(2, 899), 3)
  const index = (Number(body + zzz) % 31) + (wrong ? rng.int(1, 30) : 0)
  return `${body}${sign}${zzz}${HETU_CHECK[index % 31]}`
}

/** Medical device and European health insurance identifier samples. */
export const healthSamples: readonly IdentifierSamples[] = [
  {
    id: 'MEDICAL_DEVICE_UDI',
    positive: (rng) => {
      const value = udi(rng)
      const phrase = rng.pick([
        (v: string) => `Implant UDI: ${v} recorded at surgery.`,
        (v: string) => `unique device identifier ${v}`,
        (v: string) => `Device identifier ${v} scanned at the bedside.`,
        (v: string) => `Returned pump, UDI ${v}, to the vendor.`,
        (v: string) => `Implant log (dev id ${v})`,
      ])
      return { text: phrase(value), value }
    },
    labelled: (rng) => ({ label: rng.pick(['udi', 'device_identifier', 'implant_udi', 'unique_device_identifier']), value: udi(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `Implant UDI: ${gs1Udi(rng, true)} recorded at surgery.`, // GTIN check digit fails
        () => `HIBCC label ${hibcUdi(rng, true)} misprinted.`, // mod-43 check fails
        () => `Implant UDI: (01)00614141${rng.digits(5)}${rng.int(0, 9)} in the training deck.`, // GS1's example prefix
        () => `Carton ${gs1Udi(rng)} arrived on the dock.`, // no keyword
      ])(),
  },
  {
    id: 'EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER',
    positive: (rng) => {
      const value = ehic(rng)
      const phrase = rng.pick([
        (v: string) => `EHIC: ${v}`,
        (v: string) => `Gesundheitskarte ${v} vorgelegt.`,
        (v: string) => `CEAM ${v} présentée à l'accueil.`,
        (v: string) => `Tarjeta de salud ${v} válida.`,
        (v: string) => `Traveller showed EHIC ${v} at admission.`,
      ])
      return { text: phrase(value), value }
    },
    labelled: (rng) => ({ label: rng.pick(['ehic', 'ehic_no', 'gesundheitskarte', 'holder_ehic']), value: ehic(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `EHIC: ${ehic(rng, rng.pick(['999', '004', '840', '124']))}`, // not an issuing country
        () => `EHIC: 81${rng.pick(EHIC_COUNTRIES)}${rng.int(10000, 99999)}${rng.digits(10)}`, // not the health sector 80
        () => `EHIC: 80${rng.pick(EHIC_COUNTRIES)}${rng.int(10000, 99999)}${rng.digits(8)}`, // 18 digits
      ])(),
  },
  {
    id: 'FINLAND_EUROPEAN_HEALTH_INSURANCE_NUMBER',
    positive: (rng) => {
      const value = hetu(rng)
      const phrase = rng.pick([
        (v: string) => `Terveyskortti ${v}`,
        (v: string) => `sairausvakuutuskortti: ${v}`,
        (v: string) => `Finland health insurance card ${v} checked.`,
        (v: string) => `EHIC ${v} (Kela)`,
      ])
      return { text: phrase(value), value }
    },
    labelled: (rng) => ({ label: rng.pick(['terveyskortti', 'sairausvakuutusnumero', 'health_insurance_card', 'ehic']), value: hetu(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `Terveyskortti ${hetu(rng, true)}`, // check character fails
        () => `Terveyskortti ${pad(rng.int(1, 28), 2)}${pad(rng.int(13, 19), 2)}${rng.digits(2)}-${pad(rng.int(2, 899), 3)}${rng.chars(1, ALNUM)}`, // month 13–19
        () => 'sairausvakuutuskortti 131052-308T', // the published example
      ])(),
  },
]
