// France personal and health identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { franceDriversLicense } from './france-drivers-license.js'
import { franceHealthInsuranceNumber } from './france-health-insurance-number.js'
import { franceNationalIdentificationNumber } from './france-national-identification-number.js'
import { francePassportNumber } from './france-passport-number.js'
import { francePhoneNumber } from './france-phone-number.js'
import { franceTaxIdentificationNumber } from './france-tax-identification-number.js'

/** France personal and health identifiers. */
export const franceIdentifiers: readonly Identifier[] = [
  franceDriversLicense,
  franceHealthInsuranceNumber,
  franceNationalIdentificationNumber,
  francePassportNumber,
  francePhoneNumber,
  franceTaxIdentificationNumber,
]
