import { DescribeKeyCommand } from '@aws-sdk/client-kms'
import type { Rule } from '../types.js'
import { describeError, errorCode, resultsDestination } from './state.js'

/** Macie2-002: the sensitive data discovery results repository is configured and encrypted with a KMS key that is enabled. */
export const macie2002: Rule = {
  id: 'Macie2-002',
  title: 'Discovery results repository configured and KMS-encrypted',
  riskLevel: 'Medium',
  description:
    'A sensitive data discovery results repository (an S3 bucket and a customer managed AWS KMS key) is configured for Macie in every region, and the key exists and is enabled.',
  rationale:
    'Macie keeps discovery results, the record of every object it analysed or could not analyse, for 90 days only unless they are exported to a repository. Without one there is no audit trail of discovery and no way to reveal samples; the results name sensitive objects, so they must be encrypted with a key the account controls.',
  auditSteps: [
    'aws macie2 get-classification-export-configuration --region <region>  # empty, or configuration.s3Destination without kmsKeyArn, fails',
    'aws kms describe-key --key-id <kmsKeyArn> --region <region> --query KeyMetadata.KeyState  # must be Enabled',
  ],
  remediationSteps: [
    'aws kms create-key --description "Macie discovery results" --policy file://key-policy.json --region <region>  # the policy lets the account administer the key and macie.amazonaws.com use it (kms:GenerateDataKey, kms:Encrypt) with aws:SourceAccount = <account>',
    'aws kms create-alias --alias-name alias/macie-results --target-key-id <KeyId> --region <region>',
    'aws s3api create-bucket --bucket macie-results-<account>-<region> --region <region> [--create-bucket-configuration LocationConstraint=<region>]',
    'aws macie2 put-classification-export-configuration --configuration "s3Destination={bucketName=macie-results-<account>-<region>,kmsKeyArn=<KeyArn>}" --region <region>',
  ],
  docPath: 'docs/rules/Macie2-002.md',
  dependsOn: ['Macie2-001'],
  async check(clients) {
    const destination = await resultsDestination(clients)
    if (!destination) return { verdict: 'FAILURE', reason: `No discovery results repository is configured in ${clients.region}` }
    const bucket = `arn:aws:s3:::${destination.bucketName}`
    if (!destination.kmsKeyArn) return { verdict: 'FAILURE', reason: `The discovery results repository s3://${destination.bucketName} has no KMS key`, resources: [bucket] }
    const keyRegion = destination.kmsKeyArn.split(':')[3]
    if (keyRegion && keyRegion !== clients.region) {
      return {
        verdict: 'ERROR',
        reason: `The results repository's KMS key ${destination.kmsKeyArn} is in ${keyRegion}; trawl audit describes keys in the audited region (${clients.region}) only`,
        resources: [bucket, destination.kmsKeyArn],
      }
    }
    try {
      const { KeyMetadata: key } = await clients.kms.send(new DescribeKeyCommand({ KeyId: destination.kmsKeyArn }))
      if (key?.KeyState !== 'Enabled') {
        return { verdict: 'FAILURE', reason: `The results repository's KMS key ${destination.kmsKeyArn} is ${key?.KeyState ?? 'in an unknown state'}, not Enabled`, resources: [bucket, destination.kmsKeyArn] }
      }
    } catch (err) {
      // A key that does not exist is a broken repository; any other KMS error (access, network)
      // leaves the question open and is thrown as an ERROR.
      if (errorCode(err) === 'NotFoundException') {
        return { verdict: 'FAILURE', reason: `The results repository's KMS key ${destination.kmsKeyArn} does not exist`, resources: [bucket, destination.kmsKeyArn] }
      }
      throw new Error(`KMS DescribeKey of ${destination.kmsKeyArn} failed: ${describeError(err)}`, { cause: err })
    }
    return { verdict: 'SUCCESS', reason: `Discovery results go to s3://${destination.bucketName}, encrypted with ${destination.kmsKeyArn} (Enabled)`, resources: [bucket, destination.kmsKeyArn] }
  },
}
