import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/**
 * True unless an Ontario number (a letter and 14 digits) ends in an impossible birth date: its
 * last five digits are Y MM DD, with 50 added to the month for women (MTO licence numbering).
 */
function hasOntarioBirthDate(match: string): boolean {
  const digits = match.replace(/[^0-9]/g, '')
  if (digits.length !== 14) return true
  const month = Number(digits.slice(10, 12)) % 50
  const day = Number(digits.slice(12, 14))
  return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

/**
 * Canadian driver's licence numbers in the provincial formats: Ontario `A1234-12345-12345`,
 * Quebec `A1234-123456-12` (dashed or plain), Newfoundland and Labrador (a letter and nine
 * digits), Nova Scotia (five letters and nine digits), Alberta `123456-789`, and the all-digit
 * numbers of Alberta, British Columbia, Saskatchewan, New Brunswick, PEI and the territories (5–9).
 */
export const canadaDriversLicense = defineIdentifier({
  id: 'CANADA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: "Canadian driver's licence number in one of the provincial formats; a keyword is required.",
  countries: ['Canada'],
  severity: ['Low', 'Medium', 'High'],
  recommended: true,
  pattern: new RegExp(
    '(?<![0-9A-Za-z-])(?:' +
      [
        '[A-Z][0-9]{4}-[0-9]{5}-[0-9]{5}',
        '[A-Z][0-9]{4}-[0-9]{6}-[0-9]{2}',
        '[A-Z](?:[0-9]{14}|[0-9]{12}|[0-9]{9})',
        '[A-Z]{5}[0-9]{9}',
        '[0-9]{6}-[0-9]{3}',
        '[0-9]{5,9}',
      ].join('|') +
      ')(?![0-9A-Za-z-])',
    'g',
  ),
  keywords: [
    'dl#',
    'dl:',
    'dlno#',
    'driver licence',
    'driver licences',
    'driver license',
    'driver licenses',
    'driver permit',
    'drivers lic.',
    'drivers licence',
    "driver's licence",
    'drivers licences',
    "driver's licences",
    'drivers license',
    "driver's license",
    'drivers licenses',
    "driver's licenses",
    'drivers permit',
    "driver's permit",
    'drivers permit number',
    'driving licence',
    'driving license',
    'driving permit',
    'permis de conduire',
  ],
  maxLength: 17,
  validate: [hasOntarioBirthDate, notAllSameDigit, notDigitSequence],
})
