// Automated sensitive data discovery (MACIE.md §8.5): rounds that sample objects across an
// account's buckets, analyse them with the sensitivity inspection template, and keep per-bucket
// resource profiles (artifacts, detections, listings) from which scores are computed. Settings
// are read, not written: the API's settings handler owns them. Scores are discovery-score.ts'.
import { createHash } from 'node:crypto'
import { managedIdentifiers } from '../detect/identifiers/index.js'
import { s3BucketOf } from '../findings/bucket-access.js'
import { allFindingsFilters } from '../findings/archiving.js'
import { buildSensitiveDataFinding } from '../findings/build.js'
import { isSuppressed } from '../findings/filters.js'
import type { ScanConfig } from '../scan/config.js'
import { runScan } from '../scan/pool.js'
import { objectRefOf, type ResultRecord } from '../scan/record.js'
import type { ScanTarget } from '../scan/scan-target.js'
import { openSource } from '../sources/index.js'
import type { BucketPosture, ObjectSource, SourceObject } from '../sources/types.js'
import type { ArtifactCommit, DetectionRow } from '../store/discovery-repository.js'
import type { FindingRow, Scope, Store } from '../store/types.js'
import { usageMonth, type JobContext } from './context.js'
import { loadDetectionInputs } from './detection-inputs.js'
import { summaryScore } from './discovery-score.js'
import { skipReason } from './eligibility.js'
import type { BucketSensitivity } from './inventory.js'
import { SETTING } from './setting-names.js'

/** Macie runs automated discovery daily. */
export const DEFAULT_DISCOVERY_INTERVAL_MS = 24 * 60 * 60 * 1000

/** Objects one round of a scope analyses at most, spread over its buckets. */
export const DEFAULT_OBJECTS_PER_ROUND = 300

/** How long scores outlive disabling automated discovery (MACIE.md §8.5). */
export const SCORE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000

/** What rounds need of their host: JobContext's store, sources and worker settings. */
export type DiscoveryDeps = Pick<JobContext, 'store' | 'sourceFor' | 'workers' | 'partition' | 'timeoutMs' | 'tempDir'> & {
  /** Progress, for people (never sensitive values). */
  onEvent?(event: DiscoveryEvent): void
}

/** Something a round did. */
export type DiscoveryEvent =
  | { kind: 'object'; accountId: string; region: string; bucket: string; key: string; status: string; findings: number }
  | { kind: 'failure'; accountId: string; region: string; bucket: string; key: string; message: string }
  | { kind: 'round'; accountId: string; region: string; buckets: number; analysed: number; errors: number }

/** How a round picks objects. */
export interface RoundOptions {
  /** Objects analysed at most (default DEFAULT_OBJECTS_PER_ROUND). */
  objectsPerRound?: number
  /** The round's instant: recorded as its time and mixed into the sample's seed (default now). */
  now?: Date
  /** Seed of the sample (default: the scope and `now`); the same seed picks the same objects. */
  seed?: string
  /** Stops handing out objects; those already analysed are committed. */
  signal?: AbortSignal
}

/** What a round did. */
export interface RoundSummary extends Scope {
  /** Buckets the round listed. */
  buckets: number
  /** Objects picked and analysed. */
  analysed: number
  /** Objects committed (artifact, detections, findings and usage). */
  committed: number
  /** Analysed objects that changed or disappeared since, forgotten with their detections. */
  dropped: number
  errors: string[]
}

/** Automated discovery's state as the settings handler stores it. */
interface DiscoverySettings {
  status: 'ENABLED' | 'DISABLED'
  disabledAt?: string
}

/** The sensitivity inspection template as the settings handler stores it. */
interface TemplateSettings {
  includes?: { allowListIds?: string[]; customDataIdentifierIds?: string[]; managedDataIdentifierIds?: string[] }
  excludes?: { managedDataIdentifierIds?: string[] }
}

/** Whether the scope's discovery runs, and what it leaves out and looks for. */
export interface DiscoveryState {
  /** The configuration's status (UpdateAutomatedDiscoveryConfiguration). */
  status: 'ENABLED' | 'DISABLED'
  /** The account's own status (BatchUpdateAutomatedDiscoveryAccounts), ENABLED unless set. */
  accountStatus: 'ENABLED' | 'DISABLED'
  disabledAt?: Date
  lastRoundAt?: Date
  excludedBuckets: string[]
  template: TemplateSettings
}

