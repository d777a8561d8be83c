// Macie's findingCriteria (MACIE.md §6.5): validation of a request's criteria, and a pure matcher
// over the finding JSON. The matcher decides suppression of a new finding before it is stored and
// is the reference the stores' SQL implementations are tested against.
// Semantics, from Macie's user guide on filtering findings: fields are AND-ed; eq and neq values
// are OR-ed (a finding matches neq when it has none of the values); eqExactMatch wants the field's
// set of values to be exactly the listed ones; gt/gte/lt/lte compare numbers, and dates as epoch
// milliseconds; booleans are the strings "true"/"false"; values are case-sensitive. A path that
// crosses an array (`…sensitiveData.detections.type`) has every element's value.
import { InvalidInputError } from '../errors.js'
import type { FindingCriteria } from '../store/types.js'
import type { Finding } from './types.js'

/** The type of a filterable field's values. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'date'

const SESSION_FIELDS = (role: string): Array<[string, FieldKind]> => [
  [`${role}.accessKeyId`, 'string'],
  [`${role}.accountId`, 'string'],
  [`${role}.arn`, 'string'],
  [`${role}.principalId`, 'string'],
  [`${role}.sessionContext.attributes.creationDate`, 'date'],
  [`${role}.sessionContext.attributes.mfaAuthenticated`, 'boolean'],
  [`${role}.sessionContext.sessionIssuer.accountId`, 'string'],
  [`${role}.sessionContext.sessionIssuer.arn`, 'string'],
  [`${role}.sessionContext.sessionIssuer.principalId`, 'string'],
  [`${role}.sessionContext.sessionIssuer.type`, 'string'],
  [`${role}.sessionContext.sessionIssuer.userName`, 'string'],
]

const BPA = (prefix: string): Array<[string, FieldKind]> =>
  ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets'].map((k) => [`${prefix}.${k}`, 'boolean'])

const BUCKET_PERMISSIONS = 'resourcesAffected.s3Bucket.publicAccess.permissionConfiguration'
const IDENTITY = 'policyDetails.actor.userIdentity'

/**
 * Every scalar leaf of Macie's Finding shape (the API model), occurrence locations aside: the
 * fields a criterion may name, with the kind of their values.
 */
