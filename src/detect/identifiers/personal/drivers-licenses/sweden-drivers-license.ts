import { defineIdentifier } from '../../../identifier.js'
import { isSwedenPersonnummer } from '../../../validators/drivers-license-personal-codes.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/** Swedish driving licence (körkort) numbers, which are the holder's personnummer: YYMMDD-NNNC, YYMMDD+NNNC or YYYYMMDDNNNC, Luhn check digit. */
export const swedenDriversLicense = defineIdentifier({
  id: 'SWEDEN_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: "Swedish driving licence number (the holder's personnummer); date and Luhn check digit validated.",
  countries: ['Sweden'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z+-])(?:19|20)?[0-9]{6}[-+]?[0-9]{4}(?![0-9A-Za-z+-])/g,
  keywords: [
    'ajokortin numero',
    'dlno# ajokortti',
    'drivere lic.',
    'förare lic.',
    'körkort',
    'körkort nummer',
    'körkortsnummer',
    'kuljettajat lic.',
  ],
  maxLength: 13,
  validate: [isSwedenPersonnummer, notAllSameDigit],
})
