// Corpus samples for the driver's licence identifiers of Australia and the EU countries. Every
// positive carries a country cue (a country word or the local word for the licence), so the one
// country's identifier reports it when several share its shape.
import {
  HETU_CHECK_CHARACTERS,
  balticCheckDigit,
  bulgariaEgnCheckDigit,
  latviaCheckDigit,
  mod1110CheckDigit,
  romaniaCnpCheckDigit,
  sloveniaEmsoCheckDigit,
} from '../../../src/detect/validators/drivers-license-personal-codes.js'
import { luhnCheckDigit } from '../../../src/detect/validators/luhn.js'
import { notAllSameDigit } from '../../../src/detect/validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../src/detect/validators/not-digit-sequence.js'
import type { IdentifierSamples, Positive } from '../types.js'
import type { Rng } from '../rng.js'

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'
const pad2 = (n: number): string => String(n).padStart(2, '0')

/** `n` digits starting 1–9, never one repeated digit or a run. */
function serial(rng: Rng, n: number): string {
  for (;;) {
    const s = `${rng.int(1, 9)}${rng.digits(n - 1)}`
    if (notAllSameDigit(s) && notDigitSequence(s)) return s
  }
}

/** The value with its last digit changed, so a check digit fails. */
function breakLast(v: string): string {
  const last = Number(v[v.length - 1])
  return v.slice(0, -1) + String((last + 1) % 10)
}

function date(rng: Rng): { dd: string; mm: string } {
  return { dd: pad2(rng.int(1, 28)), mm: pad2(rng.int(1, 12)) }
}

function egn(rng: Rng): string {
  const { dd, mm } = date(rng)
  const nine = `${pad2(rng.int(40, 99))}${mm}${dd}${rng.digits(3)}`
  return nine + bulgariaEgnCheckDigit(nine)
}

function oib(rng: Rng): string {
  const ten = serial(rng, 10)
  return ten + mod1110CheckDigit(ten)
}

function balticCode(rng: Rng): string {
  const { dd, mm } = date(rng)
  const ten = `${rng.int(3, 4)}${pad2(rng.int(40, 99))}${mm}${dd}${rng.digits(3)}`
  return ten + balticCheckDigit(ten)
}

function latviaCode(rng: Rng): string {
  for (;;) {
    const { dd, mm } = date(rng)
    const ten = `${dd}${mm}${pad2(rng.int(40, 99))}${rng.int(0, 1)}${rng.digits(3)}`
    const c = latviaCheckDigit(ten)
    if (c < 10) return `${ten.slice(0, 6)}-${ten.slice(6)}${c}`
  }
}

function cnp(rng: Rng): string {
  const { dd, mm } = date(rng)
  const twelve = `${rng.int(1, 2)}${pad2(rng.int(40, 99))}${mm}${dd}${pad2(rng.int(1, 52))}${rng.digits(3)}`
  return twelve + romaniaCnpCheckDigit(twelve)
}

function emso(rng: Rng): string {
  for (;;) {
    const { dd, mm } = date(rng)
    const twelve = `${dd}${mm}${rng.int(940, 999)}50${rng.digits(3)}`
    const k = sloveniaEmsoCheckDigit(twelve)
    if (k !== undefined) return twelve + k
  }
}

/** A HETU of the 1900s ('-') with a birth year 32–60 (never also a Swedish personnummer) or the 2000s ('A'). */
function hetu(rng: Rng): string {
  const { dd, mm } = date(rng)
  const sign = rng.pick(['-', 'A'])
  const yy = sign === '-' ? pad2(rng.int(32, 60)) : pad2(rng.int(0, 9))
  const ind = String(rng.int(2, 899)).padStart(3, '0')
  return `${dd}${mm}${yy}${sign}${ind}${HETU_CHECK_CHARACTERS[Number(dd + mm + yy + ind) % 31]}`
}

/** A personnummer with a birth year 32–99 (never also a Finnish HETU). */
function personnummer(rng: Rng, form = rng.int(0, 2)): string {
  const { dd, mm } = date(rng)
  const yy = pad2(rng.int(32, 99))
  const nine = `${yy}${mm}${dd}${rng.digits(3)}`
  const ten = nine + luhnCheckDigit(nine)
  if (form === 0) return `${ten.slice(0, 6)}-${ten.slice(6)}`
  if (form === 1) return ten
  return `19${ten}`
}

interface Spec {
  id: string
  /** Phrases (with a keyword and a country cue) that precede the value. */
  phrases: readonly string[]
  labels: readonly string[]
  value(rng: Rng): string
  negatives: ReadonlyArray<(rng: Rng) => string>
}

