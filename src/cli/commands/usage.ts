// `trawl usage`: what the instance's account analysed in its region (bytes and objects per usage
// type over a time range) and this month's quota of sensitive data discovery, with what remains.
import type { Command } from 'commander'
import { DEFAULT_MONTHLY_QUOTA_BYTES } from '../../jobs/context.js'
import type { TimeRange } from '../../jobs/usage.js'
import { openInstance, type InstanceOptions } from '../instance.js'
import { UsageError } from '../usage-error.js'

const TIME_RANGES: readonly TimeRange[] = ['MONTH_TO_DATE', 'PAST_30_DAYS']
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']

/** Bytes for people: 1536 → "1.5 KiB". */
function sizeOf(bytes: number): string {
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit]}`
}

/** Registers `trawl usage`. */
export function usageCommand(program: Command): void {
  program
    .command('usage')
    .description('Bytes and objects analysed by the account in its region, and this month\'s quota (Macie GetUsageTotals).')
    .option('--time-range <range>', 'MONTH_TO_DATE or PAST_30_DAYS (whole months: every month the 30 days touch)', 'MONTH_TO_DATE')
    .option('--json', 'print the GetUsageTotals response with the quantities and the quota')
    .option('--data-dir <dir>', 'data folder (default: TRAWL_DATA_DIR or ~/.trawl)')
    .option('--account-id <id>', 'account (default: TRAWL_ACCOUNT_ID, else the data folder\'s account)')
    .option('--region <region>', 'region (default: AWS_REGION, else us-east-1)')
    .action(async (opts: InstanceOptions & { timeRange: string; json?: boolean }) => {
      if (!(TIME_RANGES as readonly string[]).includes(opts.timeRange)) throw new UsageError('--time-range must be MONTH_TO_DATE or PAST_30_DAYS')
      const timeRange = opts.timeRange as TimeRange
      // Loaded here, not at the top: the usage module reaches the job runner and its sources,
      // which other commands (a `trawl scan` of local files) start without.
      const { getUsageTotals, quotaStatus, usageQuantities } = await import('../../jobs/usage.js')
      const trawl = await openInstance(opts)
      try {
        const now = new Date()
        // The CLI's jobs run with the default quota (the instance sets none), so that is the one shown.
        const [totals, used, quota] = await Promise.all([
          getUsageTotals(trawl.store, trawl.scope, { timeRange }, now),
          usageQuantities(trawl.store, trawl.scope, { timeRange }, now),
          quotaStatus(trawl.store, trawl.scope, DEFAULT_MONTHLY_QUOTA_BYTES, now),
        ])
        const remainingBytes = Math.max(0, quota.quotaBytes - quota.usedBytes)
        if (opts.json) {
          const body = { ...totals, months: used.months, quantities: used.quantities, quota: { ...quota, remainingBytes } }
          process.stdout.write(`${JSON.stringify(body, null, 2)}\n`)
          return
        }
        const { accountId, region } = trawl.scope
        const out: string[] = [`account ${accountId}, region ${region}, ${timeRange} (${used.months.join(', ')})`]
        for (const q of used.quantities) {
          out.push(`  ${q.type.padEnd(36)}  ${sizeOf(q.bytes).padStart(10)}  ${String(q.objects).padStart(8)} object${q.objects === 1 ? '' : 's'}`)
        }
        out.push(
          `quota this month (sensitive data discovery): ${sizeOf(quota.usedBytes)} of ${sizeOf(quota.quotaBytes)} used, ${sizeOf(remainingBytes)} left` +
            (quota.isExceeded ? ' — reached: jobs pause until next month' : ''),
        )
        out.push('estimated cost: 0 USD (self-hosted)')
        process.stdout.write(`${out.join('\n')}\n`)
      } finally {
        await trawl.close()
      }
    })
}
