// `trawl audit --fix`: the remediation of one region's failing rules as a plan of API calls (read
// from the region's state now, so a second run plans nothing) and its execution in order. Which
// rules fail is the audit's business (rules.ts); the policies' contents are policies.ts'.
import { createHash } from 'node:crypto'
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, UpdateAliasCommand, type KeyMetadata } from '@aws-sdk/client-kms'
import {
  CreateClassificationJobCommand,
  DescribeBucketsCommand,
  EnableMacieCommand,
  GetAutomatedDiscoveryConfigurationCommand,
  GetClassificationExportConfigurationCommand,
  GetMacieSessionCommand,
  ListClassificationJobsCommand,
  PutClassificationExportConfigurationCommand,
  UpdateAutomatedDiscoveryConfigurationCommand,
  UpdateMacieSessionCommand,
  type GetMacieSessionCommandOutput,
  type JobSummary,
  type S3Destination,
} from '@aws-sdk/client-macie2'
import { CreateBucketCommand, GetBucketPolicyCommand, GetPublicAccessBlockCommand, HeadBucketCommand, PutBucketPolicyCommand, PutPublicAccessBlockCommand } from '@aws-sdk/client-s3'
import { allowsMacieWrites, hasHttpsOnlyDeny, mergePolicy, resultsBucketPolicy, resultsKeyPolicy, type PolicyDocument } from './policies.js'
import type { RegionClients, RemediationStep, RuleResult } from './types.js'

/** How often Macie publishes findings (EnableMacie / UpdateMacieSession). */
export type PublishingFrequency = 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS'

/** What the user chose for the remediation (`trawl audit --fix` options). */
export interface RemediationOptions {
  /** The audited account: names the results bucket and conditions the policies. */
  accountId: string
  /** For EnableMacie and Macie2-007 (default FIFTEEN_MINUTES, Macie's own default). */
  publishingFrequency?: PublishingFrequency
  /** The discovery job's type (default SCHEDULED, daily: Macie2-003 asks for a job that keeps running; ONE_TIME as the runbook's remediation does). */
  jobType?: 'ONE_TIME' | 'SCHEDULED'
  /** The buckets the job analyses (default: every bucket DescribeBuckets lists, less the results bucket). */
  buckets?: string[]
  /** The results bucket when none is configured (default `macie-results-<account>-<region>`). */
  resultsBucket?: string
  /** The results key's alias (default `alias/macie-results`). */
  kmsAlias?: string
  /** The export configuration's keyPrefix, when one is wanted. */
  keyPrefix?: string
  /** Macie2-003: only a running, idle, paused or scheduled job counts as covering (default true, as the audit). */
  requireActiveJob?: boolean
  /** Macie2-008: the age past which an unarchived High finding needs review (default 30). */
  maxFindingAgeDays?: number
  /** The clock, for Macie2-008's criteria. */
  now?: Date
}

/** What happened to one step when the plan was applied. */
export interface StepOutcome {
  step: RemediationStep
  /** `manual`: a person must act (no call made); `not-run`: an earlier step of the region failed. */
  status: 'applied' | 'manual' | 'failed' | 'not-run'
  /** The request as sent, placeholders resolved. */
  input?: Record<string, unknown>
  /** The response, without the SDK's metadata. */
  output?: Record<string, unknown>
  error?: string
}

/** The operation of steps that need a person and make no call (Macie2-008, a job with no buckets to cover). */
export const MANUAL_OPERATIONS = new Set(['ManualReview', 'ManualAction'])

/** Placeholder for a job's clientToken or name that derives from buckets known only once a DescribeBuckets step ran. */
export const DERIVED_FROM_BUCKETS = '${derived from the region, job type and buckets}'

const REPOSITORY_RULES = ['Macie2-002', 'Macie2-005', 'Macie2-006']
const ACTIVE_JOB_STATUSES = new Set(['RUNNING', 'IDLE', 'PAUSED', 'USER_PAUSED'])
const DEFAULT_ALIAS = 'alias/macie-results'

