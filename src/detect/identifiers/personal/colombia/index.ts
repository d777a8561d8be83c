// Colombian personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { colombiaCitizenshipCardNumber } from './colombia-citizenship-card-number.js'
import { colombiaIndividualNitNumber } from './colombia-individual-nit-number.js'
import { colombiaOrganizationNitNumber } from './colombia-organization-nit-number.js'

/** Colombian personal identifiers. */
export const colombiaIdentifiers: readonly Identifier[] = [
  colombiaCitizenshipCardNumber,
  colombiaIndividualNitNumber,
  colombiaOrganizationNitNumber,
]