/**
 * The automated discovery state of a scope, from its settings and discovery account row.
 * @example
 * const { status, excludedBuckets } = await readDiscoveryState(store, scope)
 */
export async function readDiscoveryState(store: Store, scope: Scope): Promise<DiscoveryState> {
  const [settings, classificationScope, template, account] = await Promise.all([
    store.settings.get(scope, SETTING.automatedDiscovery) as Promise<DiscoverySettings | undefined>,
    store.settings.get(scope, SETTING.classificationScope) as Promise<{ bucketNames?: string[] } | undefined>,
    store.settings.get(scope, SETTING.sensitivityInspectionTemplate) as Promise<TemplateSettings | undefined>,
    store.discovery.getAccount(scope),
  ])
  return {
    status: settings?.status === 'ENABLED' ? 'ENABLED' : 'DISABLED',
    accountStatus: account?.status ?? 'ENABLED',
    ...(settings?.disabledAt ? { disabledAt: new Date(settings.disabledAt) } : {}),
    ...(account?.lastRoundAt ? { lastRoundAt: account.lastRoundAt } : {}),
    excludedBuckets: classificationScope?.bucketNames ?? [],
    template: template ?? {},
  }
}

/** Whether rounds run for the scope: the configuration and the account are both ENABLED. */
export function isDiscoveryActive(state: DiscoveryState): boolean {
  return state.status === 'ENABLED' && state.accountStatus === 'ENABLED'
}

/**
 * The managed identifiers a template selects: Macie's recommended set, plus its includes, less
 * its excludes.
 * @example
 * templateManagedIds({ excludes: { managedDataIdentifierIds: ['CREDIT_CARD_NUMBER'] } })
 */
export function templateManagedIds(template: TemplateSettings): string[] {
  const ids = new Set(managedIdentifiers.filter((i) => i.recommended).map((i) => i.id))
  for (const id of template.includes?.managedDataIdentifierIds ?? []) ids.add(id)
  for (const id of template.excludes?.managedDataIdentifierIds ?? []) ids.delete(id)
  return [...ids].sort()
}

/** The scan configuration of a template, built as runner.ts builds a job's; undefined when it selects nothing. */
async function scanConfigOf(deps: DiscoveryDeps, source: ObjectSource, scope: Scope, template: TemplateSettings, errors: string[]): Promise<ScanConfig | undefined> {
  const { customDataIdentifiers, allowLists } = await loadDetectionInputs(deps.store, source, scope, template.includes ?? {}, errors)
  const managed = templateManagedIds(template)
  if (managed.length === 0 && customDataIdentifiers.length === 0) {
    errors.push('the sensitivity inspection template selects no data identifier')
    return undefined
  }
  return {
    ...(managed.length > 0 ? { managedDataIdentifierSelector: 'INCLUDE', managedDataIdentifierIds: managed } : { managedDataIdentifierSelector: 'NONE' }),
    customDataIdentifiers,
    allowLists,
    // Records carry no job: their job fields are cleared when they come back (see recordOf).
    context: { accountId: scope.accountId, region: scope.region, partition: deps.partition ?? 'aws', jobId: '', originType: 'AUTOMATED_SENSITIVE_DATA_DISCOVERY' },
    source: deps.sourceFor(scope.accountId),
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
    ...(deps.tempDir ? { tempDir: deps.tempDir } : {}),
  }
}

/** A number in [0, 2^48) fixed by the seed, bucket and key: the sample keeps the lowest. */
function rankOf(seed: string, bucket: string, key: string): number {
  return createHash('sha256').update(`${seed}\u0000${bucket}\u0000${key}`).digest().readUIntBE(0, 6)
}

/** The `k` lowest-ranked objects of a stream, in bounded memory (bottom-k sampling). */
class BottomK {
  private items: Array<{ rank: number; object: SourceObject }> = []
  constructor(private readonly k: number) {}

  add(rank: number, object: SourceObject): void {
    if (this.k <= 0) return
    this.items.push({ rank, object })
    if (this.items.length >= 2 * this.k) this.trim()
  }

  private trim(): void {
    this.items.sort((a, b) => a.rank - b.rank || (a.object.key < b.object.key ? -1 : 1))
    this.items.length = Math.min(this.items.length, this.k)
  }

