// Automated sensitive data discovery: per-bucket resource profiles, artifacts and detections.
// Repository functions over the tables of migration 0004-discovery. An analysed object's
// artifact, detections, findings and usage are committed together, once, or not at all.
import type { Kysely, Transaction } from 'kysely'
import { findingColumns, findingValues } from './finding-query.js'
import type { DiscoveryProfilesTable } from './migrations/0004-discovery.js'
import type { Database } from './schema.js'
import type { Scope } from './scope.js'
import type { FindingRow } from './rows.js'

type Db = Kysely<Database> | Transaction<Database>

/** Macie's `DataIdentifierType`. */
export type DataIdentifierType = 'MANAGED' | 'CUSTOM'

/** An identifier left out of a bucket's score (Macie's `SuppressDataIdentifier`). */
export interface SuppressedIdentifier {
  id: string
  type: DataIdentifierType
}

/** A bucket's resource profile as stored. */
export interface ProfileRow {
  bucket: string
  /** 100 while the score is overridden. */
  scoreOverride?: number
  suppressed: SuppressedIdentifier[]
  objectCount?: number
  eligibleObjects?: number
  listedAt?: Date
  updatedAt: Date
}

/** An analysed object, as it was when analysed. */
export interface ArtifactRow {
  bucket: string
  key: string
  eTag?: string
  lastModified: Date
  size: number
  status: 'COMPLETE' | 'PARTIAL' | 'SKIPPED'
  reason?: string
  isSensitive: boolean
  bytesClassified: number
  analysedAt: Date
}

/** Occurrences one identifier found (in one object, or summed over a bucket). */
export interface DetectionRow {
  type: DataIdentifierType
  id: string
  name: string
  arn?: string
  count: number
}

/** Counts over a bucket's artifacts. */
export interface ArtifactCounts {
  bytesClassified: number
  complete: number
  partial: number
  skipped: number
  sensitive: number
  skippedInvalidEncryption: number
  skippedInvalidKms: number
  skippedPermissionDenied: number
}

/** What a bucket's profile, artifacts and detections add up to. */
export interface ProfileSummary {
  profile?: ProfileRow
  counts: ArtifactCounts
  /** Summed per identifier, in (type, id) order. */
  detections: DetectionRow[]
}

/** One analysed object's commit: its artifact, detections, findings and usage. */
export interface ArtifactCommit {
  artifact: ArtifactRow
  detections: DetectionRow[]
  findings: FindingRow[]
  usage?: { month: string; bytes: number; objects: number }
}

/** The discovery state of an account in a region. */
export interface DiscoveryAccountRow {
  status?: 'ENABLED' | 'DISABLED'
  lastRoundAt?: Date
}