function samples(spec: Spec): IdentifierSamples {
  return {
    id: spec.id,
    positive: (rng): Positive => {
      const value = spec.value(rng)
      return { text: `${rng.pick(spec.phrases)} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(spec.labels), value: spec.value(rng) }),
    negative: (rng) => rng.pick(spec.negatives)(rng),
  }
}

const specs: Spec[] = [
  {
    id: 'AUSTRALIA_DRIVERS_LICENSE',
    phrases: ['NSW driver licence', 'Australian driving licence no.', 'Queensland drivers licence:', 'VicRoads driver licence'],
    labels: ['australian_drivers_licence', 'AustraliaDriverLicence', 'nsw_driver_licence'],
    value: (rng) => rng.pick([() => serial(rng, rng.int(8, 9)), () => `${rng.pick(['S', 'T', 'A'])}${serial(rng, 5)}`])(),
    negatives: [
      (rng) => `Australian driver licence ${String(rng.int(1, 9)).repeat(8)}`,
      () => 'NSW driver licence 12345678',
      (rng) => `NSW driver licence, renewed last year at the service centre ${serial(rng, 8)}`,
    ],
  },
  {
    id: 'AUSTRIA_DRIVERS_LICENSE',
    phrases: ['Führerschein Republik Österreich', 'österreichischer Führerschein Nr.', 'Fuhrerschein Republik Osterreich'],
    labels: ['führerschein_österreich', 'fuhrerschein_austria'],
    value: (rng) => serial(rng, 8),
    negatives: [
      (rng) => `Führerschein Republik Österreich ${serial(rng, 7)}`,
      () => 'Führerschein Republik Österreich 12345678',
      (rng) => `Führerschein Republik Österreich, ausgestellt vor vielen Jahren in Wien: ${serial(rng, 8)}`,
    ],
  },
  {
    id: 'BELGIUM_DRIVERS_LICENSE',
    phrases: ['Belgisch rijbewijsnummer', 'permis de conduire belge', 'rijbewijs België nr.'],
    labels: ['rijbewijs_belgie', 'permis_de_conduire_belgique'],
    value: (rng) => serial(rng, 10),
    negatives: [
      (rng) => `Belgisch rijbewijs ${serial(rng, 9)}`,
      () => 'Belgisch rijbewijs 0123456789',
      () => 'permis de conduire belge 7777777777',
    ],
  },
  {
    id: 'BULGARIA_DRIVERS_LICENSE',
    phrases: ['шофьорска книжка', 'сумпс №', 'свидетелство за управление на мпс'],
    labels: ['сумпс', 'шофьорска_книжка'],
    value: (rng) => rng.pick([() => serial(rng, 9), () => egn(rng)])(),
    negatives: [(rng) => `шофьорска книжка ${breakLast(egn(rng))}`, () => 'шофьорска книжка 123456789'],
  },
  {
    id: 'CROATIA_DRIVERS_LICENSE',
    phrases: ['vozačka dozvola', 'vozačka dozvola br.', 'Republika Hrvatska vozačka dozvola'],
    labels: ['vozačka_dozvola'],
    value: (rng) => rng.pick([() => serial(rng, 8), () => oib(rng)])(),
    negatives: [(rng) => `vozačka dozvola ${breakLast(oib(rng))}`, () => 'vozačka dozvola 12345678'],
  },
  {
    id: 'CYPRUS_DRIVERS_LICENSE',
    phrases: ['άδεια οδήγησης Κύπρου', 'Κυπριακή Δημοκρατία άδεια οδήγησης', 'Cyprus άδεια οδήγησης'],
    labels: ['άδεια_οδήγησης_κύπρου'],
    value: (rng) => serial(rng, 12),
    negatives: [(rng) => `άδεια οδήγησης Κύπρου ${serial(rng, 11)}`, () => 'άδεια οδήγησης Κύπρου 123456789012'],
  },
  {
    id: 'CZECHIA_DRIVERS_LICENSE',
    phrases: ['řidičský průkaz', 'číslo řidičského průkazu', 'řidičský průkaz č.'],
    labels: ['řidičský_průkaz', 'číslo_řidičského_průkazu'],
    value: (rng) => `${rng.chars(2, 'ABCDE')}${rng.pick(['', ' '])}${serial(rng, 6)}`,
    negatives: [(rng) => `řidičský průkaz ${rng.chars(2, 'ABCDE')}${serial(rng, 5)}`, () => 'řidičský průkaz EB 123456'],
  },
  {
    id: 'DENMARK_DRIVERS_LICENSE',
    phrases: ['kørekortnummer', 'dansk kørekort nr.', 'kørekort'],
    labels: ['kørekortnummer', 'kørekort'],
    value: (rng) => serial(rng, 8),
    negatives: [(rng) => `kørekort ${serial(rng, 7)}`, () => 'kørekort 12345678'],
  },
  {
    id: 'ESTONIA_DRIVERS_LICENSE',
    phrases: ['juhiluba', 'juhiloa number', 'Eesti juhiluba nr'],
    labels: ['juhiluba', 'juhiloa_number'],
    value: (rng) => rng.pick([() => `${rng.pick(['ET', 'EA', 'EB'])}${serial(rng, 6)}`, () => balticCode(rng)])(),
    negatives: [(rng) => `juhiluba ${breakLast(balticCode(rng))}`, () => 'juhiluba ET123456'],
  },
  {
    id: 'FINLAND_DRIVERS_LICENSE',
    phrases: ['ajokortti', 'ajokortin numero', 'suomalainen ajokortti nro'],
    labels: ['ajokortti', 'ajokortin_numero'],
    value: (rng) => hetu(rng),
    negatives: [
      (rng) => {
        const v = hetu(rng)
        const i = HETU_CHECK_CHARACTERS.indexOf(v[10]!)
        return `ajokortti ${v.slice(0, 10)}${HETU_CHECK_CHARACTERS[(i + 1) % 31]}`
      },
      (rng) => `ajokortti ${hetu(rng).replace(/^\d\d/, '35')}`,
    ],
  },
  {
    id: 'GREECE_DRIVERS_LICENSE',
    phrases: ['ελληνική άδεια οδήγησης', 'adeia odigisis', 'άδεια οδήγησης Ελλάδα'],
    labels: ['adeia_odigisis', 'άδεια_οδήγησης'],
    value: (rng) => serial(rng, 9),
    negatives: [(rng) => `ελληνική άδεια οδήγησης ${serial(rng, 8)}`, () => 'adeia odigisis 123456789'],
  },
  {
    id: 'HUNGARY_DRIVERS_LICENSE',
    phrases: ['jogosítvány', 'vezetői engedély száma', 'jogsi'],
    labels: ['jogosítvány', 'vezetői_engedély'],
    value: (rng) => `${rng.chars(2, LETTERS)}${serial(rng, 6)}`,
    negatives: [(rng) => `jogosítvány ${rng.chars(2, LETTERS)}${serial(rng, 5)}`, () => 'jogosítvány CA123456'],
  },
  {
    id: 'IRELAND_DRIVERS_LICENSE',
    phrases: ['ceadúnas tiomána', 'Irish ceadúnas tiomána', 'ceadúnas tiomána uimhir'],
    labels: ['ceadúnas_tiomána'],
    value: (rng) => rng.pick([() => serial(rng, 9), () => `${serial(rng, 6)}${rng.chars(4, LETTERS)}`])(),
    negatives: [(rng) => `ceadúnas tiomána ${serial(rng, 8)}`, () => 'ceadúnas tiomána 123456789'],
  },
  {
    id: 'LATVIA_DRIVERS_LICENSE',
    phrases: ['vadītāja apliecība', 'vadītāja apliecības numurs', 'autovadītāja apliecība'],
    labels: ['vadītāja_apliecība', 'vadītāja_apliecības_numurs'],
    value: (rng) => rng.pick([() => `${rng.pick(['AT', 'AA', 'AB'])}${serial(rng, 6)}`, () => latviaCode(rng)])(),
    negatives: [(rng) => `vadītāja apliecība ${breakLast(latviaCode(rng))}`, () => 'vadītāja apliecība AT123456'],
  },
  {
    id: 'LITHUANIA_DRIVERS_LICENSE',
    phrases: ['vairuotojo pažymėjimas', 'vairuotojo pažymėjimas Nr.', 'Lietuvos vairuotojo pažymėjimas'],
    labels: ['vairuotojo_pažymėjimas'],
    value: (rng) => rng.pick([() => serial(rng, 8), () => balticCode(rng)])(),
    negatives: [(rng) => `vairuotojo pažymėjimas ${breakLast(balticCode(rng))}`, () => 'vairuotojo pažymėjimas 12345678'],
  },
  {
    id: 'LUXEMBOURG_DRIVERS_LICENSE',
    phrases: ['Führerschäin Nr.', 'Fahrerlaubnis Luxembourg', 'Fahrerlaubnis'],
    labels: ['fahrerlaubnis', 'führerschäin'],
    value: (rng) => serial(rng, 6),
    negatives: [(rng) => `Fahrerlaubnis ${serial(rng, 5)}`, () => 'Fahrerlaubnis 123456'],
  },
  {
    id: 'MALTA_DRIVERS_LICENSE',
    phrases: ['liċenzja tas-sewqan', 'liċenzja tas-sewqan Malta', 'Transport Malta liċenzja tas-sewqan'],
    labels: ['liċenzja_tas-sewqan'],
    value: (rng) => `${rng.pick(['0', ''])}${serial(rng, 6)}${rng.pick(['M', 'G', 'A', 'P', 'L', 'H', 'B', 'Z'])}`,
    negatives: [(rng) => `liċenzja tas-sewqan 0${serial(rng, 6)}Q`, () => 'liċenzja tas-sewqan 1234567M'],
  },
  {
    id: 'NETHERLANDS_DRIVERS_LICENSE',
    phrases: ['Nederlands rijbewijsnummer', 'rijbewijs Nederland nr.', 'Dutch rijbewijs'],
    labels: ['rijbewijsnummer_nederland', 'nederlands_rijbewijs'],
    value: (rng) => serial(rng, 10),
    negatives: [(rng) => `Nederlands rijbewijs ${serial(rng, 9)}`, () => 'Nederlands rijbewijs 9876543210'],
  },
  {
    id: 'POLAND_DRIVERS_LICENSE',
    phrases: ['prawo jazdy', 'prawo jazdy nr', 'numer prawa jazdy (prawo jazdy)'],
    labels: ['prawo_jazdy'],
    value: (rng) => `${rng.digits(5)}/${pad2(rng.int(0, 24))}/${rng.digits(4)}`,
    negatives: [() => 'prawo jazdy 11111/11/1111', (rng) => `prawo jazdy ${rng.digits(5)}/${pad2(rng.int(0, 24))}/${rng.digits(3)}`],
  },
  {
    id: 'PORTUGAL_DRIVERS_LICENSE',
    phrases: ['carta de condução', 'carta de condução n.º', 'licença de condução'],
    labels: ['carta_de_condução', 'licença_de_condução'],
    value: (rng) => {
      const d = rng.pick(['L', 'P', 'AV', 'BR', 'C', 'FA'])
      return rng.pick([() => `${d}-${serial(rng, rng.int(6, 7))} ${rng.int(0, 9)}`, () => `${d}${serial(rng, 7)}`])()
    },
    negatives: [(rng) => `carta de condução L-${serial(rng, 5)} ${rng.int(0, 9)}`, () => 'carta de condução L-1234567 8'],
  },
  {
    id: 'ROMANIA_DRIVERS_LICENSE',
    phrases: ['permis de conducere', 'numărul permisului de conducere', 'permis de conducere România'],
    labels: ['permis_de_conducere'],
    value: (rng) => rng.pick([() => `${rng.chars(1, LETTERS)}${serial(rng, 8)}`, () => cnp(rng)])(),
    negatives: [(rng) => `permis de conducere ${breakLast(cnp(rng))}`, () => 'permis de conducere B12345678'],
  },
  {
    id: 'SLOVAKIA_DRIVERS_LICENSE',
    phrases: ['vodičský preukaz', 'číslo vodičského preukazu', 'slovenský vodičský preukaz'],
    labels: ['vodičský_preukaz'],
    value: (rng) => `${rng.chars(1, LETTERS)}${serial(rng, 7)}`,
    negatives: [(rng) => `vodičský preukaz ${rng.chars(1, LETTERS)}${serial(rng, 6)}`, () => 'vodičský preukaz E1234567'],
  },
  {
    id: 'SLOVENIA_DRIVERS_LICENSE',
    phrases: ['vozniško dovoljenje', 'vozniško dovoljenje št.', 'Republika Slovenija vozniško dovoljenje'],
    labels: ['vozniško_dovoljenje'],
    value: (rng) => rng.pick([() => serial(rng, 9), () => emso(rng)])(),
    negatives: [(rng) => `vozniško dovoljenje ${breakLast(emso(rng))}`, () => 'vozniško dovoljenje 123456789'],
  },
  {
    id: 'SWEDEN_DRIVERS_LICENSE',
    phrases: ['körkortsnummer', 'svenskt körkort', 'körkort Sverige nr'],
    labels: ['körkortsnummer', 'körkort_sverige'],
    value: (rng) => personnummer(rng),
    negatives: [(rng) => `körkortsnummer ${breakLast(personnummer(rng, 0))}`, (rng) => `körkortsnummer ${personnummer(rng, 0).replace(/^(\d\d)\d\d/, '$113')}`],
  },
]

/** Driver's licence samples of Australia and the EU countries. */
export const driversLicenseSamples: readonly IdentifierSamples[] = specs.map(samples)
