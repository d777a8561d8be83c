import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3'
import type { Rule } from '../types.js'
import { describeError, errorCode, resultsBucket } from './state.js'

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const

/** Macie2-005: the discovery results bucket blocks all public access (all four S3 Block Public Access settings). */
export const macie2005: Rule = {
  id: 'Macie2-005',
  title: 'Discovery results bucket private',
  riskLevel: 'High',
  description: "The bucket of the region's discovery results repository has S3 Block Public Access on, all four settings true.",
  rationale:
    'Discovery results name every object that holds sensitive data, with the kinds and locations of what was found: a map of where the sensitive data is. A public results bucket publishes that map.',
  auditSteps: [
    'aws macie2 get-classification-export-configuration --region <region> --query configuration.s3Destination.bucketName',
    'aws s3api get-public-access-block --bucket <bucketName>  # BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets all true',
  ],
  remediationSteps: [
    'aws s3api put-public-access-block --bucket <bucketName> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
  ],
  docPath: 'docs/rules/Macie2-005.md',
  dependsOn: ['Macie2-001'],
  async check(clients) {
    const results = await resultsBucket(clients)
    if (results.failure) return results.failure
    const { bucket, resources, owner } = results
    try {
      const out = await clients.s3.send(
        new GetPublicAccessBlockCommand({ Bucket: bucket, ...owner }),
      )
      const off = SETTINGS.filter((s) => out.PublicAccessBlockConfiguration?.[s] !== true)
      if (off.length > 0) return { verdict: 'FAILURE', reason: `The results bucket ${bucket} does not block all public access: ${off.join(', ')} not true`, resources }
      return { verdict: 'SUCCESS', reason: `The results bucket ${bucket} blocks all public access`, resources }
    } catch (err) {
      const code = errorCode(err)
      if (code === 'NoSuchPublicAccessBlockConfiguration') return { verdict: 'FAILURE', reason: `The results bucket ${bucket} has no public access block`, resources }
      if (code === 'NoSuchBucket') return { verdict: 'FAILURE', reason: `The results bucket ${bucket} does not exist`, resources }
      throw new Error(`S3 GetPublicAccessBlock of ${bucket} failed: ${describeError(err)}`, { cause: err })
    }
  },
}
