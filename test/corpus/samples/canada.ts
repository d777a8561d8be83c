// Corpus samples for the Canadian personal identifiers.
import { luhnCheckDigit } from '../../../src/detect/validators/luhn.js'
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

function sinDigits(rng: Rng): string {
  const body = `${rng.pick(['1', '2', '3', '4', '5', '6', '7', '9'])}${rng.digits(7)}`
  const value = body + luhnCheckDigit(body)
  return value === '123456782' || /^(\d)\1+$/.test(value) ? sinDigits(rng) : value
}

function spaced(digits: string, sep: string, groups: readonly number[]): string {
  const out: string[] = []
  let at = 0
  for (const n of groups) {
    out.push(digits.slice(at, at + n))
    at += n
  }
  return out.join(sep)
}

function passport(rng: Rng): string {
  return `${rng.chars(2, 'ABCGHKMPRW')}${rng.int(100000, 999998)}`
}

function ontarioLicence(rng: Rng, month = rng.int(1, 12) + rng.pick([0, 50])): string {
  const y = rng.int(0, 9)
  return `${rng.chars(1, 'ABCDGHKLMPRSTW')}${rng.int(1000, 9999)}-${rng.int(1000, 9999)}${rng.int(0, 9)}-${y}${String(month).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`
}

function quebecLicence(rng: Rng): string {
  return `${rng.chars(1, 'ABCDGHKLMPRSTW')}${rng.int(1000, 9999)}-${String(rng.int(1, 28)).padStart(2, '0')}${String(rng.int(1, 12)).padStart(2, '0')}${rng.digits(2)}-${rng.digits(2)}`
}

function ontarioHealth(rng: Rng): string {
  const body = `${rng.int(1, 8)}${rng.digits(8)}`
  return body + luhnCheckDigit(body)
}

function bcPhn(rng: Rng): string {
  const weights = [2, 4, 8, 5, 10, 9, 7, 3]
  for (;;) {
    const body = `${rng.int(1, 9)}${rng.digits(7)}`
    let sum = 0
    for (let i = 0; i < 8; i++) sum += (Number(body[i]) * weights[i]!) % 11
    const check = (11 - (sum % 11)) % 11
    if (check < 10) return `9${body}${check}`
  }
}

function ramq(rng: Rng, sep: string): string {
  const month = rng.int(1, 12) + rng.pick([0, 50])
  const digits = `${rng.digits(2)}${String(month).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}${rng.digits(2)}`
  return `${rng.chars(4, 'ABCDEGHJKLMNPRTW')}${sep}${digits.slice(0, 4)}${sep}${digits.slice(4)}`
}

function prCard(rng: Rng): string {
  return `${rng.chars(2, 'ABCDGHKMPRW')}${rng.int(1000000, 9999998)}`
}

function uci(rng: Rng): string {
  return rng.pick([
    () => `${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
    () => `${rng.int(10, 99)}-${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
  ])()
}

/** Canadian samples. */
export const canadaSamples: readonly IdentifierSamples[] = [
  {
    id: 'CANADA_SOCIAL_INSURANCE_NUMBER',
    positive: (rng) => {
      const value = spaced(sinDigits(rng), rng.pick([' ', '-', '']), [3, 3, 3])
      return { text: `${rng.pick(['SIN', 'Social Insurance Number', "numéro d'assurance sociale"])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['sin', 'employee_sin', 'SocialInsuranceNumber']), value: spaced(sinDigits(rng), ' ', [3, 3, 3]) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const v = sinDigits(rng)
          return `SIN: ${spaced(`${v.slice(0, 8)}${(Number(v[8]) + rng.int(1, 9)) % 10}`, ' ', [3, 3, 3])}`
        },
        () => `SIN: 046 454 286`,
        () => `SIN: 123 456 782`,
        () => `order ${spaced(sinDigits(rng), ' ', [3, 3, 3])} shipped`,
      ])(),
  },
  {
    id: 'CANADA_PASSPORT_NUMBER',
    positive: (rng) => {
      const value = passport(rng)
      // 'passport' alone is also a keyword of SPAIN_PASSPORT_NUMBER, whose older format is the same shape.
      return { text: `${rng.pick(['Passeport', 'passeport', 'passeport#'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['passeport', 'passeport_no', 'Passeport']), value: passport(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `booking ${passport(rng)} confirmed`,
        () => `passport was renewed in the spring; the booking code is ${passport(rng)}`,
      ])(),
  },
  {
    id: 'CANADA_DRIVERS_LICENSE',
    positive: (rng) => {
      const value = rng.pick([ontarioLicence, quebecLicence])(rng)
      return { text: `${rng.pick(["driver's licence", 'permis de conduire', 'Driver Licence', 'DL#'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['driver_licence', 'DriversLicence', 'permis_de_conduire']), value: ontarioLicence(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `driver's licence: ${ontarioLicence(rng, rng.pick([13, 0, 63]))}`,
        () => `ticket ${ontarioLicence(rng)} closed`,
        () => `permis de conduire renewed last spring; reference on file ${quebecLicence(rng)}`,
      ])(),
  },
  {
    id: 'CANADA_HEALTH_NUMBER',
    positive: (rng) =>
      rng.pick([
        () => {
          const value = `${spaced(ontarioHealth(rng), rng.pick([' ', '-']), [4, 3, 3])}${rng.pick(['', ' ' + rng.chars(2, 'ABCKMRX')])}`
          return { text: `${rng.pick(['PHN', 'personal healthcare number', 'canada healthcare number'])} ${value}`, value }
        },
        () => {
          const value = spaced(bcPhn(rng), rng.pick([' ', '']), [4, 3, 3])
          return { text: `${rng.pick(['MSP number', 'PHN'])}: ${value}`, value }
        },
        () => {
          const value = ramq(rng, rng.pick([' ', '']))
          return { text: `soins de santé ${value}`, value }
        },
      ])(),
    labelled: (rng) => ({ label: rng.pick(['phn', 'patient_phn', 'msp_number']), value: rng.pick([ontarioHealth, bcPhn])(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `PHN: ${rng.chars(4, 'ABCDEGHJ')} ${rng.digits(2)}13 ${rng.int(10, 28)}${rng.digits(2)}`,
        () => `ticket ${spaced(ontarioHealth(rng), ' ', [4, 3, 3])} closed`,
        () => `PHN: 0000 000 000`,
      ])(),
  },
  {
    id: 'CANADA_NATIONAL_IDENTIFICATION_NUMBER',
    positive: (rng) => {
      const value = rng.pick([prCard, uci])(rng)
      return { text: `${rng.pick(['permanent resident card', 'PR number', 'numéro résident permanent'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['pr_number', 'PermanentResidentCardNumber', 'permanent_resident_no']), value: prCard(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `PR number: ${rng.int(10, 99)}-${rng.int(10000000, 99999999)}`,
        () => `PR number: PA0000000`,
        () => `ticket ${prCard(rng)} closed`,
      ])(),
  },
]
