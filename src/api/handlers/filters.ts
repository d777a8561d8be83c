// Findings filters (Create/Get/List/Update/DeleteFindingsFilter), tags of the caller's resources
// (Tag/Untag/ListTagsForResource) and CreateSampleFindings. Validation, archiving and the sample
// findings themselves live in src/findings/; this file resolves resources and shapes replies.
import { randomUUID } from 'node:crypto'
import { memberExists } from '../../accounts/members.js'
import { NotFoundError, QuotaExceededError } from '../../errors.js'
import { allFindingsFilters, applyFilterArchiving } from '../../findings/archiving.js'
import { isSuppressed, validateFindingsFilter } from '../../findings/filters.js'
import { sampleFindings } from '../../findings/sample.js'
import type { FindingType } from '../../findings/types.js'
import { validateTags } from '../../tags.js'
import type { FindingsFilterRow, Scope, Store } from '../../store/types.js'
import type { Handler } from '../context.js'

/** Findings filters an account may have per region (MACIE.md §8.2). */
const MAX_FINDINGS_FILTERS = 1000

async function filterOf(store: Store, scope: Scope, id: unknown): Promise<FindingsFilterRow> {
  const row = typeof id === 'string' ? await store.findingsFilters.get(scope, id) : undefined
  if (!row) throw new NotFoundError('findings filter', String(id))
  return row
}

/** Taggable resource types and whether a resource of that type exists in the caller's scope. */
const TAGGABLE: Record<string, (store: Store, scope: Scope, id: string) => Promise<boolean>> = {
  'classification-job': async (store, scope, id) => !!(await store.jobs.get(scope, id)),
  'custom-data-identifier': async (store, scope, id) => (await store.customDataIdentifiers.get(scope, id))?.deleted === false,
  'findings-filter': async (store, scope, id) => !!(await store.findingsFilters.get(scope, id)),
  'allow-list': async (store, scope, id) => !!(await store.allowLists.get(scope, id)),
  member: memberExists,
}

const RESOURCE_ARN = /^arn:[a-z-]+:macie2:([a-z0-9-]+):(\d{12}):([a-z-]+)\/([^/]+)$/

/** The ARN of an existing taggable resource of the caller's account and region; anything else is not found. */
async function taggableArn(store: Store, scope: Scope, arn: unknown): Promise<string> {
  const m = typeof arn === 'string' ? RESOURCE_ARN.exec(arn) : null
  const exists = m && m[1] === scope.region && m[2] === scope.accountId && TAGGABLE[m[3]!]
  if (!m || !exists || !(await exists(store, scope, m[4]!))) throw new NotFoundError('resource', String(arn))
  return arn as string
}

/** Operations of this group. */
export const filterHandlers: Record<string, Handler> = {
  async CreateFindingsFilter(input, scope, ctx) {
    const request = validateFindingsFilter(input)
    if (request.clientToken) {
      const earlier = await ctx.store.findingsFilters.getByClientToken(scope, request.clientToken)
      if (earlier) return { id: earlier.id, arn: earlier.arn }
    }
    const existing = await allFindingsFilters(ctx.store, scope)
    if (existing.length >= MAX_FINDINGS_FILTERS) throw new QuotaExceededError(`an account can have at most ${MAX_FINDINGS_FILTERS} findings filters per region`)
    const id = randomUUID()
    const row: FindingsFilterRow = {
      ...scope,
      id,
      arn: `arn:aws:macie2:${scope.region}:${scope.accountId}:findings-filter/${id}`,
      name: request.name,
      ...(request.description !== undefined ? { description: request.description } : {}),
      action: request.action,
      findingCriteria: request.findingCriteria,
      position: request.position ?? existing.reduce((max, f) => Math.max(max, f.position), 0) + 1,
      ...(request.clientToken ? { clientToken: request.clientToken } : {}),
      tags: request.tags,
    }
    await ctx.store.findingsFilters.insert(row)
    await applyFilterArchiving(ctx.store, scope, undefined, row)
    return { id, arn: row.arn }
  },

  async GetFindingsFilter(input, scope, ctx) {
    const f = await filterOf(ctx.store, scope, input.id)
    return { id: f.id, arn: f.arn, name: f.name, description: f.description, action: f.action, findingCriteria: f.findingCriteria, position: f.position, tags: f.tags }
  },

  async ListFindingsFilters(input, scope, ctx) {
    const page = await ctx.store.findingsFilters.list(scope, {
      ...(input.maxResults !== undefined ? { maxResults: input.maxResults as number } : {}),
      ...(input.nextToken ? { nextToken: input.nextToken as string } : {}),
    })
    return {
      findingsFilterListItems: page.items.map((f) => ({ id: f.id, arn: f.arn, name: f.name, action: f.action, tags: f.tags })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    }
  },

  async UpdateFindingsFilter(input, scope, ctx) {
    const before = await filterOf(ctx.store, scope, input.id)
    // The request's client token is not kept: the row's is CreateFindingsFilter's, for its replays.
    const change = validateFindingsFilter(input, 'update')
    delete change.clientToken
    const after: FindingsFilterRow = { ...before, ...change }
    await ctx.store.findingsFilters.update(after)
    await applyFilterArchiving(ctx.store, scope, before, after)
    return { id: after.id, arn: after.arn }
  },

  async DeleteFindingsFilter(input, scope, ctx) {
    const before = await filterOf(ctx.store, scope, input.id)
    await ctx.store.findingsFilters.delete(scope, before.id)
    await applyFilterArchiving(ctx.store, scope, before, undefined)
    return {}
  },

  async TagResource(input, scope, ctx) {
    const arn = await taggableArn(ctx.store, scope, input.resourceArn)
    const tags = validateTags(input.tags, await ctx.store.tags.get(scope, arn))
    await ctx.store.tags.set(scope, arn, tags)
    return {}
  },

  async UntagResource(input, scope, ctx) {
    const arn = await taggableArn(ctx.store, scope, input.resourceArn)
    await ctx.store.tags.remove(scope, arn, input.tagKeys as string[])
    return {}
  },

  async ListTagsForResource(input, scope, ctx) {
    const arn = await taggableArn(ctx.store, scope, input.resourceArn)
    return { tags: await ctx.store.tags.get(scope, arn) }
  },

  async CreateSampleFindings(input, scope, ctx) {
    const findings = sampleFindings(scope, input.findingTypes as FindingType[] | undefined, new Date())
    // Suppression rules apply to sample findings as to any other new finding.
    const filters = await allFindingsFilters(ctx.store, scope)
    await ctx.store.findings.insertMany(findings.map((finding) => ({ ...scope, id: finding.id, finding: { ...finding, archived: isSuppressed(finding, filters) } })))
    return {}
  },
}