/**
 * The results bucket's default name: `macie-results-<account>-<region>`.
 * @example
 * defaultResultsBucket('111122223333', 'eu-west-1') // 'macie-results-111122223333-eu-west-1'
 */
export function defaultResultsBucket(accountId: string, region: string): string {
  return `macie-results-${accountId}-${region}`
}

/**
 * The clientToken and name of the job the remediation creates: derived from the region, job type
 * and buckets, so a retry returns the job already made instead of a second one.
 * @example
 * jobIdentity('us-east-1', 'ONE_TIME', ['b', 'a']).name // 'trawl-fix-us-east-1-…'
 */
export function jobIdentity(region: string, jobType: string, buckets: readonly string[]): { clientToken: string; name: string } {
  const hash = createHash('sha256')
    .update([region, jobType, ...[...buckets].sort()].join('\n'))
    .digest('hex')
  return { clientToken: `trawl-fix-${hash.slice(0, 40)}`, name: `trawl-fix-${region}-${hash.slice(0, 8)}` }
}

/**
 * The placeholder for a value an earlier step's response gives (1-based step number within the
 * region's plan); `PATH` is dotted, `[]` maps over an array, ` except X` drops the value X.
 * @example
 * placeholder(2, 'KeyMetadata.Arn') // '${step 2 output KeyMetadata.Arn}'
 */
export function placeholder(step: number, path: string, except?: string): string {
  return `\${step ${step} output ${path}${except ? ` except ${except}` : ''}}`
}

const PLACEHOLDER = /^\$\{step (\d+) output ([^\s}]+)(?: except ([^}]+))?\}$/

function pick(value: unknown, path: string[]): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path as [string, ...string[]]
  if (head.endsWith('[]')) {
    const items = (value as Record<string, unknown> | undefined)?.[head.slice(0, -2)]
    return Array.isArray(items) ? items.map((item) => pick(item, rest)) : undefined
  }
  return pick((value as Record<string, unknown> | undefined)?.[head], rest)
}

/**
 * The input with every `${step N output PATH}` placeholder replaced by that step's output.
 * @example
 * resolvePlaceholders({ TargetKeyId: '${step 1 output KeyMetadata.KeyId}' }, [{ KeyMetadata: { KeyId: 'k' } }]) // { TargetKeyId: 'k' }
 */
export function resolvePlaceholders<T>(input: T, outputs: ReadonlyArray<Record<string, unknown> | undefined>): T {
  if (typeof input === 'string') {
    const m = PLACEHOLDER.exec(input)
    if (!m) return input
    const output = outputs[Number(m[1]) - 1]
    if (!output) throw new Error(`${input} refers to a step that has no output`)
    const value = pick(output, m[2]!.split('.'))
    if (value === undefined) throw new Error(`${input}: step ${m[1]}'s output has no ${m[2]}`)
    return (m[3] !== undefined && Array.isArray(value) ? value.filter((v) => v !== m[3]) : value) as T
  }
  if (Array.isArray(input)) return input.map((v) => resolvePlaceholders(v, outputs)) as T
  if (input && typeof input === 'object') {
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, resolvePlaceholders(v, outputs)])) as T
  }
  return input
}

function errorName(err: unknown): string {
  return (err as { name?: string } | null)?.name ?? ''
}

function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode
}

/**
 * Whether an error is Macie's answer for a region where it is not enabled (the runbook's test:
 * UnauthorizedException or AccessDeniedException saying "Macie is not enabled").
 * @example
 * isMacieNotEnabled(err) // true for "Macie is not enabled"
 */
export function isMacieNotEnabled(err: unknown): boolean {
  return ['UnauthorizedException', 'AccessDeniedException'].includes(errorName(err)) && /Macie is not enabled/i.test((err as Error).message ?? '')
}

/**
 * The account ID in the service role ARN of a region's Macie session, or undefined when Macie is
 * not enabled there (the auditor has no STS client: the session tells whose account it is).
 * @example
 * const accountId = await accountFromSession(clients)
 */
