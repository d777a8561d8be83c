// Macie's severity and finding-type rules (MACIE.md §3.2, §6.1, §6.2): a level per detected type
// from its occurrence count, the maximum over types; the type from the set of categories.
import type { CustomIdentifier } from './custom.js'
import type { Category, Identifier, Severity } from './identifier.js'

/** Macie's `severity` object. */
export interface SeverityScore {
  description: Severity
  score: 1 | 2 | 3
}

const SCORES: Record<Severity, 1 | 2 | 3> = { Low: 1, Medium: 2, High: 3 }
const FROM_CUSTOM = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' } as const

/** Severity of `count` occurrences of a managed identifier in one object (1 / 2–99 / 100+). */
export function managedSeverity(identifier: Identifier, count: number): Severity {
  return identifier.severity[count <= 1 ? 0 : count < 100 ? 1 : 2]
}

/**
 * Severity of `count` matches of a custom identifier: Medium without levels; otherwise the
 * highest level whose threshold is reached; undefined (no finding) below the lowest threshold.
 */
export function customSeverity(cdi: Pick<CustomIdentifier, 'severityLevels'>, count: number): Severity | undefined {
  if (cdi.severityLevels.length === 0) return count > 0 ? 'Medium' : undefined
  let best: Severity | undefined
  for (const level of cdi.severityLevels) {
    const s = FROM_CUSTOM[level.severity]
    if (count >= level.occurrencesThreshold && (!best || SCORES[s] > SCORES[best])) best = s
  }
  return best
}

/** The highest of several severities as Macie's `{description, score}`. */
export function maxSeverity(levels: readonly Severity[]): SeverityScore | undefined {
  let best: Severity | undefined
  for (const s of levels) if (!best || SCORES[s] > SCORES[best]) best = s
  return best ? { description: best, score: SCORES[best] } : undefined
}

/** Macie's sensitive data finding types. */
export type SensitiveFindingType =
  | 'SensitiveData:S3Object/Credentials'
  | 'SensitiveData:S3Object/Financial'
  | 'SensitiveData:S3Object/Personal'
  | 'SensitiveData:S3Object/CustomIdentifier'
  | 'SensitiveData:S3Object/Multiple'

/** The finding type for the categories found in one object (custom identifiers count as one). */
export function findingType(categories: ReadonlySet<Category | 'CUSTOM_IDENTIFIER'>): SensitiveFindingType | undefined {
  if (categories.size === 0) return undefined
  if (categories.size > 1) return 'SensitiveData:S3Object/Multiple'
  const [only] = categories
  switch (only) {
    case 'CREDENTIALS':
      return 'SensitiveData:S3Object/Credentials'
    case 'FINANCIAL_INFORMATION':
      return 'SensitiveData:S3Object/Financial'
    case 'PERSONAL_INFORMATION':
      return 'SensitiveData:S3Object/Personal'
    default:
      return 'SensitiveData:S3Object/CustomIdentifier'
  }
}
