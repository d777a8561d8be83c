// Revealing a finding's sensitive data (MACIE.md §8.4): whether samples can be retrieved, and their
// retrieval in the background — the object read again (its ETag unchanged), the finding's own
// identifiers run over it, up to 10 values per type sealed with the keyring and kept briefly.
// It does not log, and never stores or puts in a message a value it found; the API answers in clear.
import { randomBytes } from 'node:crypto'
import { Transform, type Readable, type TransformCallback } from 'node:stream'
import { compileAllowList, type AllowListInput } from '../detect/allow-list.js'
import { compileCustomIdentifier } from '../detect/custom.js'
import { compileDetector, type Detector } from '../detect/engine.js'
import { managedIdentifiers } from '../detect/identifiers/index.js'
import type { Detection } from '../detect/types.js'
import { AccessDeniedError, NotFoundError, UnprocessableError } from '../errors.js'
import { DEFAULT_LIMITS, ExtractError, extractObject, isEmbedded, type Location, type ObjectInfo, type TextSegment } from '../extract/index.js'
import type { Finding, Occurrences } from '../findings/types.js'
import { openEnvelope, sealEnvelope } from '../results/envelope.js'
import type { Keyring } from '../results/keyring.js'
import { extensionOf } from '../scan/record.js'
import { openSource } from '../sources/index.js'
import { SourceError, type ObjectSource, type SourceSpec } from '../sources/types.js'
import type { RevealOutcome } from '../store/reveal-repository.js'
import type { Scope, Store } from '../store/types.js'
import { customIdentifierInput, loadDetectionInputs } from './detection-inputs.js'
import { SETTING } from './setting-names.js'

/** How long retrieved samples are kept (sealed) for later calls: Macie keeps them briefly. */
export const REVEAL_RETENTION_MS = 60 * 60 * 1000
/** How long a failed retrieval answers ERROR before a new call may try again. */
export const REVEAL_ERROR_RETENTION_MS = 60 * 1000
/** How long a retrieval may take; past it, the call answers ERROR (and a stuck PROCESSING row expires). */
export const REVEAL_TIMEOUT_MS = 5 * 60 * 1000
/** Occurrences returned per type, and characters per value (the model's DetectedDataDetails). */
export const MAX_OCCURRENCES_PER_TYPE = 10
export const MAX_VALUE_CHARS = 128
/** Types in one answer (the model's SensitiveDataOccurrences: 1–100). */
export const MAX_TYPES = 100

const MIB = 1024 * 1024
/**
 * The MIME types Macie retrieves samples from, with its size quota for each (MACIE.md §8.4).
 * JSON Lines shares JSON's quota; Parquet is listed under both names it goes by.
 */
export const REVEAL_SIZE_QUOTAS: Readonly<Record<string, number>> = {
  'application/avro': 70 * MIB,
  'application/gzip': 90 * MIB,
  'application/json': 25 * MIB,
  'application/x-ndjson': 25 * MIB,
  'application/parquet': 100 * MIB,
  'application/vnd.apache.parquet': 100 * MIB,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 20 * MIB,
  'application/zip': 355 * MIB,
  'text/csv': 255 * MIB,
  'text/plain': 100 * MIB,
  'text/tab-separated-values': 75 * MIB,
}

/** Bytes extracted from archive members in one retrieval, at most: the rest is not read. */
const MAX_EXTRACTED_BYTES = 1024 * MIB
/** Retrievals that run at once in this process; later ones wait, PROCESSING. */
const MAX_CONCURRENT_RETRIEVALS = 2

/** Macie's UnavailabilityReasonCode values trawl can tell. */
export type UnavailabilityReason =
  | 'OBJECT_EXCEEDS_SIZE_QUOTA'
  | 'UNSUPPORTED_OBJECT_TYPE'
  | 'UNSUPPORTED_FINDING_TYPE'
  | 'INVALID_CLASSIFICATION_RESULT'
  | 'OBJECT_UNAVAILABLE'

/** GetSensitiveDataOccurrencesAvailability's answer. */
export interface RevealAvailability {
  code: 'AVAILABLE' | 'UNAVAILABLE'
  reasons: UnavailabilityReason[]
}

/** Sample values per type: managed identifier ID, or the custom data identifier's name. */
export type SensitiveDataOccurrences = Record<string, Array<{ value: string }>>