export const FINDING_FIELDS: ReadonlyMap<string, FieldKind> = new Map<string, FieldKind>([
  ['accountId', 'string'],
  ['archived', 'boolean'],
  ['category', 'string'],
  ['classificationDetails.detailedResultsLocation', 'string'],
  ['classificationDetails.jobArn', 'string'],
  ['classificationDetails.jobId', 'string'],
  ['classificationDetails.originType', 'string'],
  ['classificationDetails.result.additionalOccurrences', 'boolean'],
  ['classificationDetails.result.customDataIdentifiers.detections.arn', 'string'],
  ['classificationDetails.result.customDataIdentifiers.detections.count', 'number'],
  ['classificationDetails.result.customDataIdentifiers.detections.name', 'string'],
  ['classificationDetails.result.customDataIdentifiers.totalCount', 'number'],
  ['classificationDetails.result.mimeType', 'string'],
  ['classificationDetails.result.sensitiveData.category', 'string'],
  ['classificationDetails.result.sensitiveData.detections.count', 'number'],
  ['classificationDetails.result.sensitiveData.detections.type', 'string'],
  ['classificationDetails.result.sensitiveData.totalCount', 'number'],
  ['classificationDetails.result.sizeClassified', 'number'],
  ['classificationDetails.result.status.code', 'string'],
  ['classificationDetails.result.status.reason', 'string'],
  ['count', 'number'],
  ['createdAt', 'date'],
  ['description', 'string'],
  ['id', 'string'],
  ['partition', 'string'],
  ['policyDetails.action.actionType', 'string'],
  ['policyDetails.action.apiCallDetails.api', 'string'],
  ['policyDetails.action.apiCallDetails.apiServiceName', 'string'],
  ['policyDetails.action.apiCallDetails.firstSeen', 'date'],
  ['policyDetails.action.apiCallDetails.lastSeen', 'date'],
  ['policyDetails.actor.domainDetails.domainName', 'string'],
  ['policyDetails.actor.ipAddressDetails.ipAddressV4', 'string'],
  ['policyDetails.actor.ipAddressDetails.ipCity.name', 'string'],
  ['policyDetails.actor.ipAddressDetails.ipCountry.code', 'string'],
  ['policyDetails.actor.ipAddressDetails.ipCountry.name', 'string'],
  ['policyDetails.actor.ipAddressDetails.ipGeoLocation.lat', 'number'],
  ['policyDetails.actor.ipAddressDetails.ipGeoLocation.lon', 'number'],
  ['policyDetails.actor.ipAddressDetails.ipOwner.asn', 'string'],
  ['policyDetails.actor.ipAddressDetails.ipOwner.asnOrg', 'string'],
  ['policyDetails.actor.ipAddressDetails.ipOwner.isp', 'string'],
  ['policyDetails.actor.ipAddressDetails.ipOwner.org', 'string'],
  ...SESSION_FIELDS(`${IDENTITY}.assumedRole`),
  [`${IDENTITY}.awsAccount.accountId`, 'string'],
  [`${IDENTITY}.awsAccount.principalId`, 'string'],
  [`${IDENTITY}.awsService.invokedBy`, 'string'],
  ...SESSION_FIELDS(`${IDENTITY}.federatedUser`),
  [`${IDENTITY}.iamUser.accountId`, 'string'],
  [`${IDENTITY}.iamUser.arn`, 'string'],
  [`${IDENTITY}.iamUser.principalId`, 'string'],
  [`${IDENTITY}.iamUser.userName`, 'string'],
  [`${IDENTITY}.root.accountId`, 'string'],
  [`${IDENTITY}.root.arn`, 'string'],
  [`${IDENTITY}.root.principalId`, 'string'],
  [`${IDENTITY}.type`, 'string'],
  ['region', 'string'],
  ['resourcesAffected.s3Bucket.allowsUnencryptedObjectUploads', 'string'],
  ['resourcesAffected.s3Bucket.arn', 'string'],
  ['resourcesAffected.s3Bucket.createdAt', 'date'],
  ['resourcesAffected.s3Bucket.defaultServerSideEncryption.encryptionType', 'string'],
  ['resourcesAffected.s3Bucket.defaultServerSideEncryption.kmsMasterKeyId', 'string'],
  ['resourcesAffected.s3Bucket.name', 'string'],
  ['resourcesAffected.s3Bucket.owner.displayName', 'string'],
  ['resourcesAffected.s3Bucket.owner.id', 'string'],
  ['resourcesAffected.s3Bucket.publicAccess.effectivePermission', 'string'],
  ...BPA(`${BUCKET_PERMISSIONS}.accountLevelPermissions.blockPublicAccess`),
  [`${BUCKET_PERMISSIONS}.bucketLevelPermissions.accessControlList.allowsPublicReadAccess`, 'boolean'],
  [`${BUCKET_PERMISSIONS}.bucketLevelPermissions.accessControlList.allowsPublicWriteAccess`, 'boolean'],
  ...BPA(`${BUCKET_PERMISSIONS}.bucketLevelPermissions.blockPublicAccess`),
  [`${BUCKET_PERMISSIONS}.bucketLevelPermissions.bucketPolicy.allowsPublicReadAccess`, 'boolean'],
  [`${BUCKET_PERMISSIONS}.bucketLevelPermissions.bucketPolicy.allowsPublicWriteAccess`, 'boolean'],
  ['resourcesAffected.s3Bucket.tags.key', 'string'],
  ['resourcesAffected.s3Bucket.tags.value', 'string'],
  ['resourcesAffected.s3Object.bucketArn', 'string'],
  ['resourcesAffected.s3Object.eTag', 'string'],
  ['resourcesAffected.s3Object.extension', 'string'],
  ['resourcesAffected.s3Object.key', 'string'],
  ['resourcesAffected.s3Object.lastModified', 'date'],
  ['resourcesAffected.s3Object.path', 'string'],
  ['resourcesAffected.s3Object.publicAccess', 'boolean'],
  ['resourcesAffected.s3Object.serverSideEncryption.encryptionType', 'string'],
  ['resourcesAffected.s3Object.serverSideEncryption.kmsMasterKeyId', 'string'],
  ['resourcesAffected.s3Object.size', 'number'],
  ['resourcesAffected.s3Object.storageClass', 'string'],
  ['resourcesAffected.s3Object.tags.key', 'string'],
  ['resourcesAffected.s3Object.tags.value', 'string'],
  ['resourcesAffected.s3Object.versionId', 'string'],
  ['sample', 'boolean'],
  ['schemaVersion', 'string'],
  ['severity.description', 'string'],
  ['severity.score', 'number'],
  ['title', 'string'],
  ['type', 'string'],
  ['updatedAt', 'date'],
])

