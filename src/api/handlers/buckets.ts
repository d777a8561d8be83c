// The bucket inventory operations (DescribeBuckets, GetBucketStatistics, SearchResources). The
// inventory, its queries and sums live in src/jobs/inventory.ts; this file loads and shapes.
import { readableAccounts } from '../../accounts/members.js'
import { readBucketSensitivity } from '../../jobs/discovery.js'
import { bucketInventoryCache, bucketMetadata, bucketStatistics, describeBuckets, searchResources, type BucketMetadata } from '../../jobs/inventory.js'
import type { Scope } from '../../store/types.js'
import type { ApiContext, Handler } from '../context.js'

/**
 * The caller's buckets as `BucketMetadata` — and, for an administrator, its members' buckets, as
 * Macie's inventory shows them: the cached inventory plus job details and sensitivity scores read now.
 */
async function metadataFor(scope: Scope, ctx: ApiContext): Promise<BucketMetadata[]> {
  const jobs = await ctx.store.jobs.list(scope)
  const all: BucketMetadata[] = []
  for (const accountId of await readableAccounts(ctx.store, scope)) {
    const account = { accountId, region: scope.region }
    const inventory = await bucketInventoryCache.get(accountId, ctx.sourceFor(accountId))
    all.push(...bucketMetadata(inventory, account, jobs, await readBucketSensitivity(ctx.store, account)))
  }
  return all
}

/** Operations of this group. */
export const bucketHandlers: Record<string, Handler> = {
  async DescribeBuckets(input, scope, ctx) {
    return describeBuckets(await metadataFor(scope, ctx), input)
  },

  async GetBucketStatistics(input, scope, ctx) {
    const accountId = typeof input.accountId === 'string' && input.accountId !== '' ? input.accountId : undefined
    return bucketStatistics(await metadataFor(scope, ctx), accountId)
  },

  async SearchResources(input, scope, ctx) {
    return searchResources(await metadataFor(scope, ctx), input)
  },
}
