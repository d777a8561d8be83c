// Spanish personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { spainDniNumber } from './spain-dni-number.js'
import { spainDriversLicense } from './spain-drivers-license.js'
import { spainNieNumber } from './spain-nie-number.js'
import { spainNifNumber } from './spain-nif-number.js'
import { spainPassportNumber } from './spain-passport-number.js'
import { spainPhoneNumber } from './spain-phone-number.js'
import { spainSocialSecurityNumber } from './spain-social-security-number.js'
import { spainTaxIdentificationNumber } from './spain-tax-identification-number.js'

/** Spanish personal identifiers. */
export const spainIdentifiers: readonly Identifier[] = [
  spainDniNumber,
  spainNieNumber,
  spainNifNumber,
  spainTaxIdentificationNumber,
  spainSocialSecurityNumber,
  spainPassportNumber,
  spainDriversLicense,
  spainPhoneNumber,
]
