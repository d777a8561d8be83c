// The shape of a managed data identifier: Macie's ID and category, a pattern, the keywords
// that must (or must not) be near a match, literal anchors and validators. Pure data.

/** Macie's managed data identifier categories (`ListManagedDataIdentifiers`). */
export type Category = 'CREDENTIALS' | 'FINANCIAL_INFORMATION' | 'PERSONAL_INFORMATION'

/** Macie's severity descriptions. */
export type Severity = 'Low' | 'Medium' | 'High'

/** A predicate over the matched text. */
export type MatchCheck = (match: string) => boolean

/** How keywords gate a match: `required` — one must be near; `absent` — reported only when none is. */
export type KeywordRule = 'required' | 'absent'

/** What a managed data identifier file declares. */
export interface IdentifierSpec {
  /** Macie's ID, verbatim (e.g. `USA_SOCIAL_SECURITY_NUMBER`). */
  id: string
  category: Category
  /** One sentence: what it finds and how it is validated. */
  description: string
  /** Countries the identifier is for (Macie's wording), when it is country-specific. */
  countries?: readonly string[]
  /** Severity for 1, 2–99 and 100+ occurrences in one object (Macie's table). */
  severity: readonly [one: Severity, some: Severity, many: Severity]
  /** In Macie's RECOMMENDED set. */
  recommended?: boolean
  /** trawl's own identifier, not one of Macie's. */
  trawlOnly?: boolean
  /**
   * The value's shape. Must carry the `g` flag; ASCII classes and explicit boundaries
   * (`(?<![0-9])`) keep it fast. The whole match is the reported value.
   */
  pattern: RegExp
  /** Macie's keyword list (lower case; one with a space also matches its `_`, `-` and no-space forms). */
  keywords?: readonly string[]
  /** Defaults to `required` when keywords are given; `none` ignores them. */
  keywordRule?: KeywordRule | 'none'
  /** Characters between keyword and match (Macie: 30, inclusive, either side). */
  distance?: number
  /**
   * A second shape that is reported with no keyword near it (an IBAN for a BBAN identifier,
   * a phone number with its country code). Validators apply to it too.
   */
  unkeyedPattern?: RegExp
  /**
   * Literals (matched case-insensitively) one of which occurs in every match of an unkeyed
   * pattern: the engine runs the pattern only around them (`-----BEGIN`, `eyJ`, `+44`).
   */
  anchors?: readonly string[]
  /**
   * A cheap regex shared (same object) by a family of unkeyed identifiers; the engine runs it
   * once per segment and each member's pattern only around its matches.
   */
  trigger?: RegExp
  /** Longest match in characters (default 64); bounds the windows the engine searches. */
  maxLength?: number
  /** Checksums and structure checks: every one must pass. */
  validate?: readonly MatchCheck[]
  /** Known-bad shapes and documented example values: any one rules the match out. */
  reject?: readonly MatchCheck[]
}

/** A managed data identifier, normalised. */
export interface Identifier extends IdentifierSpec {
  keywords: readonly string[]
  keywordRule: KeywordRule | 'none'
  distance: number
  maxLength: number
  anchors: readonly string[]
  validate: readonly MatchCheck[]
  reject: readonly MatchCheck[]
  recommended: boolean
  trawlOnly: boolean
}

/**
 * Declares a managed data identifier.
 * @example
 * const id = defineIdentifier({ id: 'X', category: 'PERSONAL_INFORMATION', description: 'x',
 *   severity: ['High', 'High', 'High'], pattern: /x/g })
 */
export function defineIdentifier(spec: IdentifierSpec): Identifier {
  for (const re of [spec.pattern, spec.unkeyedPattern, spec.trigger]) {
    if (re && !re.global) throw new Error(`${spec.id}: patterns need the g flag`)
    if (re?.sticky) throw new Error(`${spec.id}: patterns must not be sticky`)
  }
  const keywords = (spec.keywords ?? []).map((k) => k.toLowerCase())
  return {
    ...spec,
    keywords,
    keywordRule: spec.keywordRule ?? (keywords.length > 0 ? 'required' : 'none'),
    distance: spec.distance ?? 30,
    maxLength: spec.maxLength ?? 64,
    anchors: spec.anchors ?? [],
    validate: spec.validate ?? [],
    reject: spec.reject ?? [],
    recommended: spec.recommended ?? false,
    trawlOnly: spec.trawlOnly ?? false,
  }
}
