// Corpus samples for the United States personal identifiers.
import { luhnCheckDigit } from '../../../src/detect/validators/luhn.js'
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

function ssn(rng: Rng, sep: string): string {
  let area = rng.int(1, 899)
  if (area === 666) area = 665
  return `${String(area).padStart(3, '0')}${sep}${String(rng.int(1, 99)).padStart(2, '0')}${sep}${String(rng.int(1, 9999)).padStart(4, '0')}`
}

function itin(rng: Rng, sep: string): string {
  const group = rng.pick([rng.int(50, 65), rng.int(70, 88), rng.int(90, 92), rng.int(94, 99)])
  return `9${rng.digits(2)}${sep}${group}${sep}${rng.int(1000, 9998)}`
}

const mbiLetters = 'ACDEFGHJKMNPQRTUVWXY'
function mbi(rng: Rng, dashed: boolean): string {
  const an = `0123456789${mbiLetters}`
  const v =
    `${rng.int(1, 9)}${rng.chars(1, mbiLetters)}${rng.chars(1, an)}${rng.digits(1)}` +
    `${rng.chars(1, mbiLetters)}${rng.chars(1, an)}${rng.digits(1)}` +
    `${rng.chars(2, mbiLetters)}${rng.digits(2)}`
  return dashed ? `${v.slice(0, 4)}-${v.slice(4, 7)}-${v.slice(7)}` : v
}

function npi(rng: Rng): string {
  const body = `${rng.int(1, 2)}${rng.int(10000000, 99999999)}`
  const value = body + luhnCheckDigit(`80840${body}`)
  return value === '1234567893' ? npi(rng) : value
}

function dea(rng: Rng): string {
  const d = Array.from({ length: 6 }, () => rng.int(0, 9))
  d[0] = rng.int(1, 9)
  const check = (d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!)) % 10
  return `${rng.pick(['A', 'B', 'F', 'G', 'M'])}${rng.chars(1, 'ABCDEFGHJKLMNPRSTW')}${d.join('')}${check}`
}

function ndc(rng: Rng): string {
  const labeler = (n: number): string => `${rng.int(1, 9)}${rng.digits(n - 1)}`
  return rng.pick([
    () => `${labeler(4)}-${rng.digits(4)}-${rng.digits(2)}`,
    () => `${labeler(5)}-${rng.digits(3)}-${rng.digits(2)}`,
    () => `${labeler(5)}-${rng.digits(4)}-${rng.digits(1)}`,
    () => `0${labeler(4)}-${rng.digits(4)}-${rng.digits(2)}`,
    () => `0${labeler(4)}${rng.digits(4)}${rng.digits(2)}`,
  ])()
}

function hcpcs(rng: Rng): string {
  return rng.pick([
    () => `${rng.chars(1, 'ABCEGHJKLQ')}${rng.int(1000, 9999)}`,
    () => String(rng.int(10021, 99499)),
    () => `${rng.int(1, 9)}${rng.digits(3)}${rng.pick(['F', 'T', 'U'])}`,
  ])()
}

function nanpArea(rng: Rng): string {
  for (;;) {
    // Area codes starting with 3 look like Italian mobile numbers (3xx xxx xxxx) to ITALY_PHONE_NUMBER.
    const area = `${rng.pick(['2', '4', '5', '6', '7', '8', '9'])}${rng.int(0, 8)}${rng.digits(1)}`
    if (area.slice(1) !== '11' && !area.startsWith('37') && !area.startsWith('96')) return area
  }
}

function nanpPhone(rng: Rng, style: number): string {
  const area = nanpArea(rng)
  let exchange = `${rng.int(2, 9)}${rng.digits(2)}`
  if (exchange.slice(1) === '11' || exchange === '555') exchange = '734'
  const line = String(rng.int(1000, 9999))
  return [
    `${area}-${exchange}-${line}`,
    `(${area}) ${exchange}-${line}`,
    `${area}.${exchange}.${line}`,
    `+1 ${area} ${exchange} ${line}`,
    `+1-${area}-${exchange}-${line}`,
    `1-${area}-${exchange}-${line}`,
  ][style]!
}

