// The regions an audit covers: where Amazon Macie is offered, unless `--regions` names others.
import { AuditInputError } from './input-error.js'

/**
 * The commercial AWS regions that offer Amazon Macie, from the AWS General Reference page
 * "Amazon Macie endpoints and quotas" (the SDK's partition data lists a partition's regions, not
 * which of them offer a service). GovCloud (us-gov-east-1, us-gov-west-1) and China are other
 * partitions with other credentials: name them with `--regions`.
 */
export const MACIE_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'sa-east-1',
]

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/

/**
 * The regions to audit: a comma-separated `--regions` value, or every Macie region.
 * @example
 * auditRegions('us-east-1, eu-west-1') // ['us-east-1', 'eu-west-1']
 */
export function auditRegions(option?: string): string[] {
  if (option === undefined) return [...MACIE_REGIONS]
  const names = [...new Set(option.split(',').map((r) => r.trim()).filter(Boolean))]
  if (names.length === 0) throw new AuditInputError('--regions names no region')
  const bad = names.filter((r) => !REGION_NAME.test(r))
  if (bad.length > 0) throw new AuditInputError(`--regions: not a region name: ${bad.join(', ')}`)
  return names
}
