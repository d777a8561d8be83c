// The resource policies of a discovery results repository: the KMS key policy and the results
// bucket policy the remediation writes, and the checks that tell whether a bucket policy has them.
// Shapes follow AWS's "Storing and retaining sensitive data discovery results" page for Macie.

/** An IAM policy document, as KMS and S3 take it (JSON). */
export interface PolicyDocument {
  Version: string
  Id?: string
  Statement: PolicyStatement[]
}

/** One statement of a policy document. */
export interface PolicyStatement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Principal?: '*' | Record<string, string | string[]>
  Action: string | string[]
  Resource: string | string[]
  Condition?: Record<string, Record<string, string | string[]>>
}

/** Macie's service principal, the writer of discovery results. */
export const MACIE_PRINCIPAL = 'macie.amazonaws.com'

/** The Sids this module writes; a merge replaces statements with these Sids and keeps the others. */
export const RESULTS_BUCKET_SIDS = ['DenyNonHttpsAccess', 'AllowMacieToUploadObjects', 'AllowMacieToGetBucketLocation'] as const

/**
 * The AWS partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`), for ARNs.
 * @example
 * partitionOf('cn-north-1') // 'aws-cn'
 */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

// Macie acts for the account only on its own export configuration and jobs: the confused-deputy
// conditions AWS documents for the results repository.
function macieCondition(accountId: string, region: string): NonNullable<PolicyStatement['Condition']> {
  const partition = partitionOf(region)
  return {
    StringEquals: { 'aws:SourceAccount': accountId },
    ArnLike: { 'aws:SourceArn': [`arn:${partition}:macie2:${region}:${accountId}:export-configuration:*`, `arn:${partition}:macie2:${region}:${accountId}:classification-job/*`] },
  }
}

/**
 * The key policy of the results key: the account administers it, Macie may encrypt with it
 * (kms:GenerateDataKey, kms:Encrypt) on the account's behalf only.
 * @example
 * const Policy = JSON.stringify(resultsKeyPolicy({ accountId: '111122223333', region: 'us-east-1' }))
 */
export function resultsKeyPolicy(options: { accountId: string; region: string }): PolicyDocument {
  const { accountId, region } = options
  return {
    Version: '2012-10-17',
    Id: 'macie-discovery-results-key',
    Statement: [
      {
        Sid: 'EnableAccountAdministration',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partitionOf(region)}:iam::${accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'AllowMacieToUseTheKey',
        Effect: 'Allow',
        Principal: { Service: MACIE_PRINCIPAL },
        Action: ['kms:GenerateDataKey', 'kms:Encrypt'],
        Resource: '*',
        Condition: macieCondition(accountId, region),
      },
    ],
  }
}

/**
 * The results bucket's policy: deny anything not over HTTPS, let Macie put objects and read the
 * bucket's location on the account's behalf only.
 * @example
 * const Policy = JSON.stringify(resultsBucketPolicy({ bucket: 'macie-results-111122223333-us-east-1', accountId: '111122223333', region: 'us-east-1' }))
 */
export function resultsBucketPolicy(options: { bucket: string; accountId: string; region: string }): PolicyDocument {
  const { bucket, accountId, region } = options
  const bucketArn = `arn:${partitionOf(region)}:s3:::${bucket}`
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyNonHttpsAccess',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'AllowMacieToUploadObjects',
        Effect: 'Allow',
        Principal: { Service: MACIE_PRINCIPAL },
        Action: 's3:PutObject',
        Resource: `${bucketArn}/*`,
        Condition: macieCondition(accountId, region),
      },
      {
        Sid: 'AllowMacieToGetBucketLocation',
        Effect: 'Allow',
        Principal: { Service: MACIE_PRINCIPAL },
        Action: 's3:GetBucketLocation',
        Resource: bucketArn,
        Condition: macieCondition(accountId, region),
      },
    ],
  }
}

/**
 * A policy with `ours` added to `existing`: statements of `existing` with one of our Sids are
 * replaced, every other statement is kept (a bucket policy someone wrote is not thrown away).
 * @example
 * mergePolicy(JSON.parse(current), resultsBucketPolicy({ bucket, accountId, region }))
 */
export function mergePolicy(existing: PolicyDocument | undefined, ours: PolicyDocument): PolicyDocument {
  if (!existing) return ours
  const sids = new Set(ours.Statement.map((s) => s.Sid).filter(Boolean))
  const statements = Array.isArray(existing.Statement) ? existing.Statement : [existing.Statement as PolicyStatement]
  return { ...existing, Version: existing.Version ?? ours.Version, Statement: [...statements.filter((s) => !s.Sid || !sids.has(s.Sid)), ...ours.Statement] }
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])

function statementsOf(policy: PolicyDocument): PolicyStatement[] {
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement as PolicyStatement]
}

function isFalse(value: string | string[] | undefined): boolean {
  return list(value).some((v) => String(v).toLowerCase() === 'false')
}

/**
 * Whether the policy denies every principal `s3:*` (or both s3:GetObject and s3:PutObject) on the
 * bucket's objects when `aws:SecureTransport` is false.
 * @example
 * hasHttpsOnlyDeny(resultsBucketPolicy({ bucket: 'b', accountId, region }), 'b') // true
 */
export function hasHttpsOnlyDeny(policy: PolicyDocument, bucket: string): boolean {
  return statementsOf(policy).some((s) => {
    if (s.Effect !== 'Deny' || !(s.Principal === '*' || list((s.Principal as Record<string, string | string[]> | undefined)?.AWS).includes('*'))) return false
    const actions = list(s.Action)
    const isEveryAction = actions.includes('s3:*') || actions.includes('*') || (actions.includes('s3:GetObject') && actions.includes('s3:PutObject'))
    const coversObjects = list(s.Resource).some((r) => r === '*' || r.endsWith(`:s3:::${bucket}/*`))
    const condition = s.Condition ?? {}
    const isInsecureTransport = isFalse(condition.Bool?.['aws:SecureTransport']) || isFalse(condition.BoolIfExists?.['aws:SecureTransport'])
    return isEveryAction && coversObjects && isInsecureTransport
  })
}

/**
 * Whether the policy lets Macie's service principal put objects into the bucket.
 * @example
 * allowsMacieWrites(resultsBucketPolicy({ bucket: 'b', accountId, region }), 'b') // true
 */
export function allowsMacieWrites(policy: PolicyDocument, bucket: string): boolean {
  return statementsOf(policy).some((s) => {
    if (s.Effect !== 'Allow' || typeof s.Principal !== 'object' || !list(s.Principal.Service).includes(MACIE_PRINCIPAL)) return false
    const actions = list(s.Action)
    return (actions.includes('s3:PutObject') || actions.includes('s3:*')) && list(s.Resource).some((r) => r.endsWith(`:s3:::${bucket}/*`))
  })
}
