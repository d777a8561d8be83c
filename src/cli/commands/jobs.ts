// `trawl jobs …`: classification jobs on the embedded store — create (and run), list, describe,
// pause, resume, cancel, and run what is due (interrupted runs, scheduled runs).
import type { Command } from 'commander'
import type { RunEvent } from '../../jobs/context.js'
import { openInstance, withInstanceOptions, type Instance, type InstanceOptions } from '../instance.js'
import { jsonArg, listArg } from '../json-arg.js'
import { UsageError } from '../usage-error.js'

interface CreateOptions extends InstanceOptions {
  name?: string
  description?: string
  jobType?: string
  s3JobDefinition?: string
  scheduleFrequency?: string
  initialRun?: boolean
  samplingPercentage?: string
  managedDataIdentifierSelector?: string
  managedDataIdentifierIds?: string
  customDataIdentifierIds?: string
  allowListIds?: string
  clientToken?: string
  tags?: string
  cliInputJson?: string
  detach?: boolean
  progress: boolean
}

/** Progress of runs on stderr: one line per object would drown a terminal; one every 2 s. */
function reporter(isOn: boolean): (event: RunEvent) => void {
  let objects = 0
  let findings = 0
  let bytes = 0
  let planned = 0
  let last = 0
  return (event) => {
    if (!isOn) return
    if (event.kind === 'planned') {
      planned = event.objects
      process.stderr.write(`job ${event.jobId}: ${event.objects} objects to analyse\n`)
    } else if (event.kind === 'object') {
      objects++
      findings += event.findings
      bytes += event.bytes
      if (Date.now() - last > 2000) {
        last = Date.now()
        process.stderr.write(`job ${event.jobId}: ${objects}/${planned} objects, ${(bytes / 2 ** 20).toFixed(1)} MiB, ${findings} findings\n`)
      }
    } else if (event.kind === 'failure') {
      process.stderr.write(`job ${event.jobId}: s3://${event.bucket}/${event.key} could not be read: ${event.message}\n`)
    } else {
      process.stderr.write(`job ${event.jobId}: run ${event.status === 'COMPLETE' || event.status === 'IDLE' ? 'finished' : 'stopped'} (${event.status})\n`)
    }
  }
}

/** Runs `work` on an open instance; Ctrl-C stops runs after their objects in flight. */
async function withInstance<T>(options: InstanceOptions, onEvent: ((e: RunEvent) => void) | undefined, work: (i: Instance) => Promise<T>): Promise<T> {
  const instance = await openInstance(options, onEvent)
  const stop = (): void => {
    process.stderr.write('trawl: stopping; runs resume with `trawl jobs run`\n')
    void instance.jobs.close()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    return await work(instance)
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    await instance.close()
  }
}

