// Macie allow lists (MACIE.md §3.3): text that completely matches a regex, or equals an entry of
// a word list (case-insensitive), is not sensitive data — whichever identifier matched it.
import RE2 from 're2'
import { InvalidInputError } from '../errors.js'
import { checkCustomRegex } from './custom.js'

/** An allow list with its criteria resolved (word lists already read). */
export interface AllowListInput {
  id?: string
  name?: string
  regex?: string
  words?: readonly string[]
}

/** A compiled allow list: true when the matched text is allowed. */
export interface AllowList {
  id: string
  allows(value: string): boolean
}

const MAX_WORDS = 100_000

/**
 * Compiles an allow list (exactly one of regex or words).
 * @example
 * compileAllowList({ regex: '555-01[0-9]{2}' }).allows('555-0123') // true
 */
export function compileAllowList(input: AllowListInput): AllowList {
  const id = input.id ?? input.name ?? 'allow-list'
  if ((input.regex === undefined) === (input.words === undefined)) {
    throw new InvalidInputError('an allow list has exactly one of regex or a words list')
  }
  if (input.regex !== undefined) {
    checkCustomRegex(input.regex)
    // Anchored so that only a complete match allows the text.
    const re = new RE2(`^(?:${input.regex})$`)
    return { id, allows: (value) => re.test(value) }
  }
  const words = input.words!
  if (words.length > MAX_WORDS) throw new InvalidInputError(`a words list has at most ${MAX_WORDS} entries, not ${words.length}`)
  const set = new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0))
  return { id, allows: (value) => set.has(value.toLowerCase()) }
}