  sorted(): SourceObject[] {
    this.trim()
    return this.items.map((i) => i.object)
  }
}

/** Whether a listed object differs from the version that was analysed. */
function isChanged(analysed: { eTag?: string; lastModified: Date }, listed: SourceObject): boolean {
  return analysed.eTag !== listed.eTag || analysed.lastModified.getTime() !== listed.lastModified.getTime()
}

/** Whether a round may pick an object: a storage class and type it can analyse, and some bytes. */
function isEligible(object: SourceObject): boolean {
  return object.size > 0 && skipReason({ key: object.key, ...(object.storageClass !== undefined ? { storageClass: object.storageClass } : {}) }) === undefined
}

/** The detections of a record: managed identifiers by ID, custom ones by ID (from their ARN). */
function detectionsOf(record: ResultRecord): DetectionRow[] {
  const result = record.classificationDetails.result
  const out: DetectionRow[] = []
  for (const group of result.sensitiveData) for (const d of group.detections) out.push({ type: 'MANAGED', id: d.type, name: d.type, count: d.count })
  for (const d of result.customDataIdentifiers.detections) {
    const id = d.arn?.slice(d.arn.lastIndexOf('/') + 1) ?? d.name
    out.push({ type: 'CUSTOM', id, name: d.name, ...(d.arn ? { arn: d.arn } : {}), count: d.count })
  }
  return out
}

/** Lists one bucket: forgets changed and vanished artifacts, samples the objects not analysed. */
async function surveyBucket(
  deps: DiscoveryDeps,
  source: ObjectSource,
  scope: Scope,
  bucket: string,
  sample: BottomK,
  seed: string,
  now: Date,
): Promise<{ dropped: number }> {
  const analysed = new Map((await deps.store.discovery.artifactVersions(scope, bucket)).map((a) => [a.key, a]))
  const stale: string[] = []
  let objectCount = 0
  let eligibleObjects = 0
  for await (const object of source.listObjects(bucket)) {
    objectCount++
    const known = analysed.get(object.key)
    if (known) analysed.delete(object.key)
    if (known && isChanged(known, object)) stale.push(object.key)
    if (!isEligible(object)) continue
    eligibleObjects++
    if (!known || isChanged(known, object)) sample.add(rankOf(seed, bucket, object.key), objectRefOf(object))
  }
  // What remains was analysed once and is gone now.
  stale.push(...analysed.keys())
  const dropped = await deps.store.discovery.dropArtifacts(scope, bucket, stale, now)
  await deps.store.discovery.putListing(scope, bucket, { objectCount, eligibleObjects, listedAt: now })
  return { dropped }
}

/** Takes objects from each bucket's sample in turn until `budget` are taken. */
function spread(samples: SourceObject[][], budget: number): SourceObject[] {
  const picked: SourceObject[] = []
  for (let i = 0; picked.length < budget; i++) {
    let isAny = false
    for (const sample of samples) {
      if (i < sample.length && picked.length < budget) {
        picked.push(sample[i]!)
        isAny = true
      }
    }
    if (!isAny) break
  }
  return picked
}

/** A record as automated discovery reports it: no job. */
function recordOf(record: ResultRecord): ResultRecord {
  record.classificationDetails.jobId = null
  record.classificationDetails.jobArn = null
  record.classificationDetails.originType = 'AUTOMATED_SENSITIVE_DATA_DISCOVERY'
  return record
}

/**
 * Runs one round of automated discovery for a scope, whatever its status (runDueRounds checks
 * that): lists every bucket not excluded by the classification scope, forgets analysed objects
 * that changed or vanished, picks at most `objectsPerRound` objects not analysed yet (spread over
 * the buckets, chosen by a seeded hash), analyses them with the template's identifiers, and
 * commits each object's artifact, detections, finding and usage in one transaction.
 * @example
 * const summary = await runDiscoveryRound(deps, { accountId: '111122223333', region: 'us-east-1' }, { objectsPerRound: 100 })
 */
