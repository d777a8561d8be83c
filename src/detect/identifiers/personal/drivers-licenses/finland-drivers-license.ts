import { defineIdentifier } from '../../../identifier.js'
import { isFinlandHetu } from '../../../validators/drivers-license-personal-codes.js'

/** Finnish driving licence (ajokortti) numbers, which are the holder's henkilötunnus: DDMMYY, a century sign, three digits and a check character (mod 31). */
export const finlandDriversLicense = defineIdentifier({
  id: 'FINLAND_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: "Finnish driving licence number (the holder's HETU); date and mod-31 check character validated.",
  countries: ['Finland'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z-])[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y](?![0-9A-Za-z-])/g,
  keywords: [
    'ajokortin numero',
    'ajokortti',
    'förare lic.',
    'körkort',
    'körkort nummer',
    'kuljettaja lic.',
    'permis de conduire',
  ],
  maxLength: 11,
  validate: [isFinlandHetu],
})
