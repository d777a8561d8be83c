import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

// Licences issued by a provincial office begin with the province's sigla (current ones and
// those of provinces since merged or renamed); those of the central office (UCO) with U1.
const PROVINCES = new Set(
  ('AG AL AN AO AP AQ AR AT AV BA BG BI BL BN BO BR BS BT BZ CA CB CE CH CI CL CN CO CR CS CT CZ EN FC FE FG FI FM FO FR ' +
    'GE GO GR IM IS KR LC LE LI LO LT LU MB MC ME MI MN MO MS MT NA NO NU OG OR OT PA PC PD PE PG PI PN PO PR PS PT PU PV ' +
    'PZ RA RC RE RG RI RM RN RO SA SI SO SP SR SS SU SV TA TE TN TO TP TR TS TV UD VA VB VC VE VI VR VS VT VV').split(' '),
)

/**
 * Italian driving licence numbers (patente di guida), ten characters: a province sigla or U1,
 * seven digits and a letter (`RM1234567X`, `U11234567A`), or U1, three digits, a letter, three
 * digits and a letter (`U1123B456C`).
 */
export const italyDriversLicense = defineIdentifier({
  id: 'ITALY_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Italian driving licence number; issuing province or UCO prefix.',
  countries: ['Italy'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z])(?:[A-Z][A-Z1][0-9]{7}|U1[0-9]{3}[A-HJ-NPR-Z][0-9]{3})[A-Z](?![0-9A-Za-z])/g,
  keywords: ['patente di guida', 'patente di guida numero', 'patente guida', 'patente guida numero'],
  maxLength: 10,
  validate: [(m) => m.startsWith('U1') || PROVINCES.has(m.slice(0, 2)), notAllSameDigit],
})