export async function runDiscoveryRound(deps: DiscoveryDeps, scope: Scope, options: RoundOptions = {}): Promise<RoundSummary> {
  const now = options.now ?? new Date()
  const budget = options.objectsPerRound ?? DEFAULT_OBJECTS_PER_ROUND
  const seed = options.seed ?? `${scope.accountId}/${scope.region}/${now.toISOString()}`
  const summary: RoundSummary = { ...scope, buckets: 0, analysed: 0, committed: 0, dropped: 0, errors: [] }
  const state = await readDiscoveryState(deps.store, scope)
  const excluded = new Set(state.excludedBuckets)
  const source = openSource(deps.sourceFor(scope.accountId))
  try {
    const config = await scanConfigOf(deps, source, scope, state.template, summary.errors)
    const names: string[] = []
    for await (const b of source.listBuckets()) if (!excluded.has(b.name)) names.push(b.name)
    summary.buckets = names.length
    // Each bucket keeps twice its fair share, so that budget left by small buckets goes to big ones.
    const share = names.length === 0 ? 0 : Math.max(1, Math.ceil((2 * budget) / names.length))
    const samples: SourceObject[][] = []
    for (const name of names) {
      const sample = new BottomK(share)
      try {
        summary.dropped += (await surveyBucket(deps, source, scope, name, sample, seed, now)).dropped
        samples.push(sample.sorted())
      } catch (err) {
        summary.errors.push(`bucket ${name} could not be listed: ${(err as Error).message}`)
      }
    }
    if (config && budget > 0) await analyse(deps, source, scope, config, spread(samples, budget), summary, options.signal)
    if (!options.signal?.aborted) await deps.store.discovery.markRound(scope, now)
  } finally {
    source.close()
  }
  deps.onEvent?.({ kind: 'round', accountId: scope.accountId, region: scope.region, buckets: summary.buckets, analysed: summary.analysed, errors: summary.errors.length })
  return summary
}

/** Analyses the picked objects and commits each as its record arrives. */
async function analyse(deps: DiscoveryDeps, source: ObjectSource, scope: Scope, config: ScanConfig, picked: SourceObject[], summary: RoundSummary, signal?: AbortSignal): Promise<void> {
  const filters = await allFindingsFilters(deps.store, scope)
  const postures = new Map<string, Promise<BucketPosture>>()
  const posture = (bucket: string): Promise<BucketPosture> => {
    let p = postures.get(bucket)
    if (!p) postures.set(bucket, (p = source.getBucketPosture(bucket).catch(() => ({}))))
    return p
  }
  const partition = deps.partition ?? 'aws'

  const findingOf = async (object: SourceObject, record: ResultRecord): Promise<FindingRow | undefined> => {
    if (!record.type) return undefined
    const known = record.resourcesAffected.s3Object
    const [bucketPosture, tags, serverSideEncryption] = await Promise.all([
      posture(object.bucket),
      known.tags ?? source.getObjectTags(object.bucket, object.key).catch(() => []),
      known.serverSideEncryption ??
        source.headObject(object.bucket, object.key).then(
          (head) => head.serverSideEncryption,
          () => undefined,
        ),
    ])
    const finding = buildSensitiveDataFinding(record, {
      s3Bucket: s3BucketOf({ name: object.bucket }, bucketPosture, scope.accountId, partition),
      objectTags: tags,
      ...(serverSideEncryption ? { serverSideEncryption } : {}),
    })
    if (!finding) return undefined
    finding.archived = isSuppressed(finding, filters)
    return { ...scope, id: finding.id, finding: finding as unknown as FindingRow['finding'] }
  }

  const commitOne = async (object: SourceObject, record: ResultRecord): Promise<void> => {
    const result = record.classificationDetails.result
    const finding = await findingOf(object, record)
    const analysedAt = new Date()
    const commit: ArtifactCommit = {
      artifact: {
        bucket: object.bucket,
        key: object.key,
        ...(object.eTag !== undefined ? { eTag: object.eTag } : {}),
        lastModified: object.lastModified,
        size: object.size,
        status: result.status.code,
        ...(result.status.reason ? { reason: result.status.reason } : {}),
        isSensitive: record.type !== undefined,
        bytesClassified: result.sizeClassified,
        analysedAt,
      },
      detections: detectionsOf(record),
      findings: finding ? [finding] : [],
      usage: { month: usageMonth(analysedAt), bytes: result.sizeClassified, objects: 1 },
    }
    summary.committed += await deps.store.discovery.commitArtifacts(scope, [commit], analysedAt)
    deps.onEvent?.({ kind: 'object', accountId: scope.accountId, region: scope.region, bucket: object.bucket, key: object.key, status: result.status.code, findings: commit.findings.length })
  }

  // Commits run one after another, in the order records arrive; a failed one is reported, and
  // its object, left without an artifact, is picked again by a later round.
  let commits = Promise.resolve()
  const enqueue = (object: SourceObject, record: ResultRecord): void => {
    commits = commits.then(() =>
      commitOne(object, record).catch((err: unknown) => {
        summary.errors.push(`${object.bucket}/${object.key} could not be committed: ${(err as Error).message}`)
      }),
    )
  }
  async function* targets(): AsyncGenerator<ScanTarget> {
    for (const object of picked) {
      if (signal?.aborted) return
      yield object
    }
  }
  try {
    await runScan(targets(), config, {
      workers: deps.workers,
      onRecord: (record, target) => {
        // Members of an archive get results of their own; the archive's record makes its artifact.
        if (record.resourcesAffected.s3Object.embeddedFileDetails) return
        summary.analysed++
        enqueue(target, recordOf(record))
      },
      onFailure: (target, message) => {
        summary.errors.push(`${target.bucket}/${target.key} could not be read`)
        deps.onEvent?.({ kind: 'failure', accountId: scope.accountId, region: scope.region, bucket: target.bucket, key: target.key, message })
      },
    })
  } finally {
    await commits
  }
}

