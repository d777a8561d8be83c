// Canadian personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { canadaDriversLicense } from './canada-drivers-license.js'
import { canadaHealthNumber } from './canada-health-number.js'
import { canadaNationalIdentificationNumber } from './canada-national-identification-number.js'
import { canadaPassportNumber } from './canada-passport-number.js'
import { canadaSocialInsuranceNumber } from './canada-social-insurance-number.js'

/** Canadian personal and health identifiers. */
export const canadaIdentifiers: readonly Identifier[] = [
  canadaSocialInsuranceNumber,
  canadaPassportNumber,
  canadaDriversLicense,
  canadaHealthNumber,
  canadaNationalIdentificationNumber,
]