export async function accountFromSession(clients: RegionClients): Promise<string | undefined> {
  const session = await readSession(clients)
  return /^arn:[^:]+:iam::(\d{12}):/.exec(session?.serviceRole ?? '')?.[1]
}

async function readSession(clients: RegionClients): Promise<GetMacieSessionCommandOutput | undefined> {
  try {
    return await clients.macie2.send(new GetMacieSessionCommand({}))
  } catch (err) {
    if (isMacieNotEnabled(err)) return undefined
    throw new Error(`${clients.region}: GetMacieSession failed: ${(err as Error).message}`, { cause: err })
  }
}

async function describeKey(clients: RegionClients, keyId: string): Promise<KeyMetadata | undefined> {
  try {
    return (await clients.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata
  } catch (err) {
    if (errorName(err) === 'NotFoundException') return undefined
    throw new Error(`${clients.region}: KMS DescribeKey ${keyId} failed: ${(err as Error).message}`, { cause: err })
  }
}

/** Whether the bucket is there (owned or reachable by the caller); a name another account holds is an error. */
async function hasBucket(clients: RegionClients, bucket: string): Promise<boolean> {
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }))
    return true
  } catch (err) {
    if (httpStatus(err) === 404 || errorName(err) === 'NotFound' || errorName(err) === 'NoSuchBucket') return false
    if (httpStatus(err) === 403) throw new Error(`${clients.region}: the results bucket ${bucket} exists but this account cannot use it (choose another with --results-bucket)`, { cause: err })
    throw new Error(`${clients.region}: S3 HeadBucket ${bucket} failed: ${(err as Error).message}`, { cause: err })
  }
}

