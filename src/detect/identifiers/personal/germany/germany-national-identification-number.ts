import { defineIdentifier } from '../../../identifier.js'
import { hasIcaoCheckDigit } from '../../../validators/germany-document-number.js'

/**
 * German identity card (Personalausweis) numbers with their check digit, `L01X00T471`: a
 * nine-character serial (authority code and number; first letter L, M, N, P, R, T, V, W, X or
 * Y; letters without vowels, B, D, Q and S) and the ICAO 9303 7-3-1 check digit, as in the MRZ.
 * The serial alone is not reported: without the check digit nine such characters prove little.
 */
export const germanyNationalIdentificationNumber = defineIdentifier({
  id: 'GERMANY_NATIONAL_IDENTIFICATION_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'German identity card number (Personalausweis) with its ICAO 9303 check digit.',
  countries: ['Germany'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[LMNPRTVWXY][CFGHJKLMNPRTVWXYZ0-9]{8}[0-9](?![0-9A-Za-z])/g,
  keywords: ['ausweisnummer', 'id number', 'identification number', 'identity number', 'insurance number', 'personal id', 'personalausweis'],
  maxLength: 10,
  // Authority codes carry digits; a serial of letters only is a word, not a card number.
  validate: [hasIcaoCheckDigit, (m) => /[0-9]/.test(m.slice(1, 9))],
  // Specimen cards of the Bundesdruckerei (Erika Mustermann): 2010 and 2001 designs.
  reject: [(m) => m === 'L01X00T471' || m === 'T220001293'],
})
