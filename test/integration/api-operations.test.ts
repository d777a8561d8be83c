// Every operation of the Macie2 model through @aws-sdk/client-macie2 against buildApp() on
// 127.0.0.1: once with minimal input generated from the model, once along a hand-written happy path.
// Each call must answer a response the SDK parsed, in the output shape, or an error the model declares.
import assert from 'node:assert/strict'
import { cpSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import * as macie from '@aws-sdk/client-macie2'
import { HANDLERS } from '../../src/api/app.js'
import type { ApiAccount } from '../../src/api/credentials.js'
import { runDueRounds } from '../../src/jobs/discovery.js'
import { settleRetrievals } from '../../src/jobs/reveal.js'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'

interface ShapeRef {
  shape: string
  location?: string
}

interface ModelShape {
  type: string
  members?: Record<string, ShapeRef>
  required?: string[]
  member?: ShapeRef
  value?: ShapeRef
  enum?: string[]
  min?: number
  max?: number
  pattern?: string
  exception?: boolean
  error?: { httpStatusCode?: number }
}

interface ModelOperation {
  input?: { shape: string }
  output?: { shape: string }
  errors?: Array<{ shape: string }>
}

const MODEL = JSON.parse(readFileSync(new URL('../../src/api/model/macie2-service-2.json', import.meta.url), 'utf8')) as {
  operations: Record<string, ModelOperation>
  shapes: Record<string, ModelShape>
}
const SHAPES = MODEL.shapes
const OPERATION_NAMES = Object.keys(MODEL.operations).sort()

// The errors any operation may answer are those every operation that declares errors declares
// (AccessDenied, Throttling, InternalServer); an InternalServerException is a bug all the same.
const DECLARING = Object.values(MODEL.operations).filter((op) => (op.errors ?? []).length > 0)
const COMMON_ERRORS = new Set(
  [...new Set(DECLARING.flatMap((op) => op.errors!.map((e) => e.shape)))].filter((name) => DECLARING.every((op) => op.errors!.some((e) => e.shape === name))),
)
COMMON_ERRORS.delete('InternalServerException')
// ListManagedDataIdentifiers and the three tag operations declare no error set at all; the SDK
// parses any of the model's exceptions for them, so any of those but InternalServer is modeled.
const ALL_ERRORS = new Set(Object.entries(SHAPES).filter(([name, shape]) => shape.exception && name !== 'InternalServerException').map(([name]) => name))

const C: ApiAccount = { accountId: '777788889999', accessKeyId: 'AKIACCCCCCCCCCCCCCCC', secretAccessKey: 'secret-of-account-c-000000000000000000000' }
const KMS_KEY_ARN = `arn:aws:kms:us-east-1:${A.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`

/** What one call answered. */
interface Outcome {
  operation: string
  ok: boolean
  error?: string
  message?: string
}

type Command = Parameters<macie.Macie2Client['send']>[0]
// The SDK's command and exception classes by name.
const EXPORTS = macie as unknown as Record<string, (new (input: object) => Command) | undefined>

/** A value of a shape from the model: required members only, within its constraints. */
function minimal(shapeName: string, memberName: string, region: string): unknown {
  const shape = SHAPES[shapeName]!
  const name = memberName.toLowerCase()
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {}
      for (const member of shape.required ?? []) out[member] = minimal(shape.members![member]!.shape, member, region)
      return out
    }
    case 'list':
      return Array.from({ length: Math.max(shape.min ?? 0, 1) }, () => minimal(shape.member!.shape, memberName.replace(/s$/, ''), region))
    case 'map':
      return { key: minimal(shape.value!.shape, 'value', region) }
    case 'string': {
      if (shape.enum) return shape.enum[0]
      let value: string
      if (name.includes('accountid')) value = B.accountId
      else if (name.endsWith('arn')) value = `arn:aws:macie2:${region}:${A.accountId}:allow-list/${'a'.repeat(22)}`
      else value = 'a'.repeat(Math.max(shape.min ?? 1, 1, shape.pattern?.includes('{3,') ? 3 : 1))
      if (shape.pattern) assert.match(value, new RegExp(shape.pattern), `${memberName}: no minimal value for ${shape.pattern}`)
      return value
    }
    case 'integer':
    case 'long':
    case 'double':
      return shape.min ?? 1
    case 'boolean':
      return false
    case 'timestamp':
      return new Date(0)
    default:
      throw new Error(`no minimal value for ${shapeName} (${shape.type})`)
  }
}