function driversLicense(rng: Rng): string {
  const upper = 'ABCDEFGHJKLMNPRSTWY'
  return rng.pick([
    () => `${rng.chars(1, upper)}${rng.int(100, 999)}-${rng.int(100, 999)}-${rng.int(10, 99)}-${rng.int(100, 999)}-${rng.int(0, 9)}`, // FL
    () => `${rng.chars(1, upper)}${rng.int(100, 999)}-${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`, // IL
    () => `${rng.chars(1, upper)}-${rng.int(100, 999)}-${rng.int(100, 999)}-${rng.int(100, 999)}-${rng.int(100, 999)}`, // MD
    () => `${rng.int(10, 99)}${rng.chars(3, 'BCDFGHJKLMNPRSTVWXZ')}${rng.int(10000, 99999)}`, // NH
    () => `WDL${rng.chars(4, 'BCDFGHJKLMNPQRSTVWXZ')}${rng.int(10000, 99999)}`, // WA
  ])()
}

/** US samples. */
export const usSamples: readonly IdentifierSamples[] = [
  {
    id: 'USA_SOCIAL_SECURITY_NUMBER',
    positive: (rng) => {
      const value = ssn(rng, rng.pick(['-', ' ', '']))
      return { text: `${rng.pick(['SSN', 'Social Security Number', 'ssn#'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['ssn', 'customer_ssn', 'SocialSecurityNumber']), value: ssn(rng, '-') }),
    negative: (rng) =>
      rng.pick([
        () => `SSN: 666-${rng.digits(2).replace(/^00$/, '12')}-${rng.digits(4).replace(/^0000$/, '1234')}`,
        () => `SSN: ${rng.int(900, 999)}-12-3456`,
        () => `tracking ${ssn(rng, '-')} received`,
        () => `SSN: 078-05-1120`,
      ])(),
  },
  {
    id: 'USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER',
    positive: (rng) => {
      const value = itin(rng, rng.pick(['-', ' ', '']))
      return { text: `${rng.pick(['ITIN', 'Individual Taxpayer Identification Number', 'I.T.I.N.'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['itin', 'taxpayer_itin', 'ITIN']), value: itin(rng, '-') }),
    negative: (rng) =>
      rng.pick([
        () => `ITIN: 9${rng.digits(2)}-${rng.int(66, 69)}-${rng.int(1000, 9999)}`,
        () => `ITIN: 9${rng.digits(2)}-93-${rng.int(1000, 9999)}`,
        () => `invoice ${itin(rng, '-')} paid`,
        () => `ITIN: 999-99-9999`,
      ])(),
  },
  {
    id: 'USA_PASSPORT_NUMBER',
    positive: (rng) =>
      rng.pick([
        () => {
          const value = `${rng.pick(['A', 'B', 'E'])}${rng.int(10000000, 99999998)}`
          return { text: `${rng.pick(['Passport', 'passport:', 'US passport'])} ${value}`, value }
        },
        () => {
          const value = String(rng.int(300000000, 599999999))
          return { text: `travel document ${value} issued`, value }
        },
      ])(),
    labelled: (rng) => ({ label: rng.pick(['passport', 'passport_no', 'TravelDocument']), value: `A${rng.int(10000000, 99999998)}` }),
    negative: (rng) =>
      rng.pick([
        () => `travel document A${rng.int(1000000, 9999999)}`,
        () => `travel document E00000000`,
        () => `booking A${rng.int(10000000, 99999998)} confirmed`,
        () => `travel document was renewed last spring and the booking is B${rng.int(10000000, 99999998)}`,
      ])(),
  },
  {
    id: 'DRIVERS_LICENSE',
    positive: (rng) => {
      const value = driversLicense(rng)
      return { text: `${rng.pick(["driver's license", 'Driver License', 'DL#', 'drivers permit'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['drivers_license', 'DriverLicenseNumber', 'driving_license']), value: driversLicense(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `driver license W${rng.int(100, 999)}-${rng.int(100, 999)}-${rng.int(10, 99)}-${rng.int(100, 999)}`,
        () => `driver license F111-111-11-111-1`,
        () => `ticket ${driversLicense(rng)} closed`,
        () => `driver license was mentioned here but much further along is ${driversLicense(rng)}`,
      ])(),
  },
  {
    id: 'PHONE_NUMBER',
    positive: (rng) =>
      rng.pick([
        () => {
          const value = nanpPhone(rng, rng.int(0, 5))
          return { text: `${rng.pick(['phone', 'Tel', 'mobile', 'fax', 'contact'])}: ${value}`, value }
        },
        () => {
          const value = nanpPhone(rng, rng.int(3, 4))
          return { text: `reach the front desk at ${value} after nine`, value }
        },
      ])(),
    labelled: (rng) => ({ label: rng.pick(['phone', 'phone_number', 'MobilePhone', 'fax']), value: nanpPhone(rng, rng.int(0, 2)) }),
    negative: (rng) =>
      rng.pick([
        () => `+1 ${nanpArea(rng)} 555 01${rng.digits(2)}`,
        () => `order ${nanpPhone(rng, 0)} shipped`,
        () => `+1 ${rng.int(100, 199)} ${rng.int(200, 999)} ${rng.int(1000, 9999)}`,
        () => `+1 ${rng.int(2, 9)}11 ${rng.int(200, 999)} ${rng.int(1000, 9999)}`,
      ])(),
  },
  {
    id: 'USA_HEALTH_INSURANCE_CLAIM_NUMBER',
    positive: (rng) => {
      const value = `${ssn(rng, rng.pick(['-', '']))}${rng.pick(['A', 'B', 'B1', 'C1', 'D', 'D6', 'E', 'M', 'T', 'W', 'J1', 'K1'])}`
      return { text: `${rng.pick(['HICN', 'hic number', 'Health Insurance Claim Number', 'hic#'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['hicn', 'member_hicn', 'HicNumber']), value: `${ssn(rng, '')}A` }),
    negative: (rng) =>
      rng.pick([
        () => `HICN: 666-${rng.int(10, 99)}-${rng.int(1000, 9999)}A`,
        () => `HICN: ${ssn(rng, '-')}Q`,
        () => `claim ${ssn(rng, '-')}A filed`,
        () => `HICN: 078-05-1120A`,
      ])(),
  },
  {
    id: 'USA_MEDICARE_BENEFICIARY_IDENTIFIER',
    positive: (rng) => {
      const value = mbi(rng, rng.pick([true, false]))
      return { text: `${rng.pick(['MBI', 'Medicare beneficiary', 'mbi:'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['mbi', 'patient_mbi', 'MedicareBeneficiaryId']), value: mbi(rng, false) }),
    negative: (rng) =>
      rng.pick([
        () => `MBI: 1EG4-TE5-MK73`,
        () => `MBI: 0${mbi(rng, false).slice(1)}`,
        () => `MBI: ${mbi(rng, false).slice(0, 1)}S${mbi(rng, false).slice(2)}`,
        () => `member ${mbi(rng, true)} enrolled`,
      ])(),
  },
  {
    id: 'USA_NATIONAL_PROVIDER_IDENTIFIER',
    positive: (rng) => {
      const value = npi(rng)
      return { text: `${rng.pick(['NPI', 'National Provider', 'N.P.I.'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['npi', 'provider_npi', 'NationalProviderId']), value: npi(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const v = npi(rng)
          return `NPI ${v.slice(0, 9)}${(Number(v[9]) + rng.int(1, 9)) % 10}`
        },
        () => `NPI 1234567893`,
        () => `NPI 3${npi(rng).slice(1)}`,
        () => `ref ${npi(rng)} attached`,
      ])(),
  },
  {
    id: 'US_DRUG_ENFORCEMENT_AGENCY_NUMBER',
    positive: (rng) => {
      const value = dea(rng)
      return { text: `${rng.pick(['DEA number', 'dea registration', 'DEA Number:'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['dea_number', 'DeaRegistration', 'prescriber_dea_number']), value: dea(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const v = dea(rng)
          return `DEA number ${v.slice(0, 8)}${(Number(v[8]) + rng.int(1, 9)) % 10}`
        },
        () => `DEA number AB1234563`,
        () => `prescriber ${dea(rng)} signed`,
      ])(),
  },
  {
    id: 'USA_NATIONAL_DRUG_CODE',
    positive: (rng) => {
      const value = ndc(rng)
      return { text: `${rng.pick(['NDC', 'National Drug Code', 'ndc:'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['ndc', 'drug_ndc', 'NationalDrugCode']), value: ndc(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `NDC 0000-${rng.int(1000, 9999)}-${rng.int(10, 99)}`,
        () => `NDC ${rng.int(1000, 9999)}-${rng.int(1000, 9999)}-${rng.int(100, 999)}`,
        () => `lot ${ndc(rng)} expired`,
      ])(),
  },
  {
    id: 'USA_HEALTHCARE_PROCEDURE_CODE',
    positive: (rng) => {
      const value = hcpcs(rng)
      return { text: `${rng.pick(['HCPCS', 'HCPCS code', 'Current Procedural Terminology'])} ${value} billed`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['hcpcs', 'hcpcs_code', 'HcpcsCode']), value: hcpcs(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `HCPCS W${rng.int(1000, 9999)}`,
        () => `HCPCS J0000`,
        () => `room ${hcpcs(rng)} booked`,
      ])(),
  },
]
