// Corpus samples for the United Kingdom personal identifiers.
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ'
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ'
const NINO_UNALLOCATED = ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']

/** Six digits that are neither one repeated digit nor a run such as 123456. */
function sixDigits(rng: Rng): string {
  const first = rng.int(1, 9)
  return `${first}${(first + 5) % 10}${rng.digits(4)}`
}

function ninoPrefix(rng: Rng): string {
  for (;;) {
    const prefix = rng.chars(1, NINO_FIRST) + rng.chars(1, NINO_SECOND)
    if (!NINO_UNALLOCATED.includes(prefix)) return prefix
  }
}

function nino(rng: Rng, spaced: boolean): string {
  const d = sixDigits(rng)
  const suffix = rng.chars(1, 'ABCD')
  const prefix = ninoPrefix(rng)
  return spaced ? `${prefix} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${suffix}` : `${prefix}${d}${suffix}`
}

function nhsCheck(nine: string): number {
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i)
  const check = 11 - (sum % 11)
  return check === 11 ? 0 : check
}

/** An NHS number in an issued range (England 4xx or 6xx–7xx) with a valid check digit. */
function nhs(rng: Rng, sep: string): string {
  for (;;) {
    const nine = `${rng.pick([rng.int(400, 499), rng.int(600, 799)])}${rng.digits(6)}`
    const check = nhsCheck(nine)
    if (check !== 10) return `${nine.slice(0, 3)}${sep}${nine.slice(3, 6)}${sep}${nine.slice(6)}${check}`
  }
}

