import { defineIdentifier } from '../../../identifier.js'

const STATES = new Set('AN AP AR AS BR CG CH DD DL DN GA GJ HP HR JH JK KA KL LA LD MH ML MN MP MZ NL OD OR PB PY RJ SK TN TR TS UK UP WB'.split(' '))

/**
 * Indian driving licences in the Sarathi format, `MH14 20110062821`: state code, RTO number,
 * year of issue and a seven-digit serial. No check digit; the structure is all there is.
 */
export const indiaDriversLicense = defineIdentifier({
  id: 'INDIA_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: "Indian driver's licence; state code, RTO, year of issue and serial.",
  countries: ['India'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z])[A-Z]{2}[ -]?[0-9]{2}[ -]?(?:19|20)[0-9]{2}[ -]?[0-9]{7}(?![0-9A-Za-z])/g,
  keywords: ['driver licence', 'driver licences', 'driver license', 'driver licenses', 'drivers lic.', 'drivers licence', "driver's licence", 'drivers licences', "driver's licences", 'drivers license', "driver's license", 'drivers licenses', "driver's licenses", 'driving licence', 'driving license'],
  maxLength: 18,
  validate: [
    (m) => {
      const d = m.replace(/[ -]/g, '')
      const year = Number(d.slice(4, 8))
      return STATES.has(d.slice(0, 2)) && d.slice(2, 4) !== '00' && year >= 1950 && year <= 2035 && d.slice(8) !== '0000000'
    },
  ],
})
