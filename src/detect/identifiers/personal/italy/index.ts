// Italian personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { italyDriversLicense } from './italy-drivers-license.js'
import { italyNationalIdentificationNumber } from './italy-national-identification-number.js'
import { italyPassportNumber } from './italy-passport-number.js'
import { italyPhoneNumber } from './italy-phone-number.js'

/** Italian personal identifiers. */
export const italyIdentifiers: readonly Identifier[] = [
  italyNationalIdentificationNumber,
  italyPassportNumber,
  italyDriversLicense,
  italyPhoneNumber,
]
