// France's national identity numbers: the identity card number (carte nationale d'identité, old
// 12-character and 2021 9-character forms) and the NIR, which Macie's keywords for this ID name.
import { defineIdentifier } from '../../../identifier.js'
import { franceNir } from '../../../validators/france-nir.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * Card numbers issued 1988–2021: year and month of issue (YYMM), the issuing department and
 * office (three characters, `2A`/`2B` for Corsica) and a five-digit serial.
 */
function isOldCardNumber(s: string): boolean {
  const year = Number(s.slice(0, 2))
  const month = Number(s.slice(2, 4))
  return (year >= 88 || year <= 21) && month >= 1 && month <= 12 && s.slice(4, 6) !== '00' && s.slice(7) !== '00000'
}

/**
 * 2021 cards: nine capitals and digits; a real number mixes both, a word or a bare count does
 * not. The UK NINO shape (`AB123456C`) is left out: Macie's keyword "insurance number" is shared
 * with UK_NATIONAL_INSURANCE_NUMBER, which validates that shape properly.
 */
function isNewCardNumber(s: string): boolean {
  return /[0-9]/.test(s) && /[A-Z]/.test(s) && !/^[A-Z]{2}[0-9]{6}[A-D]$/.test(s)
}

/** Dispatches on the shape: 15 characters is a NIR, 12 an old card, 9 a 2021 card. */
function isFrenchIdentityNumber(m: string): boolean {
  const s = m.replace(/ /g, '')
  if (s.length === 15) return franceNir(m)
  if (s.length === 12) return isOldCardNumber(s) && notAllSameDigit(s)
  return s.length === 9 && isNewCardNumber(s)
}

/**
 * French national identity numbers: identity card numbers (`970675301842`, `X4RT9PFW4`) and
 * the NIR (`2 91 02 33 412 157 10`), the number the keyword list (INSEE, sécurité sociale) names.
 */
export const franceNationalIdentificationNumber = defineIdentifier({
  id: 'FRANCE_NATIONAL_IDENTIFICATION_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'French identity card number (12 or 9 characters) or NIR; card structure, INSEE rules and mod-97 key.',
  countries: ['France'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern:
    /(?<![0-9A-Za-z])(?:[0-9]{4}(?:[0-9]{3}|2[AB][0-9])[0-9]{5}|[0-9A-Z]{9}|[12] ?[0-9]{2} ?[0-9]{2} ?(?:[0-9]{2}|2[AB]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2})(?![0-9A-Za-z])/g,
  keywords: [
    'assurance sociale', 'carte nationale d’identité', 'cni', 'code sécurité sociale', 'french social security number', 'fssn#',
    'insee', 'insurance number', 'national id number', 'nationalid#', "numéro d'assurance", 'sécurité sociale',
    'sécurité sociale non.', 'sécurité sociale numéro', 'social', 'social security', 'social security number',
    'socialsecuritynumber', 'ss#', 'ssn', 'ssn#',
  ],
  maxLength: 21,
  validate: [isFrenchIdentityNumber],
  // The worked example of the French Wikipedia article on the NIR.
  reject: [(m) => m.replace(/ /g, '') === '255081416802538'],
})
