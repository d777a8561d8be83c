import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/**
 * Canadian permanent resident identifiers (IRCC): the PR card number, two letters and seven digits
 * (`PA0123456`), and the Unique Client Identifier, eight digits (`1234-5678`) or ten
 * (`12-3456-7890`), dashed or plain.
 */
export const canadaNationalIdentificationNumber = defineIdentifier({
  id: 'CANADA_NATIONAL_IDENTIFICATION_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Canadian permanent resident card number or IRCC Unique Client Identifier.',
  countries: ['Canada'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z-])(?:[A-Z]{2}[0-9]{7}|[0-9]{4}-?[0-9]{4}|[0-9]{2}-?[0-9]{4}-?[0-9]{4})(?![0-9A-Za-z-])/g,
  keywords: [
    'carte résident permanent',
    'numéro carte résident permanent',
    'numéro résident permanent',
    'permanent resident card',
    'permanent resident card number',
    'permanent resident no',
    'permanent resident no.',
    'permanent resident number',
    'pr no',
    'pr no.',
    'pr non',
    'pr number',
    'résident permanent no.',
    'résident permanent non',
  ],
  maxLength: 12,
  // A ten-digit UCI is written 2-4-4 or without dashes, never with just one.
  validate: [(m) => (m.match(/-/g)?.length ?? 0) !== 1 || m.length === 9, notAllSameDigit, notDigitSequence],
})
