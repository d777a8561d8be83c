// Findings: ListFindings, GetFindings, GetFindingStatistics — Macie's criteria, sorting and
// paging, run by the store.
import { InvalidInputError } from '../../errors.js'
import { validateFindingCriteria } from '../../findings/criteria.js'
import { validateFindingStatisticsRequest } from '../../findings/statistics.js'
import type { SortCriteria } from '../../store/types.js'
import type { Handler } from '../context.js'

/** Finding operations. */
export const findingHandlers: Record<string, Handler> = {
  async ListFindings(input, scope, ctx) {
    const criteria = validateFindingCriteria(input.findingCriteria ?? {})
    const page = await ctx.store.findings.list(scope, criteria, input.sortCriteria as SortCriteria | undefined, {
      ...(input.maxResults !== undefined ? { maxResults: input.maxResults as number } : {}),
      ...(input.nextToken ? { nextToken: input.nextToken as string } : {}),
    })
    return { findingIds: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) }
  },

  async GetFindings(input, scope, ctx) {
    const ids = input.findingIds as string[]
    if (ids.length > 50) throw new InvalidInputError('findingIds: at most 50 finding IDs at once')
    return { findings: (await ctx.store.findings.get(scope, ids)).map((r) => r.finding) }
  },

  async GetFindingStatistics(input, scope, ctx) {
    const request = validateFindingStatisticsRequest(input)
    const criteria = validateFindingCriteria(input.findingCriteria ?? {})
    return {
      countsByGroup: await ctx.store.findings.statistics(scope, criteria, request.groupBy, {
        ...(request.size !== undefined ? { size: request.size } : {}),
        ...(request.sortCriteria ? { sort: request.sortCriteria } : {}),
      }),
    }
  },
}