/** GetSensitiveDataOccurrences's answer. */
export interface OccurrencesAnswer {
  status: 'PROCESSING' | 'SUCCESS' | 'ERROR'
  error?: string
  sensitiveDataOccurrences?: SensitiveDataOccurrences
}

/** What reveal needs from its host: the store, the keyring that seals samples, and where buckets are. */
export interface RevealContext {
  store: Store
  keyring: Keyring
  sourceFor(accountId: string): SourceSpec
}

/** The reveal settings this module reads (settings.ts owns them). */
interface RevealSettingsValue {
  configuration?: { status?: string }
}

/** A finding's retrieval failed for a reason that may be told to the caller (no values in it). */
class RetrievalError extends Error {}

// ---------------------------------------------------------------------------------------------
// Availability

/**
 * Reasons the finding itself gives for not revealing it, without reading the object: a policy
 * finding, an unsupported MIME type, an object over its type's quota, no discovery result.
 * @example
 * findingUnavailability(policyFinding) // ['UNSUPPORTED_FINDING_TYPE']
 */
export function findingUnavailability(finding: Finding): UnavailabilityReason[] {
  const details = finding.classificationDetails
  if (finding.category !== 'CLASSIFICATION' || !details) return ['UNSUPPORTED_FINDING_TYPE']
  const reasons: UnavailabilityReason[] = []
  const mimeType = details.result?.mimeType ?? ''
  const quota = REVEAL_SIZE_QUOTAS[mimeType]
  const size = finding.resourcesAffected?.s3Object?.size ?? 0
  if (quota === undefined) reasons.push('UNSUPPORTED_OBJECT_TYPE')
  else if (size > quota) reasons.push('OBJECT_EXCEEDS_SIZE_QUOTA')
  if (!details.detailedResultsLocation) reasons.push('INVALID_CLASSIFICATION_RESULT')
  if (!finding.resourcesAffected?.s3Object) reasons.push('OBJECT_UNAVAILABLE')
  return reasons
}

/** Whether the object is still the one the finding describes (same ETag); reads its HEAD. */
async function isObjectUnchanged(source: ObjectSource, finding: Finding): Promise<boolean> {
  const object = finding.resourcesAffected.s3Object!
  try {
    const head = await source.headObject(finding.resourcesAffected.s3Bucket.name, object.key)
    return !object.eTag || head.eTag === object.eTag
  } catch (err) {
    if (err instanceof SourceError) return false
    throw err
  }
}

async function findingOf(store: Store, scope: Scope, findingId: string): Promise<Finding> {
  const [row] = await store.findings.get(scope, [findingId])
  if (!row) throw new NotFoundError('finding', findingId)
  return row.finding as unknown as Finding
}

async function availabilityOf(ctx: RevealContext, finding: Finding): Promise<RevealAvailability> {
  const reasons = findingUnavailability(finding)
  if (!reasons.includes('UNSUPPORTED_FINDING_TYPE') && !reasons.includes('OBJECT_UNAVAILABLE')) {
    const source = openSource(ctx.sourceFor(finding.accountId))
    try {
      if (!(await isObjectUnchanged(source, finding))) reasons.push('OBJECT_UNAVAILABLE')
    } finally {
      source.close()
    }
  }
  return reasons.length === 0 ? { code: 'AVAILABLE', reasons: [] } : { code: 'UNAVAILABLE', reasons }
}

/**
 * GetSensitiveDataOccurrencesAvailability: whether samples can be retrieved for a finding of the
 * scope and, if not, why. It describes the finding only: the reveal configuration is not one of
 * Macie's reasons, and GetSensitiveDataOccurrences refuses on its own while it is disabled.
 * @example
 * await sensitiveDataOccurrencesAvailability(ctx, scope, findingId) // { code: 'AVAILABLE', reasons: [] }
 */
export async function sensitiveDataOccurrencesAvailability(ctx: RevealContext, scope: Scope, findingId: string): Promise<RevealAvailability> {
  return availabilityOf(ctx, await findingOf(ctx.store, scope, findingId))
}

// ---------------------------------------------------------------------------------------------
// Retrieval