/** Automated sensitive data discovery: per-bucket resource profiles, artifacts and detections. */
export interface DiscoveryRepository {
  /** The scope's discovery state, undefined when nothing was recorded. */
  getAccount(scope: Scope): Promise<DiscoveryAccountRow | undefined>
  /** Sets the account's own status (BatchUpdateAutomatedDiscoveryAccounts). */
  setAccountStatus(scope: Scope, status: 'ENABLED' | 'DISABLED', now: Date): Promise<void>
  /** Records that a round of the scope ended at `at`. */
  markRound(scope: Scope, at: Date): Promise<void>
  /** Scopes holding a setting of this name, with its JSON value (for the scheduler: every account). */
  scopesWithSetting(name: string): Promise<Array<Scope & { value: unknown }>>
  /** A bucket's profile, undefined when it has none. */
  getProfile(scope: Scope, bucket: string): Promise<ProfileRow | undefined>
  /** Records what a listing of the bucket saw, creating its profile when needed. */
  putListing(scope: Scope, bucket: string, listing: { objectCount: number; eligibleObjects: number; listedAt: Date }): Promise<void>
  /** Sets (100) or clears (null) a bucket's score override, creating its profile when needed. */
  setScoreOverride(scope: Scope, bucket: string, override: number | null, now: Date): Promise<void>
  /** Replaces the identifiers left out of a bucket's score, creating its profile when needed. */
  setSuppressed(scope: Scope, bucket: string, suppressed: SuppressedIdentifier[], now: Date): Promise<void>
  /** Each analysed object of a bucket: key, ETag and last modification, in key order. */
  artifactVersions(scope: Scope, bucket: string): Promise<Array<{ key: string; eTag?: string; lastModified: Date }>>
  /** Forgets analysed objects that changed or disappeared, and their detections; returns how many. */
  dropArtifacts(scope: Scope, bucket: string, keys: string[], now: Date): Promise<number>
  /**
   * Commits analysed objects in one transaction: each object's artifact and detections replace
   * what was recorded of it, its findings are inserted and its usage added. An object already
   * recorded at the same version (ETag and last modification) is left as it is: returns how many
   * were committed.
   */
  commitArtifacts(scope: Scope, commits: ArtifactCommit[], now: Date): Promise<number>
  /** A page of a bucket's artifacts in key order, after `afterKey`. */
  listArtifacts(scope: Scope, bucket: string, afterKey: string | undefined, limit: number): Promise<{ items: ArtifactRow[]; hasMore: boolean }>
  /** Profiles, counts and summed detections of a bucket, or of every bucket of the scope with any. */
  summaries(scope: Scope, bucket?: string): Promise<Map<string, ProfileSummary>>
  /** Deletes every row of the scope (DisableMacie). */
  deleteScope(scope: Scope): Promise<void>
}

// Both drivers cap bound parameters per statement (SQLite 32766, PostgreSQL 65535).
const ROWS_PER_INSERT = 500
const KEYS_PER_QUERY = 500
const FINDINGS_PER_INSERT = 200

// PostgreSQL returns bigint as strings; Number() on every numeric read keeps both dialects alike.
const n = (v: number | string | null | undefined): number => Number(v ?? 0)

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function emptyCounts(): ArtifactCounts {
  return { bytesClassified: 0, complete: 0, partial: 0, skipped: 0, sensitive: 0, skippedInvalidEncryption: 0, skippedInvalidKms: 0, skippedPermissionDenied: 0 }
}

/** Creates the bucket's profile row if it has none (a no-op otherwise). */
async function ensureProfile(db: Db, scope: Scope, bucket: string, now: Date): Promise<void> {
  await db
    .insertInto('discovery_profiles')
    .values({
      account_id: scope.accountId,
      region: scope.region,
      bucket,
      score_override: null,
      suppressed: '[]',
      object_count: null,
      eligible_objects: null,
      listed_at: null,
      updated_at: now.getTime(),
    })
    .onConflict((oc) => oc.columns(['account_id', 'region', 'bucket']).doNothing())
    .execute()
}

async function touchProfile(db: Db, scope: Scope, bucket: string, now: Date): Promise<void> {
  await ensureProfile(db, scope, bucket, now)
  await db
    .updateTable('discovery_profiles')
    .set({ updated_at: now.getTime() })
    .where('account_id', '=', scope.accountId)
    .where('region', '=', scope.region)
    .where('bucket', '=', bucket)
    .execute()
}

async function deleteObjects(db: Db, scope: Scope, bucket: string, keys: string[]): Promise<number> {
  let deleted = 0
  for (const part of chunks(keys, KEYS_PER_QUERY)) {
    await db
      .deleteFrom('discovery_detections')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('bucket', '=', bucket)
      .where('object_key', 'in', part)
      .execute()
    const r = await db
      .deleteFrom('discovery_artifacts')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('bucket', '=', bucket)
      .where('object_key', 'in', part)
      .executeTakeFirst()
    deleted += Number(r.numDeletedRows)
  }
  return deleted
}

async function insertFindings(db: Db, rows: FindingRow[]): Promise<void> {
  for (const part of chunks(rows.map(findingColumns), FINDINGS_PER_INSERT)) await db.insertInto('findings').values(part).execute()
  for (const part of chunks(rows.flatMap(findingValues), ROWS_PER_INSERT)) await db.insertInto('finding_values').values(part).execute()
}

