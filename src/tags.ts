// Macie's rules for resource tags, shared by every resource that has them (jobs, identifiers,
// allow lists, findings filters, members): domain rules, no HTTP.
import { InvalidInputError } from './errors.js'

/** A resource's tags, key to value. */
type TagMap = Record<string, string>

const MAX_TAGS = 50
const MAX_TAG_KEY = 128
const MAX_TAG_VALUE = 256

/**
 * Checks tags against Macie's limits (at most 50 a resource with those it already has, keys 1–128
 * and values at most 256 characters, counted in characters) and returns them as a TagMap.
 * @example
 * validateTags({ team: 'data' }, { owner: 'privacy' }) // { team: 'data' }
 */
export function validateTags(value: unknown, existing: TagMap = {}): TagMap {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) throw new InvalidInputError('tags must be a map of tag keys to values')
  const entries = Object.entries(value as Record<string, unknown>)
  const count = new Set([...Object.keys(existing), ...entries.map(([key]) => key)]).size
  if (count > MAX_TAGS) throw new InvalidInputError(`tags must hold at most ${MAX_TAGS} tags, not ${count}`)
  const result: TagMap = {}
  for (const [key, tagValue] of entries) {
    // Macie counts characters, not UTF-16 code units.
    const keyLength = [...key].length
    if (keyLength < 1 || keyLength > MAX_TAG_KEY) throw new InvalidInputError(`tags key "${key.slice(0, 40)}" must be 1 to ${MAX_TAG_KEY} characters long`)
    if (typeof tagValue !== 'string') throw new InvalidInputError(`tags.${key} must be a string`)
    if ([...tagValue].length > MAX_TAG_VALUE) throw new InvalidInputError(`tags.${key} must be at most ${MAX_TAG_VALUE} characters long`)
    result[key] = tagValue
  }
  return result
}
