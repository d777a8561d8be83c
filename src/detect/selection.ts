// Macie's managedDataIdentifierSelector: which managed identifiers a job (or scan) uses.
import { InvalidInputError } from '../errors.js'
import type { Identifier } from './identifier.js'

/** Macie's selector values. */
export const MANAGED_SELECTORS = ['ALL', 'EXCLUDE', 'INCLUDE', 'NONE', 'RECOMMENDED'] as const
/** One of Macie's selector values. */
export type ManagedSelector = (typeof MANAGED_SELECTORS)[number]

/**
 * Applies a selector as Macie does: RECOMMENDED (the default) is Macie's recommended set, ALL every
 * identifier, INCLUDE only the given IDs, EXCLUDE all but them, NONE none (custom identifiers
 * only). IDs are allowed only with INCLUDE/EXCLUDE, must exist, and NONE needs a custom identifier.
 * @example
 * selectManagedIdentifiers(managedIdentifiers, 'INCLUDE', ['USA_SOCIAL_SECURITY_NUMBER'])
 */
export function selectManagedIdentifiers(
  all: readonly Identifier[],
  selector: string = 'RECOMMENDED',
  ids: readonly string[] = [],
  customCount = 1,
): Identifier[] {
  if (!(MANAGED_SELECTORS as readonly string[]).includes(selector)) {
    throw new InvalidInputError(`managedDataIdentifierSelector must be one of ${MANAGED_SELECTORS.join(', ')}, not ${selector}`)
  }
  const known = new Set(all.map((i) => i.id))
  const unknown = ids.filter((id) => !known.has(id))
  if (unknown.length > 0) throw new InvalidInputError(`unknown managed data identifier ID: ${unknown.join(', ')}`)
  if (ids.length > 0 && !['INCLUDE', 'EXCLUDE'].includes(selector)) {
    throw new InvalidInputError(`managedDataIdentifierIds must be empty when managedDataIdentifierSelector is ${selector}`)
  }
  const wanted = new Set(ids)
  switch (selector as ManagedSelector) {
    case 'ALL':
      return [...all]
    case 'RECOMMENDED':
      return all.filter((i) => i.recommended)
    case 'NONE':
      if (customCount === 0) throw new InvalidInputError('managedDataIdentifierSelector NONE needs at least one custom data identifier')
      return []
    case 'INCLUDE':
      if (wanted.size === 0) throw new InvalidInputError('managedDataIdentifierSelector INCLUDE needs managedDataIdentifierIds')
      return all.filter((i) => wanted.has(i.id))
    case 'EXCLUDE':
      if (wanted.size === 0) throw new InvalidInputError('managedDataIdentifierSelector EXCLUDE needs managedDataIdentifierIds')
      return all.filter((i) => !wanted.has(i.id))
  }
}
