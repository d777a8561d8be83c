// The auditor's rules, in ID order: what each is (data, documented in docs/rules/<id>.md) and its
// check. Each rule lives in src/audit/rules/<id>.ts; settings and their defaults live here.
import { AuditInputError } from './input-error.js'
import { macie2001 } from './rules/macie2-001.js'
import { macie2002 } from './rules/macie2-002.js'
import { macie2003 } from './rules/macie2-003.js'
import { macie2004 } from './rules/macie2-004.js'
import { macie2005 } from './rules/macie2-005.js'
import { macie2006 } from './rules/macie2-006.js'
import { macie2007 } from './rules/macie2-007.js'
import { macie2008 } from './rules/macie2-008.js'
import type { Rule } from './types.js'

/** Every rule, in ID order. */
export const RULES: readonly Rule[] = [macie2001, macie2002, macie2003, macie2004, macie2005, macie2006, macie2007, macie2008]


/**
 * The rule with this ID (case-insensitive), or undefined.
 * @example
 * ruleById('macie2-003')?.title // 'Amazon Macie Discovery Jobs'
 */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id.toLowerCase() === id.trim().toLowerCase())
}

/**
 * The rules an audit runs: those named (all when none), minus those excluded; unknown IDs are refused.
 * @example
 * selectRules(['Macie2-001', 'Macie2-003'], ['Macie2-001']).map((r) => r.id) // ['Macie2-003']
 */
export function selectRules(only?: readonly string[], exclude: readonly string[] = []): Rule[] {
  const unknown = [...(only ?? []), ...exclude].filter((id) => !ruleById(id))
  if (unknown.length > 0) throw new AuditInputError(`unknown rule${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')} (trawl audit --list-rules lists them)`)
  const wanted = only && only.length > 0 ? new Set(only.map((id) => ruleById(id)!.id)) : undefined
  const dropped = new Set(exclude.map((id) => ruleById(id)!.id))
  return RULES.filter((r) => (!wanted || wanted.has(r.id)) && !dropped.has(r.id))
}