/** Checks a parsed output against its shape: required members, enum values, types. */
function checkShape(shapeName: string, value: unknown, path: string): void {
  if (value === undefined || value === null) return
  const shape = SHAPES[shapeName]!
  switch (shape.type) {
    case 'structure': {
      assert.equal(typeof value, 'object', path)
      const record = value as Record<string, unknown>
      for (const member of shape.required ?? []) assert.ok(record[member] !== undefined, `${path}.${member} is required`)
      for (const [member, ref] of Object.entries(shape.members ?? {})) checkShape(ref.shape, record[member], `${path}.${member}`)
      return
    }
    case 'list':
      assert.ok(Array.isArray(value), `${path} is a list`)
      value.forEach((item, i) => checkShape(shape.member!.shape, item, `${path}[${i}]`))
      return
    case 'map':
      assert.equal(typeof value, 'object', path)
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) checkShape(shape.value!.shape, item, `${path}.${key}`)
      return
    case 'string':
      assert.equal(typeof value, 'string', path)
      if (shape.enum) assert.ok(shape.enum.includes(value as string), `${path}: ${String(value)} is not one of ${shape.enum.join(', ')}`)
      return
    case 'integer':
    case 'long':
    case 'double':
      assert.equal(typeof value, 'number', path)
      return
    case 'boolean':
      assert.equal(typeof value, 'boolean', path)
      return
    case 'timestamp':
      assert.ok(value instanceof Date && !Number.isNaN(value.getTime()), `${path} is a date`)
      return
    default:
      return
  }
}

