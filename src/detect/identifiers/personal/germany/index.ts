// Germany personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { germanyDriversLicense } from './germany-drivers-license.js'
import { germanyNationalIdentificationNumber } from './germany-national-identification-number.js'
import { germanyPassportNumber } from './germany-passport-number.js'
import { germanyPhoneNumber } from './germany-phone-number.js'
import { germanyTaxIdentificationNumber } from './germany-tax-identification-number.js'

/** Germany personal identifiers. */
export const germanyIdentifiers: readonly Identifier[] = [
  germanyDriversLicense,
  germanyNationalIdentificationNumber,
  germanyPassportNumber,
  germanyPhoneNumber,
  germanyTaxIdentificationNumber,
]