/** Where an occurrence is, as one comparable string, from the finding or from a new scan. */
function keyOfLocation(loc: Location): string {
  switch (loc.kind) {
    case 'line':
      return `L:${loc.line}:${loc.column}`
    case 'cell':
      return `C:${loc.cellReference ?? ''}:${loc.row}:${loc.column}`
    case 'record':
      return `R:${loc.recordIndex}:${loc.jsonPath}`
    case 'page':
      return `P:${loc.pageNumber}`
  }
}

/** The location keys of a finding's recorded occurrences (at most 15 per type). */
function recordedKeys(o: Occurrences | null | undefined): Set<string> {
  const keys = new Set<string>()
  for (const r of o?.lineRanges ?? []) keys.add(`L:${r.start}:${r.startColumn}`)
  for (const c of o?.cells ?? []) keys.add(`C:${c.cellReference ?? ''}:${c.row}:${c.column}`)
  for (const r of o?.records ?? []) keys.add(`R:${r.recordIndex}:${r.jsonPath}`)
  for (const p of o?.pages ?? []) keys.add(`P:${p.pageNumber}`)
  return keys
}

/** What a finding reports of one type, and what the retrieval found of it so far. */
interface Wanted {
  /** The answer's key: the managed type, or the custom identifier's name. */
  key: string
  count: number
  recorded: Set<string>
  /** Values found at recorded locations, then elsewhere. */
  atRecorded: string[]
  elsewhere: string[]
}

function isSatisfied(w: Wanted): boolean {
  const enough = Math.min(MAX_OCCURRENCES_PER_TYPE, w.count)
  return w.atRecorded.length >= Math.min(enough, w.recorded.size) && w.atRecorded.length + w.elsewhere.length >= enough
}

/** A finding's identifiers compiled into a detector, and what it reports per detection ID. */
export interface FindingDetector {
  detector: Detector
  /** By managed identifier ID or custom identifier ID. */
  wanted: Map<string, Wanted>
}

/** Line and column of offsets in free text, from the segment's origin. */
class LineIndex {
  private readonly newlines: number[] = []
  constructor(private readonly segment: TextSegment) {
    const text = segment.text
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.newlines.push(i)
  }

  at(offset: number): Location {
    let lo = 0
    let hi = this.newlines.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.newlines[mid]! < offset) lo = mid + 1
      else hi = mid
    }
    const origin = this.segment.origin ?? { line: 1, column: 1 }
    const lineStart = lo === 0 ? 0 : this.newlines[lo - 1]! + 1
    const column = offset - lineStart + 1 + (lo === 0 ? origin.column - 1 : 0)
    return { kind: 'line', line: origin.line + lo, column }
  }
}

/** Where a detection is, as scan/tally.ts locates it for findings. */
function locationOf(segment: TextSegment, d: Detection, lines: () => LineIndex): Location | undefined {
  if (d.field >= 0 && segment.fields) return segment.fields.location(d.field)
  if (segment.locate) return segment.locate(d.start)
  return lines().at(d.start)
}

function firstChars(text: string): string {
  let out = ''
  let n = 0
  for (const ch of text) {
    if (n++ >= MAX_VALUE_CHARS) break
    out += ch
  }
  return out
}

/** Collects the values of one segment's detections. */
function collect(segment: TextSegment, detections: readonly Detection[], wanted: Map<string, Wanted>): void {
  let index: LineIndex | undefined
  const lines = (): LineIndex => (index ??= new LineIndex(segment))
  for (const d of detections) {
    const w = wanted.get(d.id)
    if (!w || isSatisfied(w)) continue
    const value = firstChars(segment.text.slice(d.start, d.end))
    if (value.length === 0) continue
    const loc = w.recorded.size > 0 ? locationOf(segment, d, lines) : undefined
    if (loc && w.recorded.has(keyOfLocation(loc))) {
      if (w.atRecorded.length < MAX_OCCURRENCES_PER_TYPE) w.atRecorded.push(value)
    } else if (w.elsewhere.length < MAX_OCCURRENCES_PER_TYPE) w.elsewhere.push(value)
  }
}

/** The allow lists of the job that found the finding, as that job ran them; one that can no longer be read allows nothing: more samples, never fewer. */
async function allowListsOf(store: Store, scope: Scope, source: ObjectSource, jobId: string | null): Promise<AllowListInput[]> {
  const job = jobId ? await store.jobs.get(scope, jobId) : undefined
  return (await loadDetectionInputs(store, source, scope, { allowListIds: job?.allowListIds ?? [] }, [])).allowLists
}

