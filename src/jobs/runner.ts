// Runs one run of a job: plans it (once), then analyses its pending objects on worker threads.
// Objects are committed a plan batch at a time: the batch's results file first (named by the run
// and the objects the batch holds), then its findings, usage and DONE marks in one transaction,
// so a run interrupted anywhere resumes without analysing a finished object again, without a
// duplicate finding and without a duplicate results record. An administrator's run reads each
// member's objects from the member's source, in the member's name (findings, usage, quota).
import { randomBytes } from 'node:crypto'
import { readableAccounts } from '../accounts/members.js'
import { buildSensitiveDataFinding } from '../findings/build.js'
import { s3BucketOf } from '../findings/bucket-access.js'
import { isSuppressed } from '../findings/filters.js'
import { policyFindingsFor } from '../findings/policy.js'
import type { Finding } from '../findings/types.js'
import { probeSseKms, resultsLocationFor, writeResultsFile } from '../results/writer.js'
import type { ScanConfig } from '../scan/config.js'
import { ScanPool } from '../scan/pool.js'
import { buildResultRecord, objectRefOf, skippedOutcome, type ResultRecord } from '../scan/record.js'
import type { ScanTarget } from '../scan/scan-target.js'
import { openSource } from '../sources/index.js'
import type { BucketPosture, ObjectSource, SourceSpec } from '../sources/types.js'
import type { ExportConfigurationRow, FindingRow, FindingsFilterRow, JobRow, RunObjectRow, RunRow, Scope } from '../store/types.js'
import { DEFAULT_MONTHLY_QUOTA_BYTES, usageMonth, type JobContext } from './context.js'
import { loadDetectionInputs } from './detection-inputs.js'
import { skipReason } from './eligibility.js'
import { batchOf, planRun, type PlannedBucket, type RunSources } from './planner.js'

/** How a run ended: finished, stopped on request (pause, cancel, shutdown), or out of quota. */
export type RunOutcome = 'FINISHED' | 'STOPPED' | 'QUOTA'

const PAGE = 500
/** Batch commits (results file, findings, DONE marks) in flight, at most. */
const MAX_COMMITS_IN_FLIGHT = 4
const FILTERS_REFRESH_MS = 30_000

/** A 32-hex-digit ID (jobs, runs, findings). */
export function newHexId(): string {
  return randomBytes(16).toString('hex')
}

/** The scan configuration of a job: its identifiers and allow lists, resolved from the store. */
async function scanConfigOf(ctx: JobContext, source: ObjectSource, job: JobRow, errors: string[]): Promise<ScanConfig> {
  const scope: Scope = { accountId: job.accountId, region: job.region }
  // A job keeps the identifiers it was created with, even once deleted (Macie's behaviour).
  const { customDataIdentifiers, allowLists } = await loadDetectionInputs(ctx.store, source, scope, job, errors, { includeDeleted: true })
  return {
    managedDataIdentifierSelector: job.managedDataIdentifierSelector,
    ...(job.managedDataIdentifierIds ? { managedDataIdentifierIds: job.managedDataIdentifierIds } : {}),
    customDataIdentifiers,
    allowLists,
    context: { accountId: job.accountId, region: job.region, partition: ctx.partition ?? 'aws', jobId: job.jobId, jobArn: job.jobArn },
    source: ctx.sourceFor(job.accountId),
    ...(ctx.timeoutMs ? { timeoutMs: ctx.timeoutMs } : {}),
    ...(ctx.tempDir ? { tempDir: ctx.tempDir } : {}),
  }
}

/** Reads pending objects page by page, in plan order. */
async function* pendingObjects(ctx: JobContext, runId: string): AsyncGenerator<RunObjectRow> {
  let after = -1
  for (;;) {
    const page = await ctx.store.runObjects.listPending(runId, after, PAGE)
    if (page.length === 0) return
    yield* page
    after = page[page.length - 1]!.seq
  }
}

/** Counts in-flight commits and lets the producer wait for room. */
class Gate {
  private inFlight = 0
  private waiters: Array<() => void> = []
  private failure: unknown
  private readonly all = new Set<Promise<void>>()

  track(work: Promise<void>): void {
    this.inFlight++
    const p = work.then(
      () => undefined,
      (err: unknown) => {
        this.failure ??= err
      },
    )
    this.all.add(p)
    void p.finally(() => {
      this.all.delete(p)
      this.inFlight--
      this.waiters.shift()?.()
    })
  }

  async room(limit: number): Promise<void> {
    while (this.inFlight >= limit) await new Promise<void>((r) => this.waiters.push(r))
    if (this.failure) throw this.failure
  }

