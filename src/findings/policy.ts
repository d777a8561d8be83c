// Policy findings (MACIE.md §6.1): what a bucket's posture calls for, with Macie's fixed
// severities, aggregated per bucket and type (count + 1 and a new updatedAt on recurrence).
// Macie reacts to API calls it sees in CloudTrail; trawl observes the bucket's state, so it
// reports the call that would have produced that state and knows no actor.
import type { Scope } from '../store/types.js'
import type { BucketPosture } from '../sources/types.js'
import { effectivePermission, policySharing, s3BucketOf } from './bucket-access.js'
import { newFindingId } from './build.js'
import type { Finding, PolicyFindingType, S3Bucket, SeverityScore } from './types.js'

/** What trawl reports for each policy finding type. */
interface PolicyRule {
  severity: SeverityScore
  title: string
  /** What the posture shows, for the description. */
  state: string
}

const HIGH: SeverityScore = { description: 'High', score: 3 }
const MEDIUM: SeverityScore = { description: 'Medium', score: 2 }
const LOW: SeverityScore = { description: 'Low', score: 1 }

const RULES: Record<PolicyFindingType, PolicyRule> = {
  'Policy:IAMUser/S3BlockPublicAccessDisabled': {
    severity: HIGH,
    title: 'Block public access settings are disabled for the S3 bucket',
    state: 'all four block public access settings of the bucket are off',
  },
  'Policy:IAMUser/S3BucketEncryptionDisabled': {
    severity: LOW,
    title: 'Encryption is disabled for the S3 bucket',
    state: 'the bucket has no default server-side encryption',
  },
  'Policy:IAMUser/S3BucketPublic': {
    severity: HIGH,
    title: 'The S3 bucket is publicly accessible',
    state: 'the bucket ACL or bucket policy allows anonymous or all-authenticated access',
  },
  'Policy:IAMUser/S3BucketReplicatedExternally': {
    severity: HIGH,
    title: 'The S3 bucket is replicated to an external account',
    state: 'the bucket replicates objects to a bucket of another account',
  },
  'Policy:IAMUser/S3BucketSharedExternally': {
    severity: HIGH,
    title: 'The S3 bucket is shared with an external account',
    state: 'the bucket policy allows another account',
  },
  'Policy:IAMUser/S3BucketSharedWithCloudFront': {
    severity: MEDIUM,
    title: 'The S3 bucket is shared with a CloudFront origin access identity or control',
    state: 'the bucket policy allows a CloudFront origin access identity or origin access control',
  },
}

/** A policy finding the posture calls for, with the S3 operation that makes that state. */
interface Observation {
  type: PolicyFindingType
  api: string
}

/** The policy finding types a posture calls for; parts of it that are undefined call for none. */
function observe(posture: BucketPosture, ownerAccountId: string, organizationAccountIds: ReadonlySet<string>): Observation[] {
  const out: Observation[] = []
  const bpa = posture.publicAccessBlock
  if (bpa === null || (bpa && !bpa.blockPublicAcls && !bpa.blockPublicPolicy && !bpa.ignorePublicAcls && !bpa.restrictPublicBuckets)) {
    out.push({ type: 'Policy:IAMUser/S3BlockPublicAccessDisabled', api: bpa === null ? 'DeletePublicAccessBlock' : 'PutPublicAccessBlock' })
  }
  // Only NONE: on AWS every bucket has SSE-S3 by default since January 2023, so a state of
  // AES256 cannot tell a reset from a bucket never touched. Stores without default encryption
  // (some S3-compatible ones) report NONE.
  if (posture.defaultEncryption?.encryptionType === 'NONE') {
    out.push({ type: 'Policy:IAMUser/S3BucketEncryptionDisabled', api: 'DeleteBucketEncryption' })
  }
  if (effectivePermission(posture) === 'PUBLIC') {
    const isAclPublic = !!posture.acl && (posture.acl.allowsPublicReadAccess || posture.acl.allowsPublicWriteAccess) && !bpa?.ignorePublicAcls
    out.push({ type: 'Policy:IAMUser/S3BucketPublic', api: isAclPublic ? 'PutBucketAcl' : 'PutBucketPolicy' })
  }
  if (posture.replication?.some((r) => r.account !== undefined && r.account !== ownerAccountId && !organizationAccountIds.has(r.account))) {
    out.push({ type: 'Policy:IAMUser/S3BucketReplicatedExternally', api: 'PutBucketReplication' })
  }
  if (typeof posture.policy === 'string') {
    const sharing = policySharing(posture.policy, ownerAccountId, posture.acl?.owner?.id)
    const external = sharing?.accounts.filter((a) => !organizationAccountIds.has(a)) ?? []
    if (external.length > 0) out.push({ type: 'Policy:IAMUser/S3BucketSharedExternally', api: 'PutBucketPolicy' })
    // "Shared with CloudFront" is for a bucket shared with CloudFront only (MACIE.md §6.1).
    else if (sharing?.isSharedWithCloudFront) out.push({ type: 'Policy:IAMUser/S3BucketSharedWithCloudFront', api: 'PutBucketPolicy' })
  }
  return out
}

