// Classification jobs as a service: create (validated, idempotent on clientToken), describe,
// list, change status, and the work itself — runs started on creation and on schedule, resumed
// after a restart, paused at the monthly quota, expired after 30 days USER_PAUSED. The CLI and
// the API both drive jobs through this class; it knows nothing of either.
import { readableAccounts } from '../accounts/members.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import type { JobRow, RunRow, Scope } from '../store/types.js'
import { DEFAULT_MONTHLY_QUOTA_BYTES, usageMonth, type JobContext } from './context.js'
import { describeJob } from './describe.js'
import { runDueRounds } from './discovery.js'
import { listJobs } from './list.js'
import { executeRun, newHexId } from './runner.js'
import { nextRunAt } from './schedule.js'
import { applyStatusRequest, expireUserPaused } from './status.js'
import { validateCreateJobRequest } from './validate.js'

/** A run this process is executing. */
interface ActiveRun {
  runId: string
  scope: Scope
  controller: AbortController
  done: Promise<void>
}

const TICK_MS = 5_000

/** Creates, runs and controls classification jobs. */
export class JobService {
  private readonly active = new Map<string, ActiveRun>()
  private readonly waiting: Array<() => void> = []
  private running = 0
  private timer?: NodeJS.Timeout
  private ticking?: Promise<void>
  private isClosed = false
  /** Automated discovery: how often each enabled scope gets a round (off when undefined), and the rounds under way. */
  private discoveryIntervalMs?: number
  private discovering?: Promise<unknown>
  private readonly discoveryStop = new AbortController()

  constructor(private readonly ctx: JobContext) {}

  /** Creates a job (the same clientToken returns the same job) and starts its first run if due. */
  async create(scope: Scope, request: unknown): Promise<{ jobId: string; jobArn: string }> {
    const token = (request as { clientToken?: unknown } | null)?.clientToken
    if (typeof token === 'string' && token.length > 0) {
      const existing = await this.ctx.store.jobs.getByClientToken(scope, token)
      if (existing) return { jobId: existing.jobId, jobArn: existing.jobArn }
    }
    const job = validateCreateJobRequest(request, scope, { now: new Date(), newJobId: newHexId })
    for (const id of job.customDataIdentifierIds ?? []) {
      const cdi = await this.ctx.store.customDataIdentifiers.get(scope, id)
      if (!cdi || cdi.deleted) throw new InvalidInputError(`custom data identifier ${id} does not exist`)
    }
    for (const id of job.allowListIds ?? []) {
      if (!(await this.ctx.store.allowLists.get(scope, id))) throw new InvalidInputError(`allow list ${id} does not exist`)
    }
    await assertReachableBuckets(this.ctx, scope, job)
    await this.ctx.store.accounts.ensure(scope.accountId)
    await this.ctx.store.jobs.insert(job)
    if (job.jobStatus === 'RUNNING') await this.startRun(job, new Date())
    return { jobId: job.jobId, jobArn: job.jobArn }
  }

  private async get(scope: Scope, jobId: string): Promise<JobRow> {
    const job = await this.ctx.store.jobs.get(scope, jobId)
    if (!job) throw new NotFoundError('classification job', jobId)
    return job
  }

  /** DescribeClassificationJob. */
  async describe(scope: Scope, jobId: string): Promise<ReturnType<typeof describeJob>> {
    return describeJob(await this.get(scope, jobId))
  }

  /** ListClassificationJobs. */
  async list(scope: Scope, request: Parameters<typeof listJobs>[1] = {}): Promise<ReturnType<typeof listJobs>> {
    return listJobs(await this.ctx.store.jobs.list(scope), request)
  }