// The API model and the user guide name some fields without their `classificationDetails.result.`
// prefix (the eqExactMatch list); both spellings are accepted.
const SHORT_PREFIXES = ['sensitiveData.', 'customDataIdentifiers.']

/**
 * The full finding JSON path of a criterion field (`sensitiveData.category` →
 * `classificationDetails.result.sensitiveData.category`); other fields are returned as they are.
 * @example
 * findingFieldPath('sensitiveData.detections.type') // 'classificationDetails.result.sensitiveData.detections.type'
 */
export function findingFieldPath(field: string): string {
  return SHORT_PREFIXES.some((p) => field.startsWith(p)) ? `classificationDetails.result.${field}` : field
}

/** Fields that take eqExactMatch (the API model's list), by full path. */
export const EXACT_MATCH_FIELDS: ReadonlySet<string> = new Set(
  [
    'customDataIdentifiers.detections.arn',
    'customDataIdentifiers.detections.name',
    'resourcesAffected.s3Bucket.tags.key',
    'resourcesAffected.s3Bucket.tags.value',
    'resourcesAffected.s3Object.tags.key',
    'resourcesAffected.s3Object.tags.value',
    'sensitiveData.category',
    'sensitiveData.detections.type',
  ].map(findingFieldPath),
)

const LIST_OPERATORS = ['eq', 'neq', 'eqExactMatch'] as const
const NUMBER_OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const
const OPERATORS = new Set<string>([...LIST_OPERATORS, ...NUMBER_OPERATORS])
/** Values in one eq/neq/eqExactMatch list (Macie's user guide: up to 50). */
const MAX_VALUES = 50

type Condition = NonNullable<FindingCriteria['criterion']>[string]

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function checkValue(field: string, kind: FieldKind, op: string, value: string): void {
  if (kind === 'boolean' && value !== 'true' && value !== 'false') {
    throw new InvalidInputError(`findingCriteria: ${field} holds booleans; ${op} takes "true" or "false", not "${value}"`)
  }
  if (kind === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) {
    throw new InvalidInputError(`findingCriteria: ${field} holds numbers; ${op} takes numbers as strings, not "${value}"`)
  }
  if (kind === 'date' && !/^\d+$/.test(value) && Number.isNaN(Date.parse(value))) {
    throw new InvalidInputError(`findingCriteria: ${field} holds dates; ${op} takes epoch milliseconds or ISO 8601, not "${value}"`)
  }
}

function validateCondition(field: string, raw: unknown): Condition {
  const path = findingFieldPath(field)
  const kind = FINDING_FIELDS.get(path)
  if (!kind) throw new InvalidInputError(`findingCriteria: "${field}" is not a finding field that can be filtered on`)
  if (!isPlainObject(raw)) throw new InvalidInputError(`findingCriteria: the condition on ${field} must be an object of operators`)
  const ops = Object.keys(raw).filter((k) => raw[k] !== undefined && raw[k] !== null)
  if (ops.length === 0) throw new InvalidInputError(`findingCriteria: the condition on ${field} has no operator`)
  const out: Condition = {}
  for (const op of ops) {
    if (!OPERATORS.has(op)) {
      throw new InvalidInputError(`findingCriteria: unknown operator "${op}" on ${field}; use eq, neq, gt, gte, lt, lte or eqExactMatch`)
    }
    const v = raw[op]
    if ((NUMBER_OPERATORS as readonly string[]).includes(op)) {
      if (kind !== 'number' && kind !== 'date') throw new InvalidInputError(`findingCriteria: ${op} compares numbers and dates; ${field} holds ${kind}s`)
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidInputError(`findingCriteria: ${op} on ${field} takes a number${kind === 'date' ? ' (epoch milliseconds)' : ''}`)
      }
      out[op as (typeof NUMBER_OPERATORS)[number]] = v
      continue
    }
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new InvalidInputError(`findingCriteria: ${op} on ${field} takes a list of strings`)
    if (v.length === 0) throw new InvalidInputError(`findingCriteria: ${op} on ${field} needs at least one value`)
    if (v.length > MAX_VALUES) throw new InvalidInputError(`findingCriteria: ${op} on ${field} has ${v.length} values; the maximum is ${MAX_VALUES}`)
    if (op === 'eqExactMatch' && !EXACT_MATCH_FIELDS.has(path)) {
      throw new InvalidInputError(
        `findingCriteria: eqExactMatch is not allowed on ${field}; it is allowed on sensitiveData.category, sensitiveData.detections.type, customDataIdentifiers.detections.arn/name and bucket or object tags`,
      )
    }
    for (const x of v as string[]) checkValue(field, kind, op, x)
    out[op as (typeof LIST_OPERATORS)[number]] = [...(v as string[])]
  }
  if (out.eqExactMatch && ops.length > 1) {
    throw new InvalidInputError(`findingCriteria: eqExactMatch on ${field} cannot be combined with other operators on the same field`)
  }
  return out
}