async function isBucketPrivate(clients: RegionClients, bucket: string): Promise<boolean> {
  try {
    const c = (await clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration
    return Boolean(c?.BlockPublicAcls && c.IgnorePublicAcls && c.BlockPublicPolicy && c.RestrictPublicBuckets)
  } catch (err) {
    if (errorName(err) === 'NoSuchPublicAccessBlockConfiguration') return false
    throw new Error(`${clients.region}: S3 GetPublicAccessBlock ${bucket} failed: ${(err as Error).message}`, { cause: err })
  }
}

async function readBucketPolicy(clients: RegionClients, bucket: string): Promise<PolicyDocument | undefined> {
  try {
    const text = (await clients.s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy
    return text ? (JSON.parse(text) as PolicyDocument) : undefined
  } catch (err) {
    if (errorName(err) === 'NoSuchBucketPolicy') return undefined
    throw new Error(`${clients.region}: S3 GetBucketPolicy ${bucket} failed: ${(err as Error).message}`, { cause: err })
  }
}

async function listAll<T>(page: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string | undefined }>): Promise<T[]> {
  const all: T[] = []
  let nextToken: string | undefined
  do {
    const r = await page(nextToken)
    all.push(...r.items)
    nextToken = r.nextToken || undefined
  } while (nextToken)
  return all
}

async function describeBucketNames(clients: RegionClients): Promise<string[]> {
  const buckets = await listAll(async (nextToken) => {
    const r = await clients.macie2.send(new DescribeBucketsCommand({ maxResults: 50, ...(nextToken ? { nextToken } : {}) }))
    return { items: r.buckets ?? [], nextToken: r.nextToken }
  })
  return buckets.map((b) => b.bucketName).filter((n): n is string => Boolean(n))
}

// A bucketCriteria job is taken to cover every bucket: its criteria are evaluated by Macie at
// run time, and guessing them here would plan a second job beside one the user wrote on purpose.
function coversBuckets(job: JobSummary, accountId: string, buckets: readonly string[]): boolean {
  if (job.bucketCriteria) return true
  const named = new Set((job.bucketDefinitions ?? []).filter((d) => d.accountId === accountId).flatMap((d) => d.buckets ?? []))
  return buckets.length > 0 && buckets.every((b) => named.has(b))
}

function isActiveJob(job: JobSummary): boolean {
  return job.jobStatus !== 'CANCELLED' && (job.jobType === 'SCHEDULED' || ACTIVE_JOB_STATUSES.has(job.jobStatus ?? ''))
}

/**
 * The API calls that remediate one region's failing rules, in the runbook's order — enable Macie,
 * the results key and alias, the results bucket with its public access block and policy, the
 * export configuration, a discovery job — then automated discovery, and Macie2-008 as a manual
 * review step. Each call is planned only if the region's state shows it is needed now, so
 * planning again after applying gives no calls (manual steps aside). Only FAILURE verdicts are
 * remediated; ERROR ones could not be checked and are left alone.
 * @example
 * const steps = await planRemediation(clients, results, { accountId: '111122223333' })
 */
export async function planRemediation(clients: RegionClients, failing: readonly RuleResult[], options: RemediationOptions): Promise<RemediationStep[]> {
  const { region } = clients
  const failed = new Set(failing.filter((r) => r.region === region && r.verdict === 'FAILURE').map((r) => r.ruleId))
  const steps: RemediationStep[] = []
  if (failed.size === 0) return steps
  const add = (step: Omit<RemediationStep, 'region'>): number => steps.push({ region, ...step })
  const { accountId } = options
  const frequency = options.publishingFrequency ?? 'FIFTEEN_MINUTES'
  const jobType = options.jobType ?? 'SCHEDULED'

  // Macie itself: every other rule needs it, so it is enabled whichever rule failed.
  const session = await readSession(clients)
  const isEnabled = session !== undefined
  const firstFailed = [...failed].sort()[0]!
  if (!session) {
    add({
      ruleId: failed.has('Macie2-001') ? 'Macie2-001' : firstFailed,
      service: 'macie2',
      operation: 'EnableMacie',
      input: { findingPublishingFrequency: frequency, status: 'ENABLED' },
      why: `Macie is not enabled in ${region}`,
    })
  } else {
    const isPaused = session.status === 'PAUSED'
    const isFrequencyWrong = failed.has('Macie2-007') && session.findingPublishingFrequency !== frequency
    if (isPaused || isFrequencyWrong) {
      add({
        ruleId: isPaused ? 'Macie2-001' : 'Macie2-007',
        service: 'macie2',
        operation: 'UpdateMacieSession',
        input: { ...(isPaused ? { status: 'ENABLED' } : {}), ...(isFrequencyWrong ? { findingPublishingFrequency: frequency } : {}) },
        why: [isPaused ? `Macie is paused in ${region}` : '', isFrequencyWrong ? `findings are published ${session.findingPublishingFrequency ?? 'at no set frequency'}, not ${frequency}` : ''].filter(Boolean).join('; '),
      })
    }
  }

  const exportConfiguration: S3Destination | undefined = isEnabled
    ? (await clients.macie2.send(new GetClassificationExportConfigurationCommand({}))).configuration?.s3Destination
    : undefined
  // An existing repository's bucket is the one the rules judge; a new one gets the chosen name.
  const resultsBucket = exportConfiguration?.bucketName ?? options.resultsBucket ?? defaultResultsBucket(accountId, region)

  if (REPOSITORY_RULES.some((id) => failed.has(id))) {
    const configuredKey = exportConfiguration?.kmsKeyArn ? await describeKey(clients, exportConfiguration.kmsKeyArn) : undefined
    const needsExport = !exportConfiguration?.kmsKeyArn || configuredKey?.KeyState !== 'Enabled'
    let kmsKeyArn = needsExport ? undefined : exportConfiguration!.kmsKeyArn
    if (needsExport) {
      const alias = options.kmsAlias ?? DEFAULT_ALIAS
      const aliased = await describeKey(clients, alias)
      if (aliased?.KeyState === 'Enabled') {
        kmsKeyArn = aliased.Arn
      } else {
        const created = add({
          ruleId: 'Macie2-002',
          service: 'kms',
          operation: 'CreateKey',
          input: {
            Description: `Encrypts Amazon Macie sensitive data discovery results in ${region}`,
            KeyUsage: 'ENCRYPT_DECRYPT',
            KeySpec: 'SYMMETRIC_DEFAULT',
            Policy: JSON.stringify(resultsKeyPolicy({ accountId, region })),
          },
          why: exportConfiguration?.kmsKeyArn ? `the results key ${exportConfiguration.kmsKeyArn} is not usable (${configuredKey?.KeyState ?? 'not found'})` : 'the discovery results repository has no KMS key',
        })
        add({
          ruleId: 'Macie2-002',
          service: 'kms',
          operation: aliased ? 'UpdateAlias' : 'CreateAlias',
          input: { AliasName: alias, TargetKeyId: placeholder(created, 'KeyMetadata.KeyId') },
          why: aliased ? `${alias} points at a key that is ${aliased.KeyState}` : `names the results key ${alias}`,
        })
        kmsKeyArn = placeholder(created, 'KeyMetadata.Arn')
      }
    }

    const isThere = await hasBucket(clients, resultsBucket)
    if (!isThere) {
      add({
        ruleId: 'Macie2-002',
        service: 's3',
        operation: 'CreateBucket',
        // us-east-1 is S3's default location and refuses to be named as a LocationConstraint.
        input: { Bucket: resultsBucket, ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region } }) },
        why: `the results bucket ${resultsBucket} does not exist`,
      })
    }
    if (!isThere || !(await isBucketPrivate(clients, resultsBucket))) {
      add({
        ruleId: 'Macie2-005',
        service: 's3',
        operation: 'PutPublicAccessBlock',
        input: { Bucket: resultsBucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } },
        why: `${resultsBucket} does not block public access with all four settings`,
      })
    }
    const policy = isThere ? await readBucketPolicy(clients, resultsBucket) : undefined
    if (!policy || !hasHttpsOnlyDeny(policy, resultsBucket) || !allowsMacieWrites(policy, resultsBucket)) {
      add({
        ruleId: 'Macie2-006',
        service: 's3',
        operation: 'PutBucketPolicy',
        input: { Bucket: resultsBucket, Policy: JSON.stringify(mergePolicy(policy, resultsBucketPolicy({ bucket: resultsBucket, accountId, region }))) },
        why: policy ? `${resultsBucket}'s policy lacks the HTTPS-only deny or Macie's write permission (its other statements are kept)` : `${resultsBucket} has no bucket policy`,
      })
    }
    if (needsExport) {
      const s3Destination = { bucketName: resultsBucket, kmsKeyArn, ...(options.keyPrefix ?? exportConfiguration?.keyPrefix ? { keyPrefix: options.keyPrefix ?? exportConfiguration?.keyPrefix } : {}) }
      add({
        ruleId: 'Macie2-002',
        service: 'macie2',
        operation: 'PutClassificationExportConfiguration',
        input: { configuration: { s3Destination } },
        why: exportConfiguration ? 'the discovery results repository is not encrypted with a usable KMS key' : 'no discovery results repository is configured',
      })
    }
  }

  if (failed.has('Macie2-003')) await planJobStep(clients, options, { isEnabled, resultsBucket, jobType, add })

  if (failed.has('Macie2-004')) {
    const status = isEnabled ? (await clients.macie2.send(new GetAutomatedDiscoveryConfigurationCommand({}))).status : undefined
    if (status !== 'ENABLED') {
      add({ ruleId: 'Macie2-004', service: 'macie2', operation: 'UpdateAutomatedDiscoveryConfiguration', input: { status: 'ENABLED' }, why: `automated sensitive data discovery is ${status ?? 'not enabled'} in ${region}` })
    }
  }

  // Findings are judged by a person: the plan says which ones, and fix makes no call for them.
  // Where Macie was off, 008 only repeated that, and there are no findings yet to review.
  if (failed.has('Macie2-008') && isEnabled) {
    const days = options.maxFindingAgeDays ?? 30
    const cutoff = (options.now ?? new Date()).getTime() - days * 86_400_000
    add({
      ruleId: 'Macie2-008',
      service: 'macie2',
      operation: 'ManualReview',
      input: { findingCriteria: { criterion: { 'severity.description': { eq: ['High'] }, archived: { eq: ['false'] }, createdAt: { lt: cutoff } } } },
      why: `High-severity findings unarchived for more than ${days} days need a person: review them (ListFindings with these criteria, then GetFindings), fix the data, then archive them`,
    })
  }
  return steps
}

