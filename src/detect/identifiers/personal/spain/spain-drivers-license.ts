import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { hasSpainControlLetter } from '../../../validators/spain-ids.js'

/** Spanish driving licence numbers, which are the holder's DNI or NIE (`12345678Z`, `X1234567L`). */
export const spainDriversLicense = defineIdentifier({
  id: 'SPAIN_DRIVERS_LICENSE',
  category: 'PERSONAL_INFORMATION',
  description: 'Spanish driving licence number (DNI or NIE form); mod-23 control letter.',
  countries: ['Spain'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z])(?:(?:[0-9]{8}|[0-9]{2}\.[0-9]{3}\.[0-9]{3}|[XYZ][ -]?[0-9]{7})[ -]?[A-Z]|(?:[0-9]{8}|[xyz][0-9]{7})[a-z])(?![0-9A-Za-z])/g,
  // Macie's list spells "conducir" as "conducer"; the correct Spanish forms are added.
  keywords: [
    'carnet conducer', 'el carnet de conducer', 'licencia conducer', 'licencia de manejo', 'número carnet conducer',
    'número de carnet de conducer', 'número de permiso conducer', 'número de permiso de conducer', 'número licencia conducer',
    'número permiso conducer', 'permiso conducción', 'permiso conducer', 'permiso de conducción',
    'carnet de conducir', 'licencia de conducir', 'permiso de conducir',
  ],
  maxLength: 12,
  validate: [(m) => hasSpainControlLetter(m.replace(/[ .-]/g, '')), notAllSameDigit],
  reject: [(m) => ['12345678Z', 'X1234567L'].includes(m.replace(/[ .-]/g, '').toUpperCase())],
})