function passport(rng: Rng): string {
  return `${rng.int(1, 5)}${rng.int(2, 8)}${rng.digits(7)}`
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** A DVLA licence number: padded surname, date of birth (women +50 on the month), initials. */
function drivingLicence(rng: Rng): string {
  const surname = rng.chars(rng.int(2, 5), LETTERS).padEnd(5, '9')
  const month = rng.int(1, 12)
  const day = rng.int(1, DAYS[month - 1]!)
  const year = rng.int(40, 99)
  const initials = rng.chars(1, LETTERS) + rng.pick([rng.chars(1, LETTERS), '9'])
  return `${surname}${Math.floor(year / 10)}${String(rng.pick([month, month + 50])).padStart(2, '0')}${String(day).padStart(2, '0')}${year % 10}${initials}9${rng.chars(2, LETTERS)}`
}

function electoralRoll(rng: Rng): string {
  return rng.chars(rng.int(2, 3), LETTERS) + rng.int(1, 9999)
}

/**
 * A UK number: +44 mobile or landline, or a national landline in an area code (0113–0191) that
 * no other country's plan reads the same way; subscriber numbers avoid the drama blocks.
 */
function phone(rng: Rng, national: boolean): string {
  const area = rng.pick(['113', '114', '115', '116', '117', '118', '121', '131', '141', '191'])
  const sub = String(rng.int(2_000_000, 3_999_999))
  if (national) return rng.pick([`0${area} ${sub.slice(0, 3)} ${sub.slice(3)}`, `(0${area}) ${sub}`, `0${area}-${sub.slice(0, 3)}-${sub.slice(3)}`])
  return rng.pick([
    `+44 ${area} ${sub.slice(0, 3)} ${sub.slice(3)}`,
    `+44 (0)${area} ${sub.slice(0, 3)} ${sub.slice(3)}`,
    `+447${rng.int(400, 699)}${rng.int(100_000, 999_999)}`,
    `+44 7${rng.int(400, 699)} ${rng.int(100_000, 999_999)}`,
  ])
}

function utrCheck(nine: string): string {
  const weights = [6, 7, 8, 9, 10, 5, 4, 3, 2]
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * weights[i]!
  return '21987654321'[sum % 11]!
}

function utr(rng: Rng): string {
  const nine = `${rng.int(1, 9)}${rng.digits(8)}`
  const d = utrCheck(nine) + nine
  return rng.pick([d, `${d.slice(0, 5)} ${d.slice(5)}`, `${d}K`])
}

/** UK samples. */
export const ukSamples: readonly IdentifierSamples[] = [
  {
    id: 'UK_NATIONAL_INSURANCE_NUMBER',
    positive: (rng) => {
      const value = nino(rng, rng.next() < 0.5)
      return { text: `${rng.pick(['NINO:', 'National Insurance number', 'NI insurance no.', 'nino'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['nino', 'employee_nino', 'NationalInsuranceNumber']), value: nino(rng, false) }),
    negative: (rng) =>
      rng.pick([
        () => `NINO: ${rng.pick(NINO_UNALLOCATED)}${sixDigits(rng)}${rng.chars(1, 'ABCD')}`,
        () => `NINO: ${ninoPrefix(rng)}${sixDigits(rng)}${rng.chars(1, 'EFGH')}`,
        () => `NINO: ${rng.chars(1, 'DFIQUV')}${rng.chars(1, NINO_SECOND)}${sixDigits(rng)}${rng.chars(1, 'ABCD')}`,
        () => 'National Insurance number QQ 12 34 56 C',
        () => `member ${nino(rng, false)} joined`,
      ])(),
  },
  {
    id: 'UK_NHS_NUMBER',
    positive: (rng) => {
      const value = nhs(rng, rng.pick([' ', '-', '']))
      return { text: `${rng.pick(['NHS number:', 'NHS no.', 'National Health Service number'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['nhs_number', 'NhsNumber', 'patient_nhs']), value: nhs(rng, ' ') }),
    negative: (rng) =>
      rng.pick([
        () => {
          const v = nhs(rng, '')
          return `NHS number: ${v.slice(0, 9)}${(Number(v[9]) + rng.int(1, 9)) % 10}`
        },
        () => `NHS number: 999 ${rng.digits(3)} ${rng.digits(4)}`,
        () => 'NHS number: 943 476 5919',
        () => `patient ${nhs(rng, ' ')} seen`,
      ])(),
  },
  {
    id: 'UK_PASSPORT_NUMBER',
    positive: (rng) => {
      const value = passport(rng)
      // A bare 9-digit number next to "passport" is also a US passport number: UK cues decide.
      return { text: `${rng.pick(['UK passport number:', 'British passport no', 'HM Passport Office passport#'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['uk_passport_number', 'UKPassportNumber', 'british_passportid']), value: passport(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `passport number ${String(rng.int(1, 9)).repeat(9)}`,
        () => 'passport number 123456789',
        () => `booking ${passport(rng)} confirmed`,
      ])(),
  },
  {
    id: 'UK_DRIVERS_LICENSE',
    positive: (rng) => {
      const value = drivingLicence(rng)
      return { text: `${rng.pick(['Driving licence:', "driver's license", 'DL:', 'driving licence no'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['driving_licence', 'DriversLicense', 'driver_license']), value: drivingLicence(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const v = drivingLicence(rng)
          return `driving licence ${v.slice(0, 6)}${rng.pick(['13', '49', '63'])}${v.slice(8)}`
        },
        () => {
          const v = drivingLicence(rng)
          return `driving licence ${v.slice(0, 8)}${rng.pick(['00', '32'])}${v.slice(10)}`
        },
        () => 'driving licence MORGA753116SM9IJ',
        () => `ticket ${drivingLicence(rng)} closed`,
      ])(),
  },
  {
    id: 'UK_ELECTORAL_ROLL_NUMBER',
    positive: (rng) => {
      const value = electoralRoll(rng)
      return { text: `${rng.pick(['Electoral roll number:', 'electoral roll no.', 'electoral number'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['electoral_roll_number', 'ElectoralNumber', 'electoralrollno']), value: electoralRoll(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `electoral roll number ${rng.chars(2, LETTERS)}0000`,
        () => `electoral roll number ${rng.chars(4, LETTERS)}${rng.int(1, 999)}`,
        () => `flight ${electoralRoll(rng)} landed`,
      ])(),
  },
  {
    id: 'UK_PHONE_NUMBER',
    positive: (rng) => {
      // A national number has other countries' shapes too: a UK cue says whose it is.
      const national = rng.next() < 0.4
      const value = phone(rng, national)
      return { text: `${national ? 'UK ' : ''}${rng.pick(['Tel:', 'phone', 'mobile', 'contact'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['phone', 'telephone_number', 'contact_phone']), value: phone(rng, false) }),
    negative: (rng) =>
      rng.pick([
        () => `+44 7700 900${rng.digits(3)}`,
        () => `+44 20 7946 0${rng.digits(3)}`,
        () => `+44 (0)113 496 0${rng.digits(3)}`,
        () => `+44 5${rng.digits(3)} ${rng.digits(6)}`,
        () => `ref ${phone(rng, true)}`,
      ])(),
  },
  {
    id: 'UK_TAX_IDENTIFICATION_NUMBER',
    positive: (rng) => {
      const value = utr(rng)
      return { text: `${rng.pick(['UTR:', 'Unique Taxpayer Reference', 'utr'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['utr', 'client_utr', 'UniqueTaxpayerReference']), value: utr(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const nine = `${rng.int(1, 9)}${rng.digits(8)}`
          const check = Number(utrCheck(nine))
          return `UTR: ${(check + rng.int(1, 9)) % 10}${nine}`
        },
        () => 'UTR: 1955839661',
        () => `batch ${utr(rng).replace('K', '')} closed`,
      ])(),
  },
]