async function planJobStep(
  clients: RegionClients,
  options: RemediationOptions,
  plan: { isEnabled: boolean; resultsBucket: string; jobType: 'ONE_TIME' | 'SCHEDULED'; add: (step: Omit<RemediationStep, 'region'>) => number },
): Promise<void> {
  const { region } = clients
  const { isEnabled, resultsBucket, jobType, add } = plan
  let buckets: string[] | string
  if (options.buckets?.length) buckets = [...new Set(options.buckets)]
  else if (isEnabled) buckets = (await describeBucketNames(clients)).filter((b) => b !== resultsBucket)
  else {
    const read = add({ ruleId: 'Macie2-003', service: 'macie2', operation: 'DescribeBuckets', input: { maxResults: 50 }, why: 'lists the buckets the job analyses, once Macie is enabled (a read, no change; further pages follow nextToken)' })
    buckets = placeholder(read, 'buckets[].bucketName', resultsBucket)
  }
  const identity = Array.isArray(buckets) ? jobIdentity(region, jobType, buckets) : { clientToken: DERIVED_FROM_BUCKETS, name: DERIVED_FROM_BUCKETS }
  if (isEnabled && Array.isArray(buckets)) {
    const jobs = await listAll(async (nextToken) => {
      const r = await clients.macie2.send(new ListClassificationJobsCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }))
      return { items: r.items ?? [], nextToken: r.nextToken }
    })
    const requireActive = options.requireActiveJob ?? true
    const list = buckets
    // The job an earlier fix made counts even once complete: creating it again would only return it.
    const isCovered = jobs.some((j) => j.jobStatus !== 'CANCELLED' && (j.name === identity.name || ((!requireActive || isActiveJob(j)) && coversBuckets(j, options.accountId, list))))
    if (isCovered) return
    if (list.length === 0) {
      add({ ruleId: 'Macie2-003', service: 'macie2', operation: 'ManualAction', input: {}, why: `no bucket to analyse in ${region}: name some with --buckets, or create buckets first` })
      return
    }
  }
  add({
    ruleId: 'Macie2-003',
    service: 'macie2',
    operation: 'CreateClassificationJob',
    input: {
      clientToken: identity.clientToken,
      name: identity.name,
      description: `Sensitive data discovery in ${region}, created by trawl audit --fix`,
      jobType,
      ...(jobType === 'SCHEDULED' ? { scheduleFrequency: { dailySchedule: {} }, initialRun: true } : {}),
      s3JobDefinition: { bucketDefinitions: [{ accountId: options.accountId, buckets }] },
    },
    why: `no ${options.requireActiveJob === false ? '' : 'active '}discovery job covers the buckets of ${region}`,
  })
}

