import { defineIdentifier } from '../../identifier.js'

// Month and year as cards and payment forms print them. Numeric: MM/YY, MM/YYYY, M/YY, MM-YY,
// YYYY-MM, YYYY/MM, never a piece of a full date (05/27/2026, 2027-05-31). Named: Feb 2027,
// February 2027, FEB/27, Feb-2027. Keyed fields (Macie's own example, expY=2026, expM=02):
// a bare month or year right after an exp-m/exp-y field name.
const NUMERIC = '(?<![0-9A-Za-z/.-])(?:(?:0?[1-9]|1[0-2]) ?[/-] ?(?:20)?[0-9]{2}|20[0-9]{2} ?[/-] ?(?:0[1-9]|1[0-2]))(?![0-9A-Za-z]|[/.-][0-9])'
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)'
const NAMED = `(?<![A-Za-z])${MONTH}\\.?(?:,? 20[0-9]{2}| ?[/-] ?(?:20)?[0-9]{2})(?![0-9A-Za-z])`
const FIELD = `["']?[ ]?[:=][ ]?["']?`
const KEYED_MONTH = `(?<=exp(?:iry|iration)?[ _-]?m(?:onth|o|m)?${FIELD})(?:0?[1-9]|1[0-2])(?![0-9A-Za-z])`
const KEYED_YEAR = `(?<=exp(?:iry|iration)?[ _-]?y(?:ear|r|yyy|y)?${FIELD})(?:20)?[0-9]{2}(?![0-9A-Za-z])`

/** Payment card expiration dates (month and year) near a keyword. */
export const creditCardExpiration = defineIdentifier({
  id: 'CREDIT_CARD_EXPIRATION',
  category: 'FINANCIAL_INFORMATION',
  description: 'Payment card expiration date: month and year in digits or with a month name, or exp-month/exp-year fields, near a keyword.',
  severity: ['Low', 'Medium', 'High'],
  pattern: new RegExp(`${NUMERIC}|${NAMED}|${KEYED_MONTH}|${KEYED_YEAR}`, 'gi'),
  // Macie's list; its 'exp d', 'exp m' and 'exp y' stand for field names that continue, which
  // whole-word matching would miss (`exp date`, `expMonth`), so those are listed as well.
  keywords: [
    'exp d', 'exp m', 'exp y', 'expiration', 'expiry',
    'exp date', 'exp month', 'exp year', 'exp mo', 'exp yr', 'valid thru', 'good thru',
  ],
  maxLength: 24,
})