  async drain(): Promise<void> {
    while (this.all.size > 0) await Promise.all([...this.all])
    if (this.failure) throw this.failure
  }
}

/** One run being executed. */
class RunExecution {
  private readonly scope: Scope
  private readonly owners = new Map<string, Owner>()
  private filters: FindingsFilterRow[] = []
  private filtersAt = 0
  private exportConfig?: ExportConfigurationRow
  private isSseKms = false
  private readonly members = new Map<number, ResultRecord[]>()
  private readonly batches = new Map<number, Batch>()
  private readonly gate = new Gate()
  readonly errors: string[] = []
  private remaining = 0
  private lastProgressAt = 0

  constructor(
    private readonly ctx: JobContext,
    private readonly source: ObjectSource,
    private readonly job: JobRow,
    private readonly run: RunRow,
    private readonly signal: AbortSignal,
    /** The accounts whose buckets the run may read now: the job's, then its associated members. */
    private readonly accounts: readonly string[],
  ) {
    this.scope = { accountId: job.accountId, region: job.region }
    this.owners.set(job.accountId, newOwner(this.scope, ctx.sourceFor(job.accountId), source))
  }

  /** The owner of an object or bucket; a member's source is opened on first use. */
  private ownerOf(accountId: string | undefined): Owner {
    const id = accountId ?? this.job.accountId
    let owner = this.owners.get(id)
    if (!owner) {
      const spec = this.ctx.sourceFor(id)
      this.owners.set(id, (owner = newOwner({ accountId: id, region: this.job.region }, spec, openSource(spec))))
    }
    return owner
  }

  /** What the planner reads: each reachable account's buckets. */
  get sources(): RunSources {
    return { accounts: this.accounts, sourceOf: (accountId) => this.ownerOf(accountId).source }
  }

  /** Closes the members' sources (the job's own is its caller's). */
  close(): void {
    for (const [accountId, owner] of this.owners) if (accountId !== this.job.accountId) owner.source.close()
    this.owners.clear()
  }

  private posture(owner: Owner, bucket: string): Promise<BucketPosture> {
    let p = owner.postures.get(bucket)
    if (!p) owner.postures.set(bucket, (p = owner.source.getBucketPosture(bucket).catch(() => ({}))))
    return p
  }

  private async currentFilters(): Promise<FindingsFilterRow[]> {
    if (Date.now() - this.filtersAt > FILTERS_REFRESH_MS) {
      const all: FindingsFilterRow[] = []
      let nextToken: string | undefined
      do {
        const page = await this.ctx.store.findingsFilters.list(this.scope, { maxResults: 1000, ...(nextToken ? { nextToken } : {}) })
        all.push(...page.items)
        nextToken = page.nextToken
      } while (nextToken)
      this.filters = all
      this.filtersAt = Date.now()
    }
    return this.filters
  }

  /** What the owner analysed this month: its usage counts its objects, whoever's job read them. */
  private async usedThisMonth(owner: Owner, now: Date): Promise<number> {
    const month = usageMonth(now)
    if (month !== owner.month) {
      const rows = await this.ctx.store.usage.list(owner.scope, [month])
      owner.monthBytes = rows.filter((r) => r.type === 'SENSITIVE_DATA_DISCOVERY').reduce((n, r) => n + r.bytes, 0)
      owner.month = month
    }
    return owner.monthBytes
  }

  async prepare(): Promise<void> {
    this.exportConfig = await this.ctx.store.exportConfigurations.get(this.scope)
    if (this.exportConfig) {
      try {
        this.isSseKms = await probeSseKms(this.source, this.exportConfig.s3Destination, this.scope)
      } catch (err) {
        this.errors.push(`cannot write to the results repository s3://${this.exportConfig.s3Destination.bucketName}: ${(err as Error).message}`)
        throw err
      }
    }
  }

  /** Policy findings for the buckets of the run, from their posture now, in the name of each bucket's owner. */
  async policyFindings(buckets: PlannedBucket[]): Promise<void> {
    const now = new Date()
    for (const b of buckets) {
      const owner = this.ownerOf(b.accountId)
      const posture = b.posture ?? (await this.posture(owner, b.name))
      const existing = new Map<string, Finding>()
      for (const type of POLICY_TYPES) {
        const row = await this.ctx.store.findings.getPolicyFinding(owner.scope, b.name, type)
        if (row) existing.set(type, row.finding as unknown as Finding)
      }
      const found = policyFindingsFor({ name: b.name, ...(b.createdAt ? { createdAt: b.createdAt } : {}) }, posture, owner.scope, owner.scope.accountId, (t) => existing.get(t), now)
      const filters = await this.currentFilters()
      for (const f of found) {
        f.archived = isSuppressed(f, filters)
        const row: FindingRow = { ...owner.scope, id: f.id, finding: f as unknown as FindingRow['finding'] }
        if (existing.has(f.type)) await this.ctx.store.findings.update(row)
        else await this.ctx.store.findings.insertMany([row])
      }
    }
  }