/** The CreateClassificationJob request the options describe. */
function createRequest(opts: CreateOptions): Record<string, unknown> {
  const request: Record<string, unknown> = opts.cliInputJson ? (jsonArg(opts.cliInputJson, '--cli-input-json') as Record<string, unknown>) : {}
  if (opts.name !== undefined) request.name = opts.name
  if (opts.description !== undefined) request.description = opts.description
  if (opts.jobType !== undefined) request.jobType = opts.jobType
  if (opts.s3JobDefinition !== undefined) request.s3JobDefinition = jsonArg(opts.s3JobDefinition, '--s3-job-definition')
  if (opts.scheduleFrequency !== undefined) request.scheduleFrequency = jsonArg(opts.scheduleFrequency, '--schedule-frequency')
  if (opts.initialRun !== undefined) request.initialRun = opts.initialRun
  if (opts.samplingPercentage !== undefined) request.samplingPercentage = Number(opts.samplingPercentage)
  if (opts.managedDataIdentifierSelector !== undefined) request.managedDataIdentifierSelector = opts.managedDataIdentifierSelector
  if (opts.managedDataIdentifierIds !== undefined) request.managedDataIdentifierIds = listArg(opts.managedDataIdentifierIds)
  if (opts.customDataIdentifierIds !== undefined) request.customDataIdentifierIds = listArg(opts.customDataIdentifierIds)
  if (opts.allowListIds !== undefined) request.allowListIds = listArg(opts.allowListIds)
  if (opts.tags !== undefined) {
    request.tags = Object.fromEntries(
      listArg(opts.tags).map((pair) => {
        const at = pair.indexOf('=')
        if (at <= 0) throw new UsageError(`--tags takes key=value pairs, not ${pair}`)
        return [pair.slice(0, at), pair.slice(at + 1)]
      }),
    )
  }
  request.clientToken = opts.clientToken ?? request.clientToken ?? crypto.randomUUID()
  return request
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

/** Registers `trawl jobs`. */
export function jobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('Sensitive data discovery jobs over buckets (Macie classification jobs), on the embedded store.')

  withInstanceOptions(
    jobs
      .command('create')
      .description('Create a job (CreateClassificationJob) and run it until its run ends, unless --detach.')
      .option('--name <name>', 'job name')
      .option('--description <text>', 'job description')
      .option('--job-type <type>', 'ONE_TIME or SCHEDULED')
      .option('--s3-job-definition <json>', 'S3JobDefinition as JSON or file://path (bucketDefinitions or bucketCriteria, scoping)')
      .option('--schedule-frequency <json>', 'JobScheduleFrequency as JSON, e.g. {"dailySchedule":{}}')
      .option('--initial-run', 'scheduled jobs: analyse existing objects now')
      .option('--no-initial-run', 'scheduled jobs: only objects created or changed from now on')
      .option('--sampling-percentage <n>', 'percentage of eligible objects to analyse (1–100)')
      .option('--managed-data-identifier-selector <selector>', 'RECOMMENDED, ALL, NONE, INCLUDE or EXCLUDE')
      .option('--managed-data-identifier-ids <ids>', 'comma-separated managed identifier IDs (INCLUDE/EXCLUDE)')
      .option('--custom-data-identifier-ids <ids>', 'comma-separated custom data identifier IDs')
      .option('--allow-list-ids <ids>', 'comma-separated allow list IDs')
      .option('--client-token <token>', 'idempotency token')
      .option('--tags <pairs>', 'key=value,key=value')
      .option('--cli-input-json <json>', 'the whole CreateClassificationJob request as JSON or file://path')
      .option('--detach', 'create the job and return; `trawl jobs run` does the work')
      .option('--no-progress', 'no progress output'),
  ).action(async (opts: CreateOptions) => {
    await withInstance(opts, reporter(opts.progress), async (trawl) => {
      const created = await trawl.jobs.create(trawl.scope, createRequest(opts))
      print(created)
      if (!opts.detach) await trawl.jobs.waitFor(created.jobId)
    })
  })

  withInstanceOptions(jobs.command('list').description('List jobs (ListClassificationJobs).').option('--json', 'the ListClassificationJobs response as JSON')).action(
    async (opts: InstanceOptions & { json?: boolean }) => {
      await withInstance(opts, undefined, async (trawl) => {
        const items: Array<Record<string, unknown>> = []
        let nextToken: string | undefined
        do {
          const page = await trawl.jobs.list(trawl.scope, { maxResults: 100, ...(nextToken ? { nextToken } : {}) })
          items.push(...(page.items as unknown as Array<Record<string, unknown>>))
          nextToken = page.nextToken
        } while (nextToken)
        if (opts.json) return print({ items })
        const rows = items.map((j) => [String(j.jobId), String(j.jobType), String(j.jobStatus), String(j.createdAt), String(j.name)])
        const header = ['JOB ID', 'TYPE', 'STATUS', 'CREATED', 'NAME']
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
        for (const r of [header, ...rows]) process.stdout.write(`${r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join('  ')}\n`)
      })
    },
  )

  withInstanceOptions(jobs.command('describe').description('Describe a job (DescribeClassificationJob).').argument('<job-id>')).action(
    async (jobId: string, opts: InstanceOptions) => {
      await withInstance(opts, undefined, async (trawl) => print(await trawl.jobs.describe(trawl.scope, jobId)))
    },
  )

  const transitions: Array<[string, string, string]> = [
    ['pause', 'USER_PAUSED', 'Pause a job (USER_PAUSED; it expires after 30 days).'],
    ['resume', 'RUNNING', 'Resume a paused job: its run continues where it stopped, until it ends unless --detach.'],
    ['cancel', 'CANCELLED', 'Cancel a job for good.'],
  ]
  for (const [name, status, description] of transitions) {
    withInstanceOptions(jobs.command(name).description(description).argument('<job-id>').option('--detach', 'return at once').option('--no-progress', 'no progress output')).action(
      async (jobId: string, opts: InstanceOptions & { detach?: boolean; progress: boolean }) => {
        await withInstance(opts, reporter(opts.progress), async (trawl) => {
          await trawl.jobs.updateStatus(trawl.scope, jobId, status)
          if (!opts.detach) await trawl.jobs.waitFor(jobId)
          print({ jobId, jobStatus: (await trawl.jobs.describe(trawl.scope, jobId)).jobStatus })
        })
      },
    )
  }

  withInstanceOptions(
    jobs
      .command('run')
      .description('Do the work that is due: resume interrupted runs, start scheduled runs whose time has come; with --watch, keep doing it (the scheduler).')
      .option('--watch', 'keep running the scheduler until interrupted')
      .option('--no-progress', 'no progress output'),
  ).action(async (opts: InstanceOptions & { watch?: boolean; progress: boolean }) => {
    await withInstance(opts, reporter(opts.progress), async (trawl) => {
      if (!opts.watch) {
        await trawl.jobs.tick()
        await trawl.jobs.idle()
        return
      }
      trawl.jobs.start()
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve)
        process.once('SIGTERM', resolve)
      })
    })
  })
}