// Scopes whose round runs in this process: a slow round is not started again by the next tick.
const running = new Set<string>()

/**
 * Runs a round for every scope whose automated discovery is ENABLED (configuration and account)
 * and whose last round ended `intervalMs` ago or more (default daily); what `trawl serve` calls
 * on each tick. A round interrupted part-way has not ended: it runs again on the next tick, and
 * picks only objects it had not committed.
 * @example
 * await runDueRounds(deps, { now: new Date(), intervalMs: DEFAULT_DISCOVERY_INTERVAL_MS })
 */
export async function runDueRounds(
  deps: DiscoveryDeps,
  options: { now?: Date; intervalMs?: number; objectsPerRound?: number; signal?: AbortSignal } = {},
): Promise<RoundSummary[]> {
  const now = options.now ?? new Date()
  const intervalMs = options.intervalMs ?? DEFAULT_DISCOVERY_INTERVAL_MS
  const done: RoundSummary[] = []
  for (const { accountId, region, value } of await deps.store.discovery.scopesWithSetting(SETTING.automatedDiscovery)) {
    if ((value as DiscoverySettings | null)?.status !== 'ENABLED' || options.signal?.aborted) continue
    const scope = { accountId, region }
    const key = `${accountId}/${region}`
    if (running.has(key)) continue
    const state = await readDiscoveryState(deps.store, scope)
    if (!isDiscoveryActive(state)) continue
    if (state.lastRoundAt && now.getTime() - state.lastRoundAt.getTime() < intervalMs) continue
    running.add(key)
    try {
      done.push(
        await runDiscoveryRound(deps, scope, {
          now,
          ...(options.objectsPerRound !== undefined ? { objectsPerRound: options.objectsPerRound } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      )
    } finally {
      running.delete(key)
    }
  }
  return done
}

/**
 * What automated discovery tells DescribeBuckets, GetBucketStatistics and SearchResources about a
 * scope's buckets: MONITORED while discovery is active and the bucket is not excluded; scores
 * from the resource profiles while discovery is enabled or was disabled less than 30 days ago.
 * @example
 * const metadata = bucketMetadata(inventory, scope, jobs, await readBucketSensitivity(store, scope))
 */
export async function readBucketSensitivity(store: Store, scope: Scope, now = new Date()): Promise<BucketSensitivity> {
  const state = await readDiscoveryState(store, scope)
  const isActive = isDiscoveryActive(state)
  const isScored = state.status === 'ENABLED' || (state.disabledAt !== undefined && now.getTime() - state.disabledAt.getTime() < SCORE_RETENTION_MS)
  const excluded = new Set(state.excludedBuckets)
  const scores = new Map<string, number>()
  if (isScored) for (const [bucket, summary] of await store.discovery.summaries(scope)) scores.set(bucket, summaryScore(summary))
  return {
    monitoringStatusOf: (bucket) => (isActive && !excluded.has(bucket) ? 'MONITORED' : 'NOT_MONITORED'),
    scoreOf: (bucket) => scores.get(bucket),
  }
}