  /** UpdateClassificationJob: pause, resume or cancel. */
  async updateStatus(scope: Scope, jobId: string, requested: string): Promise<void> {
    const job = await this.get(scope, jobId)
    const now = new Date()
    const patch = applyStatusRequest(job, requested, now)
    const isStopping = requested === 'USER_PAUSED' || requested === 'CANCELLED'
    if (isStopping) await this.stopActive(jobId)
    await this.ctx.store.jobs.update(scope, jobId, patch)
    const updated = patched(job, patch)
    if (requested === 'CANCELLED') {
      const [latest] = await this.ctx.store.runs.listForJob(jobId)
      if (latest?.status === 'RUNNING') await this.ctx.store.runs.update(latest.runId, { status: 'CANCELLED', finishedAt: now })
    }
    if (updated.jobStatus === 'RUNNING') {
      const [latest] = await this.ctx.store.runs.listForJob(jobId)
      if (latest?.status === 'RUNNING') this.launch(updated, latest)
      else await this.startRun(updated, now)
    } else if (updated.jobStatus === 'IDLE' && job.jobStatus === 'USER_PAUSED') {
      // Resumed after a pause taken between runs, or after the run expired: follow the schedule.
      if (updated.scheduleFrequency && !updated.nextRunAt) {
        await this.ctx.store.jobs.update(scope, jobId, { nextRunAt: nextRunAt(updated.scheduleFrequency, now) })
      }
    }
  }

  /**
   * Stops all work of a scope before its data is deleted (DisableMacie): every job that could run
   * again is cancelled first, so the scheduler starts nothing, then runs in flight are stopped.
   */
  async stopScope(scope: Scope): Promise<void> {
    for (const job of await this.ctx.store.jobs.list(scope)) {
      if (job.jobStatus !== 'CANCELLED' && job.jobStatus !== 'COMPLETE') await this.ctx.store.jobs.update(scope, job.jobId, { jobStatus: 'CANCELLED', nextRunAt: null })
    }
    const stopping = [...this.active.entries()].filter(([, run]) => run.scope.accountId === scope.accountId && run.scope.region === scope.region)
    await Promise.all(stopping.map(([jobId]) => this.stopActive(jobId)))
  }

  private async stopActive(jobId: string): Promise<void> {
    const run = this.active.get(jobId)
    if (!run) return
    run.controller.abort()
    await run.done
  }

  /** Starts a new run of a job now. */
  private async startRun(job: JobRow, now: Date): Promise<void> {
    const scope = { accountId: job.accountId, region: job.region }
    const previous = await this.ctx.store.runs.listForJob(job.jobId)
    const last = previous.find((r) => r.status !== 'CANCELLED') ?? previous[0]
    // Scheduled runs are incremental: objects created or changed since the last run started;
    // the first run covers everything only with initialRun.
    const modifiedAfter = job.jobType === 'SCHEDULED' ? (last?.startedAt ?? (job.initialRun ? undefined : job.createdAt)) : undefined
    const run: RunRow = {
      ...scope,
      runId: newHexId(),
      jobId: job.jobId,
      status: 'RUNNING',
      startedAt: now,
      ...(modifiedAfter ? { modifiedAfter } : {}),
      isPlanned: false,
      errorCode: 'NONE',
    }
    await this.ctx.store.runs.insert(run)
    const patch = { jobStatus: 'RUNNING' as const, lastRunTime: now, numberOfRuns: job.numberOfRuns + 1, nextRunAt: null }
    await this.ctx.store.jobs.update(scope, job.jobId, patch)
    this.launch({ ...job, jobStatus: 'RUNNING', lastRunTime: now, numberOfRuns: job.numberOfRuns + 1 }, run)
  }

  /** Executes a run in the background (at most `maxConcurrentRuns` at once). */
  private launch(job: JobRow, run: RunRow): void {
    if (this.active.has(job.jobId) || this.isClosed) return
    const controller = new AbortController()
    const done = (async () => {
      await this.slot()
      try {
        if (controller.signal.aborted) return
        const { outcome, errors } = await executeRun(this.ctx, job, run, controller.signal)
        await this.finish(job, run, outcome, errors)
      } catch (err) {
        await this.finish(job, run, 'FAILED', [(err as Error).message]).catch(() => undefined)
      } finally {
        this.running--
        this.waiting.shift()?.()
        this.active.delete(job.jobId)
      }
    })()
    this.active.set(job.jobId, { runId: run.runId, scope: { accountId: job.accountId, region: job.region }, controller, done })
  }

  private async slot(): Promise<void> {
    while (this.running >= (this.ctx.maxConcurrentRuns ?? 1)) await new Promise<void>((r) => this.waiting.push(r))
    this.running++
  }

