import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { notDigitSequence } from '../../../validators/not-digit-sequence.js'

/** Hungarian driving licence (jogosítvány) numbers: two letters and six digits. */
export const hungaryDriversLicense = defineIdentifier({
  id: 'HUNGARY_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Hungarian driving licence number (two letters, six digits); structure only.',
  countries: ['Hungary'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])[A-Z]{2}[0-9]{6}(?![0-9A-Za-z-])/g,
  keywords: [
    'illesztőprogramok lic',
    'jogosítvány',
    'jogsi',
    'licencszám',
    'vezető engedély',
    'vezetői engedély',
  ],
  maxLength: 8,
  validate: [notAllSameDigit, notDigitSequence],
})
