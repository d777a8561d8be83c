// Mexican personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { mexicoCurpNumber } from './mexico-curp-number.js'
import { mexicoIndividualRfcNumber } from './mexico-individual-rfc-number.js'
import { mexicoOrganizationRfcNumber } from './mexico-organization-rfc-number.js'

/** Mexican personal identifiers. */
export const mexicoIdentifiers: readonly Identifier[] = [mexicoCurpNumber, mexicoIndividualRfcNumber, mexicoOrganizationRfcNumber]
