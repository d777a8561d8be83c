// United States personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { usaSocialSecurityNumber } from './usa-social-security-number.js'

/** US personal and health identifiers. */
export const usIdentifiers: readonly Identifier[] = [usaSocialSecurityNumber]
