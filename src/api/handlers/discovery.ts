// The automated discovery operations: resource profiles of S3 buckets (score, override,
// statistics, artifacts, detections and their suppression) and per-account discovery status.
// Rounds, scores and statistics are src/jobs/discovery*.ts'; this file checks, loads and shapes.
import { managedIdentifiers } from '../../detect/identifiers/index.js'
import { InvalidInputError, NotFoundError } from '../../errors.js'
import { bucketDetections, resourceStatistics, summaryScore } from '../../jobs/discovery-score.js'
import { isDiscoveryActive, readDiscoveryState } from '../../jobs/discovery.js'
import { decodePageToken, encodePageToken, queryFingerprint } from '../../jobs/page-token.js'
import { openSource } from '../../sources/index.js'
import type { ProfileSummary, SuppressedIdentifier } from '../../store/discovery-repository.js'
import type { Scope } from '../../store/types.js'
import type { ApiContext, Handler } from '../context.js'

/** Artifacts per ListResourceProfileArtifacts page (the operation takes no page size). */
const ARTIFACTS_PER_PAGE = 100
/** Detections per ListResourceProfileDetections page when the request names none. */
const DEFAULT_DETECTIONS_PER_PAGE = 25

// An S3 bucket ARN: S3's naming rules (3–63 lowercase letters, digits, dots, hyphens).
const BUCKET_ARN = /^arn:aws[a-z-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/

/**
 * The bucket a resource ARN names, once it is known to be one of the caller's: a bucket of
 * another account is not in the caller's source, so it is not found, as an unknown one.
 */
async function bucketOf(input: Record<string, unknown>, scope: Scope, ctx: ApiContext): Promise<string> {
  const arn = String(input.resourceArn)
  const name = BUCKET_ARN.exec(arn)?.[1]
  if (!name) throw new InvalidInputError(`resourceArn must be the ARN of an S3 bucket (arn:aws:s3:::bucket-name), not ${arn}`)
  const source = openSource(ctx.sourceFor(scope.accountId))
  try {
    if (!(await source.hasBucket(name).catch(() => false))) throw new NotFoundError('S3 bucket', arn)
  } finally {
    source.close()
  }
  return name
}

async function summaryOf(scope: Scope, bucket: string, ctx: ApiContext): Promise<ProfileSummary> {
  return (await ctx.store.discovery.summaries(scope, bucket)).get(bucket) ?? { counts: { bytesClassified: 0, complete: 0, partial: 0, skipped: 0, sensitive: 0, skippedInvalidEncryption: 0, skippedInvalidKms: 0, skippedPermissionDenied: 0 }, detections: [] }
}

/** Whether a bucket holds no object at all (a bucket no round has listed yet scores 1 then). */
async function isEmptyBucket(scope: Scope, bucket: string, ctx: ApiContext): Promise<boolean> {
  const source = openSource(ctx.sourceFor(scope.accountId))
  try {
    for await (const object of source.listObjects(bucket)) {
      void object
      return false
    }
    return true
  } catch {
    return false
  } finally {
    source.close()
  }
}

function checkSuppressed(value: unknown): Array<SuppressedIdentifier> {
  const list = (value ?? []) as Array<{ id?: unknown; type?: unknown }>
  const out = new Map<string, SuppressedIdentifier>()
  list.forEach((item, i) => {
    if (typeof item.id !== 'string' || item.id === '') throw new InvalidInputError(`suppressDataIdentifiers[${i}].id is required`)
    if (item.type !== 'MANAGED' && item.type !== 'CUSTOM') throw new InvalidInputError(`suppressDataIdentifiers[${i}].type must be CUSTOM or MANAGED`)
    out.set(`${item.type}/${item.id}`, { id: item.id, type: item.type })
  })
  return [...out.values()]
}

const isString = (k: unknown): k is string => typeof k === 'string'

/** Resource profile and automated discovery account operations. */
export const discoveryHandlers: Record<string, Handler> = {
  async GetResourceProfile(input, scope, ctx) {
    const bucket = await bucketOf(input, scope, ctx)
    const summary = await summaryOf(scope, bucket, ctx)
    const isUnseen = !summary.profile && summary.counts.complete + summary.counts.partial + summary.counts.skipped === 0
    const sensitivityScore = isUnseen && (await isEmptyBucket(scope, bucket, ctx)) ? 1 : summaryScore(summary)
    return {
      profileUpdatedAt: summary.profile?.updatedAt,
      sensitivityScore,
      sensitivityScoreOverridden: summary.profile?.scoreOverride === 100,
      statistics: resourceStatistics(summary),
    }
  },

  async UpdateResourceProfile(input, scope, ctx) {
    const bucket = await bucketOf(input, scope, ctx)
    const override = input.sensitivityScoreOverride
    // Macie accepts 100 (sensitive, set by hand) or nothing (scored automatically again).
    if (override !== undefined && override !== null && override !== 100) throw new InvalidInputError(`sensitivityScoreOverride must be 100 or null, not ${String(override)}`)
    await ctx.store.discovery.setScoreOverride(scope, bucket, override === 100 ? 100 : null, new Date())
    return {}
  },

  async UpdateResourceProfileDetections(input, scope, ctx) {
    const bucket = await bucketOf(input, scope, ctx)
    const suppressed = checkSuppressed(input.suppressDataIdentifiers)
    const managed = new Set(managedIdentifiers.map((i) => i.id))
    for (const s of suppressed) {
      if (s.type === 'MANAGED' && !managed.has(s.id)) throw new InvalidInputError(`unknown managed data identifier ID: ${s.id}`)
      if (s.type === 'CUSTOM' && !(await ctx.store.customDataIdentifiers.get(scope, s.id))) throw new InvalidInputError(`custom data identifier ${s.id} does not exist`)
    }
    await ctx.store.discovery.setSuppressed(scope, bucket, suppressed, new Date())
    return {}
  },

  async ListResourceProfileArtifacts(input, scope, ctx) {
    const bucket = await bucketOf(input, scope, ctx)
    const fingerprint = queryFingerprint(['ListResourceProfileArtifacts', scope.accountId, bucket])
    const after = decodePageToken(input.nextToken, fingerprint, isString, 'resourceArn')
    const page = await ctx.store.discovery.listArtifacts(scope, bucket, after?.k, ARTIFACTS_PER_PAGE)
    const last = page.items.at(-1)
    return {
      artifacts: page.items.map((a) => ({ arn: `arn:aws:s3:::${a.bucket}/${a.key}`, classificationResultStatus: a.status, sensitive: a.isSensitive })),
      ...(page.hasMore && last ? { nextToken: encodePageToken({ k: last.key, id: last.key, q: fingerprint }) } : {}),
    }
  },

  async ListResourceProfileDetections(input, scope, ctx) {
    const bucket = await bucketOf(input, scope, ctx)
    const fingerprint = queryFingerprint(['ListResourceProfileDetections', scope.accountId, bucket])
    const after = decodePageToken(input.nextToken, fingerprint, isString, 'resourceArn')
    const size = typeof input.maxResults === 'number' && input.maxResults > 0 ? input.maxResults : DEFAULT_DETECTIONS_PER_PAGE
    const keyOf = (d: { type: string; id: string }): string => `${d.type}/${d.id}`
    const all = bucketDetections(await summaryOf(scope, bucket, ctx))
    const rest = after ? all.filter((d) => keyOf(d) > after.k) : all
    const items = rest.slice(0, size)
    const last = items.at(-1)
    return {
      detections: items.map((d) => ({ arn: d.arn, count: d.count, id: d.id, name: d.name, suppressed: d.suppressed, type: d.type })),
      ...(rest.length > size && last ? { nextToken: encodePageToken({ k: keyOf(last), id: keyOf(last), q: fingerprint }) } : {}),
    }
  },

  async ListAutomatedDiscoveryAccounts(input, scope, ctx) {
    // The caller's own account only, until members can be answered for (src/accounts/members.ts).
    if (typeof input.nextToken === 'string' && input.nextToken !== '') throw new InvalidInputError('nextToken is not a token of this list')
    const asked = input.accountIds as string[] | undefined
    if (asked && asked.length > 50) throw new InvalidInputError('accountIds may name at most 50 accounts')
    if (asked && asked.length > 0 && !asked.includes(scope.accountId)) return { items: [] }
    const state = await readDiscoveryState(ctx.store, scope)
    return { items: [{ accountId: scope.accountId, status: isDiscoveryActive(state) ? 'ENABLED' : 'DISABLED' }] }
  },

  async BatchUpdateAutomatedDiscoveryAccounts(input, scope, ctx) {
    const updates = (input.accounts ?? []) as Array<{ accountId?: string; status?: 'ENABLED' | 'DISABLED' }>
    updates.forEach((u, i) => {
      if (typeof u.accountId !== 'string' || !/^\d{12}$/.test(u.accountId)) throw new InvalidInputError(`accounts[${i}].accountId must be a 12-digit account ID`)
      if (u.status !== 'ENABLED' && u.status !== 'DISABLED') throw new InvalidInputError(`accounts[${i}].status must be ENABLED or DISABLED`)
    })
    const errors: Array<{ accountId: string; errorCode: 'ACCOUNT_NOT_FOUND' | 'ACCOUNT_PAUSED' }> = []
    const now = new Date()
    for (const u of updates) {
      if (u.accountId !== scope.accountId) {
        errors.push({ accountId: u.accountId!, errorCode: 'ACCOUNT_NOT_FOUND' })
        continue
      }
      const session = await ctx.store.sessions.get(scope)
      if (session?.status === 'PAUSED') {
        errors.push({ accountId: u.accountId, errorCode: 'ACCOUNT_PAUSED' })
        continue
      }
      await ctx.store.discovery.setAccountStatus(scope, u.status!, now)
    }
    return { errors }
  },
}
