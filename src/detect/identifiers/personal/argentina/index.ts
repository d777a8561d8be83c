// Argentine personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { argentinaDniNumber } from './argentina-dni-number.js'
import { argentinaIndividualTaxIdentificationNumber } from './argentina-individual-tax-identification-number.js'
import { argentinaOrganizationTaxIdentificationNumber } from './argentina-organization-tax-identification-number.js'
import { argentinaTarjetaSube } from './argentina-tarjeta-sube.js'

/** Argentine personal identifiers. */
export const argentinaIdentifiers: readonly Identifier[] = [
  argentinaDniNumber,
  argentinaIndividualTaxIdentificationNumber,
  argentinaOrganizationTaxIdentificationNumber,
  argentinaTarjetaSube,
]
