// Chilean personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { chileRutNumber } from './chile-rut-number.js'

/** Chilean personal identifiers. */
export const chileIdentifiers: readonly Identifier[] = [chileRutNumber]
