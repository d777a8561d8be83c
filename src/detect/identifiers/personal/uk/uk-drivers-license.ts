import { defineIdentifier } from '../../../identifier.js'

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * DVLA driving licence number layout: surname (5, padded with 9), decade of birth, month of
 * birth (+50 for women), day, year digit, two initials (second padded with 9), an arbitrary
 * digit and two check characters.
 */
function isDvlaLayout(m: string): boolean {
  if (!/^[A-Z]+9*$/.test(m.slice(0, 5))) return false
  const month = Number(m.slice(6, 8)) % 50
  const day = Number(m.slice(8, 10))
  const year = Number(m[5]) * 10 + Number(m[10])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth[month - 1]!) return false
  // Both 19yy and 20yy are leap years when yy is a multiple of 4 (2000 included).
  return !(month === 2 && day === 29 && year % 4 !== 0)
}

/** UK (DVLA, Great Britain) driving licence numbers: 16 characters, `MORGA753116SM9IJ`. */
export const ukDriversLicense = defineIdentifier({
  id: 'UK_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'UK driving licence number (DVLA, 16 characters); surname padding and date of birth checked.',
  countries: ['UK'],
  severity: ['Low', 'Medium', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[A-Z][A-Z9]{4}[0-9][0156][0-9][0-3][0-9]{2}[A-Z][A-Z9][0-9][A-Z0-9]{2}(?![0-9A-Za-z])/g,
  keywords: [
    'dl#', 'dl:', 'dlno#', 'driver licence', 'driver licences', 'driver license', 'driver licenses', 'driver permit',
    'drivers lic.', 'drivers licence', "driver's licence", 'drivers licences', "driver's licences", 'drivers license',
    "driver's license", 'drivers licenses', "driver's licenses", 'drivers permit', "driver's permit",
    'drivers permit number', 'driving licence', 'driving license', 'driving permit',
  ],
  maxLength: 16,
  validate: [isDvlaLayout],
  // The licence shown in DVLA's and Wikipedia's explanations of the number.
  reject: [(m) => m === 'MORGA753116SM9IJ'],
})
