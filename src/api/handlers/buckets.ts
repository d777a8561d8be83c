// The bucket inventory operations (DescribeBuckets, GetBucketStatistics, SearchResources). The
// inventory, its queries and sums live in src/jobs/inventory.ts; this file loads and shapes.
import { readBucketSensitivity } from '../../jobs/discovery.js'
import { bucketInventoryCache, bucketMetadata, bucketStatistics, describeBuckets, searchResources, type BucketMetadata } from '../../jobs/inventory.js'
import type { Scope } from '../../store/types.js'
import type { ApiContext, Handler } from '../context.js'

/** The caller's buckets as `BucketMetadata`: the cached inventory plus job details and sensitivity scores read now. */
async function metadataFor(scope: Scope, ctx: ApiContext): Promise<BucketMetadata[]> {
  const inventory = await bucketInventoryCache.get(scope.accountId, ctx.sourceFor(scope.accountId))
  return bucketMetadata(inventory, scope, await ctx.store.jobs.list(scope), await readBucketSensitivity(ctx.store, scope))
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
