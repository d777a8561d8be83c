// `trawl findings …`: the findings of the embedded store — list (ListFindings, with Macie's
// finding criteria and sorting), get (GetFindings), stats (GetFindingStatistics).
import type { Command } from 'commander'
import { validateFindingCriteria } from '../../findings/criteria.js'
import type { FindingCriteria, SortCriteria } from '../../store/types.js'
import { openInstance, type InstanceOptions } from '../instance.js'
import { jsonArg } from '../json-arg.js'
import { UsageError } from '../usage-error.js'

const GROUP_BY = ['classificationDetails.jobId', 'resourcesAffected.s3Bucket.name', 'severity.description', 'type'] as const

function withStoreOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'data folder (default: TRAWL_DATA_DIR or ~/.trawl)')
    .option('--account-id <id>', 'account (default: TRAWL_ACCOUNT_ID, else the data folder\'s account)')
    .option('--region <region>', 'region (default: AWS_REGION, else us-east-1)')
}

function criteriaOf(value: string | undefined): FindingCriteria {
  return value === undefined ? {} : validateFindingCriteria(jsonArg(value, '--finding-criteria'))
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

/** Registers `trawl findings`. */
export function findingsCommand(program: Command): void {
  const findings = program.command('findings').description('Findings of discovery jobs, on the embedded store (Macie ListFindings, GetFindings, GetFindingStatistics).')

  withStoreOptions(
    findings
      .command('list')
      .description('List findings: a table, or with --json the ListFindings response (finding IDs and nextToken).')
      .option('--finding-criteria <json>', 'FindingCriteria as JSON or file://path, e.g. {"criterion":{"severity.description":{"eq":["High"]}}}')
      .option('--sort-by <attribute>', 'createdAt, updatedAt, severity.score, type, count, resourcesAffected', 'updatedAt')
      .option('--order <order>', 'ASC or DESC', 'DESC')
      .option('--max-results <n>', 'findings per page', '50')
      .option('--next-token <token>', 'the page after this token')
      .option('--json', 'print the ListFindings response'),
  ).action(
    async (opts: InstanceOptions & { findingCriteria?: string; sortBy: string; order: string; maxResults: string; nextToken?: string; json?: boolean }) => {
      const criteria = criteriaOf(opts.findingCriteria)
      if (opts.order !== 'ASC' && opts.order !== 'DESC') throw new UsageError('--order must be ASC or DESC')
      const maxResults = Number(opts.maxResults)
      if (!Number.isInteger(maxResults) || maxResults < 1) throw new UsageError('--max-results must be a whole number ≥ 1')
      const sort: SortCriteria = { attributeName: opts.sortBy, orderBy: opts.order }
      const trawl = await openInstance(opts)
      try {
        const page = await trawl.store.findings.list(trawl.scope, criteria, sort, { maxResults, ...(opts.nextToken ? { nextToken: opts.nextToken } : {}) })
        if (opts.json) return print({ findingIds: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) })
        const rows = await trawl.store.findings.get(trawl.scope, page.items)
        for (const { finding } of rows) {
          const f = finding as { id: string; type: string; severity?: { description: string }; archived: boolean; resourcesAffected?: { s3Bucket?: { name: string }; s3Object?: { key: string } } }
          const where = f.resourcesAffected?.s3Object ? `${f.resourcesAffected.s3Bucket?.name}/${f.resourcesAffected.s3Object.key}` : (f.resourcesAffected?.s3Bucket?.name ?? '')
          process.stdout.write(`${f.id}  ${(f.severity?.description ?? '').padEnd(6)}  ${f.type.padEnd(40)}  ${where}${f.archived ? '  (archived)' : ''}\n`)
        }
        if (page.nextToken) process.stderr.write(`more: --next-token ${page.nextToken}\n`)
      } finally {
        await trawl.close()
      }
    },
  )

  withStoreOptions(findings.command('get').description('Print findings by ID (GetFindings).').argument('<finding-ids...>')).action(async (ids: string[], opts: InstanceOptions) => {
    if (ids.length > 50) throw new UsageError('at most 50 finding IDs at once')
    const trawl = await openInstance(opts)
    try {
      print({ findings: (await trawl.store.findings.get(trawl.scope, ids)).map((r) => r.finding) })
    } finally {
      await trawl.close()
    }
  })

  withStoreOptions(
    findings
      .command('stats')
      .description('Count findings by group (GetFindingStatistics).')
      .option('--group-by <field>', GROUP_BY.join(', '), 'type')
      .option('--finding-criteria <json>', 'FindingCriteria as JSON or file://path')
      .option('--size <n>', 'groups to return')
      .option('--sort-by <attribute>', 'groupKey or count', 'count')
      .option('--order <order>', 'ASC or DESC', 'DESC'),
  ).action(async (opts: InstanceOptions & { groupBy: string; findingCriteria?: string; size?: string; sortBy: string; order: string }) => {
    if (!(GROUP_BY as readonly string[]).includes(opts.groupBy)) throw new UsageError(`--group-by must be one of ${GROUP_BY.join(', ')}`)
    if (opts.sortBy !== 'groupKey' && opts.sortBy !== 'count') throw new UsageError('--sort-by must be groupKey or count')
    if (opts.order !== 'ASC' && opts.order !== 'DESC') throw new UsageError('--order must be ASC or DESC')
    const criteria = criteriaOf(opts.findingCriteria)
    const trawl = await openInstance(opts)
    try {
      const countsByGroup = await trawl.store.findings.statistics(trawl.scope, criteria, opts.groupBy as (typeof GROUP_BY)[number], {
        ...(opts.size ? { size: Number(opts.size) } : {}),
        sort: { attributeName: opts.sortBy, orderBy: opts.order },
      })
      print({ countsByGroup })
    } finally {
      await trawl.close()
    }
  })
}
