import { GetBucketPolicyCommand } from '@aws-sdk/client-s3'
import type { Rule } from '../types.js'
import { deniesInsecureTransport } from './https-policy.js'
import { describeError, errorCode, resultsBucket } from './state.js'

/** Macie2-006: the discovery results bucket's policy denies requests that are not made over HTTPS. */
export const macie2006: Rule = {
  id: 'Macie2-006',
  title: 'Discovery results bucket HTTPS only',
  riskLevel: 'Medium',
  description:
    "The bucket policy of the region's discovery results bucket denies every S3 action on the bucket and its objects when aws:SecureTransport is false.",
  rationale: 'Discovery results describe where sensitive data lives; reading or writing them over plain HTTP exposes them, and their integrity, to anyone on the path.',
  auditSteps: [
    'aws macie2 get-classification-export-configuration --region <region> --query configuration.s3Destination.bucketName',
    'aws s3api get-bucket-policy --bucket <bucketName> --query Policy --output text  # a Deny of s3:* for Principal "*" on the bucket and bucket/* with Condition Bool aws:SecureTransport "false"',
  ],
  remediationSteps: [
    'aws s3api put-bucket-policy --bucket <bucketName> --policy file://results-bucket-policy.json  # {"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucketName>","arn:aws:s3:::<bucketName>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}},{"Sid":"AllowMacie","Effect":"Allow","Principal":{"Service":"macie.amazonaws.com"},"Action":["s3:PutObject","s3:GetBucketLocation"],"Resource":["arn:aws:s3:::<bucketName>","arn:aws:s3:::<bucketName>/*"],"Condition":{"StringEquals":{"aws:SourceAccount":"<account>"}}}]}',
  ],
  docPath: 'docs/rules/Macie2-006.md',
  dependsOn: ['Macie2-001'],
  async check(clients) {
    const results = await resultsBucket(clients)
    if (results.failure) return results.failure
    const { bucket, resources, owner } = results
    let policy: string | undefined
    try {
      const out = await clients.s3.send(new GetBucketPolicyCommand({ Bucket: bucket, ...owner }))
      policy = out.Policy
    } catch (err) {
      const code = errorCode(err)
      if (code === 'NoSuchBucketPolicy') return { verdict: 'FAILURE', reason: `The results bucket ${bucket} has no bucket policy, so it does not deny requests without HTTPS`, resources }
      if (code === 'NoSuchBucket') return { verdict: 'FAILURE', reason: `The results bucket ${bucket} does not exist`, resources }
      throw new Error(`S3 GetBucketPolicy of ${bucket} failed: ${describeError(err)}`, { cause: err })
    }
    if (!policy || !deniesInsecureTransport(policy, bucket)) {
      return { verdict: 'FAILURE', reason: `The policy of the results bucket ${bucket} does not deny requests without HTTPS (no Deny of s3:* on the bucket and its objects when aws:SecureTransport is false)`, resources }
    }
    return { verdict: 'SUCCESS', reason: `The policy of the results bucket ${bucket} denies requests without HTTPS`, resources }
  },
}
