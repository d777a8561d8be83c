// Macie2-006's test of a bucket policy: does it deny every request to the bucket and its objects
// that is not made over HTTPS (a Deny on s3:* with the condition aws:SecureTransport = false)?

interface Statement {
  Effect?: string
  Principal?: unknown
  Action?: string | string[]
  Resource?: string | string[]
  Condition?: Record<string, Record<string, unknown>>
}

const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** A policy wildcard (`*`, `?`) as a whole-string pattern. */
function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i')
}

const isEveryone = (p: unknown): boolean =>
  p === '*' || (typeof p === 'object' && p !== null && asList((p as { AWS?: string | string[] }).AWS).includes('*'))

// s3:* (or *), or both object reads and writes: what an eavesdropper would otherwise get or plant.
function coversActions(actions: string[]): boolean {
  if (actions.some((a) => wildcard(a).test('s3:DeleteBucket') && wildcard(a).test('s3:GetObject'))) return true
  return actions.some((a) => wildcard(a).test('s3:GetObject')) && actions.some((a) => wildcard(a).test('s3:PutObject'))
}

function coversResources(resources: string[], bucket: string): boolean {
  const matches = (arn: string): boolean => resources.some((r) => wildcard(r).test(arn))
  return matches(`arn:aws:s3:::${bucket}`) && matches(`arn:aws:s3:::${bucket}/any-object`)
}

function isInsecureTransportCondition(condition: Statement['Condition']): boolean {
  for (const op of ['Bool', 'BoolIfExists']) {
    const block = condition?.[op]
    if (!block) continue
    for (const [key, value] of Object.entries(block)) {
      if (key.toLowerCase() === 'aws:securetransport' && asList(value as unknown).some((v) => String(v).toLowerCase() === 'false')) return true
    }
  }
  return false
}

/**
 * Whether a bucket policy (its JSON text) denies everyone every S3 action, or at least object reads
 * and writes, on the bucket and its objects when `aws:SecureTransport` is false.
 * @example
 * deniesInsecureTransport(JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }), 'b') // true
 */
export function deniesInsecureTransport(policyText: string, bucket: string): boolean {
  let policy: { Statement?: Statement | Statement[] }
  try {
    policy = JSON.parse(policyText) as typeof policy
  } catch {
    return false
  }
  return asList(policy.Statement).some(
    (s) =>
      s.Effect === 'Deny' &&
      isEveryone(s.Principal) &&
      coversActions(asList(s.Action)) &&
      coversResources(asList(s.Resource), bucket) &&
      isInsecureTransportCondition(s.Condition),
  )
}
