// Australian personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { australiaTaxFileNumber } from './australia-tax-file-number.js'

/** Australian personal identifiers. */
export const australiaIdentifiers: readonly Identifier[] = [australiaTaxFileNumber]