function profileFromRow(r: {
  bucket: string
  score_override: number | null
  suppressed: string
  object_count: number | string | null
  eligible_objects: number | string | null
  listed_at: number | string | null
  updated_at: number | string
}): ProfileRow {
  return {
    bucket: r.bucket,
    ...(r.score_override !== null ? { scoreOverride: n(r.score_override) } : {}),
    suppressed: JSON.parse(r.suppressed) as SuppressedIdentifier[],
    ...(r.object_count !== null ? { objectCount: n(r.object_count) } : {}),
    ...(r.eligible_objects !== null ? { eligibleObjects: n(r.eligible_objects) } : {}),
    ...(r.listed_at !== null ? { listedAt: new Date(n(r.listed_at)) } : {}),
    updatedAt: new Date(n(r.updated_at)),
  }
}

/**
 * The discovery repository on a migrated database.
 * @example
 * const discovery = discoveryRepository(db)
 */
export function discoveryRepository(db: Kysely<Database>): DiscoveryRepository {
  const inScope = (scope: Scope) => ({ account_id: scope.accountId, region: scope.region })
  /** Creates the bucket's profile if need be, then sets these columns (and updated_at) in one transaction. */
  const updateProfile = (scope: Scope, bucket: string, now: Date, set: Partial<Pick<DiscoveryProfilesTable, 'score_override' | 'suppressed' | 'object_count' | 'eligible_objects' | 'listed_at'>>) =>
    db.transaction().execute(async (trx) => {
      await ensureProfile(trx, scope, bucket, now)
      await trx
        .updateTable('discovery_profiles')
        .set({ ...set, updated_at: now.getTime() })
        .where('account_id', '=', scope.accountId)
        .where('region', '=', scope.region)
        .where('bucket', '=', bucket)
        .execute()
    })

  return {
    async getAccount(scope) {
      const r = await db
        .selectFrom('discovery_accounts')
        .select(['status', 'last_round_at'])
        .where('account_id', '=', scope.accountId)
        .where('region', '=', scope.region)
        .executeTakeFirst()
      if (!r) return undefined
      return {
        ...(r.status ? { status: r.status as 'ENABLED' | 'DISABLED' } : {}),
        ...(r.last_round_at !== null ? { lastRoundAt: new Date(n(r.last_round_at)) } : {}),
      }
    },

    async setAccountStatus(scope, status, now) {
      await db
        .insertInto('discovery_accounts')
        .values({ ...inScope(scope), status, last_round_at: null, updated_at: now.getTime() })
        .onConflict((oc) => oc.columns(['account_id', 'region']).doUpdateSet({ status, updated_at: now.getTime() }))
        .execute()
    },

    async markRound(scope, at) {
      await db
        .insertInto('discovery_accounts')
        .values({ ...inScope(scope), status: null, last_round_at: at.getTime(), updated_at: at.getTime() })
        .onConflict((oc) => oc.columns(['account_id', 'region']).doUpdateSet({ last_round_at: at.getTime(), updated_at: at.getTime() }))
        .execute()
    },

    async scopesWithSetting(name) {
      const rows = await db.selectFrom('settings').select(['account_id', 'region', 'value']).where('name', '=', name).orderBy('account_id').orderBy('region').execute()
      return rows.map((r) => ({ accountId: r.account_id, region: r.region, value: JSON.parse(r.value) as unknown }))
    },

    async getProfile(scope, bucket) {
      const r = await db
        .selectFrom('discovery_profiles')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('region', '=', scope.region)
        .where('bucket', '=', bucket)
        .executeTakeFirst()
      return r && profileFromRow(r)
    },

    async putListing(scope, bucket, listing) {
      await updateProfile(scope, bucket, listing.listedAt, {
        object_count: listing.objectCount,
        eligible_objects: listing.eligibleObjects,
        listed_at: listing.listedAt.getTime(),
      })
    },

    async setScoreOverride(scope, bucket, override, now) {
      await updateProfile(scope, bucket, now, { score_override: override })
    },

    async setSuppressed(scope, bucket, suppressed, now) {
      await updateProfile(scope, bucket, now, { suppressed: JSON.stringify(suppressed.map((s) => ({ id: s.id, type: s.type }))) })
    },

    async artifactVersions(scope, bucket) {
      const rows = await db
        .selectFrom('discovery_artifacts')
        .select(['object_key', 'e_tag', 'last_modified'])
        .where('account_id', '=', scope.accountId)
        .where('region', '=', scope.region)
        .where('bucket', '=', bucket)
        .orderBy('object_key')
        .execute()
      return rows.map((r) => ({ key: r.object_key, ...(r.e_tag !== null ? { eTag: r.e_tag } : {}), lastModified: new Date(n(r.last_modified)) }))
    },

    async dropArtifacts(scope, bucket, keys, now) {
      if (keys.length === 0) return 0
      return db.transaction().execute(async (trx) => {
        const deleted = await deleteObjects(trx, scope, bucket, keys)
        if (deleted > 0) await touchProfile(trx, scope, bucket, now)
        return deleted
      })
    },

    async commitArtifacts(scope, commits, now) {
      if (commits.length === 0) return 0
      return db.transaction().execute(async (trx) => {
        let committed = 0
        const touched = new Set<string>()
        for (const { artifact: a, detections, findings, usage } of commits) {
          const current = await trx
            .selectFrom('discovery_artifacts')
            .select(['e_tag', 'last_modified'])
            .where('account_id', '=', scope.accountId)
            .where('region', '=', scope.region)
            .where('bucket', '=', a.bucket)
            .where('object_key', '=', a.key)
            .executeTakeFirst()
          // The same version committed already (another process, or a commit retried): once only.
          if (current && (current.e_tag ?? undefined) === a.eTag && n(current.last_modified) === a.lastModified.getTime()) continue
          if (current) await deleteObjects(trx, scope, a.bucket, [a.key])
          await trx
            .insertInto('discovery_artifacts')
            .values({
              ...inScope(scope),
              bucket: a.bucket,
              object_key: a.key,
              e_tag: a.eTag ?? null,
              last_modified: a.lastModified.getTime(),
              size: a.size,
              status: a.status,
              reason: a.reason ?? null,
              is_sensitive: a.isSensitive ? 1 : 0,
              bytes_classified: a.bytesClassified,
              analysed_at: a.analysedAt.getTime(),
            })
            .execute()
          const rows = detections.map((d) => ({
            ...inScope(scope),
            bucket: a.bucket,
            object_key: a.key,
            identifier_type: d.type,
            identifier_id: d.id,
            name: d.name,
            arn: d.arn ?? null,
            count: d.count,
          }))
          for (const part of chunks(rows, ROWS_PER_INSERT)) await trx.insertInto('discovery_detections').values(part).execute()
          if (findings.length > 0) await insertFindings(trx, findings)
          if (usage) {
            await trx
              .insertInto('usage_records')
              .values({ ...inScope(scope), month: usage.month, type: 'AUTOMATED_SENSITIVE_DATA_DISCOVERY', bytes: usage.bytes, objects: usage.objects })
              .onConflict((oc) =>
                oc.columns(['account_id', 'region', 'month', 'type']).doUpdateSet((eb) => ({
                  bytes: eb('usage_records.bytes', '+', eb.ref('excluded.bytes')),
                  objects: eb('usage_records.objects', '+', eb.ref('excluded.objects')),
                })),
              )
              .execute()
          }
          touched.add(a.bucket)
          committed++
        }
        for (const bucket of touched) await touchProfile(trx, scope, bucket, now)
        return committed
      })
    },

    async listArtifacts(scope, bucket, afterKey, limit) {
      let q = db
        .selectFrom('discovery_artifacts')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('region', '=', scope.region)
        .where('bucket', '=', bucket)
      if (afterKey !== undefined) q = q.where('object_key', '>', afterKey)
      const rows = await q.orderBy('object_key').limit(limit + 1).execute()
      return {
        items: rows.slice(0, limit).map((r) => ({
          bucket: r.bucket,
          key: r.object_key,
          ...(r.e_tag !== null ? { eTag: r.e_tag } : {}),
          lastModified: new Date(n(r.last_modified)),
          size: n(r.size),
          status: r.status as ArtifactRow['status'],
          ...(r.reason !== null ? { reason: r.reason } : {}),
          isSensitive: n(r.is_sensitive) === 1,
          bytesClassified: n(r.bytes_classified),
          analysedAt: new Date(n(r.analysed_at)),
        })),
        hasMore: rows.length > limit,
      }
    },

    async summaries(scope, bucket) {
      const out = new Map<string, ProfileSummary>()
      const entry = (name: string): ProfileSummary => {
        let e = out.get(name)
        if (!e) out.set(name, (e = { counts: emptyCounts(), detections: [] }))
        return e
      }
      let profiles = db.selectFrom('discovery_profiles').selectAll().where('account_id', '=', scope.accountId).where('region', '=', scope.region)
      if (bucket !== undefined) profiles = profiles.where('bucket', '=', bucket)
      for (const r of await profiles.execute()) entry(r.bucket).profile = profileFromRow(r)

      let artifacts = db
        .selectFrom('discovery_artifacts')
        .select((eb) => [
          'bucket',
          'status',
          'reason',
          eb.fn.countAll<number | string>().as('objects'),
          eb.fn.sum<number | string>('bytes_classified').as('bytes'),
          eb.fn.sum<number | string>('is_sensitive').as('sensitive'),
        ])
        .where('account_id', '=', scope.accountId)
        .where('region', '=', scope.region)
      if (bucket !== undefined) artifacts = artifacts.where('bucket', '=', bucket)
      for (const r of await artifacts.groupBy(['bucket', 'status', 'reason']).execute()) {
        const c = entry(r.bucket).counts
        const objects = n(r.objects)
        c.bytesClassified += n(r.bytes)
        c.sensitive += n(r.sensitive)
        if (r.status === 'COMPLETE') c.complete += objects
        else if (r.status === 'PARTIAL') c.partial += objects
        else {
          c.skipped += objects
          if (r.reason === 'INVALID_ENCRYPTION') c.skippedInvalidEncryption += objects
          else if (r.reason === 'INVALID_KMS_KEY') c.skippedInvalidKms += objects
          else if (r.reason === 'PERMISSION_DENIED') c.skippedPermissionDenied += objects
        }
      }

      let detections = db
        .selectFrom('discovery_detections')
        .select((eb) => ['bucket', 'identifier_type', 'identifier_id', eb.fn.max('name').as('name'), eb.fn.max('arn').as('arn'), eb.fn.sum<number | string>('count').as('count')])
        .where('account_id', '=', scope.accountId)
        .where('region', '=', scope.region)
      if (bucket !== undefined) detections = detections.where('bucket', '=', bucket)
      const rows = await detections.groupBy(['bucket', 'identifier_type', 'identifier_id']).orderBy('bucket').orderBy('identifier_type').orderBy('identifier_id').execute()
      for (const r of rows) {
        entry(r.bucket).detections.push({
          type: r.identifier_type as DataIdentifierType,
          id: r.identifier_id,
          name: r.name ?? r.identifier_id,
          ...(r.arn ? { arn: r.arn } : {}),
          count: n(r.count),
        })
      }
      return out
    },

    async deleteScope(scope) {
      await db.transaction().execute(async (trx) => {
        for (const table of ['discovery_detections', 'discovery_artifacts', 'discovery_profiles', 'discovery_accounts'] as const) {
          await trx.deleteFrom(table).where('account_id', '=', scope.accountId).where('region', '=', scope.region).execute()
        }
      })
    },
  }
}
