// Personal identifiers that belong to no country: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { dateOfBirth } from './date-of-birth.js'
import { emailAddress } from './email-address.js'
import { httpCookie } from './http-cookie.js'
import { latitudeLongitude } from './latitude-longitude.js'
import { vehicleIdentificationNumber } from './vehicle-identification-number.js'

/** Personal identifiers for any country (and trawl's own EMAIL_ADDRESS). */
export const globalPersonalIdentifiers: readonly Identifier[] = [
  dateOfBirth,
  emailAddress,
  httpCookie,
  latitudeLongitude,
  vehicleIdentificationNumber,
]