  /** The finding of one analysed object, if its record calls for one. */
  private async findingOf(object: RunObjectRow, record: ResultRecord, location: string | undefined): Promise<FindingRow | undefined> {
    if (!record.type) return undefined
    const owner = this.ownerOf(object.accountId)
    // The read already told the encryption, and whether there are tags, where the store says.
    const known = record.resourcesAffected.s3Object
    const [posture, tags, serverSideEncryption] = await Promise.all([
      this.posture(owner, object.bucket),
      known.tags ?? owner.source.getObjectTags(object.bucket, object.key).catch(() => []),
      known.serverSideEncryption ??
        owner.source.headObject(object.bucket, object.key).then(
          (head) => head.serverSideEncryption,
          () => undefined,
        ),
    ])
    const finding = buildSensitiveDataFinding(record, {
      s3Bucket: s3BucketOf({ name: object.bucket }, posture, owner.scope.accountId, this.ctx.partition ?? 'aws'),
      objectTags: tags,
      ...(serverSideEncryption ? { serverSideEncryption } : {}),
      ...(location ? { detailedResultsLocation: location } : {}),
    })
    if (!finding) return undefined
    finding.archived = isSuppressed(finding, await this.currentFilters())
    // A member's bucket may share a name with one of the job's account where buckets are folders:
    // its key names the account (':' never occurs in a bucket name). The job's own keep theirs.
    const objectKey = object.accountId ? `${object.accountId}:${object.bucket}/${object.key}` : `${object.bucket}/${object.key}`
    return { ...owner.scope, id: finding.id, runId: this.run.runId, objectKey, finding: finding as unknown as FindingRow['finding'] }
  }

  /**
   * Commits a batch: one results file for its analysed objects, then their findings, usage and
   * DONE marks in one transaction. The file is named after the run and the objects the batch
   * held when this pass began, so a batch done again after a crash overwrites its own file.
   */
  private async commit(batch: Batch): Promise<void> {
    const entries = batch.seqs.flatMap((seq) => batch.outcomes.get(seq) ?? [])
    if (entries.length === 0) return
    let location: string | undefined
    if (this.exportConfig) {
      const where = {
        dest: this.exportConfig.s3Destination,
        scope: this.scope,
        jobId: this.job.jobId,
        runId: this.run.runId,
        bucket: '',
        key: `batch ${batch.index}: ${batch.seqs.join(',')}`,
        isSseKms: this.isSseKms,
      }
      location = resultsLocationFor(where)
      const records = entries.flatMap((e) => [e.record, ...e.members])
      for (const r of records) r.classificationDetails.detailedResultsLocation = location
      const written = await writeResultsFile(this.source, { ...where, records, keyring: this.ctx.keyring })
      // A store that stopped applying SSE-KMS got an envelope instead; later files go straight to it.
      if (!written.isSseKms) this.isSseKms = false
    }
    const month = usageMonth(new Date())
    const completions = await Promise.all(
      entries.map(async ({ object, record }) => {
        const finding = await this.findingOf(object, record, location)
        return { runId: this.run.runId, seq: object.seq, findings: finding ? [finding] : [], usage: { month, bytes: record.classificationDetails.result.sizeClassified, objects: 1 } }
      }),
    )
    const completed = await this.ctx.store.runObjects.completeMany(completions)
    for (const [i, { object }] of entries.entries()) {
      const owner = this.ownerOf(object.accountId)
      if (completed > 0 && month === owner.month) owner.monthBytes += completions[i]!.usage.bytes
      owner.reservedBytes -= object.size
    }
    this.remaining -= entries.length
    for (const [i, { object, record }] of entries.entries()) {
      this.ctx.onEvent?.({
        kind: 'object',
        jobId: this.job.jobId,
        runId: this.run.runId,
        bucket: object.bucket,
        key: object.key,
        status: record.classificationDetails.result.status.code,
        findings: completions[i]!.findings.length,
        bytes: completions[i]!.usage.bytes,
      })
    }
    await this.progress()
  }

