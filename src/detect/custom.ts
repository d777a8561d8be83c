// Custom data identifiers exactly as Macie defines them (MACIE.md §3.1): a regex of at most 512
// characters in Macie's PCRE subset, compiled with RE2 so that matching is linear in the input
// whatever the pattern; keywords that must precede the match; ignore words; severity levels.
import RE2 from 're2'
import { InvalidInputError } from '../errors.js'

/** Macie's CDI severity names. */
export type CustomSeverity = 'LOW' | 'MEDIUM' | 'HIGH'

/** The CreateCustomDataIdentifier request body (plus an id/arn when it already exists). */
export interface CustomDataIdentifierInput {
  id?: string
  arn?: string
  name: string
  description?: string
  regex: string
  keywords?: readonly string[]
  ignoreWords?: readonly string[]
  maximumMatchDistance?: number
  severityLevels?: ReadonlyArray<{ occurrencesThreshold: number; severity: CustomSeverity }>
}

/** A validated, compiled custom data identifier. */
export interface CustomIdentifier {
  id: string
  arn?: string
  name: string
  regex: string
  keywords: readonly string[]
  ignoreWords: readonly string[]
  maximumMatchDistance: number
  severityLevels: ReadonlyArray<{ occurrencesThreshold: number; severity: CustomSeverity }>
  /** The compiled pattern with the global flag (RE2: linear time). */
  re: RE2
}

const MAX_REGEX = 512

/**
 * Rejects what Macie's regex dialect does not support, with a message naming the problem.
 * RE2 itself rejects backreferences and lookaround; these checks give clearer messages and add
 * Macie's own limits (global flags, large bounded repeats, chains of wildcards).
 */
export function checkCustomRegex(regex: string): void {
  if (regex.length === 0) throw new InvalidInputError('regex must not be empty')
  if (regex.length > MAX_REGEX) throw new InvalidInputError(`regex is ${regex.length} characters; the maximum is ${MAX_REGEX}`)
  if (/\(\?<?[=!]/.test(regex)) throw new InvalidInputError('regex uses look-ahead or look-behind, which is not supported')
  if (/\\[1-9]/.test(regex)) throw new InvalidInputError('regex uses a backreference, which is not supported')
  if (/\(\?[<P]?'?[A-Za-z_]\w*[>']/.test(regex)) throw new InvalidInputError('regex uses a named capturing group, which is not supported')
  if (/\(\?[a-z]*[msxU][a-z]*\)/.test(regex)) throw new InvalidInputError('regex sets a flag other than (?i), which is not supported')
  if (/\(\?(?:R|\d|\(|\{|C)/.test(regex)) throw new InvalidInputError('regex uses recursion, conditionals or embedded code, which is not supported')
  if (/^\/.*\/[a-z]+$/.test(regex)) throw new InvalidInputError('regex has global flags (/…/i); use (?i) inline instead')
  for (const m of regex.matchAll(/\{(\d+),(\d+)\}/g)) {
    if (Number(m[2]) - Number(m[1]) > 200 || Number(m[2]) > 500) {
      throw new InvalidInputError(`regex has a bounded repeat ${m[0]} that is too large; use an open repeat such as {${m[1]},}`)
    }
  }
  if (/(?:\.[*+]){2,}|(?:\.[*+][^()|]?){3,}/.test(regex)) {
    throw new InvalidInputError('regex chains repeated wildcards (such as .*.*), which is not supported')
  }
  try {
    new RE2(regex, 'g')
  } catch (err) {
    throw new InvalidInputError(`regex does not compile: ${(err as Error).message}`, { cause: err })
  }
}

function checkWords(field: string, words: readonly string[], max: number, min: number): void {
  if (words.length > max) throw new InvalidInputError(`${field} has ${words.length} entries; the maximum is ${max}`)
  for (const w of words) {
    const n = [...w].length
    if (n < min || n > 90) throw new InvalidInputError(`each entry of ${field} must be ${min}–90 characters: "${w.slice(0, 20)}…" is ${n}`)
  }
}

/**
 * Validates a custom data identifier as Macie does and compiles it.
 * @example
 * const cdi = compileCustomIdentifier({ name: 'Employee ID', regex: 'EMP-[0-9]{6}', keywords: ['employee'] })
 */
export function compileCustomIdentifier(input: CustomDataIdentifierInput): CustomIdentifier {
  if (!input.name || input.name.length > 128) throw new InvalidInputError('name must be 1–128 characters')
  if (input.description !== undefined && input.description.length > 512) throw new InvalidInputError('description must be at most 512 characters')
  checkCustomRegex(input.regex)
  const keywords = input.keywords ?? []
  const ignoreWords = input.ignoreWords ?? []
  checkWords('keywords', keywords, 50, 3)
  checkWords('ignoreWords', ignoreWords, 10, 4)
  const distance = input.maximumMatchDistance ?? 50
  if (!Number.isInteger(distance) || distance < 1 || distance > 300) {
    throw new InvalidInputError('maximumMatchDistance must be an integer from 1 to 300')
  }
  const levels = input.severityLevels ?? []
  if (levels.length > 3) throw new InvalidInputError('severityLevels has at most 3 entries')
  const seen = new Set<string>()
  for (const l of levels) {
    if (!['LOW', 'MEDIUM', 'HIGH'].includes(l.severity)) throw new InvalidInputError(`severity must be LOW, MEDIUM or HIGH, not ${l.severity}`)
    if (seen.has(l.severity)) throw new InvalidInputError(`severityLevels has ${l.severity} twice`)
    seen.add(l.severity)
    if (!Number.isInteger(l.occurrencesThreshold) || l.occurrencesThreshold < 1) {
      throw new InvalidInputError('occurrencesThreshold must be a positive integer')
    }
  }
  const order = ['LOW', 'MEDIUM', 'HIGH']
  const sorted = [...levels].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity))
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.occurrencesThreshold <= sorted[i - 1]!.occurrencesThreshold) {
      throw new InvalidInputError('occurrencesThreshold must increase from LOW to MEDIUM to HIGH')
    }
  }
  return {
    id: input.id ?? input.name,
    ...(input.arn ? { arn: input.arn } : {}),
    name: input.name,
    regex: input.regex,
    keywords: keywords.map((k) => k.toLowerCase()),
    ignoreWords,
    maximumMatchDistance: distance,
    severityLevels: sorted,
    re: new RE2(input.regex, 'g'),
  }
}
