import { defineIdentifier } from '../../../identifier.js'
import { hasIcaoCheckDigit } from '../../../validators/germany-document-number.js'

/**
 * German passport (Reisepass) numbers: nine characters, the first C, F, G, H, J or K, the rest
 * from the document alphabet (digits and letters without vowels, B, D, Q and S), optionally
 * followed by the ICAO 9303 check digit and the nationality letter D as in the MRZ
 * (`C01X0006H1D`); a check digit that is present must be right.
 */
export const germanyPassportNumber = defineIdentifier({
  id: 'GERMANY_PASSPORT_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'German passport number (Reisepass), nine characters; ICAO 9303 check digit validated when present.',
  countries: ['Germany'],
  severity: ['Medium', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[CFGHJK][CFGHJKLMNPRTVWXYZ0-9]{8}(?:[0-9]D?)?(?![0-9A-Za-z])/g,
  keywords: ['ausstellungsdatum', 'ausstellungsort', 'geburtsdatum', 'passport', 'passports', 'reisepass', 'reisepass–nr', 'reisepassnummer'],
  maxLength: 11,
  validate: [
    (m) => m.length === 9 || hasIcaoCheckDigit(m.slice(0, 10)),
    // Authority codes carry digits; a serial of letters only is a word, not a passport number.
    (m) => /[0-9]/.test(m.slice(1, 9)),
  ],
  // The Bundesdruckerei specimen passport (Erika Mustermann).
  reject: [(m) => m.slice(0, 9) === 'C01X0006H'],
})
