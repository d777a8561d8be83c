// Findings: ListFindings, GetFindings, GetFindingStatistics — Macie's criteria, sorting and
// paging, run by the store, over the caller's findings and, for an administrator, its members'.
import { readableAccounts } from '../../accounts/members.js'
import { InvalidInputError } from '../../errors.js'
import { validateFindingCriteria } from '../../findings/criteria.js'
import { validateFindingStatisticsRequest } from '../../findings/statistics.js'
import type { ReadScope, Scope, SortCriteria, Store } from '../../store/types.js'
import type { Handler } from '../context.js'

/** As in Macie, an administrator reads its associated members' findings besides its own. */
async function readScopeOf(store: Store, scope: Scope): Promise<ReadScope> {
  const [, ...memberAccountIds] = await readableAccounts(store, scope)
  return memberAccountIds.length > 0 ? { ...scope, memberAccountIds } : scope
}

/** Finding operations. */
export const findingHandlers: Record<string, Handler> = {
  async ListFindings(input, scope, ctx) {
    const criteria = validateFindingCriteria(input.findingCriteria ?? {})
    const page = await ctx.store.findings.list(await readScopeOf(ctx.store, scope), criteria, input.sortCriteria as SortCriteria | undefined, {
      ...(input.maxResults !== undefined ? { maxResults: input.maxResults as number } : {}),
      ...(input.nextToken ? { nextToken: input.nextToken as string } : {}),
    })
    return { findingIds: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) }
  },

  async GetFindings(input, scope, ctx) {
    const ids = input.findingIds as string[]
    if (ids.length > 50) throw new InvalidInputError('findingIds: at most 50 finding IDs at once')
    return { findings: (await ctx.store.findings.get(await readScopeOf(ctx.store, scope), ids)).map((r) => r.finding) }
  },

  async GetFindingStatistics(input, scope, ctx) {
    const request = validateFindingStatisticsRequest(input)
    const criteria = validateFindingCriteria(input.findingCriteria ?? {})
    return {
      countsByGroup: await ctx.store.findings.statistics(await readScopeOf(ctx.store, scope), criteria, request.groupBy, {
        ...(request.size !== undefined ? { size: request.size } : {}),
        ...(request.sortCriteria ? { sort: request.sortCriteria } : {}),
      }),
    }
  },
}
