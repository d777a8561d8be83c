// Indian personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { indiaAadhaarNumber } from './india-aadhaar-number.js'
import { indiaDriversLicense } from './india-drivers-license.js'
import { indiaPermanentAccountNumber } from './india-permanent-account-number.js'

/** Indian personal identifiers. */
export const indiaIdentifiers: readonly Identifier[] = [indiaAadhaarNumber, indiaPermanentAccountNumber, indiaDriversLicense]