function describe(rule: PolicyRule, bucket: string): string {
  return (
    `trawl observed that ${rule.state} (bucket ${bucket}). ` +
    'The finding comes from the bucket\'s current settings, not from an observed API call: the operation named is the one that makes this state, and the actor is not known.'
  )
}

/** Options of `policyFindingsFor`. */
export interface PolicyFindingOptions {
  partition?: string
  /** Accounts of the same organization: sharing and replication with them are not external. */
  organizationAccountIds?: readonly string[]
}

/**
 * The policy findings a bucket's posture calls for. Where one of that type already exists for the
 * bucket (`existing`), it comes back with `count + 1`, `updatedAt = now` and the current bucket
 * settings, `createdAt` and `archived` kept; otherwise a new finding with `count: 1`.
 * @example
 * const findings = policyFindingsFor({ name: 'b' }, posture, { accountId: '111122223333', region: 'us-east-1' }, '111122223333', (type) => stored.get(type), new Date())
 */
export function policyFindingsFor(
  bucket: { name: string; createdAt?: Date },
  posture: BucketPosture,
  scope: Scope,
  ownerAccountId: string,
  existing: (type: PolicyFindingType) => Finding | undefined,
  now: Date,
  options: PolicyFindingOptions = {},
): Finding[] {
  const partition = options.partition ?? 'aws'
  const org = new Set(options.organizationAccountIds ?? [])
  const at = now.toISOString()
  const observations = observe(posture, ownerAccountId, org)
  if (observations.length === 0) return []
  const s3Bucket: S3Bucket = s3BucketOf(bucket, posture, ownerAccountId, partition)
  return observations.map(({ type, api }) => {
    const rule = RULES[type]
    const prior = existing(type)
    if (prior) {
      const firstSeen = prior.policyDetails?.action?.apiCallDetails?.firstSeen ?? prior.createdAt
      return {
        ...prior,
        count: prior.count + 1,
        policyDetails: {
          action: { actionType: 'AWS_API_CALL', apiCallDetails: { api, apiServiceName: 's3.amazonaws.com', firstSeen, lastSeen: at } },
          actor: null,
        },
        resourcesAffected: { s3Bucket, s3Object: null },
        updatedAt: at,
      }
    }
    return {
      accountId: scope.accountId,
      archived: false,
      category: 'POLICY',
      classificationDetails: null,
      count: 1,
      createdAt: at,
      description: describe(rule, bucket.name),
      id: newFindingId(),
      partition,
      policyDetails: {
        action: { actionType: 'AWS_API_CALL', apiCallDetails: { api, apiServiceName: 's3.amazonaws.com', firstSeen: at, lastSeen: at } },
        actor: null,
      },
      region: scope.region,
      resourcesAffected: { s3Bucket, s3Object: null },
      sample: false,
      schemaVersion: '1.0',
      severity: { ...rule.severity },
      title: rule.title,
      type,
      updatedAt: at,
    }
  })
}
