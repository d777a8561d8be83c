import { defineIdentifier } from '../../../identifier.js'

/**
 * Check character of the card licence number: the first nine characters (digits 0–9, A–Z as
 * 10–35) weighted 9 down to 1, sum mod 11, 10 written X. It reproduces the specimen licence
 * B072RRE2I55 and the validators in public German fleet and rental software.
 */
function hasLicenceCheckCharacter(m: string): boolean {
  let sum = 0
  for (let i = 0; i < 9; i++) {
    const c = m.charCodeAt(i)
    sum += (c <= 57 ? c - 48 : c - 55) * (9 - i)
  }
  return '0123456789X'[sum % 11] === m[9]
}

/**
 * German card driving licence (Führerschein) numbers, 11 characters: a four-character
 * authority code, a five-character serial, a check character (0–9 or X) and the issue number
 * (1–9, then A–Z), as `B072RRE2I55`.
 */
export const germanyDriversLicense = defineIdentifier({
  id: 'GERMANY_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'German driving licence number (11 characters); check character validated.',
  countries: ['Germany'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z])[A-Z0-9]{9}[0-9X][1-9A-Z](?![0-9A-Za-z])/g,
  keywords: [
    'fuehrerschein', 'fuehrerschein- nr', 'fuehrerscheinnummer', 'fuhrerschein', 'führerschein', 'fuhrerschein- nr',
    'führerschein- nr', 'fuhrerscheinnummer', 'führerscheinnummer',
  ],
  maxLength: 11,
  // Authority codes and serials carry digits; eleven capitals are a word, not a licence number.
  validate: [hasLicenceCheckCharacter, (m) => /[0-9]/.test(m.slice(0, 9))],
  // The specimen licence of the Kraftfahrt-Bundesamt (Erika Mustermann).
  reject: [(m) => m === 'B072RRE2I55'],
})