  /** Records how a run ended and moves the job on. */
  private async finish(job: JobRow, run: RunRow, outcome: string, errors: string[]): Promise<void> {
    const scope = { accountId: job.accountId, region: job.region }
    const now = new Date()
    const errorCode = errors.length > 0 ? 'ERROR' : 'NONE'
    const current = await this.ctx.store.jobs.get(scope, job.jobId)
    if (outcome === 'STOPPED' || !current) {
      this.ctx.onEvent?.({ kind: 'finished', jobId: job.jobId, runId: run.runId, status: current?.jobStatus ?? 'STOPPED' })
      return
    }
    if (outcome === 'QUOTA') {
      await this.ctx.store.jobs.update(scope, job.jobId, { jobStatus: 'PAUSED' })
      this.ctx.onEvent?.({ kind: 'finished', jobId: job.jobId, runId: run.runId, status: 'PAUSED' })
      return
    }
    if (outcome === 'FAILED') {
      // The run could not go on (the results repository cannot be written, the store failed):
      // it ends with an error; a one-time job is over, a scheduled one tries again next time.
      await this.ctx.store.runs.update(run.runId, { status: 'CANCELLED', finishedAt: now, errorCode: 'ERROR' })
    } else {
      await this.ctx.store.runs.update(run.runId, { status: 'COMPLETE', finishedAt: now, errorCode: errorCode === 'ERROR' || run.errorCode === 'ERROR' ? 'ERROR' : 'NONE' })
    }
    const lastRunErrorCode = outcome === 'FAILED' || errorCode === 'ERROR' || run.errorCode === 'ERROR' ? 'ERROR' : 'NONE'
    if (current.jobType === 'ONE_TIME') {
      await this.ctx.store.jobs.update(scope, job.jobId, { jobStatus: 'COMPLETE', lastRunErrorCode, approximateNumberOfObjectsToProcess: 0 })
    } else {
      await this.ctx.store.jobs.update(scope, job.jobId, {
        jobStatus: 'IDLE',
        lastRunErrorCode,
        approximateNumberOfObjectsToProcess: 0,
        nextRunAt: nextRunAt(current.scheduleFrequency!, now),
      })
    }
    this.ctx.onEvent?.({ kind: 'finished', jobId: job.jobId, runId: run.runId, status: current.jobType === 'ONE_TIME' ? 'COMPLETE' : 'IDLE' })
  }