  /** Commits a batch once every object it holds has its record or has failed. */
  private settle(batch: Batch): void {
    if (!batch.isClosed || batch.isCommitting || batch.outcomes.size + batch.failed.size < batch.seqs.length) return
    batch.isCommitting = true
    this.batches.delete(batch.index)
    this.gate.track(this.commit(batch))
  }

  private async progress(force = false): Promise<void> {
    if (!force && Date.now() - this.lastProgressAt < 2000) return
    this.lastProgressAt = Date.now()
    await this.ctx.store.jobs.update(this.scope, this.job.jobId, { approximateNumberOfObjectsToProcess: Math.max(0, this.remaining) })
  }

  /** The record of an object analysed without retrieval (storage class, media), in its owner's name. */
  private skippedRecord(object: RunObjectRow, reason: string, config: ScanConfig): ResultRecord {
    const context = object.accountId ? { ...config.context, accountId: object.accountId } : config.context
    return buildResultRecord(skippedOutcome(object, reason), context, new Map(), new Map())
  }

  /** Analyses every pending object; resolves with how the run ended. */
  async execute(config: ScanConfig): Promise<RunOutcome> {
    const counts = await this.ctx.store.runObjects.counts(this.run.runId)
    this.remaining = counts.total - counts.done
    await this.progress(true)
    const failed = new Set<number>()
    const unreachable = new Map<string, number>()
    const state: { outcome: RunOutcome } = { outcome: 'FINISHED' }
    const pool = new ScanPool(config, this.ctx.workers)
    try {
      await pool.scan(this.targets(config, state, unreachable), {
        onRecord: (record, target) => {
          const batch = this.batches.get(batchOf(target.seq))
          const object = batch?.objects.get(target.seq)
          if (!batch || !object) return
          if (record.resourcesAffected.s3Object.embeddedFileDetails) {
            let list = this.members.get(target.seq)
            if (!list) this.members.set(target.seq, (list = []))
            list.push(record)
            return
          }
          const members = this.members.get(target.seq) ?? []
          this.members.delete(target.seq)
          batch.outcomes.set(target.seq, { object, record, members })
          this.settle(batch)
        },
        onFailure: (target, message) => {
          this.members.delete(target.seq)
          failed.add(target.seq)
          this.ctx.onEvent?.({ kind: 'failure', jobId: this.job.jobId, runId: this.run.runId, bucket: target.bucket, key: target.key, message })
          const batch = this.batches.get(batchOf(target.seq))
          if (!batch) return
          batch.failed.add(target.seq)
          const object = batch.objects.get(target.seq)
          if (object) this.ownerOf(object.accountId).reservedBytes -= object.size
          this.settle(batch)
        },
      })
    } finally {
      await pool.close()
      await this.gate.drain()
      // A batch left open (the run was stopped part-way through it) is done again on resume.
      this.batches.clear()
      this.members.clear()
      for (const owner of this.owners.values()) owner.reservedBytes = 0
    }
    if (failed.size > 0) this.errors.push(`${failed.size} objects could not be read`)
    for (const [accountId, count] of unreachable) {
      // Each pass meets them again: one line per account, not one per pass.
      const message = `${count} objects of account ${accountId} were not analysed: it is no longer a member of account ${this.job.accountId}`
      if (!this.errors.includes(message)) this.errors.push(message)
    }
    await this.progress(true)
    return state.outcome
  }

  /**
   * The pending objects to hand to the workers, in plan order, gathered into the plan's batches:
   * stops when the run is stopped or the month's quota of an object's owner would be passed;
   * objects analysed without retrieval get their record here. The objects of an account that has
   * left the administrator since planning are not read (counted in `unreachable`).
   */
  private async *targets(config: ScanConfig, state: { outcome: RunOutcome }, unreachable: Map<string, number>): AsyncGenerator<ScanTarget & { seq: number }> {
    const quota = this.ctx.monthlyQuotaBytes ?? DEFAULT_MONTHLY_QUOTA_BYTES
    let batch: Batch | undefined
    for await (const object of pendingObjects(this.ctx, this.run.runId)) {
      if (this.signal.aborted) {
        state.outcome = 'STOPPED'
        return
      }
      if (object.accountId && !this.accounts.includes(object.accountId)) {
        unreachable.set(object.accountId, (unreachable.get(object.accountId) ?? 0) + 1)
        continue
      }
      await this.gate.room(MAX_COMMITS_IN_FLIGHT)
      const owner = this.ownerOf(object.accountId)
      if ((await this.usedThisMonth(owner, new Date())) + owner.reservedBytes + object.size > quota) {
        state.outcome = 'QUOTA'
        return
      }
      const index = batchOf(object.seq)
      if (batch?.index !== index) {
        if (batch) {
          batch.isClosed = true
          this.settle(batch)
        }
        batch = { index, seqs: [], objects: new Map(), outcomes: new Map(), failed: new Set(), isClosed: false, isCommitting: false }
        this.batches.set(index, batch)
      }
      batch.seqs.push(object.seq)
      batch.objects.set(object.seq, object)
      owner.reservedBytes += object.size
      const reason = skipReason({ key: object.key, ...(object.storageClass !== undefined ? { storageClass: object.storageClass } : {}) })
      if (reason) {
        batch.outcomes.set(object.seq, { object, record: this.skippedRecord(object, reason, config), members: [] })
        continue
      }
      yield { seq: object.seq, ...objectRefOf(object), ...(object.accountId ? { accountId: object.accountId, source: owner.spec } : {}) }
    }
    if (batch) {
      batch.isClosed = true
      this.settle(batch)
    }
  }
}

