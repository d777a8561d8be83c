// Macie sessions (EnableMacie, GetMacieSession, UpdateMacieSession, DisableMacie), usage
// (GetUsageStatistics, GetUsageTotals) and the results repository (Put/GetClassificationExportConfiguration).
import { assertCanDisable, onMacieEnabled, readableAccounts } from '../../accounts/members.js'
import { ConflictError, NotEnabledError } from '../../errors.js'
import { getUsageStatistics, getUsageTotals, type GetUsageStatisticsRequest, type TimeRange } from '../../jobs/usage.js'
import { putExportConfiguration } from '../../results/configuration.js'
import { openSource } from '../../sources/index.js'
import type { MacieSession } from '../../store/types.js'
import type { Handler } from '../context.js'

type Frequency = MacieSession['findingPublishingFrequency']

function sessionReply(s: MacieSession): Record<string, unknown> {
  return {
    createdAt: s.createdAt,
    findingPublishingFrequency: s.findingPublishingFrequency,
    serviceRole: s.serviceRole ?? `arn:aws:iam::${s.accountId}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
    status: s.status,
    updatedAt: s.updatedAt,
  }
}

/** Session, usage and results repository operations. */
export const sessionHandlers: Record<string, Handler> = {
  async EnableMacie(input, scope, ctx) {
    if (await ctx.store.sessions.get(scope)) throw new ConflictError('Macie is already enabled for this account in this region')
    const now = new Date()
    await ctx.store.accounts.ensure(scope.accountId)
    await ctx.store.sessions.put({
      ...scope,
      status: (input.status as MacieSession['status'] | undefined) ?? 'ENABLED',
      findingPublishingFrequency: (input.findingPublishingFrequency as Frequency | undefined) ?? 'FIFTEEN_MINUTES',
      createdAt: now,
      updatedAt: now,
    })
    // An organization that adds new accounts automatically makes this one a member now.
    await onMacieEnabled(ctx.store, scope, ctx.accountIds)
    return {}
  },

  async GetMacieSession(_input, scope, ctx) {
    const session = await ctx.store.sessions.get(scope)
    if (!session) throw new NotEnabledError(scope.region)
    return sessionReply(session)
  },

  async UpdateMacieSession(input, scope, ctx) {
    const session = (await ctx.store.sessions.get(scope))!
    // As Macie does, suspending cancels the account's jobs; relationships must be undone first.
    if (input.status === 'PAUSED' && session.status !== 'PAUSED') {
      await assertCanDisable(ctx.store, scope)
      await ctx.jobs.stopScope(scope)
    }
    await ctx.store.sessions.put({
      ...session,
      ...(input.status ? { status: input.status as MacieSession['status'] } : {}),
      ...(input.findingPublishingFrequency ? { findingPublishingFrequency: input.findingPublishingFrequency as Frequency } : {}),
      updatedAt: new Date(),
    })
    return {}
  },

  // As Macie does, disabling deletes the account's jobs, findings, identifiers, lists, filters and
  // settings in the region; work in flight stops first so that nothing is written afterwards.
  async DisableMacie(_input, scope, ctx) {
    await assertCanDisable(ctx.store, scope)
    await ctx.jobs.stopScope(scope)
    await ctx.store.deleteScope(scope)
    return {}
  },

  async GetUsageTotals(input, scope, ctx) {
    return getUsageTotals(ctx.store, scope, input.timeRange ? { timeRange: input.timeRange as TimeRange } : {})
  },

  async GetUsageStatistics(input, scope, ctx) {
    // An administrator sees its members' usage too, one record per account.
    const scopes = (await readableAccounts(ctx.store, scope)).map((accountId) => ({ accountId, region: scope.region }))
    return getUsageStatistics(ctx.store, scopes, input as GetUsageStatisticsRequest, ctx.monthlyQuotaBytes ? { monthlyQuotaBytes: ctx.monthlyQuotaBytes } : {})
  },

  async PutClassificationExportConfiguration(input, scope, ctx) {
    const configuration = (input.configuration ?? {}) as { s3Destination?: unknown }
    const source = openSource(ctx.sourceFor(scope.accountId))
    try {
      const saved = await putExportConfiguration(ctx.store, source, scope, configuration.s3Destination)
      return { configuration: { s3Destination: saved.s3Destination } }
    } finally {
      source.close()
    }
  },

  async GetClassificationExportConfiguration(_input, scope, ctx) {
    const row = await ctx.store.exportConfigurations.get(scope)
    return row ? { configuration: { s3Destination: row.s3Destination } } : {}
  },
}
