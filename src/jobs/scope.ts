// Object scoping of a classification job (Macie's `scoping`): whether one listed object is in
// the job's scope. Terms are checked at creation (validate.ts); this only evaluates them.
import { InvalidInputError } from '../errors.js'
import { extensionOf } from '../scan/record.js'
import type { Tag } from '../sources/types.js'
import type { JobScopeTerm, S3JobDefinition } from '../store/types.js'
import { compareNumbers } from './compare-numbers.js'

/** What scoping looks at: the listing's facts, plus the object's tags when a term needs them. */
export interface ScopedObject {
  key: string
  size: number
  lastModified: Date
  /** Absent: the object is taken to have no tags (fetch them when `scopingNeedsTags`). */
  tags?: Tag[]
}

type Scoping = S3JobDefinition['scoping']

/** The extension Macie compares: after the last dot of the file name, without the dot ('' for none). */
export const objectExtension = extensionOf

function hasAnyTag(tags: readonly Tag[], wanted: ReadonlyArray<{ key: string; value: string }>): boolean {
  // A pair whose value is "" asks for the key with any value (Macie's "key only" condition).
  return wanted.some((w) => tags.some((t) => t.key === w.key && (w.value === '' || t.value === w.value)))
}

function matchesTerm(object: ScopedObject, term: JobScopeTerm): boolean {
  if (term.simpleScopeTerm) {
    const { key, comparator, values } = term.simpleScopeTerm
    switch (key) {
      case 'OBJECT_EXTENSION': {
        const hit = values.includes(objectExtension(object.key))
        if (comparator === 'EQ') return hit
        if (comparator === 'NE') return !hit
        break
      }
      case 'OBJECT_KEY':
        if (comparator === 'STARTS_WITH') return values.some((prefix) => object.key.startsWith(prefix))
        break
      case 'OBJECT_LAST_MODIFIED_DATE':
        return compareNumbers(object.lastModified.getTime(), comparator, Date.parse(values[0] ?? ''))
      case 'OBJECT_SIZE':
        return compareNumbers(object.size, comparator, Number(values[0]))
    }
    throw new InvalidInputError(`scope term ${key} ${comparator} is not valid`)
  }
  if (term.tagScopeTerm) {
    const hit = hasAnyTag(object.tags ?? [], term.tagScopeTerm.tagValues)
    if (term.tagScopeTerm.comparator === 'EQ') return hit
    if (term.tagScopeTerm.comparator === 'NE') return !hit
    throw new InvalidInputError(`tag scope term comparator ${term.tagScopeTerm.comparator} is not valid`)
  }
  throw new InvalidInputError('a scope term must specify simpleScopeTerm or tagScopeTerm')
}

/**
 * Whether an object is in a job's scope: every include term holds (AND), and not every exclude
 * term does (excludes are ANDed too, and win over includes). No scoping: every object.
 * @example
 * matchesScoping({ key: 'a.pdf', size: 10, lastModified: new Date() },
 *   { includes: { and: [{ simpleScopeTerm: { key: 'OBJECT_EXTENSION', comparator: 'EQ', values: ['pdf'] } }] } }) // true
 */
export function matchesScoping(object: ScopedObject, scoping: Scoping): boolean {
  const includes = scoping?.includes?.and ?? []
  const excludes = scoping?.excludes?.and ?? []
  if (!includes.every((term) => matchesTerm(object, term))) return false
  return excludes.length === 0 || !excludes.every((term) => matchesTerm(object, term))
}

/**
 * Whether any scope term reads object tags, so the planner fetches tags only then (one request
 * per object).
 * @example
 * scopingNeedsTags(undefined) // false
 */
export function scopingNeedsTags(scoping: Scoping): boolean {
  const terms = [...(scoping?.includes?.and ?? []), ...(scoping?.excludes?.and ?? [])]
  return terms.some((term) => term.tagScopeTerm !== undefined)
}