type Send = (input: Record<string, unknown>) => Promise<Record<string, unknown>>

// One SDK command per operation a plan may hold; the inputs are built by the planner above, so the
// casts only restate what it wrote.
function sender(clients: RegionClients, step: RemediationStep): Send {
  const { macie2, kms, s3 } = clients
  const out = (r: object): Record<string, unknown> => {
    const rest = { ...(r as Record<string, unknown>) }
    delete rest.$metadata
    return rest
  }
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const table: Record<string, Send> = {
    'macie2:EnableMacie': async (i) => out(await macie2.send(new EnableMacieCommand(i as any))),
    'macie2:UpdateMacieSession': async (i) => out(await macie2.send(new UpdateMacieSessionCommand(i as any))),
    'macie2:PutClassificationExportConfiguration': async (i) => out(await macie2.send(new PutClassificationExportConfigurationCommand(i as any))),
    'macie2:CreateClassificationJob': async (i) => out(await macie2.send(new CreateClassificationJobCommand(i as any))),
    'macie2:UpdateAutomatedDiscoveryConfiguration': async (i) => out(await macie2.send(new UpdateAutomatedDiscoveryConfigurationCommand(i as any))),
    'macie2:DescribeBuckets': async () => ({ buckets: (await describeBucketNames(clients)).map((bucketName) => ({ bucketName })) }),
    'kms:CreateKey': async (i) => out(await kms.send(new CreateKeyCommand(i as any))),
    'kms:CreateAlias': async (i) => out(await kms.send(new CreateAliasCommand(i as any))),
    'kms:UpdateAlias': async (i) => out(await kms.send(new UpdateAliasCommand(i as any))),
    's3:CreateBucket': async (i) => out(await s3.send(new CreateBucketCommand(i as any))),
    's3:PutPublicAccessBlock': async (i) => out(await s3.send(new PutPublicAccessBlockCommand(i as any))),
    's3:PutBucketPolicy': async (i) => out(await s3.send(new PutBucketPolicyCommand(i as any))),
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
  const send = table[`${step.service}:${step.operation}`]
  if (!send) throw new Error(`${step.region}: the plan holds ${step.service} ${step.operation}, which fix does not make`)
  return send
}

/**
 * Makes a region's planned calls in order, passing each response on to the steps that name it
 * (the key from CreateKey to CreateAlias and the export configuration; the buckets from
 * DescribeBuckets to the job); stops at the first failure, marking the rest `not-run`. Manual
 * steps make no call.
 * @example
 * const outcomes = await applyRemediation(clients, await planRemediation(clients, results, options))
 */
export async function applyRemediation(clients: RegionClients, steps: readonly RemediationStep[]): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = []
  const outputs: Array<Record<string, unknown> | undefined> = []
  let hasFailed = false
  for (const step of steps) {
    if (hasFailed) {
      outcomes.push({ step, status: 'not-run' })
      outputs.push(undefined)
      continue
    }
    if (MANUAL_OPERATIONS.has(step.operation)) {
      outcomes.push({ step, status: 'manual' })
      outputs.push(undefined)
      continue
    }
    let input: Record<string, unknown> | undefined
    try {
      input = resolvePlaceholders(step.input, outputs)
      if (step.operation === 'CreateClassificationJob') input = withJobIdentity(step.region, input)
      const output = await sender(clients, step)(input)
      outcomes.push({ step, status: 'applied', input, output })
      outputs.push(output)
    } catch (err) {
      hasFailed = true
      const reason = `${errorName(err) && errorName(err) !== 'Error' ? `${errorName(err)}: ` : ''}${(err as Error).message}`
      outcomes.push({ step, status: 'failed', ...(input ? { input } : {}), error: `${step.region}: ${step.service} ${step.operation} (${step.ruleId}) failed: ${reason}` })
      outputs.push(undefined)
    }
  }
  return outcomes
}

/** Fills a job's clientToken and name once its buckets are known (they came from a DescribeBuckets step). */
function withJobIdentity(region: string, input: Record<string, unknown>): Record<string, unknown> {
  if (input.clientToken !== DERIVED_FROM_BUCKETS && input.name !== DERIVED_FROM_BUCKETS) return input
  const definition = (input.s3JobDefinition as { bucketDefinitions: Array<{ buckets: string[] }> }).bucketDefinitions[0]!
  if (definition.buckets.length === 0) throw new Error(`no bucket to analyse in ${region}: name some with --buckets, or create buckets first`)
  return { ...input, ...jobIdentity(region, String(input.jobType), definition.buckets) }
}
