// Corpus samples for the Indian personal identifiers.
import { verhoeffCheckDigit } from '../../../src/detect/validators/india-ids.js'
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const STATES = ['AP', 'DL', 'GJ', 'HR', 'KA', 'KL', 'MH', 'MP', 'PB', 'RJ', 'TN', 'TS', 'UP', 'WB']

function aadhaarDigits(rng: Rng): string {
  const body = `${rng.int(2, 9)}${rng.digits(10)}`
  return `${body}${verhoeffCheckDigit(body)}`
}

function aadhaar(rng: Rng): string {
  const d = aadhaarDigits(rng)
  const sep = rng.pick([' ', '-', ''])
  return [d.slice(0, 4), d.slice(4, 8), d.slice(8)].join(sep)
}

function pan(rng: Rng): string {
  return `${rng.chars(3, LETTERS)}${rng.chars(1, 'PCHFATBLJG')}${rng.chars(1, LETTERS)}${String(rng.int(1, 9999)).padStart(4, '0')}${rng.chars(1, LETTERS)}`
}

function licence(rng: Rng): string {
  const state = rng.pick(STATES)
  const rto = String(rng.int(1, 60)).padStart(2, '0')
  const year = rng.int(1990, 2024)
  const serial = String(rng.int(1, 9_999_999)).padStart(7, '0')
  // Not `MH14 20110062821`: its last eleven digits also read as a US driver's licence.
  return rng.pick([`${state}-${rto}-${year}-${serial}`, `${state}${rto}${year}${serial}`, `${state}-${rto}${year}${serial}`])
}

/** Indian samples. */
export const indiaSamples: readonly IdentifierSamples[] = [
  {
    id: 'INDIA_AADHAAR_NUMBER',
    positive: (rng) => {
      const value = aadhaar(rng)
      return { text: `${rng.pick(['Aadhaar:', 'Aadhaar No.', 'aadhar', 'UIDAI number'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['aadhaar', 'aadhaar_no', 'customer_aadhar']), value: aadhaar(rng) }),
    negative: (rng) => {
      const d = aadhaarDigits(rng)
      return `Aadhaar ${d.slice(0, 4)} ${d.slice(4, 8)} ${d.slice(8, 11)}${(Number(d[11]) + rng.int(1, 9)) % 10}`
    },
  },
  {
    id: 'INDIA_PERMANENT_ACCOUNT_NUMBER',
    positive: (rng) => {
      const value = pan(rng)
      return { text: `${rng.pick(['PAN card:', 'PAN number', 'Permanent Account Number', 'e-PAN'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['pan_number', 'pan_card', 'permanent_account_number']), value: pan(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `PAN card ${rng.chars(3, LETTERS)}${rng.chars(1, 'DEIKMNOQRSUVWXYZ')}${rng.chars(1, LETTERS)}${rng.int(1000, 9999)}${rng.chars(1, LETTERS)}`,
        () => 'PAN card AAAPL1234C',
        () => 'PAN number ABCPE1234F',
      ])(),
  },
  {
    id: 'INDIA_DRIVERS_LICENSE',
    positive: (rng) => {
      const value = licence(rng)
      return { text: `${rng.pick(['Driving Licence:', 'driving license no', "driver's licence"])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['driving_licence', 'driving_license', 'drivers_license']), value: licence(rng) }),
    negative: (rng) => `driving licence ${rng.pick(STATES)}-00-${rng.int(1990, 2024)}-${String(rng.int(1, 9_999_999)).padStart(7, '0')}`,
  },
]
