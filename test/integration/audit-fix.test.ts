// `trawl audit --fix` against `trawl serve`, moto standing in for S3 and KMS: four regions of one
// account in different states, audited, planned, applied (each call recorded and compared with the
// plan), planned again (nothing left) and audited again (Macie2-001…007 hold); then the command.
//
// Two moto servers: the auditor's S3 and KMS (where the fix creates the key, the results bucket,
// its public access block and policy), and trawl serve's object storage (data buckets, and a copy
// of each results bucket). moto applies a bucket policy's Deny without evaluating its condition,
// so once the runbook's HTTPS-only policy is on a bucket moto refuses every write to it — and
// PutClassificationExportConfiguration makes trawl write a probe object to the results bucket.
// On AWS the policy lets HTTPS writes through; here trawl writes to its own copy of the bucket.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms'
import {
  CreateClassificationJobCommand,
  EnableMacieCommand,
  ListClassificationJobsCommand,
  Macie2Client,
  PutClassificationExportConfigurationCommand,
  UpdateAutomatedDiscoveryConfigurationCommand,
} from '@aws-sdk/client-macie2'
import { CreateBucketCommand, GetBucketPolicyCommand, GetPublicAccessBlockCommand, PutObjectCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3'
import { runAudit } from '../../src/audit/audit.js'
import { allowsMacieWrites, hasHttpsOnlyDeny, type PolicyDocument } from '../../src/audit/policies.js'
import { applyRemediation, defaultResultsBucket, MANUAL_OPERATIONS, planRemediation, resolvePlaceholders, type RemediationOptions } from '../../src/audit/remediate.js'
import type { RegionClients, RemediationStep, RuleResult } from '../../src/audit/types.js'
import { runFix } from '../../src/cli/commands/audit-fix.js'
import { motoUnavailable, skipUnless, startMoto, TEST_CREDENTIALS, type RunningServer } from '../support/servers.js'
import { startServe, type RunningServe } from '../support/serve.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

const ACCOUNT = '111122223333'
const KEYS = { accessKeyId: 'AKIATRAWLAUDITFIX001', secretAccessKey: 'trawl-audit-fix-secret-000000000000000000' }
// One region per state to check.
const NO_MACIE = 'us-east-1'
const NO_JOBS = 'eu-west-1'
const NO_REPOSITORY = 'eu-central-1'
const NO_POLICY = 'ap-southeast-2'
const REGIONS = [NO_MACIE, NO_JOBS, NO_REPOSITORY, NO_POLICY]
const RULES_FIXED = ['Macie2-001', 'Macie2-002', 'Macie2-003', 'Macie2-004', 'Macie2-005', 'Macie2-006', 'Macie2-007']

interface Call {
  service: string
  operation: string
  input: Record<string, unknown>
}

describe('trawl audit --fix against trawl serve and moto', { skip: skipUnless(motoUnavailable()) }, () => {
  let auditorMoto: RunningServer
  let storageMoto: RunningServer
  let serve: RunningServe
  let dir: string
  const sdk: Array<{ destroy(): void }> = []
  const keep = <T extends { destroy(): void }>(c: T): T => (sdk.push(c), c)
  // Fresh wrappers per audit: the rules cache their reads per RegionClients object.
  const base = new Map<string, RegionClients>()
  const clientsFor = (region: string): RegionClients => {
    let c = base.get(region)
    if (!c) {
      const common = { region, credentials: KEYS, maxAttempts: 1 }
      c = {
        region,
        macie2: keep(new Macie2Client({ ...common, endpoint: serve.endpoint })),
        s3: keep(new S3Client({ ...common, endpoint: auditorMoto.endpoint, forcePathStyle: true })),
        kms: keep(new KMSClient({ ...common, endpoint: auditorMoto.endpoint })),
      }
      base.set(region, c)
    }
    return { ...c }
  }
  const options = (region: string): RemediationOptions => ({
    accountId: ACCOUNT,
    // The region audited with --allow-inactive-jobs gets the default one-time job; the others a
    // daily one, since a complete one-time job does not satisfy Macie2-003's default setting.
    jobType: region === NO_JOBS ? 'ONE_TIME' : 'SCHEDULED',
    publishingFrequency: 'ONE_HOUR',
    ...(region === NO_JOBS ? { buckets: ['data-eu'] } : {}),
  })
  const audit = async (regions: string[], requireActiveJob = true): Promise<RuleResult[]> =>
    (await runAudit({ regions, clientsFor, settings: { requireActiveJob } })).results
  const verdicts = (results: RuleResult[], region: string): Record<string, string> =>
    Object.fromEntries(results.filter((r) => r.region === region).map((r) => [r.ruleId, r.verdict]))

  let before1: RuleResult[]
  const plans = new Map<string, RemediationStep[]>()

  before(async () => {
    ;[auditorMoto, storageMoto] = await Promise.all([startMoto(), startMoto()])
    dir = mkdtempSync(join(tmpdir(), 'trawl-audit-fix-'))
    serve = await startServe([], {
      TRAWL_DATA_DIR: join(dir, 'data'),
      TRAWL_ACCESS_KEY_ID: KEYS.accessKeyId,
      TRAWL_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
      TRAWL_ACCOUNT_ID: ACCOUNT,
      AWS_ENDPOINT_URL_S3: storageMoto.endpoint,
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
    })
    const storage = keep(new S3Client({ region: 'us-east-1', endpoint: storageMoto.endpoint, forcePathStyle: true, credentials: TEST_CREDENTIALS }))
    for (const bucket of ['data-us', 'data-eu', ...REGIONS.map((r) => defaultResultsBucket(ACCOUNT, r))]) await storage.send(new CreateBucketCommand({ Bucket: bucket }))
    await storage.send(new PutObjectCommand({ Bucket: 'data-us', Key: 'notes.txt', Body: 'nothing sensitive here\n' }))
    await storage.send(new PutObjectCommand({ Bucket: 'data-eu', Key: 'notes.txt', Body: 'nothing sensitive here\n' }))

    // NO_JOBS: Macie on, nothing else. NO_REPOSITORY: Macie, a daily job and automated discovery,
    // no results repository. NO_POLICY: all of that and a repository whose bucket has no policy.
    for (const region of [NO_JOBS, NO_REPOSITORY, NO_POLICY]) await clientsFor(region).macie2.send(new EnableMacieCommand({ findingPublishingFrequency: 'ONE_HOUR', status: 'ENABLED' }))
    for (const region of [NO_REPOSITORY, NO_POLICY]) {
      const { macie2 } = clientsFor(region)
      await macie2.send(
        new CreateClassificationJobCommand({
          clientToken: `setup-${region}`,
          name: `daily-${region}`,
          jobType: 'SCHEDULED',
          scheduleFrequency: { dailySchedule: {} },
          s3JobDefinition: { bucketDefinitions: [{ accountId: ACCOUNT, buckets: ['data-us'] }] },
        }),
      )
      await macie2.send(new UpdateAutomatedDiscoveryConfigurationCommand({ status: 'ENABLED' }))
    }
    const { s3, kms, macie2 } = clientsFor(NO_POLICY)
    const bucket = defaultResultsBucket(ACCOUNT, NO_POLICY)
    await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: NO_POLICY } }))
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }))
    const key = (await kms.send(new CreateKeyCommand({ Description: 'results' }))).KeyMetadata!
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/macie-results', TargetKeyId: key.KeyId! }))
    await macie2.send(new PutClassificationExportConfigurationCommand({ configuration: { s3Destination: { bucketName: bucket, kmsKeyArn: key.Arn! } } }))

    before1 = [...(await audit(REGIONS.filter((r) => r !== NO_JOBS))), ...(await audit([NO_JOBS], false))]
  })

  after(async () => {
    for (const c of sdk) c.destroy()
    await serve?.stop()
    await Promise.all([auditorMoto?.stop(), storageMoto?.stop()])
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('audits each region in its starting state', () => {
    assert.deepEqual(verdicts(before1, NO_MACIE)['Macie2-001'], 'FAILURE')
    assert.deepEqual(verdicts(before1, NO_JOBS), { ...verdicts(before1, NO_JOBS), 'Macie2-001': 'SUCCESS', 'Macie2-002': 'FAILURE', 'Macie2-003': 'FAILURE' })
    assert.equal(verdicts(before1, NO_REPOSITORY)['Macie2-002'], 'FAILURE')
    assert.equal(verdicts(before1, NO_REPOSITORY)['Macie2-003'], 'SUCCESS')
    assert.equal(verdicts(before1, NO_POLICY)['Macie2-002'], 'SUCCESS')
    assert.equal(verdicts(before1, NO_POLICY)['Macie2-005'], 'SUCCESS')
    assert.equal(verdicts(before1, NO_POLICY)['Macie2-006'], 'FAILURE')
  })

  it('plans, for each region, only the calls its state needs, in the runbook\'s order', async () => {
    for (const region of REGIONS) plans.set(region, await planRemediation(clientsFor(region), before1, options(region)))
    const ops = (region: string): string[] => plans.get(region)!.map((s) => s.operation)
    assert.deepEqual(ops(NO_MACIE), [
      'EnableMacie',
      'CreateKey',
      'CreateAlias',
      'CreateBucket',
      'PutPublicAccessBlock',
      'PutBucketPolicy',
      'PutClassificationExportConfiguration',
      'DescribeBuckets',
      'CreateClassificationJob',
      'UpdateAutomatedDiscoveryConfiguration',
    ])
    assert.deepEqual(ops(NO_JOBS), ['CreateKey', 'CreateAlias', 'CreateBucket', 'PutPublicAccessBlock', 'PutBucketPolicy', 'PutClassificationExportConfiguration', 'CreateClassificationJob', 'UpdateAutomatedDiscoveryConfiguration'])
    assert.deepEqual(ops(NO_REPOSITORY), ['CreateKey', 'CreateAlias', 'CreateBucket', 'PutPublicAccessBlock', 'PutBucketPolicy', 'PutClassificationExportConfiguration'])
    assert.deepEqual(ops(NO_POLICY), ['PutBucketPolicy'])

    const noMacie = plans.get(NO_MACIE)!
    assert.deepEqual(noMacie[0]!.input, { findingPublishingFrequency: 'ONE_HOUR', status: 'ENABLED' })
    // us-east-1 takes no LocationConstraint; other regions name theirs.
    assert.deepEqual(noMacie[3]!.input, { Bucket: defaultResultsBucket(ACCOUNT, NO_MACIE) })
    assert.deepEqual(plans.get(NO_JOBS)![2]!.input, { Bucket: defaultResultsBucket(ACCOUNT, NO_JOBS), CreateBucketConfiguration: { LocationConstraint: NO_JOBS } })
    // Outputs of earlier steps appear as placeholders until applied.
    assert.equal((noMacie[2]!.input as { TargetKeyId: string }).TargetKeyId, '${step 2 output KeyMetadata.KeyId}')
    assert.deepEqual(noMacie[6]!.input, { configuration: { s3Destination: { bucketName: defaultResultsBucket(ACCOUNT, NO_MACIE), kmsKeyArn: '${step 2 output KeyMetadata.Arn}' } } })
    const job = plans.get(NO_JOBS)!.find((s) => s.operation === 'CreateClassificationJob')!.input as { jobType: string; s3JobDefinition: unknown }
    assert.equal(job.jobType, 'ONE_TIME')
    assert.deepEqual(job.s3JobDefinition, { bucketDefinitions: [{ accountId: ACCOUNT, buckets: ['data-eu'] }] })
    for (const [region, steps] of plans) assert.ok(steps.every((s) => s.region === region))
  })

  it('applies each plan exactly as planned, placeholders resolved', async () => {
    for (const region of REGIONS) {
      const clients = clientsFor(region)
      const calls: Call[] = []
      for (const service of ['macie2', 's3', 'kms'] as const) {
        const client = clients[service] as unknown as { send: (command: { input: Record<string, unknown> }) => Promise<unknown> }
        const send = client.send.bind(client)
        client.send = (command) => {
          calls.push({ service, operation: command.constructor.name.replace(/Command$/, ''), input: structuredClone(command.input) })
          return send(command)
        }
      }
      const steps = plans.get(region)!
      const outcomes = await applyRemediation(clients, steps)
      for (const service of ['macie2', 's3', 'kms'] as const) delete (clients[service] as unknown as { send?: unknown }).send
      assert.deepEqual(
        outcomes.map((o) => [o.step.operation, o.status, o.error]),
        steps.map((s) => [s.operation, 'applied', undefined]),
        region,
      )
      const outputs = outcomes.map((o) => o.output)
      const expected = steps.map((s) => {
        let input = resolvePlaceholders(s.input, outputs)
        // The job's name and token derive from the buckets DescribeBuckets gave; fix filled them in.
        if (s.operation === 'CreateClassificationJob') input = { ...input, clientToken: outcomes.find((o) => o.step === s)!.input!.clientToken, name: outcomes.find((o) => o.step === s)!.input!.name }
        return { service: s.service, operation: s.operation, input }
      })
      assert.deepEqual(calls.map((c) => ({ ...c, input: JSON.parse(JSON.stringify(c.input)) })), expected, region)
    }
    const job = plans.get(NO_MACIE)!.find((s) => s.operation === 'CreateClassificationJob')!
    const { items } = await clientsFor(NO_MACIE).macie2.send(new ListClassificationJobsCommand({}))
    assert.equal(items?.length, 1)
    // All buckets of the account, less this region's results bucket.
    assert.ok(items![0]!.bucketDefinitions![0]!.buckets!.includes('data-us'))
    assert.ok(!items![0]!.bucketDefinitions![0]!.buckets!.includes(defaultResultsBucket(ACCOUNT, NO_MACIE)))
    assert.match(items![0]!.name!, /^trawl-fix-us-east-1-[0-9a-f]{8}$/)
    assert.equal(job.input.jobType, 'SCHEDULED')
  })

  it('plans nothing the second time (idempotent)', async () => {
    for (const region of REGIONS) {
      const again = await planRemediation(clientsFor(region), before1, options(region))
      assert.deepEqual(
        again.filter((s) => !MANUAL_OPERATIONS.has(s.operation)),
        [],
        region,
      )
    }
  })

  it('leaves Macie2-001 … 007 passing in every region', async () => {
    const after1 = [...(await audit(REGIONS.filter((r) => r !== NO_JOBS))), ...(await audit([NO_JOBS], false))]
    for (const region of REGIONS) {
      const v = verdicts(after1, region)
      for (const id of RULES_FIXED) assert.equal(v[id], 'SUCCESS', `${id} in ${region}: ${after1.find((r) => r.ruleId === id && r.region === region)?.reason}`)
    }
  })

  it('wrote the policies the runbook requires', async () => {
    const { s3, kms } = clientsFor(NO_MACIE)
    const bucket = defaultResultsBucket(ACCOUNT, NO_MACIE)
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy!) as PolicyDocument
    assert.ok(hasHttpsOnlyDeny(policy, bucket))
    assert.ok(allowsMacieWrites(policy, bucket))
    const pab = (await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration
    assert.deepEqual(pab, { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true })
    const { KeyMetadata: key } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/macie-results' }))
    assert.equal(key?.KeyState, 'Enabled')
    const keyPolicy = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: key!.KeyId!, PolicyName: 'default' }))).Policy!) as PolicyDocument
    const macie = keyPolicy.Statement.find((s) => typeof s.Principal === 'object' && s.Principal.Service === 'macie.amazonaws.com')
    assert.deepEqual(macie?.Action, ['kms:GenerateDataKey', 'kms:Encrypt'])
    assert.equal(macie?.Condition?.StringEquals?.['aws:SourceAccount'], ACCOUNT)
  })

  it('stops a region at its first failure and goes on with the others', async () => {
    // trawl's storage has no copy of sa-east-1's results bucket: its export configuration fails.
    const storage = keep(new S3Client({ region: 'us-east-1', endpoint: storageMoto.endpoint, forcePathStyle: true, credentials: TEST_CREDENTIALS }))
    await storage.send(new CreateBucketCommand({ Bucket: defaultResultsBucket(ACCOUNT, 'ap-northeast-1') }))
    const results = await audit(['ap-northeast-1', 'sa-east-1'])
    let text = ''
    const out = { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream
    const code = await runFix(results, { isDryRun: false, isConfirmed: true, options: { accountId: ACCOUNT, jobType: 'SCHEDULED', buckets: ['data-us'] } }, clientsFor, {
      out,
      confirm: () => Promise.reject(new Error('--yes was given: nothing to ask')),
    })
    assert.equal(code, 3, text)
    assert.match(text, /^failed +sa-east-1 {2}Macie2-002 {2}macie2 PutClassificationExportConfiguration: sa-east-1: macie2 PutClassificationExportConfiguration \(Macie2-002\) failed: .*does not exist/m)
    assert.match(text, /^not-run +sa-east-1 {2}Macie2-003 {2}macie2 CreateClassificationJob$/m)
    assert.doesNotMatch(text, /(failed|not-run) +ap-northeast-1/)
    const after1 = await audit(['ap-northeast-1', 'sa-east-1'])
    for (const id of RULES_FIXED) assert.equal(verdicts(after1, 'ap-northeast-1')[id], 'SUCCESS', id)
    assert.equal(verdicts(after1, 'sa-east-1')['Macie2-001'], 'SUCCESS')
    assert.equal(verdicts(after1, 'sa-east-1')['Macie2-003'], 'FAILURE')
  })

  it('refuses to apply without --yes off a terminal, and prints the plan with --dry-run', () => {
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
      AWS_ENDPOINT_URL_S3: auditorMoto.endpoint,
      AWS_ENDPOINT_URL_KMS: auditorMoto.endpoint,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    }
    const trawl = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'audit', '--endpoint-url', serve.endpoint, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    const refused = trawl('--regions', 'ca-central-1', '--fix')
    assert.equal(refused.status, 2, refused.stderr)
    assert.match(refused.stderr, /--yes/)
    const dry = trawl('--regions', 'ca-central-1', '--dry-run', '--account-id', ACCOUNT, '--job-type', 'SCHEDULED', '--format', 'json')
    assert.equal(dry.status, 1, dry.stderr)
    JSON.parse(dry.stdout) // the report stays machine-readable; the plan went to stderr
    assert.match(dry.stderr, /^ca-central-1 {2}Macie2-001 {2}macie2 {2}EnableMacie {2}\{"findingPublishingFrequency":"FIFTEEN_MINUTES","status":"ENABLED"\}$/m)
    assert.match(dry.stderr, /ca-central-1 {2}Macie2-006 {2}s3 {2}PutBucketPolicy/)
    // Nothing changed: Macie is still off there.
    assert.equal(trawl('--regions', 'ca-central-1', '--rules', 'Macie2-001', '--format', 'json').status, 1)
  })
})
