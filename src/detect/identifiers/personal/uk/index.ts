// United Kingdom personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { ukDriversLicense } from './uk-drivers-license.js'
import { ukElectoralRollNumber } from './uk-electoral-roll-number.js'
import { ukNationalInsuranceNumber } from './uk-national-insurance-number.js'
import { ukNhsNumber } from './uk-nhs-number.js'
import { ukPassportNumber } from './uk-passport-number.js'
import { ukPhoneNumber } from './uk-phone-number.js'
import { ukTaxIdentificationNumber } from './uk-tax-identification-number.js'

/** UK personal and health identifiers. */
export const ukIdentifiers: readonly Identifier[] = [
  ukDriversLicense,
  ukElectoralRollNumber,
  ukNationalInsuranceNumber,
  ukNhsNumber,
  ukPassportNumber,
  ukPhoneNumber,
  ukTaxIdentificationNumber,
]
