// What a bucket's posture means in Macie's terms: public or not, shared with whom, whether it
// takes unencrypted uploads, and the finding's `resourcesAffected.s3Bucket`. Pure functions over
// `BucketPosture` and bucket policy documents; reading the posture from a store is sources/' job.
// "Public" follows S3's own definition (the S3 API reference, PublicAccessBlockConfiguration):
// a policy is public unless it grants only to fixed principals, or is limited by fixed values of
// source IPs, VPCs, accounts, ARNs or organizations; an ACL is public when it grants AllUsers or
// AuthenticatedUsers. Account-level block public access is not part of a posture, so trawl
// judges with the bucket-level settings only.
import type { BucketPosture, Encryption } from '../sources/types.js'
import type {
  AllowsUnencryptedObjectUploads,
  EffectivePermission,
  EncryptionType,
  PublicGrants,
  S3Bucket,
  ServerSideEncryption,
  SharedAccess,
} from './types.js'

/** One statement of an IAM policy document, as far as trawl reads it. */
interface Statement {
  Effect?: unknown
  Principal?: unknown
  NotPrincipal?: unknown
  Action?: unknown
  NotAction?: unknown
  Condition?: unknown
}

/** The statements of a policy document; undefined when the text is not a policy. */
function parsePolicy(policyJson: string): Statement[] | undefined {
  let doc: unknown
  try {
    doc = JSON.parse(policyJson)
  } catch {
    return undefined
  }
  if (!isObject(doc)) return undefined
  const st = doc.Statement
  if (Array.isArray(st)) return st.filter(isObject)
  if (isObject(st)) return [st]
  return undefined
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v]
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string')
  return []
}

function effectIs(st: Statement, effect: 'Allow' | 'Deny'): boolean {
  return typeof st.Effect === 'string' && st.Effect.toLowerCase() === effect.toLowerCase()
}

/** Principal values by type (`"*"` is `{ AWS: ['*'] }`). */
function principalsOf(principal: unknown): Record<string, string[]> {
  if (principal === '*') return { AWS: ['*'] }
  if (!isObject(principal)) return {}
  const out: Record<string, string[]> = {}
  for (const [type, v] of Object.entries(principal)) out[type] = strings(v)
  return out
}

