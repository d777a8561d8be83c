import { defineIdentifier } from '../../../identifier.js'
import { hasCodiceFiscaleCheckChar } from '../../../validators/italy-codice-fiscale.js'

// Omocodia (DM 23/12/1976): when two people share a code, digits are replaced by these letters,
// starting from the rightmost digit.
const OMOCODIA = 'LMNPQRSTUV'
const DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14]
const MONTHS = 'ABCDEHLMPRST'
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function decode(c: string): number {
  return c >= '0' && c <= '9' ? Number(c) : OMOCODIA.indexOf(c)
}

/** Substituted positions form a suffix; the day is 1–31 (41–71 for women) within the month; the place code is not 000. */
function hasValidStructure(m: string): boolean {
  const s = m.toUpperCase()
  if (m !== s && m !== m.toLowerCase()) return false
  let substituted = false
  for (const p of DIGIT_POSITIONS) {
    const isLetter = !(s[p]! >= '0' && s[p]! <= '9')
    if (substituted && !isLetter) return false
    substituted = isLetter
  }
  const n = (from: number, to: number): number => [...s.slice(from, to)].reduce((acc, c) => acc * 10 + decode(c), 0)
  const day = n(9, 11)
  const dayOfMonth = day > 40 ? day - 40 : day
  const month = MONTHS.indexOf(s[8]!)
  return dayOfMonth >= 1 && dayOfMonth <= DAYS_IN_MONTH[month]! && (day <= 31 || day >= 41) && n(12, 15) !== 0
}

/**
 * Italian codice fiscale of a person (`RSSMRA85T10A562S`), upper or lower case, with omocodia
 * letters allowed in the digit positions; date, place and check character are validated.
 */
export const italyNationalIdentificationNumber = defineIdentifier({
  id: 'ITALY_NATIONAL_IDENTIFICATION_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Italian codice fiscale; birth date structure, omocodia and check character.',
  countries: ['Italy'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[A-Z]{6}[0-9LMNP-V]{2}[ABCDEHLMPRST][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z](?![0-9A-Za-z])/gi,
  // Macie lists "codice fiscal", which as a whole word never occurs inside "codice fiscale":
  // the full term is added.
  keywords: ['codice fiscal', 'codice fiscale', 'dati anagrafici', 'ehic', 'health card', 'health insurance card', 'p. iva', 'partita i.v.a.', 'personal data', 'tax code', 'tessera sanitaria'],
  maxLength: 16,
  validate: [hasValidStructure, hasCodiceFiscaleCheckChar],
  // Mario Rossi and Matteo Moretti are the textbook examples (Agenzia delle Entrate, Wikipedia).
  reject: [(m) => ['RSSMRA85T10A562S', 'RSSMRA80A01H501U', 'MRTMTT25D09F205Z'].includes(m.toUpperCase())],
})