describe('every Macie2 operation through the AWS SDK', () => {
  let api: RunningApi
  const outcomes: Outcome[] = []
  const firstPass = new Map<string, Outcome>()

  before(async () => {
    api = await startApi({
      accounts: [A, B, C],
      enable: [A, B, C],
      buckets: (root) => {
        cpSync('examples/demo-bucket', join(root, 'demo'), { recursive: true })
        mkdirSync(join(root, 'results'))
      },
    })
  })

  after(async () => {
    await settleRetrievals()
    await api?.close()
  })

  /** Sends an operation by its model name; records and checks what it answered. */
  async function call(who: ApiAccount, region: string, operation: string, input: object): Promise<{ outcome: Outcome; output?: Record<string, unknown> }> {
    const Command = EXPORTS[`${operation}Command`]
    assert.ok(Command, `the SDK has no ${operation}Command`)
    let output: (Record<string, unknown> & { $metadata: { httpStatusCode?: number } }) | undefined
    let failure: unknown
    try {
      output = (await api.client(who, region).send(new Command(input))) as typeof output
    } catch (err) {
      failure = err
    }
    if (output) {
      const status = output.$metadata.httpStatusCode ?? 0
      assert.ok(status >= 200 && status < 300, `${operation} answered ${status}`)
      const shape = MODEL.operations[operation]!.output?.shape
      if (shape) checkShape(shape, output, operation)
      const outcome = { operation, ok: true }
      outcomes.push(outcome)
      return { outcome, output }
    }
    // An SDK parse error or a network failure is no Macie2ServiceException.
    assert.ok(failure instanceof macie.Macie2ServiceException, `${operation}: ${String(failure)}`)
    const errors = MODEL.operations[operation]!.errors ?? []
    const declared = errors.length > 0 ? new Set([...errors.map((e) => e.shape), ...COMMON_ERRORS]) : ALL_ERRORS
    assert.ok(declared.has(failure.name), `${operation} answered ${failure.name} (${failure.message}), which the model does not declare (${[...declared].join(', ')})`)
    // The SDK recognised it: the error is an instance of the model's exception class, with its status.
    assert.ok(failure instanceof EXPORTS[failure.name]!, `${failure.name} is parsed into its SDK class`)
    assert.equal(failure.$metadata.httpStatusCode, SHAPES[failure.name]!.error?.httpStatusCode, `${operation}: status of ${failure.name}`)
    const outcome = { operation, ok: false, error: failure.name, message: failure.message }
    outcomes.push(outcome)
    return { outcome }
  }

  /** Sends an operation that must succeed, and returns its output. */
  async function ok(who: ApiAccount, region: string, operation: string, input: object = {}): Promise<Record<string, unknown>> {
    const { outcome, output } = await call(who, region, operation, input)
    assert.ok(outcome.ok, `${operation} answered ${outcome.error}: ${outcome.message}`)
    return output!
  }

  it('knows 81 operations in the model, 81 handlers and a command for each', () => {
    assert.equal(OPERATION_NAMES.length, 81)
    assert.deepEqual(Object.keys(HANDLERS).sort(), OPERATION_NAMES)
    for (const name of OPERATION_NAMES) assert.ok(EXPORTS[`${name}Command`], name)
    assert.deepEqual([...COMMON_ERRORS].sort(), ['AccessDeniedException', 'ThrottlingException'])
  })

  it('pass 1: answers minimal input generated from the model with its output or a declared error', async (t) => {
    const region = 'eu-west-1'
    const problems: string[] = []
    await ok(A, region, 'EnableMacie')
    // DisableMacie last: it ends the session the others need.
    const order = [...OPERATION_NAMES.filter((n) => n !== 'DisableMacie'), 'DisableMacie']
    for (const operation of order) {
      const shape = MODEL.operations[operation]!.input?.shape
      const input = shape ? (minimal(shape, '', region) as object) : {}
      try {
        const { outcome } = await call(A, region, operation, input)
        firstPass.set(operation, outcome)
      } catch (err) {
        problems.push((err as Error).message)
        firstPass.set(operation, { operation, ok: false, error: 'undeclared' })
      }
    }
    const errors = [...firstPass.values()].filter((o) => !o.ok)
    // Kept in the test output: which operations refused minimal input, and why.
    for (const o of errors) t.diagnostic(`pass 1: ${o.operation} → ${o.error}: ${o.message}`)
    assert.equal(firstPass.size, 81)
    assert.deepEqual(problems, [])
  })

  it('pass 2: every operation succeeds along a happy path', async () => {
    const region = 'us-east-1'
    const [a, b, c] = [A, B, C]

    // Session and settings.
    await ok(a, region, 'GetMacieSession')
    await ok(a, region, 'UpdateMacieSession', { findingPublishingFrequency: 'ONE_HOUR', status: 'ENABLED' })
    await ok(a, region, 'PutClassificationExportConfiguration', { configuration: { s3Destination: { bucketName: 'results', kmsKeyArn: KMS_KEY_ARN } } })
    await ok(a, region, 'GetClassificationExportConfiguration')
    await ok(a, region, 'PutFindingsPublicationConfiguration', { securityHubConfiguration: { publishClassificationFindings: true, publishPolicyFindings: true } })
    await ok(a, region, 'GetFindingsPublicationConfiguration')
    await ok(a, region, 'UpdateRevealConfiguration', { configuration: { status: 'ENABLED', kmsKeyId: 'alias/reveal' } })
    await ok(a, region, 'GetRevealConfiguration')

    // Custom and managed data identifiers, allow lists, tags.
    const cdi = (await ok(a, region, 'CreateCustomDataIdentifier', { name: 'Employee ID', regex: 'EMP-[0-9]{6}', keywords: ['employee'] })).customDataIdentifierId as string
    const cdiArn = `arn:aws:macie2:${region}:${A.accountId}:custom-data-identifier/${cdi}`
    assert.equal((await ok(a, region, 'GetCustomDataIdentifier', { id: cdi })).arn, cdiArn)
    assert.equal(((await ok(a, region, 'BatchGetCustomDataIdentifiers', { ids: [cdi] })).customDataIdentifiers as unknown[]).length, 1)
    await ok(a, region, 'ListCustomDataIdentifiers')
    assert.equal((await ok(a, region, 'TestCustomDataIdentifier', { regex: 'EMP-[0-9]{6}', sampleText: 'EMP-123456 and EMP-654321' })).matchCount, 2)
    assert.ok(((await ok(a, region, 'ListManagedDataIdentifiers')).items as unknown[]).length > 0)
    const allowList = (await ok(a, region, 'CreateAllowList', { name: 'test cards', criteria: { regex: '4111.*' }, clientToken: 'all-ops-allow-list' })).id as string
    await ok(a, region, 'GetAllowList', { id: allowList })
    await ok(a, region, 'UpdateAllowList', { id: allowList, name: 'test cards', criteria: { regex: '4111-[0-9]+' } })
    await ok(a, region, 'ListAllowLists')
    await ok(a, region, 'TagResource', { resourceArn: cdiArn, tags: { team: 'privacy' } })
    assert.deepEqual((await ok(a, region, 'ListTagsForResource', { resourceArn: cdiArn })).tags, { team: 'privacy' })
    await ok(a, region, 'UntagResource', { resourceArn: cdiArn, tagKeys: ['team'] })

    // Jobs over the folder of buckets.
    const bucketDefinitions = [{ accountId: A.accountId, buckets: ['demo'] }]
    const jobId = (await ok(a, region, 'CreateClassificationJob', { jobType: 'ONE_TIME', name: 'all ops', s3JobDefinition: { bucketDefinitions }, customDataIdentifierIds: [cdi], clientToken: 'all-ops-job' })).jobId as string
    await api.jobs.waitFor(jobId)
    assert.equal((await ok(a, region, 'DescribeClassificationJob', { jobId })).jobStatus, 'COMPLETE')
    await ok(a, region, 'ListClassificationJobs')
    const scheduled = (
      await ok(a, region, 'CreateClassificationJob', {
        jobType: 'SCHEDULED',
        name: 'nightly',
        initialRun: false,
        scheduleFrequency: { dailySchedule: {} },
        s3JobDefinition: { bucketDefinitions },
        clientToken: 'all-ops-scheduled',
      })
    ).jobId as string
    await ok(a, region, 'UpdateClassificationJob', { jobId: scheduled, jobStatus: 'CANCELLED' })

    // Findings, statistics, sample findings and filters.
    const findingIds = (await ok(a, region, 'ListFindings', { findingCriteria: { criterion: { category: { eq: ['CLASSIFICATION'] } } } })).findingIds as string[]
    assert.ok(findingIds.length > 0)
    assert.equal(((await ok(a, region, 'GetFindings', { findingIds })).findings as unknown[]).length, findingIds.length)
    await ok(a, region, 'GetFindingStatistics', { groupBy: 'type' })
    await ok(a, region, 'CreateSampleFindings', {})
    const filter = (await ok(a, region, 'CreateFindingsFilter', { name: 'low', action: 'ARCHIVE', findingCriteria: { criterion: { 'severity.description': { eq: ['Low'] } } } })).id as string
    await ok(a, region, 'GetFindingsFilter', { id: filter })
    await ok(a, region, 'UpdateFindingsFilter', { id: filter, description: 'low severity', action: 'NOOP' })
    await ok(a, region, 'ListFindingsFilters')

    // Reveal: a finding of the job, whose discovery result is in the results bucket.
    await ok(a, region, 'GetSensitiveDataOccurrencesAvailability', { findingId: findingIds[0] })
    await ok(a, region, 'GetSensitiveDataOccurrences', { findingId: findingIds[0] })

    // Buckets and usage.
    await ok(a, region, 'DescribeBuckets')
    await ok(a, region, 'GetBucketStatistics')
    await ok(a, region, 'SearchResources')
    await ok(a, region, 'GetUsageStatistics')
    await ok(a, region, 'GetUsageTotals')

    // Automated discovery: a round, then the resource profile it made.
    const configuration = await ok(a, region, 'GetAutomatedDiscoveryConfiguration')
    const scopeId = configuration.classificationScopeId as string
    const templateId = configuration.sensitivityInspectionTemplateId as string
    await ok(a, region, 'UpdateClassificationScope', { id: scopeId, s3: { excludes: { operation: 'ADD', bucketNames: ['results'] } } })
    await ok(a, region, 'GetClassificationScope', { id: scopeId })
    await ok(a, region, 'ListClassificationScopes')
    await ok(a, region, 'UpdateSensitivityInspectionTemplate', { id: templateId, excludes: { managedDataIdentifierIds: ['AWS_CREDENTIALS'] } })
    await ok(a, region, 'GetSensitivityInspectionTemplate', { id: templateId })
    await ok(a, region, 'ListSensitivityInspectionTemplates')
    await ok(a, region, 'UpdateAutomatedDiscoveryConfiguration', { status: 'ENABLED' })
    const rounds = await runDueRounds({ store: api.store, sourceFor: () => ({ kind: 'folder', root: join(api.dir, 'buckets') }), workers: 1 })
    assert.ok(rounds.some((r) => r.accountId === A.accountId && r.region === region && r.analysed > 0))
    await ok(a, region, 'ListAutomatedDiscoveryAccounts')
    await ok(a, region, 'BatchUpdateAutomatedDiscoveryAccounts', { accounts: [{ accountId: A.accountId, status: 'ENABLED' }] })
    const demo = 'arn:aws:s3:::demo'
    assert.ok((await ok(a, region, 'GetResourceProfile', { resourceArn: demo })).profileUpdatedAt instanceof Date)
    await ok(a, region, 'UpdateResourceProfile', { resourceArn: demo, sensitivityScoreOverride: 100 })
    assert.ok(((await ok(a, region, 'ListResourceProfileArtifacts', { resourceArn: demo })).artifacts as unknown[]).length > 0)
    await ok(a, region, 'ListResourceProfileDetections', { resourceArn: demo })
    await ok(a, region, 'UpdateResourceProfileDetections', { resourceArn: demo, suppressDataIdentifiers: [] })

    // Members by invitation: A administers B and C.
    for (const who of [b, c]) await ok(a, region, 'CreateMember', { account: { accountId: who.accountId, email: `${who.accountId}@example.com` } })
    assert.deepEqual((await ok(a, region, 'CreateInvitations', { accountIds: [B.accountId, C.accountId] })).unprocessedAccounts, [])
    for (const who of [b, c]) {
      assert.equal((await ok(who, region, 'GetInvitationsCount')).invitationsCount, 1)
      const [invitation] = (await ok(who, region, 'ListInvitations')).invitations as Array<{ invitationId: string }>
      await ok(who, region, 'AcceptInvitation', { administratorAccountId: A.accountId, invitationId: invitation!.invitationId })
    }
    assert.equal((await ok(a, region, 'GetMember', { id: B.accountId })).relationshipStatus, 'Enabled')
    assert.equal(((await ok(a, region, 'ListMembers')).members as unknown[]).length, 2)
    await ok(a, region, 'UpdateMemberSession', { id: B.accountId, status: 'PAUSED' })
    await ok(a, region, 'UpdateMemberSession', { id: B.accountId, status: 'ENABLED' })
    assert.equal(((await ok(b, region, 'GetAdministratorAccount')).administrator as { accountId: string }).accountId, A.accountId)
    assert.equal(((await ok(b, region, 'GetMasterAccount')).master as { accountId: string }).accountId, A.accountId)
    await ok(b, region, 'DisassociateFromAdministratorAccount')
    await ok(c, region, 'DisassociateFromMasterAccount')
    await ok(a, region, 'DeleteMember', { id: C.accountId })
    // An invitation declined, then deleted; a member the administrator disassociates.
    assert.deepEqual((await ok(a, region, 'CreateMember', { account: { accountId: C.accountId, email: 'c@example.com' } })).arn, `arn:aws:macie2:${region}:${A.accountId}:member/${C.accountId}`)
    await ok(a, region, 'CreateInvitations', { accountIds: [C.accountId] })
    assert.deepEqual((await ok(c, region, 'DeclineInvitations', { accountIds: [A.accountId] })).unprocessedAccounts, [])
    assert.deepEqual((await ok(c, region, 'DeleteInvitations', { accountIds: [A.accountId] })).unprocessedAccounts, [])
    await ok(a, region, 'DeleteInvitations', { accountIds: [B.accountId] })
    await ok(a, region, 'CreateInvitations', { accountIds: [C.accountId] })
    const [again] = (await ok(c, region, 'ListInvitations')).invitations as Array<{ invitationId: string }>
    await ok(c, region, 'AcceptInvitation', { administratorAccountId: A.accountId, invitationId: again!.invitationId })
    await ok(a, region, 'DisassociateMember', { id: C.accountId })

    // The organization, in a region of its own: A delegates administration to B.
    const org = 'eu-central-1'
    for (const who of [a, b]) await ok(who, org, 'EnableMacie', {})
    await ok(a, org, 'EnableOrganizationAdminAccount', { adminAccountId: B.accountId })
    assert.deepEqual((await ok(a, org, 'ListOrganizationAdminAccounts')).adminAccounts, [{ accountId: B.accountId, status: 'ENABLED' }])
    await ok(b, org, 'DescribeOrganizationConfiguration')
    await ok(b, org, 'UpdateOrganizationConfiguration', { autoEnable: true })
    await ok(a, org, 'DisableOrganizationAdminAccount', { adminAccountId: B.accountId })

    // Deleting what the path made, then Macie itself.
    await ok(a, region, 'DeleteFindingsFilter', { id: filter })
    await ok(a, region, 'DeleteAllowList', { id: allowList })
    await ok(a, region, 'DeleteCustomDataIdentifier', { id: cdi })
    await ok(a, org, 'DisableMacie')
  })

  it('called exactly the model’s operations, and each succeeded at least once', () => {
    const called = new Set(outcomes.map((o) => o.operation))
    assert.deepEqual([...called].sort(), OPERATION_NAMES)
    const succeeded = new Set(outcomes.filter((o) => o.ok).map((o) => o.operation))
    assert.deepEqual(OPERATION_NAMES.filter((name) => !succeeded.has(name)), [])
    assert.equal(firstPass.size, 81)
  })
})