/**
 * Compiles the identifiers a finding reports — its managed types and the custom identifiers it
 * names (by ARN; deleted ones still run) — with the allow lists of the job that found it.
 * @example
 * const { detector, wanted } = await findingDetector(store, scope, source, finding)
 */
export async function findingDetector(store: Store, scope: Scope, source: ObjectSource, finding: Finding): Promise<FindingDetector> {
  const result = finding.classificationDetails!.result
  const wanted = new Map<string, Wanted>()
  const byId = new Map(managedIdentifiers.map((i) => [i.id, i]))
  for (const group of result.sensitiveData ?? []) {
    for (const d of group.detections ?? []) {
      if (!byId.has(d.type) || wanted.has(d.type)) continue
      wanted.set(d.type, { key: d.type, count: Number(d.count) || 1, recorded: recordedKeys(d.occurrences), atRecorded: [], elsewhere: [] })
    }
  }
  const custom = []
  for (const d of result.customDataIdentifiers?.detections ?? []) {
    const id = d.arn ? d.arn.slice(d.arn.lastIndexOf('/') + 1) : ''
    const row = id ? await store.customDataIdentifiers.get(scope, id) : undefined
    if (!row || wanted.has(row.id)) continue
    custom.push(compileCustomIdentifier(customIdentifierInput(row)))
    wanted.set(row.id, { key: d.name, count: Number(d.count) || 1, recorded: recordedKeys(d.occurrences), atRecorded: [], elsewhere: [] })
  }
  if (wanted.size === 0) throw new RetrievalError('INVALID_CLASSIFICATION_RESULT: the finding reports no identifier that can run again')
  const managed = managedIdentifiers.filter((i) => wanted.has(i.id))
  const allowLists = (await allowListsOf(store, scope, source, finding.classificationDetails!.jobId)).map(compileAllowList)
  return { detector: compileDetector({ managed, custom, allowLists }), wanted }
}

/** Counts extracted member bytes against the retrieval's budget; past it, the member errors. */
function metered(body: Readable, budget: { left: number }): Readable {
  const meter = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      budget.left -= chunk.length
      if (budget.left < 0) done(new ExtractError('ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT', 'retrieval budget spent'))
      else done(null, chunk)
    },
  })
  body.on('error', (err) => meter.destroy(err))
  meter.on('close', () => {
    if (!body.destroyed && !body.readableEnded) body.destroy()
  })
  return body.pipe(meter)
}

interface Walk {
  built: FindingDetector
  deadline: number
  budget: { left: number }
}

const isDone = (walk: Walk): boolean => [...walk.built.wanted.values()].every(isSatisfied)

/** Reads an object (or archive member) and collects values; members that fail are passed over. */
async function walkObject(body: Readable, info: ObjectInfo, depth: number, walk: Walk): Promise<void> {
  try {
    const extracted = await extractObject(body, info)
    for await (const item of extracted.items) {
      if (Date.now() > walk.deadline) throw new RetrievalError(`the retrieval took longer than ${REVEAL_TIMEOUT_MS / 1000} seconds`)
      if (!isEmbedded(item)) {
        collect(item, walk.built.detector.detect(item), walk.built.wanted)
      } else if (item.body && depth < DEFAULT_LIMITS.maxArchiveDepth && walk.budget.left > 0) {
        const name = item.path.slice(item.path.lastIndexOf('/') + 1)
        const child: ObjectInfo = { key: name, size: item.size ?? 0, extension: extensionOf(name).toLowerCase(), limits: DEFAULT_LIMITS }
        try {
          await walkObject(metered(item.body, walk.budget), child, depth + 1, walk)
        } catch (err) {
          if (!(err instanceof ExtractError)) throw err
        }
      } else item.body?.destroy()
      if (isDone(walk)) break
    }
  } finally {
    if (!body.destroyed) body.destroy()
  }
}

/**
 * Reads the finding's object again (failing if its ETag changed) and returns up to 10 values per
 * type, those at the finding's recorded locations first; archives (zip, gzip, tar) are read member
 * by member. Throws a RetrievalError whose message is safe to show, or a SourceError.
 * @example
 * const occurrences = await retrieveOccurrences(source, finding, await findingDetector(store, scope, source, finding))
 */