  /**
   * Does what is due now: resumes runs interrupted by a restart, starts scheduled runs whose time
   * has come, resumes jobs paused at the quota in a new month, and expires long user pauses.
   */
  async tick(now = new Date()): Promise<void> {
    if (this.isClosed) return
    // Rounds run beside the jobs, not before them: a round of hundreds of objects must not hold up a schedule.
    if (this.discoveryIntervalMs !== undefined && !this.discovering) {
      // The round reports its own kind of events; job progress displays don't show them.
      const { store, sourceFor, workers, partition, timeoutMs, tempDir } = this.ctx
      const deps = { store, sourceFor, workers, ...(partition ? { partition } : {}), ...(timeoutMs ? { timeoutMs } : {}), ...(tempDir ? { tempDir } : {}) }
      this.discovering = runDueRounds(deps, { now, intervalMs: this.discoveryIntervalMs, signal: this.discoveryStop.signal })
        .catch((err: unknown) => this.ctx.onEvent?.({ kind: 'failure', jobId: '', runId: '', bucket: '', key: '', message: `automated discovery: ${(err as Error).message}` }))
        .finally(() => {
          this.discovering = undefined
        })
    }
    for (const job of await this.ctx.store.jobs.listByStatus(['RUNNING'])) {
      if (this.active.has(job.jobId)) continue
      const [latest] = await this.ctx.store.runs.listForJob(job.jobId)
      if (latest?.status === 'RUNNING') this.launch(job, latest)
      else await this.startRun(job, now)
    }
    for (const job of await this.ctx.store.jobs.listByStatus(['IDLE'])) {
      if (job.nextRunAt && job.nextRunAt.getTime() <= now.getTime() && !this.active.has(job.jobId)) await this.startRun(job, now)
    }
    for (const job of await this.ctx.store.jobs.listByStatus(['USER_PAUSED'])) {
      const expiry = expireUserPaused(job, now)
      if (!expiry) continue
      const { patch, isRunCancelled } = expiry
      const scope = { accountId: job.accountId, region: job.region }
      await this.ctx.store.jobs.update(scope, job.jobId, patch)
      if (isRunCancelled) {
        const [latest] = await this.ctx.store.runs.listForJob(job.jobId)
        if (latest?.status === 'RUNNING') await this.ctx.store.runs.update(latest.runId, { status: 'CANCELLED', finishedAt: now })
      }
    }
    for (const job of await this.ctx.store.jobs.listByStatus(['PAUSED'])) {
      const scope = { accountId: job.accountId, region: job.region }
      // Resumed when the object it stopped at fits its owner's quota (a new month, or a raised
      // quota); a job short of the quota by less than that object stays PAUSED rather than flapping.
      const [latest] = await this.ctx.store.runs.listForJob(job.jobId)
      const [next] = latest?.status === 'RUNNING' ? await this.ctx.store.runObjects.listPending(latest.runId, -1, 1) : []
      const owner = { accountId: next?.accountId ?? job.accountId, region: job.region }
      const used = (await this.ctx.store.usage.list(owner, [usageMonth(now)])).filter((r) => r.type === 'SENSITIVE_DATA_DISCOVERY').reduce((n, r) => n + r.bytes, 0)
      if (used + (next?.size ?? 0) <= (this.ctx.monthlyQuotaBytes ?? DEFAULT_MONTHLY_QUOTA_BYTES)) {
        await this.ctx.store.jobs.update(scope, job.jobId, { jobStatus: 'RUNNING' })
        if (latest?.status === 'RUNNING') this.launch({ ...job, jobStatus: 'RUNNING' }, latest)
      }
    }
  }

  /** Runs automated sensitive data discovery on each tick for every scope that enabled it, a round per scope every `intervalMs`. */
  enableAutomatedDiscovery(intervalMs: number): void {
    this.discoveryIntervalMs = intervalMs
  }

  /** Ticks every few seconds until closed (the scheduler). */
  start(everyMs = TICK_MS): void {
    const loop = (): void => {
      this.ticking = this.tick()
        .catch((err: unknown) => this.ctx.onEvent?.({ kind: 'failure', jobId: '', runId: '', bucket: '', key: '', message: `scheduler: ${(err as Error).message}` }))
        .finally(() => {
          if (!this.isClosed) this.timer = setTimeout(loop, everyMs)
        })
    }
    loop()
  }

  /** Resolves when no run is executing in this process. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.all([...this.active.values()].map((a) => a.done))
  }

  /** Resolves when the job has no run executing in this process. */
  async waitFor(jobId: string): Promise<void> {
    await this.active.get(jobId)?.done
  }

  /** Stops: runs in progress stop after committing the objects in flight, and resume on the next start. */
  async close(): Promise<void> {
    this.isClosed = true
    if (this.timer) clearTimeout(this.timer)
    await this.ticking
    this.discoveryStop.abort()
    await this.discovering
    for (const run of this.active.values()) run.controller.abort()
    await this.idle()
  }
}

/**
 * Bucket definitions name the caller's buckets or those of its associated members (Macie: an
 * administrator's jobs may cover its members' buckets); any other account is an InvalidInputError.
 */
async function assertReachableBuckets(ctx: JobContext, scope: Scope, job: JobRow): Promise<void> {
  const others = (job.s3JobDefinition.bucketDefinitions ?? []).map((d) => d.accountId).filter((id) => id !== scope.accountId)
  if (others.length === 0) return
  const reachable = await readableAccounts(ctx.store, scope)
  const stranger = others.find((id) => !reachable.includes(id))
  if (stranger) throw new InvalidInputError(`bucketDefinitions: account ${stranger} is neither this account nor an associated member account of it`)
}

/** A row with a patch applied: `null` clears a field. */
function patched(job: JobRow, patch: { [K in keyof JobRow]?: JobRow[K] | null }): JobRow {
  const out: Record<string, unknown> = { ...job }
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else if (v !== undefined) out[k] = v
  }
  return out as unknown as JobRow
}