/** Whether a statement names everyone (any principal type with `*`, or an Allow with NotPrincipal). */
function namesEveryone(st: Statement): boolean {
  if (st.NotPrincipal !== undefined) return true
  return Object.values(principalsOf(st.Principal)).some((vs) => vs.includes('*'))
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${body}$`, 'i')
}

// S3's "bad actions" (PublicAccessBlockConfiguration): s3:Get* and s3:List* expose data to
// reads; s3:Put*, s3:Delete*, s3:AbortMultipartUpload and s3:RestoreObject to writes. The
// samples stand for each family when a statement's pattern or NotAction list is matched.
const FAMILIES = {
  read: { prefixes: ['s3:get', 's3:list'], samples: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAcl', 's3:ListBucket', 's3:ListBucketVersions'] },
  write: {
    prefixes: ['s3:put', 's3:delete', 's3:abortmultipartupload', 's3:restoreobject'],
    samples: ['s3:PutObject', 's3:PutObjectAcl', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:AbortMultipartUpload', 's3:RestoreObject', 's3:PutBucketPolicy'],
  },
} as const

/** Whether a statement allows some action of the family (Action patterns, or all but NotAction). */
function coversFamily(st: Statement, family: keyof typeof FAMILIES): boolean {
  const { prefixes, samples } = FAMILIES[family]
  if (st.NotAction !== undefined) {
    const excluded = strings(st.NotAction).map(globToRegExp)
    return samples.some((a) => !excluded.some((re) => re.test(a)))
  }
  return strings(st.Action).some((p) => {
    const lower = p.toLowerCase()
    if (prefixes.some((x) => lower.startsWith(x))) return true
    const re = globToRegExp(p)
    return samples.some((a) => re.test(a))
  })
}

function coversAction(st: Statement, action: string): boolean {
  if (st.NotAction !== undefined) return !strings(st.NotAction).some((p) => globToRegExp(p).test(action))
  return strings(st.Action).some((p) => globToRegExp(p).test(action))
}

/** Condition `{operator: {key: values}}` as flat entries with the operator's qualifiers split off. */
function conditionsOf(st: Statement): Array<{ op: string; isIfExists: boolean; key: string; values: string[] }> {
  if (!isObject(st.Condition)) return []
  const out: Array<{ op: string; isIfExists: boolean; key: string; values: string[] }> = []
  for (const [rawOp, block] of Object.entries(st.Condition)) {
    if (!isObject(block)) continue
    const unqualified = rawOp.replace(/^(ForAnyValue|ForAllValues):/i, '')
    const isIfExists = /IfExists$/i.test(unqualified)
    const op = unqualified.replace(/IfExists$/i, '').toLowerCase()
    for (const [key, v] of Object.entries(block)) {
      const values = typeof v === 'boolean' ? [String(v)] : strings(v)
      out.push({ op, isIfExists, key: key.toLowerCase(), values })
    }
  }
  return out
}

// Condition keys that pin a grant to known callers (S3's list of fixed values, plus the
// organization and principal-account keys IAM added since).
const RESTRICTING_KEYS = new Set([
  'aws:sourceip',
  'aws:vpcsourceip',
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointaccount',
  's3:dataaccesspointarn',
])
const POSITIVE_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress'])

/** Whether a value is fixed: no wildcard, and for IP ranges not the whole address space. */
function isFixedValue(key: string, value: string): boolean {
  if (value.length === 0 || /[*?]/.test(value)) return false
  if (key === 'aws:sourceip' || key === 'aws:vpcsourceip') return !/\/0$/.test(value)
  return true
}

/** Whether the statement's conditions limit it to fixed accounts, VPCs, IP ranges, ARNs or orgs. */
function isRestricted(st: Statement): boolean {
  return conditionsOf(st).some(
    (c) => !c.isIfExists && POSITIVE_OPERATORS.has(c.op) && RESTRICTING_KEYS.has(c.key) && c.values.length > 0 && c.values.every((v) => isFixedValue(c.key, v)),
  )
}

/**
 * Whether a bucket policy grants the general public read or write access: an Allow to `*` (or
 * `{"AWS": "*"}`, or NotPrincipal) on S3's read or write actions, not limited by a condition on
 * fixed accounts, VPCs, IPs, ARNs or organizations. A policy that does not parse grants nothing.
 * @example
 * policyAccess('{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}')
 * // { allowsPublicReadAccess: true, allowsPublicWriteAccess: false }
 */
export function policyAccess(policyJson: string): PublicGrants {
  const grants = { allowsPublicReadAccess: false, allowsPublicWriteAccess: false }
  for (const st of parsePolicy(policyJson) ?? []) {
    if (!effectIs(st, 'Allow') || !namesEveryone(st) || isRestricted(st)) continue
    if (coversFamily(st, 'read')) grants.allowsPublicReadAccess = true
    if (coversFamily(st, 'write')) grants.allowsPublicWriteAccess = true
  }
  return grants
}

type Channel = 'public' | 'not' | 'unknown'

function aclChannel(posture: BucketPosture): Channel {
  const bpa = posture.publicAccessBlock
  if (bpa?.ignorePublicAcls) return 'not'
  if (posture.acl === undefined) return 'unknown'
  if (!posture.acl.allowsPublicReadAccess && !posture.acl.allowsPublicWriteAccess) return 'not'
  return bpa === undefined ? 'unknown' : 'public'
}

function policyChannel(posture: BucketPosture): Channel {
  const bpa = posture.publicAccessBlock
  // RestrictPublicBuckets limits a public policy to AWS services and the owner's own users.
  if (bpa?.restrictPublicBuckets) return 'not'
  if (posture.policy === undefined) return 'unknown'
  if (posture.policy === null) return 'not'
  if (!parsePolicy(posture.policy)) return 'unknown'
  const g = policyAccess(posture.policy)
  if (!g.allowsPublicReadAccess && !g.allowsPublicWriteAccess) return 'not'
  return bpa === undefined ? 'unknown' : 'public'
}

/**
 * Whether the bucket is public: its ACL or policy lets anonymous or all-authenticated users in
 * and the bucket's block public access settings (IgnorePublicAcls, RestrictPublicBuckets) do not
 * neutralise it. UNKNOWN when a part that could decide it is not known.
 * @example
 * effectivePermission({ publicAccessBlock: null, acl: { allowsPublicReadAccess: true, allowsPublicWriteAccess: false }, policy: null }) // 'PUBLIC'
 */
export function effectivePermission(posture: BucketPosture): EffectivePermission {
  const channels = [aclChannel(posture), policyChannel(posture)]
  if (channels.includes('public')) return 'PUBLIC'
  if (channels.includes('unknown')) return 'UNKNOWN'
  return 'NOT_PUBLIC'
}

/** Who a bucket policy shares the bucket with, besides its owner and the public. */
export interface PolicySharing {
  /** Account IDs (and canonical user IDs) other than the owner's that a statement allows. */
  accounts: string[]
  /** Whether a statement allows a CloudFront origin access identity or origin access control. */
  isSharedWithCloudFront: boolean
}

const ACCOUNT_IN_ARN = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/
const CLOUDFRONT_OAI = /^arn:[^:]+:iam::cloudfront:user\/CloudFront Origin Access Identity /i
const ACCOUNT_KEYS = new Set(['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner'])

/**
 * The accounts and CloudFront principals a bucket policy's Allow statements name (undefined when
 * the policy does not parse). An Allow to `*` counts the accounts its conditions pin it to.
 * @example
 * policySharing('{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject"}]}', '111122223333')
 * // { accounts: ['444455556666'], isSharedWithCloudFront: false }
 */
export function policySharing(policyJson: string, ownerAccountId: string, ownerCanonicalId?: string): PolicySharing | undefined {
  const statements = parsePolicy(policyJson)
  if (!statements) return undefined
  const accounts = new Set<string>()
  let isSharedWithCloudFront = false
  const add = (id: string) => {
    if (id !== ownerAccountId && id !== ownerCanonicalId) accounts.add(id)
  }
  for (const st of statements) {
    if (!effectIs(st, 'Allow')) continue
    const p = principalsOf(st.Principal)
    for (const v of p.AWS ?? []) {
      if (v === '*') {
        for (const c of conditionsOf(st)) {
          if (POSITIVE_OPERATORS.has(c.op) && ACCOUNT_KEYS.has(c.key)) for (const id of c.values) if (/^\d{12}$/.test(id)) add(id)
        }
      } else if (CLOUDFRONT_OAI.test(v)) isSharedWithCloudFront = true
      else if (/^\d{12}$/.test(v)) add(v)
      else {
        const m = ACCOUNT_IN_ARN.exec(v)
        if (m) add(m[1]!)
      }
    }
    for (const v of p.CanonicalUser ?? []) if (v !== '*') add(v)
    if ((p.Service ?? []).some((s) => s.toLowerCase() === 'cloudfront.amazonaws.com')) isSharedWithCloudFront = true
  }
  return { accounts: [...accounts].sort(), isSharedWithCloudFront }
}

/**
 * Macie's `sharedAccess` of a bucket, per the API model: EXTERNAL when its policy lets in a
 * CloudFront OAI/OAC or an account outside the organization, INTERNAL when only accounts of the
 * organization, NOT_SHARED when none, UNKNOWN when the policy is not known or does not parse.
 * @example
 * sharedAccess({ policy: null }, '111122223333') // 'NOT_SHARED'
 */
export function sharedAccess(posture: BucketPosture, ownerAccountId: string, organizationAccountIds: readonly string[] = []): SharedAccess {
  if (posture.policy === undefined) return 'UNKNOWN'
  if (posture.policy === null) return 'NOT_SHARED'
  const sharing = policySharing(posture.policy, ownerAccountId, posture.acl?.owner?.id)
  if (!sharing) return 'UNKNOWN'
  const org = new Set(organizationAccountIds)
  if (sharing.isSharedWithCloudFront || sharing.accounts.some((a) => !org.has(a))) return 'EXTERNAL'
  return sharing.accounts.length > 0 ? 'INTERNAL' : 'NOT_SHARED'
}

const SSE_HEADERS = new Set(['s3:x-amz-server-side-encryption', 's3:x-amz-server-side-encryption-customer-algorithm'])

/** Whether a Deny statement refuses PutObject from anyone that omits a server-side encryption header. */
function deniesUnencryptedPut(st: Statement): boolean {
  if (!effectIs(st, 'Deny') || !namesEveryone(st) || !coversAction(st, 's3:PutObject')) return false
  const conditions = conditionsOf(st)
  // Extra conditions are AND-ed: a Deny that also needs, say, a prefix does not cover every upload.
  return (
    conditions.length > 0 &&
    conditions.every(
      (c) =>
        SSE_HEADERS.has(c.key) &&
        ((c.op === 'null' && c.values.every((v) => v.toLowerCase() === 'true')) || c.op === 'stringnotequals' || c.op === 'stringnotequalsignorecase' || c.op === 'stringnotlike'),
    )
  )
}

/**
 * Macie's `allowsUnencryptedObjectUploads`: FALSE when default encryption is on or the policy
 * denies PutObject without `x-amz-server-side-encryption`; TRUE when neither is known to hold;
 * UNKNOWN when a part that could make it FALSE is not known.
 * @example
 * allowsUnencryptedObjectUploads({ policy: null, defaultEncryption: { encryptionType: 'AES256', kmsMasterKeyId: null } }) // 'FALSE'
 */
export function allowsUnencryptedObjectUploads(posture: BucketPosture): AllowsUnencryptedObjectUploads {
  const enc = posture.defaultEncryption?.encryptionType
  const isDefaultOn = enc !== undefined && enc !== 'NONE' && enc !== 'UNKNOWN'
  if (isDefaultOn) return 'FALSE'
  let policyRequires: boolean | undefined
  if (posture.policy === null) policyRequires = false
  else if (posture.policy !== undefined) {
    const statements = parsePolicy(posture.policy)
    policyRequires = statements ? statements.some(deniesUnencryptedPut) : undefined
  }
  if (policyRequires) return 'FALSE'
  if (policyRequires === undefined || enc === undefined || enc === 'UNKNOWN') return 'UNKNOWN'
  return 'TRUE'
}

const ENCRYPTION_TYPES = new Set<string>(['NONE', 'AES256', 'aws:kms', 'aws:kms:dsse', 'UNKNOWN'])

/**
 * An encryption as Macie's `ServerSideEncryption`: types outside Macie's enum become UNKNOWN.
 * @example
 * serverSideEncryptionOf({ encryptionType: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k' })
 */
export function serverSideEncryptionOf(encryption: Encryption): ServerSideEncryption {
  const type = ENCRYPTION_TYPES.has(encryption.encryptionType) ? (encryption.encryptionType as EncryptionType) : 'UNKNOWN'
  return { encryptionType: type, kmsMasterKeyId: encryption.kmsMasterKeyId ?? null }
}

/**
 * The finding's `resourcesAffected.s3Bucket` for a bucket and its posture. Parts the store does
 * not report are null (or UNKNOWN); the owner is the ACL's canonical owner where the store tells
 * it, else the owning account.
 * @example
 * s3BucketOf({ name: 'b' }, { publicAccessBlock: null, policy: null }, '111122223333').arn // 'arn:aws:s3:::b'
 */
export function s3BucketOf(bucket: { name: string; createdAt?: Date }, posture: BucketPosture, ownerAccountId: string, partition = 'aws'): S3Bucket {
  const bpa = posture.publicAccessBlock
  return {
    allowsUnencryptedObjectUploads: allowsUnencryptedObjectUploads(posture),
    arn: `arn:${partition}:s3:::${bucket.name}`,
    createdAt: bucket.createdAt?.toISOString() ?? null,
    defaultServerSideEncryption: posture.defaultEncryption ? serverSideEncryptionOf(posture.defaultEncryption) : null,
    name: bucket.name,
    owner: posture.acl?.owner ? { displayName: posture.acl.owner.displayName ?? null, id: posture.acl.owner.id } : { displayName: null, id: ownerAccountId },
    publicAccess: {
      effectivePermission: effectivePermission(posture),
      permissionConfiguration: {
        accountLevelPermissions: null,
        bucketLevelPermissions: {
          accessControlList: posture.acl
            ? { allowsPublicReadAccess: posture.acl.allowsPublicReadAccess, allowsPublicWriteAccess: posture.acl.allowsPublicWriteAccess }
            : null,
          // No configuration set means all four settings are off.
          blockPublicAccess:
            bpa === undefined
              ? null
              : {
                  blockPublicAcls: bpa?.blockPublicAcls ?? false,
                  blockPublicPolicy: bpa?.blockPublicPolicy ?? false,
                  ignorePublicAcls: bpa?.ignorePublicAcls ?? false,
                  restrictPublicBuckets: bpa?.restrictPublicBuckets ?? false,
                },
          bucketPolicy: typeof posture.policy === 'string' ? policyAccess(posture.policy) : null,
        },
      },
    },
    tags: (posture.tags ?? []).map((t) => ({ key: t.key, value: t.value })),
  }
}