export async function retrieveOccurrences(source: ObjectSource, finding: Finding, built: FindingDetector, timeoutMs = REVEAL_TIMEOUT_MS): Promise<SensitiveDataOccurrences> {
  const object = finding.resourcesAffected.s3Object!
  const body = await source.openObject({ bucket: finding.resourcesAffected.s3Bucket.name, key: object.key, ...(object.eTag ? { eTag: object.eTag } : {}) })
  const info: ObjectInfo = { key: object.key, size: object.size, extension: extensionOf(object.key).toLowerCase(), limits: DEFAULT_LIMITS }
  const walk: Walk = { built, deadline: Date.now() + timeoutMs, budget: { left: MAX_EXTRACTED_BYTES } }
  try {
    await walkObject(body, info, 0, walk)
  } catch (err) {
    if (err instanceof ExtractError) throw new RetrievalError(`UNSUPPORTED_OBJECT_TYPE: the object could not be read (${err.reason})`, { cause: err })
    throw err
  }
  const out: SensitiveDataOccurrences = {}
  for (const w of built.wanted.values()) {
    const values = [...w.atRecorded, ...w.elsewhere].slice(0, MAX_OCCURRENCES_PER_TYPE)
    if (values.length === 0 || Object.keys(out).length >= MAX_TYPES) continue
    out[w.key] = values.map((value) => ({ value }))
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Sealing

/** What is sealed: the values and whose they are, checked again when opened. */
interface SealedSamples {
  v: 1
  accountId: string
  region: string
  findingId: string
  occurrences: SensitiveDataOccurrences
}

/**
 * Seals a finding's samples under a fresh data key wrapped by the keyring (results/envelope.ts).
 * @example
 * const sealed = sealOccurrences(keyring, scope, findingId, { USA_SOCIAL_SECURITY_NUMBER: [{ value: '…' }] })
 */
export function sealOccurrences(keyring: Keyring, scope: Scope, findingId: string, occurrences: SensitiveDataOccurrences): Buffer {
  const payload: SealedSamples = { v: 1, accountId: scope.accountId, region: scope.region, findingId, occurrences }
  const plain = Buffer.from(JSON.stringify(payload), 'utf8')
  try {
    return sealEnvelope(plain, keyring)
  } finally {
    plain.fill(0)
  }
}

/**
 * Opens sealed samples; throws when they do not authenticate or belong to another finding.
 * @example
 * const occurrences = openOccurrences(keyring, scope, findingId, sealed)
 */
export function openOccurrences(keyring: Keyring, scope: Scope, findingId: string, sealed: Buffer): SensitiveDataOccurrences {
  const plain = openEnvelope(sealed, keyring)
  try {
    const payload = JSON.parse(plain.toString('utf8')) as Partial<SealedSamples>
    // A row moved to another finding or account would otherwise open as that one's samples.
    if (payload.v !== 1 || payload.accountId !== scope.accountId || payload.region !== scope.region || payload.findingId !== findingId || !payload.occurrences) {
      throw new Error('the sealed samples belong to another finding')
    }
    return payload.occurrences
  } finally {
    plain.fill(0)
  }
}

// ---------------------------------------------------------------------------------------------
// Background retrievals

const inFlight = new Set<Promise<void>>()
let running = 0
const waiting: Array<() => void> = []

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_RETRIEVALS) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  try {
    return await work()
  } finally {
    running--
    waiting.shift()?.()
  }
}

/**
 * Resolves once every retrieval started in this process has finished (tests, shutdown).
 * @example
 * await settleRetrievals()
 */
export async function settleRetrievals(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight])
}

/** The message an ERROR answer carries: Macie's reason first, never a value or an object's content. */
function errorMessageOf(err: unknown): string {
  if (err instanceof RetrievalError) return err.message
  if (err instanceof SourceError) return 'OBJECT_UNAVAILABLE: the object was changed, moved or deleted since the finding was created, or cannot be read'
  return 'an internal error stopped the retrieval'
}