/** An account whose objects a run reads: the job's own, or one of its members. */
interface Owner {
  scope: Scope
  spec: SourceSpec
  source: ObjectSource
  postures: Map<string, Promise<BucketPosture>>
  /** The month `monthBytes` counts, and the owner's bytes analysed in it. */
  month: string
  monthBytes: number
  /** Bytes handed out but not yet counted in the month's usage. */
  reservedBytes: number
}

function newOwner(scope: Scope, spec: SourceSpec, source: ObjectSource): Owner {
  return { scope, spec, source, postures: new Map(), month: '', monthBytes: 0, reservedBytes: 0 }
}

/** Objects of one plan batch pending in this pass, and what became of each. */
interface Batch {
  index: number
  seqs: number[]
  objects: Map<number, RunObjectRow>
  outcomes: Map<number, { object: RunObjectRow; record: ResultRecord; members: ResultRecord[] }>
  failed: Set<number>
  /** True once every pending object of the batch has been handed out. */
  isClosed: boolean
  isCommitting: boolean
}

const POLICY_TYPES = [
  'Policy:IAMUser/S3BlockPublicAccessDisabled',
  'Policy:IAMUser/S3BucketEncryptionDisabled',
  'Policy:IAMUser/S3BucketPublic',
  'Policy:IAMUser/S3BucketReplicatedExternally',
  'Policy:IAMUser/S3BucketSharedExternally',
  'Policy:IAMUser/S3BucketSharedWithCloudFront',
]

/** How many times a run goes over objects that failed for reasons not their own. */
const PASSES = 3

/**
 * Executes a run to its end or until `signal` aborts: plans it if it is not planned yet, then
 * analyses what is pending. Leaves the run's status to the caller.
 * @example
 * const { outcome, errors } = await executeRun(ctx, job, run, controller.signal)
 */
export async function executeRun(ctx: JobContext, job: JobRow, run: RunRow, signal: AbortSignal): Promise<{ outcome: RunOutcome; errors: string[] }> {
  const source = openSource(ctx.sourceFor(job.accountId))
  let execution: RunExecution | undefined
  try {
    const errors: string[] = []
    const config = await scanConfigOf(ctx, source, job, errors)
    const accounts = await readableAccounts(ctx.store, { accountId: job.accountId, region: job.region })
    execution = new RunExecution(ctx, source, job, run, signal, accounts)
    await execution.prepare()
    if (!run.isPlanned) {
      const plan = await planRun(ctx.store, execution.sources, job, run)
      errors.push(...plan.errors)
      await execution.policyFindings(plan.buckets)
      await ctx.store.runs.update(run.runId, { isPlanned: true, ...(plan.errors.length > 0 ? { errorCode: 'ERROR' } : {}) })
      run.isPlanned = true
      ctx.onEvent?.({ kind: 'planned', jobId: job.jobId, runId: run.runId, objects: plan.objects })
    }
    let outcome: RunOutcome = 'FINISHED'
    for (let pass = 0; pass < PASSES && outcome === 'FINISHED'; pass++) {
      outcome = await execution.execute(config)
      const { total, done } = await ctx.store.runObjects.counts(run.runId)
      if (done === total) break
      if (pass < PASSES - 1) await new Promise((r) => setTimeout(r, 1000 * (pass + 1)))
    }
    errors.push(...execution.errors)
    return { outcome, errors }
  } finally {
    execution?.close()
    source.close()
  }
}
