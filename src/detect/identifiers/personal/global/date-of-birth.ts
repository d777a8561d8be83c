import { defineIdentifier } from '../../../identifier.js'

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

interface CalendarDate {
  year: number
  month: number
  day: number
}

/** The dates a match can mean: numeric day/month orders are ambiguous, so both are tried. */
function readings(m: string): CalendarDate[] {
  const numbers = m.match(/[0-9]+/g)?.map(Number) ?? []
  const name = /[A-Za-z]{3}/.exec(m.replace(/(?<=[0-9])(?:st|nd|rd|th)/gi, ''))
  if (name) {
    const [day = 0, year = 0] = numbers
    return [{ year, month: MONTHS.indexOf(name[0].toLowerCase()) + 1, day }]
  }
  const [a = 0, b = 0, c = 0] = numbers
  if (a >= 1000) return [{ year: a, month: b, day: c }]
  return [
    { year: c, month: a, day: b },
    { year: c, month: b, day: a },
  ]
}

/** A real calendar date from 1900-01-01 to today (UTC): nobody alive was born earlier or later. */
function isPastCalendarDate({ year, month, day }: CalendarDate): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false
  return year >= 1900 && Date.UTC(year, month - 1, day) <= Date.now()
}

/** Dates of birth in numeric and month-name formats, near a birth date keyword. */
export const dateOfBirth = defineIdentifier({
  id: 'DATE_OF_BIRTH',
  category: 'PERSONAL_INFORMATION',
  description: 'Date of birth (ISO, day/month/year either order, month names) near a keyword; must be a real date from 1900 to today.',
  severity: ['Low', 'Medium', 'High'],
  // 1990-04-23 · 04/23/1990 · 23.04.1990 · 23 04 1990 · 23 April 1990 · 23-Apr-1990 · April 23rd, 1990.
  // Separators are Macie's (space, /, -) plus the dot of European dates; one separator per date.
  // A time may follow an ISO date (1990-04-23T00:00:00Z, as JSON serialisers write birth dates).
  pattern:
    /(?<![0-9A-Za-z])(?:(?:19|20)[0-9]{2}([-/. ])[0-9]{1,2}\1[0-9]{1,2}|[0-9]{1,2}([-/. ])[0-9]{1,2}\2(?:19|20)[0-9]{2}|[0-9]{1,2}(?:st|nd|rd|th)?([- ])(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\3(?:19|20)[0-9]{2}|(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? [0-9]{1,2}(?:st|nd|rd|th)?,? (?:19|20)[0-9]{2})(?=$|[^0-9A-Za-z]|T[0-9])/gi,
  keywords: ['bday', 'b-day', 'birth date', 'birthday', 'date of birth', 'dob'],
  maxLength: 24,
  validate: [(m) => readings(m).some(isPastCalendarDate)],
  // 1900-01-01 is the stock "unknown" default of date columns, not a birth date.
  reject: [(m) => readings(m).every(({ year, month, day }) => year === 1900 && month === 1 && day === 1)],
})