async function retrieve(ctx: RevealContext, scope: Scope, finding: Finding, claim: string): Promise<void> {
  let outcome: RevealOutcome
  const source = openSource(ctx.sourceFor(finding.accountId))
  try {
    const built = await findingDetector(ctx.store, scope, source, finding)
    const occurrences = await retrieveOccurrences(source, finding, built)
    outcome =
      Object.keys(occurrences).length === 0
        ? { status: 'ERROR', error: 'INVALID_CLASSIFICATION_RESULT: no occurrence the finding reports was found in the object' }
        : { status: 'SUCCESS', sealed: sealOccurrences(ctx.keyring, scope, finding.id, occurrences) }
  } catch (err) {
    outcome = { status: 'ERROR', error: errorMessageOf(err) }
  } finally {
    source.close()
  }
  const keepMs = outcome.status === 'SUCCESS' ? REVEAL_RETENTION_MS : REVEAL_ERROR_RETENTION_MS
  // A row deleted meanwhile (reveal disabled, Macie disabled) stays deleted: finish writes nothing.
  await ctx.store.reveal.finish(scope, finding.id, claim, outcome, new Date(Date.now() + keepMs))
}

function launch(ctx: RevealContext, scope: Scope, finding: Finding, claim: string): void {
  // A store closed under a retrieval (shutdown) leaves its row to expire; nothing to report.
  const task = withSlot(() => retrieve(ctx, scope, finding, claim)).catch(() => undefined)
  inFlight.add(task)
  void task.finally(() => inFlight.delete(task))
}

/**
 * GetSensitiveDataOccurrences: the first call starts the retrieval and answers PROCESSING; later
 * calls answer SUCCESS with the samples (decrypted for the answer only) or ERROR with why, until
 * they expire. Unknown finding: NotFoundError; policy finding or one whose samples are unavailable:
 * UnprocessableError with Macie's reason; reveal disabled: AccessDeniedError.
 * @example
 * await requestSensitiveDataOccurrences(ctx, scope, findingId) // { status: 'PROCESSING' }
 */
export async function requestSensitiveDataOccurrences(ctx: RevealContext, scope: Scope, findingId: string, now = new Date()): Promise<OccurrencesAnswer> {
  const finding = await findingOf(ctx.store, scope, findingId)
  if (finding.category !== 'CLASSIFICATION' || !finding.classificationDetails) {
    throw new UnprocessableError('UNSUPPORTED_FINDING_TYPE: the finding is not a sensitive data finding')
  }
  const settings = (await ctx.store.settings.get(scope, SETTING.reveal)) as RevealSettingsValue | undefined
  if (settings?.configuration?.status !== 'ENABLED') {
    throw new AccessDeniedError('retrieving occurrences of sensitive data is disabled: enable it with UpdateRevealConfiguration')
  }
  await ctx.store.reveal.deleteExpired(now)
  const existing = await ctx.store.reveal.get(scope, findingId, now)
  if (existing) return answerOf(ctx, scope, findingId, existing.status, existing.error, existing.sealed)
  const availability = await availabilityOf(ctx, finding)
  if (availability.code === 'UNAVAILABLE') throw new UnprocessableError(availability.reasons.join(', '))
  const claim = randomBytes(16).toString('hex')
  if (await ctx.store.reveal.claim(scope, findingId, claim, now, new Date(now.getTime() + REVEAL_TIMEOUT_MS))) launch(ctx, scope, finding, claim)
  return { status: 'PROCESSING' }
}

function answerOf(ctx: RevealContext, scope: Scope, findingId: string, status: OccurrencesAnswer['status'], error?: string, sealed?: Buffer): OccurrencesAnswer {
  if (status === 'PROCESSING') return { status }
  if (status === 'ERROR') return { status, error: error ?? 'the retrieval failed' }
  try {
    return { status, sensitiveDataOccurrences: openOccurrences(ctx.keyring, scope, findingId, sealed ?? Buffer.alloc(0)) }
  } catch {
    return { status: 'ERROR', error: 'the retrieved samples can no longer be decrypted (the keyring changed); try again once they expire' }
  }
}

/**
 * Deletes every cached sample of a scope: when reveal is disabled (UpdateRevealConfiguration) and
 * when Macie is. A retrieval still running for the scope then stores nothing.
 * @example
 * await dropRevealedSamples(store, scope)
 */
export async function dropRevealedSamples(store: Store, scope: Scope): Promise<void> {
  await store.reveal.deleteScope(scope)
}
