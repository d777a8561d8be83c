// Keeps findings' `archived` in step with the ARCHIVE filters (suppression rules) of a scope when a
// filter is created, changed or deleted. New findings are judged at insert time by isSuppressed.
import type { FindingsFilterRow, Scope, Store } from '../store/types.js'

/** The store parts archiving reads and writes. */
export type ArchivingStore = Pick<Store, 'findings' | 'findingsFilters'>

/**
 * Every findings filter of a scope, in position order.
 * @example
 * const filters = await allFindingsFilters(store, { accountId: '111122223333', region: 'us-east-1' })
 */
export async function allFindingsFilters(store: Pick<Store, 'findingsFilters'>, scope: Scope): Promise<FindingsFilterRow[]> {
  const all: FindingsFilterRow[] = []
  let nextToken: string | undefined
  do {
    const page = await store.findingsFilters.list(scope, { maxResults: 1000, ...(nextToken ? { nextToken } : {}) })
    all.push(...page.items)
    nextToken = page.nextToken
  } while (nextToken)
  return all
}

const isSameCriteria = (a: FindingsFilterRow, b: FindingsFilterRow): boolean => JSON.stringify(a.findingCriteria) === JSON.stringify(b.findingCriteria)

/**
 * Brings `archived` in step after a filter changed, once the change is stored (`before` absent:
 * created; `after` absent: deleted). The rule: a finding is archived exactly when an ARCHIVE filter
 * of its scope matches it. So a new or changed ARCHIVE filter archives what it matches; when an
 * ARCHIVE filter stops archiving (deleted, turned NOOP, or its criteria changed), the findings its
 * old criteria matched are un-archived and every remaining ARCHIVE filter is applied again, so a
 * finding another rule also suppresses stays archived. Returns how many findings changed state
 * (an upper bound when findings are un-archived and archived again).
 * @example
 * await applyFilterArchiving(store, scope, previousRow, updatedRow)
 */
export async function applyFilterArchiving(store: ArchivingStore, scope: Scope, before: FindingsFilterRow | undefined, after: FindingsFilterRow | undefined): Promise<number> {
  const wasArchiving = before?.action === 'ARCHIVE'
  const isArchiving = after?.action === 'ARCHIVE'
  if (wasArchiving && !(isArchiving && isSameCriteria(before, after!))) {
    let changed = await store.findings.setArchived(scope, before.findingCriteria, false)
    // `after` is stored already, so it is among these when it still archives.
    for (const filter of await allFindingsFilters(store, scope)) {
      if (filter.action === 'ARCHIVE') changed += await store.findings.setArchived(scope, filter.findingCriteria, true)
    }
    return changed
  }
  if (isArchiving && !wasArchiving) return store.findings.setArchived(scope, after!.findingCriteria, true)
  return 0
}