/**
 * Checks a request's findingCriteria and returns it normalised (only known members, copied).
 * Absent criteria are valid and match every finding.
 * @example
 * validateFindingCriteria({ criterion: { 'severity.description': { eq: ['High'] } } })
 */
export function validateFindingCriteria(criteria: unknown): FindingCriteria {
  if (criteria === undefined || criteria === null) return {}
  if (!isPlainObject(criteria)) throw new InvalidInputError('findingCriteria must be an object with a criterion map')
  const { criterion } = criteria
  if (criterion === undefined || criterion === null) return {}
  if (!isPlainObject(criterion)) throw new InvalidInputError('findingCriteria.criterion must be a map of field to condition')
  const out: NonNullable<FindingCriteria['criterion']> = {}
  for (const [field, condition] of Object.entries(criterion)) out[field] = validateCondition(field, condition)
  return { criterion: out }
}

/** Every value at a dotted path; arrays on the way contribute each element. Nulls are absent. */
function valuesAt(node: unknown, segments: readonly string[], i = 0): unknown[] {
  if (node === undefined || node === null) return []
  if (Array.isArray(node)) return node.flatMap((el) => valuesAt(el, segments, i))
  if (i === segments.length) return [node]
  if (typeof node !== 'object') return []
  return valuesAt((node as Record<string, unknown>)[segments[i]!], segments, i + 1)
}

/** A finding value as the string criteria compare: booleans "true"/"false", numbers in decimal. */
function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return undefined
}

/** A finding value as a number for gt…/date comparisons: dates as epoch milliseconds. */
function asNumber(v: unknown, kind: FieldKind | undefined): number | undefined {
  if (typeof v === 'number') return v
  if (typeof v === 'string' && kind === 'date') {
    const ms = Date.parse(v)
    return Number.isNaN(ms) ? undefined : ms
  }
  return undefined
}

/** Whether a finding value equals a criterion value (dates also by epoch milliseconds, numbers by value). */
function valueEquals(v: unknown, wanted: string, kind: FieldKind | undefined): boolean {
  if (asString(v) === wanted) return true
  if (kind === 'date' && /^\d+$/.test(wanted)) return asNumber(v, kind) === Number(wanted)
  if (kind === 'date') return asNumber(v, kind) === Date.parse(wanted)
  if (kind === 'number' && typeof v === 'number') return wanted.trim() !== '' && Number(wanted) === v
  return false
}

// Each operator is checked over all of the field's values on its own: through an array, gte and
// lte may hold for different elements (as an EXISTS per operator does in SQL).
function conditionMatches(values: unknown[], c: Condition, kind: FieldKind | undefined): boolean {
  if (c.eq && !values.some((v) => c.eq!.some((w) => valueEquals(v, w, kind)))) return false
  if (c.neq && values.some((v) => c.neq!.some((w) => valueEquals(v, w, kind)))) return false
  if (c.eqExactMatch) {
    const have = new Set(values.map(asString).filter((s): s is string => s !== undefined))
    const want = new Set(c.eqExactMatch)
    if (have.size !== want.size || [...want].some((w) => !have.has(w))) return false
  }
  const numbers = (): number[] => values.map((v) => asNumber(v, kind)).filter((n): n is number => n !== undefined)
  if (c.gt !== undefined && !numbers().some((n) => n > c.gt!)) return false
  if (c.gte !== undefined && !numbers().some((n) => n >= c.gte!)) return false
  if (c.lt !== undefined && !numbers().some((n) => n < c.lt!)) return false
  if (c.lte !== undefined && !numbers().some((n) => n <= c.lte!)) return false
  return true
}

/**
 * Whether a finding matches criteria (validated ones): every field's condition holds.
 * @example
 * matchesCriteria(finding, { criterion: { 'sensitiveData.detections.type': { eq: ['USA_SOCIAL_SECURITY_NUMBER'] } } })
 */
export function matchesCriteria(finding: Finding, criteria: FindingCriteria): boolean {
  for (const [field, condition] of Object.entries(criteria.criterion ?? {})) {
    const path = findingFieldPath(field)
    const values = valuesAt(finding, path.split('.'))
    if (!conditionMatches(values, condition, FINDING_FIELDS.get(path))) return false
  }
  return true
}
