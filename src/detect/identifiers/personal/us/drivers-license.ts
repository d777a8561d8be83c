import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/**
 * US driver's licence numbers in the shapes the states issue (AAMVA / state DMV formats):
 * digits only (5–16), a letter or two before digits (CA, FL, IL, NJ, OH, WI …), digits before
 * letters (ME, MO, VT), IA/NH mixed groups, KS, ID, WA (`WDL…` and the older name-coded form)
 * and the printed dashed forms of FL, IL/WI and MD. Upper-case letters only.
 */
export const driversLicense = defineIdentifier({
  id: 'DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: "US driver's licence number in one of the state formats; a keyword is required.",
  countries: ['US'],
  severity: ['Low', 'Medium', 'High'],
  recommended: true,
  pattern: new RegExp(
    '(?<![0-9A-Za-z*-])(?:' +
      [
        '[0-9]{5,16}',
        '[0-9]{7,9}[A-Z]{1,2}',
        '[0-9]{2,3}[A-Z]{2,3}[0-9]{4,5}',
        '[A-Z][0-9]{4,14}',
        '[A-Z]{2}[0-9]{3,7}',
        '[A-Z]{3}[0-9]{6}',
        '[A-Z]{1,2}[0-9]{6}[A-Z]',
        '[A-Z][0-9][A-Z][0-9][A-Z]',
        'WDL[0-9A-Z]{9}',
        '[A-Z][A-Z*]{6}[0-9]{3}[0-9A-Z]{2}',
        '[A-Z][0-9]{3}-[0-9]{3}-[0-9]{2}-[0-9]{3}-[0-9]',
        '[A-Z][0-9]{3}-[0-9]{4}-[0-9]{4}(?:-[0-9]{2})?',
        '[A-Z]-[0-9]{3}-[0-9]{3}-[0-9]{3}-[0-9]{3}',
      ].join('|') +
      ')(?![0-9A-Za-z*-])',
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
  ],
  maxLength: 17,
  // Every state shape carries digits; requiring one keeps words such as `WDLOCATIONS` out.
  validate: [(m) => /[0-9]/.test(m), notAllSameDigit, notDigitSequence],
})
